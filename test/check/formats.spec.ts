/**
 * The output formats of `check`: every format renders the one report (json, sarif, junit,
 * markdown), `--output` writes it to a file, and the registration site of each resource (from
 * the stack trace at registration) reaches the report and the SARIF results.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { renderJunit } from "../../policypack/cli/render/junit";
import { MARKDOWN_MARKER, renderMarkdown } from "../../policypack/cli/render/markdown";
import { renderSarif } from "../../policypack/cli/render/sarif";
import { Report, isMandatory } from "../../policypack/cli/report";
import { REPO, parseReport, runCheck, writeProgram } from "./run";
import { assertSarif } from "./sarif";

const AWS_INSECURE = path.join("examples", "aws-ml-platform-insecure");

interface SarifLog {
    runs: {
        tool: {
            driver: {
                name: string;
                rules: {
                    id: string;
                    help: { text: string };
                    helpUri?: string;
                    defaultConfiguration: { level: string };
                    properties: { "security-severity"?: string; tags: string[] };
                }[];
            };
        };
        invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { level: string; descriptor?: { id: string } }[] }[];
        results: {
            ruleId: string;
            ruleIndex: number;
            level: string;
            message: { text: string };
            locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; logicalLocations: { fullyQualifiedName: string }[] }[];
        }[];
    }[];
}

/** The line of `new <ctor>("<name>"` in a program file. */
function lineOf(file: string, ctor: string, name: string): number {
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const i = lines.findIndex((l) => l.includes(`new ${ctor}("${name}"`));
    assert.ok(i >= 0, `new ${ctor}("${name}" in ${file}`);
    return i + 1;
}

describe("check output formats", () => {
    let report: Report;
    before(async () => {
        report = parseReport(await runCheck([AWS_INSECURE, "--format", "json"]));
    });

    it("records where the program registered each resource (file and line, from the stack trace at registration)", () => {
        const entry = path.join(REPO, AWS_INSECURE, "index.ts");
        const notebook = report.resources.find((r) => r.type === "aws:sagemaker/notebookInstance:NotebookInstance")!;
        assert.deepStrictEqual(
            { ...notebook.location, column: undefined },
            { file: "index.ts", line: lineOf(entry, "aws.sagemaker.NotebookInstance", notebook.name), column: undefined },
        );
        // The stack and the default provider are not registered by the program's code.
        assert.strictEqual(report.resources[0].location, undefined);
        assert.ok(report.resources.filter((r) => !r.type.startsWith("pulumi:")).every((r) => r.location?.file === "index.ts"));
    });

    it("lists the metadata of every policy with a finding", () => {
        const used = new Set(report.resources.flatMap((r) => r.diagnostics.map((d) => d.policy)));
        assert.deepStrictEqual(report.policies.map((p) => p.name).sort(), [...used].sort());
        const p = report.policies.find((x) => x.name === "aws-sagemaker-notebook-no-direct-internet")!;
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.ok(p.guidelines.includes("DEP-1"), p.guidelines.join());
        assert.ok(p.remediationSteps && p.url);
    });

    describe("--format sarif", () => {
        let sarif: SarifLog;
        before(() => {
            sarif = JSON.parse(renderSarif(report, { color: false, cwd: REPO })) as SarifLog;
        });

        it("is a valid SARIF 2.1.0 log that GitHub code scanning accepts", () => {
            assertSarif(sarif);
            assert.strictEqual(sarif.runs.length, 1);
            assert.strictEqual(sarif.runs[0].tool.driver.name, "secure-ai-policies");
            assert.strictEqual(sarif.runs[0].invocations[0].executionSuccessful, true);
        });

        it("has one rule per policy: help with remediation steps and URL, level, security-severity, guideline ids as tags", () => {
            const rules = sarif.runs[0].tool.driver.rules;
            assert.deepStrictEqual(
                rules.map((r) => r.id),
                report.policies.map((p) => p.name),
            );
            const rule = rules.find((r) => r.id === "aws-iam-role-trust-not-public")!;
            const policy = report.policies.find((p) => p.name === rule.id)!;
            assert.strictEqual(policy.severity, "critical");
            assert.strictEqual(rule.properties["security-severity"], "9.5");
            assert.strictEqual(rule.defaultConfiguration.level, "error");
            assert.ok(rule.help.text.includes(policy.remediationSteps!) && rule.help.text.includes(policy.url!));
            assert.strictEqual(rule.helpUri, policy.url);
            assert.deepStrictEqual(rule.properties.tags, ["security", ...policy.guidelines]);
            const advisory = rules.find((r) => r.id === "aws-ecr-repository-immutable-tags")!;
            assert.strictEqual(advisory.defaultConfiguration.level, "warning");
        });

        it("has one result per violation, with the resource URN and the program file and line that registered it", () => {
            const results = sarif.runs[0].results;
            const violations = report.resources.flatMap((r) => r.diagnostics.filter((d) => d.kind === "violation"));
            assert.strictEqual(results.length, violations.length);
            assert.strictEqual(results.filter((r) => r.level === "error").length, report.summary.mandatory);
            const notebook = report.resources.find((r) => r.type === "aws:sagemaker/notebookInstance:NotebookInstance")!;
            const result = results.find((r) => r.ruleId === "aws-sagemaker-notebook-no-direct-internet")!;
            assert.strictEqual(sarif.runs[0].tool.driver.rules[result.ruleIndex].id, result.ruleId);
            assert.strictEqual(result.locations[0].logicalLocations[0].fullyQualifiedName, notebook.urn);
            assert.deepStrictEqual(result.locations[0].physicalLocation.artifactLocation, { uri: "examples/aws-ml-platform-insecure/index.ts" });
            assert.strictEqual(result.locations[0].physicalLocation.region.startLine, notebook.location!.line);
            // "Cannot verify" entries are not findings: notifications, not results.
            const notes = sarif.runs[0].invocations[0].toolExecutionNotifications ?? [];
            assert.strictEqual(notes.length, report.summary.unknown);
            assert.ok(notes.every((n) => n.level === "note"));
        });

        it("is what `check --format sarif --output <file>` writes", async () => {
            const file = path.join(writeProgram("sarif-output", {}), "report.sarif");
            const run = await runCheck([AWS_INSECURE, "--format", "sarif", "--output", file]);
            assert.strictEqual(run.code, 1, run.stderr);
            assert.strictEqual(run.stdout, "");
            const written = JSON.parse(fs.readFileSync(file, "utf8")) as SarifLog;
            assertSarif(written);
            assert.deepStrictEqual(written, sarif);
        });
    });

    it("--format junit: a test suite per resource, a failure per mandatory violation, a skipped case per 'cannot verify'", () => {
        const xml = renderJunit(report);
        assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
        const count = (re: RegExp) => (xml.match(re) ?? []).length;
        assert.strictEqual(count(/<testsuite /g), report.resources.length);
        assert.strictEqual(count(/<failure /g), report.summary.mandatory);
        assert.strictEqual(count(/<skipped /g), report.summary.unknown);
        assert.match(
            xml,
            new RegExp(`<testsuites name="secure-ai-policies@[^"]+" tests="\\d+" failures="${report.summary.mandatory}" errors="0" skipped="${report.summary.unknown}"`),
        );
        assert.match(
            xml,
            /<testcase classname="aws:sagemaker\/notebookInstance:NotebookInstance\.research" name="aws-sagemaker-notebook-no-direct-internet">\n {6}<failure type="mandatory"/,
        );
        // Balanced, escaped XML: no raw quote or angle bracket inside attribute values.
        assert.strictEqual(count(/<testcase /g), count(/<\/testcase>/g) + count(/<testcase [^>]*\/>/g));
        assert.doesNotMatch(xml, /="[^"]*[<>][^"]*"/);
    });

    it("--format markdown: a pull-request comment with the mandatory violations and where they are registered", () => {
        const md = renderMarkdown(report, { color: false, cwd: REPO });
        assert.ok(md.startsWith(`${MARKDOWN_MARKER}\n### ❌ secure-ai-policies@v`), md.slice(0, 200));
        assert.ok(md.length < 65536, "fits in a GitHub comment");
        const notebook = report.resources.find((r) => r.type === "aws:sagemaker/notebookInstance:NotebookInstance")!;
        assert.ok(
            md.includes(
                `| \`aws-sagemaker-notebook-no-direct-internet\` | high | \`aws:sagemaker/notebookInstance:NotebookInstance\` \`research\` | \`examples/aws-ml-platform-insecure/index.ts:${notebook.location!.line}\` |`,
            ),
        );
        const mandatoryRows = md.slice(md.indexOf("#### Mandatory violations"), md.indexOf("<details>")).match(/^\| `/gm) ?? [];
        assert.strictEqual(mandatoryRows.length, Math.min(40, report.resources.flatMap((r) => r.diagnostics.filter(isMandatory)).length));
        assert.match(md, /<summary>Advisory violations \(\d+\)<\/summary>/);
        assert.match(md, /<summary>How to fix the mandatory violations<\/summary>/);
    });

    describe("bad input (exit 2, one clear error line)", () => {
        it("an --output path that cannot be written, before the program runs", async () => {
            const missing = await runCheck([AWS_INSECURE, "--format", "sarif", "--output", path.join(REPO, "build", "no-such-dir", "report.sarif")]);
            assert.strictEqual(missing.code, 2);
            assert.deepStrictEqual(
                missing.stderr.split("\n").filter((l) => l),
                [
                    `error: cannot write the report to ${path.join(REPO, "build", "no-such-dir", "report.sarif")}: the directory ${path.join(REPO, "build", "no-such-dir")} does not exist`,
                ],
            );
            const dir = writeProgram("output-is-a-directory", {});
            const directory = await runCheck([AWS_INSECURE, "--format", "sarif", "--output", dir]);
            assert.strictEqual(directory.code, 2);
            assert.match(directory.stderr, /^error: cannot write the report to .*output-is-a-directory: it is a directory\n$/);
        });

        it("an unknown format is a usage error naming the formats", async () => {
            const run = await runCheck([AWS_INSECURE, "--format", "html"]);
            assert.strictEqual(run.code, 2);
            assert.match(run.stderr, /^error: --format must be text, json, sarif, junit or markdown\n/);
        });

        it("a check that cannot run is reported in the SARIF log too", async () => {
            const dir = writeProgram("sarif-error", { "Pulumi.yaml": "name: sarif-error\nruntime: nodejs\n", "index.js": 'throw new Error("no region");\n' });
            const run = await runCheck([dir, "--format", "sarif"]);
            assert.strictEqual(run.code, 2);
            const log = JSON.parse(run.stdout) as SarifLog;
            assertSarif(log);
            assert.strictEqual(log.runs[0].invocations[0].executionSuccessful, false);
            assert.strictEqual(log.runs[0].results.length, 0);
            assert.match(run.stderr, /^error: cannot check .*: the program failed: no region$/m);
        });
    });
});
