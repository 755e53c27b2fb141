/**
 * `check` end to end: the text output, --policy-pack-config with the engine's semantics
 * (levels, remediation, validation), what the engine sees (URNs, parents, providers, unknowns),
 * and every kind of bad input (exit 2 with one clear error naming the cause, the program's
 * own output kept).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { FIXTURES, parseReport, runCheck, writeProgram } from "./run";

const AWS_INSECURE = path.join("examples", "aws-ml-platform-insecure");

function configFile(name: string, config: unknown): string {
    const dir = writeProgram(`config-${name}`, {});
    const file = path.join(dir, "policy-config.json");
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
}

/** One short error line naming the cause; no stack dump. */
function assertCleanError(stderr: string, pattern: RegExp): void {
    const errors = stderr.split("\n").filter((l) => l.startsWith("error: "));
    assert.strictEqual(errors.length, 1, `exactly one error line in:\n${stderr}`);
    assert.match(errors[0], pattern);
    assert.doesNotMatch(stderr, /^\s+at .+:\d+:\d+\)?$/m, `no stack trace without --verbose:\n${stderr}`);
}

describe("check", () => {
    describe("text output", () => {
        it("groups findings by resource like `pulumi preview`, then a summary, and exits 1 on a mandatory violation", async () => {
            const run = await runCheck([AWS_INSECURE]);
            assert.strictEqual(run.code, 1, run.stderr);
            assert.match(run.stdout, /^Policies:\n {4}❌ secure-ai-policies@v\d+\.\d+\.\d+ \(local: /);
            // A resource heading, then its findings with level, severity and policy name, then the message.
            assert.match(
                run.stdout,
                /aws:sagemaker\/notebookInstance:NotebookInstance {2}research\n(.*\n)*? {12}- \[mandatory\] {2}\[severity: high\] {2}aws-sagemaker-notebook-no-direct-internet\n {14}SageMaker notebook instances must not have direct internet access\./,
            );
            assert.match(run.stdout, /\nSummary:\n {4}\d+ resources checked against \d+ policies in [\d.]+ s\n {4}\d+ mandatory, \d+ advisory violations;/);
            // The summary names every mandatory violation (policy and resource), so what fails is seen at once.
            const listed = /\n {4}Mandatory violations:\n((?: {8}.+\n)+) {4}Result: FAILED/.exec(run.stdout);
            assert.ok(listed, run.stdout);
            const mandatory = Number(/(\d+) mandatory, /.exec(run.stdout)![1]);
            assert.strictEqual(listed[1].trimEnd().split("\n").length, mandatory);
            assert.match(listed[1], /^ {8}aws-sagemaker-notebook-no-direct-internet {2}on aws:sagemaker\/notebookInstance:NotebookInstance {2}research$/m);
        });
    });

    describe("--policy-pack-config", () => {
        it('applies "all" first and then each policy, like the engine', async () => {
            const file = configFile("levels", { all: "advisory", "aws-ecr-policy-no-public-access": "mandatory" });
            const report = parseReport(await runCheck([AWS_INSECURE, "--format", "json", "--policy-pack-config", file]));
            const levels = new Map(report.resources.flatMap((r) => r.diagnostics.map((d) => [d.policy, d.enforcementLevel] as const)));
            assert.strictEqual(levels.get("aws-ecr-policy-no-public-access"), "mandatory");
            assert.strictEqual(levels.get("aws-sagemaker-notebook-root-disabled"), "advisory");
            assert.strictEqual(report.summary.mandatory, 1);
            assert.strictEqual(report.summary.exitCode, 1);
        });

        it("exits 0 when every violation is advisory", async () => {
            const file = configFile("advisory", { all: "advisory" });
            const run = await runCheck([AWS_INSECURE, "--policy-pack-config", file]);
            assert.strictEqual(run.code, 0, run.stderr);
            assert.match(run.stdout, /Result: PASSED/);
        });

        it("runs Remediate before Analyze, shows the remediation, and Analyze sees the remediated inputs", async () => {
            const file = configFile("remediate", { "aws-ecr-repository-scan-on-push": "remediate", "aws-sagemaker-notebook-root-disabled": "remediate" });
            const run = await runCheck([AWS_INSECURE, "--format", "json", "--policy-pack-config", file]);
            const report = parseReport(run);
            const repo = report.resources.find((r) => r.type === "aws:ecr/repository:Repository")!;
            assert.strictEqual(repo.remediations.length, 1);
            assert.strictEqual(repo.remediations[0].policy, "aws-ecr-repository-scan-on-push");
            assert.ok(
                repo.remediations[0].changed.some((p) => p.startsWith("imageScanningConfiguration")),
                repo.remediations[0].changed.join(),
            );
            assert.ok(!repo.diagnostics.some((d) => d.policy === "aws-ecr-repository-scan-on-push"), "the remediated setting no longer violates");
            const notebook = report.resources.find((r) => r.type === "aws:sagemaker/notebookInstance:NotebookInstance")!;
            assert.deepStrictEqual(
                notebook.remediations.map((x) => x.changed),
                [["rootAccess"]],
            );
            assert.strictEqual(report.summary.remediations, 2);

            const text = await runCheck([AWS_INSECURE, "--policy-pack-config", file]);
            assert.match(text.stdout, /✎ \[remediated\] {2}aws-sagemaker-notebook-root-disabled\n(.*\n)*? {14}changed: rootAccess/);
        });

        it("validates settings against each policy's schema and refuses invalid config (exit 2)", async () => {
            const file = configFile("invalid", { "aws-ecr-repository-immutable-tags": { allowImmutableWithExclusion: "yes" } });
            const run = await runCheck([AWS_INSECURE, "--policy-pack-config", file]);
            assert.strictEqual(run.code, 2);
            assert.match(
                run.stderr,
                /validating policy config for "secure-ai-policies":\n {2}aws-ecr-repository-immutable-tags: allowImmutableWithExclusion: Invalid type\. Expected: boolean, given: string/,
            );
        });

        it("refuses unknown policy names and settings, naming each and the nearest valid name (exit 2, as the pack refuses Configure)", async () => {
            const file = configFile("typos", {
                "azure-cognitive-deployment-approved-models": { approvedFormat: ["OpenAI"] },
                "aws-ecr-repositry-kms": "mandatory",
            });
            const run = await runCheck([path.join(FIXTURES, "chatty"), "--policy-pack-config", file]);
            assert.strictEqual(run.code, 2);
            assertCleanError(run.stderr, /invalid policy config for secure-ai-policies:$/);
            assert.match(run.stderr, /^ {2}azure-cognitive-deployment-approved-models: approvedFormat: this policy has no such setting \(did you mean "approvedFormats"\?\)/m);
            assert.match(run.stderr, /^ {2}aws-ecr-repositry-kms: no policy of this name in the pack \(did you mean "aws-ecr-repository-kms"\?\)$/m);
        });

        it("refuses an invalid enforcement level and a file that is not JSON (exit 2)", async () => {
            const level = await runCheck([AWS_INSECURE, "--policy-pack-config", configFile("level", { all: "strict" })]);
            assert.strictEqual(level.code, 2);
            assertCleanError(level.stderr, /"strict" is not a valid enforcement level/);
            const dir = writeProgram("config-broken", { "policy-config.json": "{ all: advisory" });
            const broken = await runCheck([AWS_INSECURE, "--policy-pack-config", path.join(dir, "policy-config.json")]);
            assert.strictEqual(broken.code, 2);
            assertCleanError(broken.stderr, /is not valid JSON/);
        });
    });

    describe("what the pack sees", () => {
        it("previews: outputs of new resources are unknown; what the graph settles passes, the rest is 'cannot verify', once per resource", async () => {
            const dir = writeProgram("unknowns", {
                "Pulumi.yaml": "name: unknowns\nruntime: nodejs\n",
                "index.ts": [
                    'import * as aws from "@pulumi/aws";',
                    'const key = new aws.kms.Key("k", { enableKeyRotation: true });',
                    "// The key's ARN comes from the program's own key: the graph settles that it is customer-managed.",
                    'new aws.ecr.Repository("own", { imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true },',
                    '    encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key.arn }] });',
                    "// Through a parameter, the graph cannot tell which key it is.",
                    'const shared = new aws.ssm.Parameter("key-arn", { type: "String", value: key.arn });',
                    'new aws.ecr.Repository("r", { imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true },',
                    '    encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: shared.value }] });',
                ].join("\n"),
            });
            // The repositories carry no AI tag: allDataStores has the policy judge them all the same.
            const judgeAll = configFile("unknowns", { "aws-ecr-repository-kms": { allDataStores: true } });
            const report = parseReport(await runCheck([dir, "--format", "json", "--policy-pack-config", judgeAll]));
            assert.deepStrictEqual(report.resources.find((r) => r.name === "own")!.diagnostics, []);
            const repo = report.resources.find((r) => r.name === "r")!;
            assert.strictEqual(repo.urn, "urn:pulumi:dev::unknowns::pulumi:pulumi:Stack$aws:ecr/repository:Repository::r");
            assert.deepStrictEqual(
                repo.diagnostics.map((d) => [d.policy, d.kind, d.enforcementLevel, d.stage]),
                [["ai-preview-unknown-values", "unknown", "advisory", "stack"]],
            );
            assert.match(repo.diagnostics[0].message, /cannot verify until the values are known[^]*\n- aws-ecr-repository-kms: encryptionConfigurations\[0\]\.kmsKey\n/);
            // The engine creates the default provider before its first resource.
            assert.deepStrictEqual(
                report.resources.map((r) => r.type),
                ["pulumi:pulumi:Stack", "pulumi:providers:aws", "aws:kms/key:Key", "aws:ecr/repository:Repository", "aws:ssm/parameter:Parameter", "aws:ecr/repository:Repository"],
            );
            assert.match(report.resources[1].urn, /^urn:pulumi:dev::unknowns::pulumi:providers:aws::default_\d+_\d+_\d+$/);
            assert.strictEqual(report.summary.unknown, 1);
            assert.strictEqual(report.summary.exitCode, 0);

            // In text, a "cannot verify" is not shown with a level and severity as if it were a violation.
            const text = await runCheck([dir, "--policy-pack-config", judgeAll]);
            assert.match(text.stdout, /\n {12}\? \[cannot verify\] {2}ai-preview-unknown-values[^\n]*\n {14}.*\n {14}cannot verify until the values are known/);
            assert.doesNotMatch(text.stdout, /\[(advisory|severity: \w+)\] .*ai-preview-unknown-values/);
            assert.doesNotMatch(text.stdout, /Mandatory violations:/);
        });
    });

    describe("the AWS provider's default tags (stack config aws:defaultTags)", () => {
        it("mark an untagged bucket as an AI data store, as on `pulumi preview`", async () => {
            const program = (name: string, defaultTags: string) =>
                writeProgram(`default-tags-${name}`, {
                    "Pulumi.yaml": "name: default-tags\nruntime: nodejs\n",
                    "Pulumi.dev.yaml": `config:\n  aws:defaultTags:\n    tags:\n      ${defaultTags}\n`,
                    "index.ts": 'import * as aws from "@pulumi/aws";\nnew aws.s3.Bucket("data", { forceDestroy: true });\n',
                });
            const policies = (dir: string) =>
                runCheck([dir, "--format", "json"]).then((run) =>
                    parseReport(run)
                        .resources.find((r) => r.name === "data")!
                        .diagnostics.map((d) => d.policy),
                );
            assert.ok((await policies(program("ai", "ai-workload: training"))).includes("aws-s3-bucket-no-force-destroy"));
            assert.ok(!(await policies(program("web", "team: web"))).includes("aws-s3-bucket-no-force-destroy"));
        });
    });

    describe("program kinds", () => {
        it("runs JavaScript ES module programs (package.json type: module)", async () => {
            const dir = writeProgram("esm", {
                "Pulumi.yaml": "name: esm\nruntime: nodejs\n",
                "package.json": JSON.stringify({ name: "esm", type: "module", main: "index.js" }),
                "index.js": 'import * as aws from "@pulumi/aws";\nnew aws.ecr.Repository("models", { tags: { "ai-workload": "true" } });\n',
            });
            const run = await runCheck([dir, "--format", "json"]);
            const report = parseReport(run);
            assert.strictEqual(report.status, "failed", run.stderr);
            const repo = report.resources.find((r) => r.type === "aws:ecr/repository:Repository")!;
            assert.ok(repo.diagnostics.some((d) => d.policy === "aws-ecr-repository-scan-on-push" && d.kind === "violation"));
            assert.strictEqual(report.summary.exitCode, 1);
        });

        it('runs TypeScript programs whose tsconfig uses "module": "node16"/"nodenext" with the matching moduleResolution', async () => {
            for (const kind of ["node16", "nodenext"]) {
                const dir = writeProgram(`module-${kind}`, {
                    "Pulumi.yaml": `name: module-${kind}\nruntime: nodejs\n`,
                    // Valid for tsc: a CommonJS package; a relative import names the module's output (.js).
                    "tsconfig.json": JSON.stringify({ compilerOptions: { module: kind, moduleResolution: kind, target: "es2022", strict: true, resolvePackageJsonExports: true } }),
                    "naming.ts": "export const aiName = (s: string): string => `ai-${s}`;\n",
                    "index.ts": [
                        'import * as aws from "@pulumi/aws";',
                        'import { aiName } from "./naming.js";',
                        'const repo = new aws.ecr.Repository(aiName("models"), { imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true } });',
                        "export const url = repo.repositoryUrl;",
                    ].join("\n"),
                });
                const run = await runCheck([dir, "--format", "json"]);
                const report = parseReport(run);
                assert.strictEqual(report.status, "passed", `${kind}: ${run.stderr}`);
                assert.ok(
                    report.resources.some((r) => r.type === "aws:ecr/repository:Repository" && r.name === "ai-models"),
                    kind,
                );
            }
        });
    });

    describe("multi-language (remote) components", () => {
        it("names each one check could not expand, in text, JSON and the summary, and does not call the run clean", async () => {
            const dir = path.join(FIXTURES, "remote-components");
            const run = await runCheck([dir, "--format", "json"]);
            const report = parseReport(run);
            assert.strictEqual(report.summary.exitCode, 0, run.stderr);
            assert.strictEqual(report.summary.notAnalysed, 2);
            const unseen = report.resources.filter((r) => r.notAnalysed).map((r) => [r.type, r.name]);
            assert.deepStrictEqual(unseen.sort(), [
                ["awsx:ec2:Vpc", "network"],
                ["awsx:ecr:Repository", "models"],
            ]);
            const repo = report.resources.find((r) => r.type === "awsx:ecr:Repository")!;
            assert.match(repo.notAnalysed!, /^not analysed: awsx:ecr:Repository models — .*run a real preview to check what it creates$/);
            // A local component is run by check, so it is analysed.
            assert.strictEqual(report.resources.find((r) => r.type === "example:index:Naming")?.notAnalysed, undefined);

            const text = await runCheck([dir]);
            assert.strictEqual(text.code, 0, text.stderr);
            assert.match(text.stdout, /awsx:ecr:Repository {2}models\n {12}\? not analysed: awsx:ecr:Repository models — /);
            assert.match(text.stdout, /\nSummary:\n(.*\n)* {4}not analysed: awsx:ecr:Repository models — run a real preview to check what it creates\n/);
            assert.match(text.stdout, /Result: PASSED \(no mandatory violation; 2 components were not analysed, so this is not a clean run\)/);
        });
    });

    describe("bad input (exit 2, one clear error, no stack dump)", () => {
        it("a missing directory", async () => {
            const run = await runCheck([path.join(FIXTURES, "does-not-exist")]);
            assert.strictEqual(run.code, 2);
            assertCleanError(run.stderr, /does-not-exist: the directory does not exist$/);
            assert.strictEqual(run.stdout, "");
        });

        it("a directory without Pulumi.yaml", async () => {
            const run = await runCheck([path.join(FIXTURES, "no-project")]);
            assert.strictEqual(run.code, 2);
            assertCleanError(run.stderr, /no-project: it has no Pulumi\.yaml, so it is not a Pulumi program$/);
        });

        it("a program in another language", async () => {
            const run = await runCheck([path.join(FIXTURES, "not-nodejs")]);
            assert.strictEqual(run.code, 2);
            assertCleanError(run.stderr, /check runs Node\.js programs only, and this program's runtime is "python"/);
        });

        it("a program that throws: its own message, and the stack only with --verbose", async () => {
            const run = await runCheck([path.join(FIXTURES, "throws")]);
            assert.strictEqual(run.code, 2);
            assertCleanError(run.stderr, /the program failed: boom: the training data bucket needs a name$/);
            assert.match(run.stderr, /run with --verbose for details/);
            const verbose = await runCheck([path.join(FIXTURES, "throws"), "--verbose"]);
            assert.strictEqual(verbose.code, 2);
            assert.match(verbose.stderr, /at .*fixtures[\\/]throws[\\/]index\.js:4/);
        });

        it("a program that does not compile: the compiler's message with file and position", async () => {
            const dir = writeProgram("compile-error", {
                "Pulumi.yaml": "name: compile-error\nruntime: nodejs\n",
                "index.ts": 'import * as aws from "@pulumi/aws";\nconst bucket = new aws.s3.Bucket("data", {;\n',
            });
            const run = await runCheck([dir]);
            assert.strictEqual(run.code, 2);
            assert.match(run.stderr, /^error: cannot check .*compile-error: the program does not compile:\nindex\.ts\(2,\d+\): error TS\d+: /m);
            assert.doesNotMatch(run.stderr, /^\s+at /m);
        });

        it("a module the program imports is missing: one line naming it, without the require stack", async () => {
            const dir = writeProgram("missing-module", {
                "Pulumi.yaml": "name: missing-module\nruntime: nodejs\n",
                "index.js": 'require("./settings");\nrequire("@example/not-installed");\n',
                "settings.js": 'require("@example/not-installed");\n',
            });
            const run = await runCheck([dir]);
            assert.strictEqual(run.code, 2);
            assertCleanError(run.stderr, /the program failed: Cannot find module '@example\/not-installed': run `npm install` in the program directory$/);
            assert.doesNotMatch(run.stderr, /Require stack/);
        });

        it("an invoke the mocks cannot answer: names the data source", async () => {
            const run = await runCheck([path.join(FIXTURES, "unknown-invoke")]);
            assert.strictEqual(run.code, 2);
            assertCleanError(run.stderr, /the program calls the data source `aws:ec2\/getAmi:getAmi`, which check cannot answer offline/);
        });

        it("an unanswerable invoke whose result feeds an exported resource: the same error, at once, and the program's output", async () => {
            const run = await runCheck([path.join(FIXTURES, "unknown-invoke-exported")]);
            assert.strictEqual(run.code, 2);
            assertCleanError(run.stderr, /the program calls the data source `aws:ec2\/getAmi:getAmi`, which check cannot answer offline/);
            assert.doesNotMatch(run.stderr, /promises were still active|exited \(code/);
            assert.match(run.stdout, /looking up the GPU image/);
            assert.ok(run.ms < 60_000, `took ${run.ms} ms`);
            const json = parseReport(await runCheck([path.join(FIXTURES, "unknown-invoke-exported"), "--format", "json"]));
            assert.strictEqual(json.error?.cause, "invoke");
        });

        it("a program whose outputs wait on a promise nobody settles: says so instead of Pulumi's leak report", async () => {
            const dir = writeProgram("never-settles", {
                "Pulumi.yaml": "name: never-settles\nruntime: nodejs\n",
                "index.js": "exports.endpoint = new Promise(() => undefined);\n",
            });
            const run = await runCheck([dir]);
            assert.strictEqual(run.code, 2);
            assertCleanError(run.stderr, /the program stopped before it finished: it waits on a value that never comes/);
            assert.doesNotMatch(run.stderr, /promises were still active/);
        });

        it("config the program requires: names the key and says to give it with `check --config`, not `pulumi config set`", async () => {
            const dir = path.join(FIXTURES, "config-required");
            const secret = await runCheck([dir]);
            assert.strictEqual(secret.code, 2);
            assert.match(secret.stderr, /^warning: secret config values cannot be decrypted offline and are left unset: config-required:dbPassword \(.*--config key=value\)$/m);
            assertCleanError(
                secret.stderr,
                /the program needs the secret config value config-required:dbPassword, which check cannot decrypt offline: give it with `check --config config-required:dbPassword=<value>`/,
            );
            assert.doesNotMatch(secret.stderr, /pulumi config set/);

            const plain = await runCheck([dir, "--config", "dbPassword=not-a-real-secret", "--format", "json"]);
            assert.strictEqual(plain.code, 2);
            assert.doesNotMatch(plain.stderr, /left unset/, "a secret given with --config is not left unset");
            assertCleanError(
                plain.stderr,
                /the program needs the config value config-required:modelName, which is not set: give it with `check --config config-required:modelName=<value>`, or set it in Pulumi\.dev\.yaml$/,
            );
            assert.strictEqual(parseReport(plain).error?.cause, "config");

            const both = await runCheck([dir, "--config", "config-required:dbPassword=x", "--config", "modelName=m"]);
            assert.strictEqual(both.code, 0, both.stderr);
            assert.doesNotMatch(both.stderr, /warning|error/);
        });

        it("a program that never finishes: stopped after --timeout", async () => {
            const dir = writeProgram("hangs", {
                "Pulumi.yaml": "name: hangs\nruntime: nodejs\n",
                "index.js": "module.exports = new Promise(() => setInterval(() => undefined, 1000));\n",
            });
            const run = await runCheck([dir, "--timeout", "3"]);
            assert.strictEqual(run.code, 2);
            assertCleanError(run.stderr, /the program did not finish within 3 s \(--timeout\)$/);
        });

        it("reports the error in the JSON report too", async () => {
            const run = await runCheck([path.join(FIXTURES, "throws"), "--format", "json"]);
            assert.strictEqual(run.code, 2);
            const report = parseReport(run);
            assert.strictEqual(report.status, "error");
            assert.deepStrictEqual(report.error, { cause: "program", message: "the program failed: boom: the training data bucket needs a name" });
            assert.strictEqual(report.summary.exitCode, 2);
        });

        it("unknown options and a missing directory argument are usage errors", async () => {
            const run = await runCheck(["--frobnicate"]);
            assert.strictEqual(run.code, 2);
            assert.match(run.stderr, /^error: unknown option --frobnicate\n\nUsage: secure-ai-policies check/);
        });
    });

    describe("the program's own output", () => {
        it("is passed through: stdout to stdout in text mode", async () => {
            const run = await runCheck([path.join(FIXTURES, "chatty")]);
            assert.strictEqual(run.code, 0, run.stderr);
            assert.match(run.stdout, /^chatty-stdout: building the registry\n/);
            assert.match(run.stderr, /chatty-stderr: using defaults/);
        });

        it("goes to stderr with --format json, so stdout stays one JSON document", async () => {
            const run = await runCheck([path.join(FIXTURES, "chatty"), "--format", "json"]);
            assert.strictEqual(run.code, 0, run.stderr);
            const report = parseReport(run);
            assert.strictEqual(report.status, "passed");
            assert.match(run.stderr, /chatty-stdout: building the registry/);
            assert.match(run.stderr, /chatty-stderr: using defaults/);
        });

        it("is kept when the program fails", async () => {
            const dir = writeProgram("chatty-fails", {
                "Pulumi.yaml": "name: chatty-fails\nruntime: nodejs\n",
                "index.js": 'console.log("about to fail");\nconsole.error("warning: no region");\nthrow new Error("region is required");\n',
            });
            const run = await runCheck([dir]);
            assert.strictEqual(run.code, 2);
            assert.match(run.stdout, /about to fail/);
            assert.match(run.stderr, /warning: no region\n(.*\n)*error: cannot check .*: the program failed: region is required/);
        });
    });
});
