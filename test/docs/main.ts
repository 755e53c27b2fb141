/** `npm run docs`: writes the generated documentation. */
import * as fs from "fs";
import * as path from "path";
import { renderConstraints, renderFrameworkCoverage, renderGuidelineCoverage, renderReadme, renderReference } from "./generate";

const root = path.resolve(__dirname, "..", "..", "..");
const readme = path.join(root, "README.md");
fs.writeFileSync(readme, renderReadme(fs.readFileSync(readme, "utf8")));
fs.writeFileSync(path.join(root, "policypack", "docs", "POLICIES.md"), renderReference());
fs.writeFileSync(path.join(root, "policypack", "docs", "GUIDELINES.md"), renderGuidelineCoverage());
fs.writeFileSync(path.join(root, "policypack", "docs", "CONSTRAINTS.md"), renderConstraints());
fs.writeFileSync(path.join(root, "policypack", "docs", "FRAMEWORKS.md"), renderFrameworkCoverage());
console.log("wrote README.md, policypack/docs/POLICIES.md, policypack/docs/GUIDELINES.md, policypack/docs/CONSTRAINTS.md, policypack/docs/FRAMEWORKS.md");
