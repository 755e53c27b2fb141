import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { handedOver } from "../policypack/lib/handover";
import { detailsOf } from "../policypack/lib/policy";
import { policies } from "../policypack/registry";
import { CATALOGUE } from "./docs/catalogue";
import { OMITTED, renderConstraints, renderFrameworkCoverage, renderGuidelineCoverage, renderReadme, renderReference } from "./docs/generate";
import { REPO } from "./support/harness";

function read(rel: string): string {
    return fs.readFileSync(path.join(REPO, rel), "utf8");
}

describe("generated documentation", () => {
    it("README policy table and coverage section are current (run `npm run docs`)", () => {
        const readme = read("README.md");
        assert.strictEqual(readme, renderReadme(readme));
    });
    it("policypack/docs/POLICIES.md is current (run `npm run docs`)", () => {
        assert.strictEqual(read("policypack/docs/POLICIES.md"), renderReference());
    });
    it("policypack/docs/GUIDELINES.md is current (run `npm run docs`)", () => {
        assert.strictEqual(read("policypack/docs/GUIDELINES.md"), renderGuidelineCoverage());
    });
    it("policypack/docs/FRAMEWORKS.md is current (run `npm run docs`)", () => {
        assert.strictEqual(read("policypack/docs/FRAMEWORKS.md"), renderFrameworkCoverage());
    });
    it("policypack/docs/CONSTRAINTS.md is current (run `npm run docs`)", () => {
        assert.strictEqual(read("policypack/docs/CONSTRAINTS.md"), renderConstraints());
    });
    it("every README table row names a registered policy, and every policy has a row", () => {
        const rows = [...read("README.md").matchAll(/^\| \[`([a-z0-9-]+)`\]/gm)].map((m) => m[1]);
        assert.deepStrictEqual(
            rows,
            policies.map((p) => p.name),
        );
    });
    it('the README\'s "Which resources count as AI" lists exactly the controls judged in the stack pass for graph-proven AI data stores', () => {
        const readme = read("README.md");
        const section = readme.slice(readme.indexOf("## Which resources count as AI"), readme.indexOf("\n## ", readme.indexOf("## Which resources count as AI") + 1));
        const paragraph = section.slice(section.indexOf("These are"), section.indexOf("; each policy's entry"));
        const listed = [...paragraph.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]);
        assert.deepStrictEqual(
            listed.sort(),
            handedOver(policies)
                .map((p) => p.name)
                .sort(),
        );
    });
    it("cites only catalogue rows that exist, and never both implements and omits one", () => {
        const ids = new Set(CATALOGUE.map((c) => c.id));
        for (const p of policies) {
            for (const c of detailsOf(p).controls) {
                assert.ok(ids.has(c), `${p.name} cites unknown control ${c}`);
                assert.ok(OMITTED[c] === undefined, `${c} is implemented by ${p.name} but listed as omitted`);
            }
        }
        for (const id of Object.keys(OMITTED)) {
            assert.ok(ids.has(id), `omitted row ${id} is not in the catalogue`);
        }
    });
});
