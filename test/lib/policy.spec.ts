import * as assert from "assert";
import type { ResourceValidationArgs } from "@pulumi/policy";
import { resourcePolicy } from "../../policypack/lib/policy";

describe("lib/policy: a policy that fails never fails the preview", () => {
    it("is reported as an advisory naming the error's kind and place, never its text (which may quote a value)", async () => {
        const policy = resourcePolicy({
            name: "test-failing-policy",
            description: "Fails.",
            severity: "critical",
            guidelines: ["DEP-1"],
            controls: [],
            theme: "access",
            remediationSteps: "-",
            url: "https://example.com",
            resourceTypes: ["aws:s3/bucket:Bucket"],
            validate(r) {
                r.violation("a finding made before the failure is still reported");
                JSON.parse(`{"password": "${String(r.raw("secret"))}`);
            },
        });
        const reported: unknown[] = [];
        const args = {
            type: "aws:s3/bucket:Bucket",
            props: { secret: "s3cr3t-value" },
            urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b",
            name: "b",
            getConfig: () => ({}),
            notApplicable: () => {
                throw new Error("not applicable");
            },
        } as unknown as ResourceValidationArgs;
        const validate = policy.validateResource as (args: ResourceValidationArgs, report: (m: unknown, urn?: string) => void) => void;
        validate(args, (m) => void reported.push(m));
        assert.strictEqual(reported[0], "a finding made before the failure is still reported");
        const failure = reported[1] as { message: string; enforcementLevel: string };
        assert.strictEqual(failure.enforcementLevel, "advisory");
        assert.match(
            failure.message,
            /^Fails\.\ncannot evaluate this resource: the policy failed \(SyntaxError at (bin|policypack|build\/policypack)\/[^)]*\)\. Please report this/,
        );
        assert.doesNotMatch(JSON.stringify(reported), /s3cr3t/);
    });
});
