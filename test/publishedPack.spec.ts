/**
 * The published artefact: `npm pack` of this repository, unpacked into an empty folder and
 * installed with production dependencies only (as the Pulumi service's runners install a pack
 * published with `pulumi policy publish`), then driven through the Analyzer protocol.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Report, expectedOf } from "../policypack/cli/report";
import type { PolicyPackProcess } from "../policypack/engine/analyzer";
import { outcomeOf, REPO, startPack } from "./support/harness";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

describe("the published pack", function () {
    this.timeout(600000);
    let dir: string;
    let pack: PolicyPackProcess | undefined;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "secure-ai-policies-published-"));
        // bin/ is already built by `npm test`; --ignore-scripts skips rebuilding it.
        const tarball = execFileSync(npm, ["pack", "--ignore-scripts", "--silent", "--pack-destination", dir], { cwd: REPO, encoding: "utf8" }).trim().split("\n").pop()!;
        const installDir = path.join(dir, "pack");
        fs.mkdirSync(installDir);
        execFileSync("tar", ["xzf", path.join(dir, tarball), "-C", installDir, "--strip-components", "1"]);
        // Runs the pack's `prepare`, which must not try to rebuild: the tarball has no sources.
        execFileSync(npm, ["install", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: installDir, stdio: ["ignore", "ignore", "pipe"] });
    });
    after(async () => {
        await pack?.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("contains the compiled pack and its metadata, not the sources or tests", () => {
        const installDir = path.join(dir, "pack");
        for (const f of ["package.json", "PulumiPolicy.yaml", "README.md", "bin/index.js", "bin/registry.js"]) {
            assert.ok(fs.existsSync(path.join(installDir, f)), `missing ${f}`);
        }
        for (const f of ["test", "build", "examples"]) {
            assert.ok(!fs.existsSync(path.join(installDir, f)), `should not ship ${f}`);
        }
        // Of the sources, only the JSON schema of `check --format json` ships, as documentation.
        assert.deepStrictEqual(fs.readdirSync(path.join(installDir, "policypack"), { recursive: true }).sort(), ["cli", path.join("cli", "report.schema.json")]);
        assert.ok(fs.existsSync(path.join(installDir, "bin", "cli", "main.js")), "the check command ships");
    });

    it("installs with production dependencies only: no cloud SDK, no test tooling", () => {
        const modules = path.join(dir, "pack", "node_modules");
        assert.ok(fs.existsSync(path.join(modules, "@pulumi", "policy")));
        assert.ok(fs.existsSync(path.join(modules, "@pulumi", "pulumi")));
        // (typescript is present: @pulumi/pulumi itself depends on it.)
        for (const m of ["@pulumi/aws", "@pulumi/azure-native", "mocha", "ajv", "@types/mocha"]) {
            assert.ok(!fs.existsSync(path.join(modules, m)), `${m} should not be installed`);
        }
    });

    it("exports secure-ai-policies/testing: checkProgram in a clean folder returns the report of `check --format json`", async () => {
        // A consumer project with the published package in its node_modules.
        const consumer = path.join(dir, "consumer");
        fs.mkdirSync(path.join(consumer, "node_modules"), { recursive: true });
        fs.symlinkSync(path.join(dir, "pack"), path.join(consumer, "node_modules", "secure-ai-policies"), "dir");
        fs.writeFileSync(
            path.join(consumer, "check.js"),
            [
                'const { checkProgram, mandatoryViolations } = require("secure-ai-policies/testing");',
                'const schema = require("secure-ai-policies/report.schema.json");',
                "checkProgram(process.argv[2], { timeout: 300 }).then((report) => {",
                "    process.stdout.write(JSON.stringify({ report, schema: schema.title, mandatory: mandatoryViolations(report).length }));",
                "});",
            ].join("\n"),
        );
        const out = execFileSync(process.execPath, ["check.js", path.join(REPO, "examples", "aws-ml-platform-insecure")], { cwd: consumer, encoding: "utf8" });
        const { report, schema, mandatory } = JSON.parse(out) as { report: Report; schema: string; mandatory: number };
        assert.strictEqual(schema, "secure-ai-policies check report");
        assert.strictEqual(report.status, "failed", report.error?.message);
        assert.strictEqual(report.policyPack.directory, path.join(dir, "pack"));
        const expected = JSON.parse(fs.readFileSync(path.join(REPO, "examples", "aws-ml-platform-insecure", "expected-violations.json"), "utf8")) as { violations: unknown[] };
        assert.deepStrictEqual(expectedOf(report), expected.violations);
        assert.strictEqual(mandatory, report.summary.mandatory);
        // Only the exported entry points resolve.
        assert.throws(() => execFileSync(process.execPath, ["-e", 'require("secure-ai-policies/bin/cli/check.js")'], { cwd: consumer, stdio: "pipe" }));
    });

    it("runs through the engine's launcher and judges resources", async () => {
        pack = await startPack({}, { packDir: path.join(dir, "pack") });
        const info = await pack.getAnalyzerInfo();
        assert.strictEqual(info.name, "secure-ai-policies");
        const res = await pack.analyze({
            type: "aws:sagemaker/notebookInstance:NotebookInstance",
            name: "nb",
            properties: { instanceType: "ml.t3.medium", roleArn: "arn:aws:iam::111122223333:role/nb" },
        });
        assert.strictEqual(outcomeOf(res, "aws-sagemaker-notebook-no-direct-internet"), "violation");
        assert.strictEqual(res.diagnostics.find((d) => d.policyName === "aws-sagemaker-notebook-no-direct-internet")?.enforcementLevel, "mandatory");
    });
});
