/**
 * The testing API (`secure-ai-policies/testing`) in-process, as a platform team's test file uses
 * it: checkProgram on a program directory, checkComponent on resources created in the test itself.
 * (test/publishedPack.spec.ts checks the same entry point from the packed tarball.)
 */
import * as aws from "@pulumi/aws";
import * as assert from "assert";
import * as path from "path";
import { checkComponent, checkProgram, mandatoryViolations } from "../../policypack/testing";
import { FIXTURES, REPO } from "./run";

describe("secure-ai-policies/testing", () => {
    it("checkProgram resolves with the report, and with status error (not a rejection) for a program that cannot be checked", async () => {
        const passed = await checkProgram(path.join(FIXTURES, "chatty"));
        assert.strictEqual(passed.status, "passed", passed.error?.message);
        assert.strictEqual(passed.summary.exitCode, 0);
        const missing = await checkProgram(path.join(FIXTURES, "does-not-exist"));
        assert.strictEqual(missing.status, "error");
        assert.deepStrictEqual(missing.error, { cause: "no-directory", message: "the directory does not exist" });
    });

    it("checkComponent checks what a component creates in the test process, with the line that created it", async () => {
        // (A named function: Pulumi's stack-trace parser finds no file position for an anonymous one.)
        const report = await checkComponent(function createRegistry() {
            new aws.ecr.Repository("models", { forceDelete: false, tags: { "ai-workload": "model-serving" } });
        });
        assert.strictEqual(report.status, "failed");
        assert.strictEqual(report.program.project, "test");
        const repo = report.resources.find((r) => r.type === "aws:ecr/repository:Repository")!;
        assert.strictEqual(repo.urn, "urn:pulumi:dev::test::pulumi:pulumi:Stack$aws:ecr/repository:Repository::models");
        assert.ok(repo.diagnostics.some((d) => d.policy === "aws-ecr-repository-scan-on-push" && d.kind === "violation"));
        assert.ok(mandatoryViolations(report).some((v) => v.startsWith("aws-ecr-repository-scan-on-push on aws:ecr/repository:Repository::models: ")));
        assert.match(repo.location?.file ?? "", /testing\.spec\.(js|ts)$/);
        assert.ok(path.resolve(REPO, repo.location!.file).startsWith(REPO));

        // Again in the same process, with the setting fixed and the policy pack config applied.
        const fixed = await checkComponent(
            () => {
                new aws.ecr.Repository("models", { imageScanningConfiguration: { scanOnPush: true }, imageTagMutability: "IMMUTABLE", tags: { "ai-workload": "model-serving" } });
            },
            { policyPackConfig: { all: "advisory" } },
        );
        assert.strictEqual(fixed.status, "passed", fixed.error?.message);
        const again = fixed.resources.find((r) => r.type === "aws:ecr/repository:Repository")!;
        assert.ok(!again.diagnostics.some((d) => d.policy === "aws-ecr-repository-scan-on-push"));
    });

    it("checkComponent reports a component that throws as an error", async () => {
        const report = await checkComponent(() => {
            throw new Error("bucket name missing");
        });
        assert.strictEqual(report.status, "error");
        assert.deepStrictEqual(report.error, { cause: "program", message: "the component failed: bucket name missing" });
    });
});
