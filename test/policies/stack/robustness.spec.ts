import * as assert from "assert";
import type { AnalyzeResult, StackResource } from "../../../policypack/engine/analyzer";
import { UNKNOWN_VALUES } from "../../support/harness";
import { usePack } from "../../support/cases";
import { assertExactly, assertNoViolation, awsStack, azureStack, byName, findings, patch, res, syntheticStack, T, urnOf } from "./support";

/** No policy crashed: a failing policy reports "the policy failed" instead of judging. */
function assertNoCrash(result: AnalyzeResult): void {
    const crashed = result.diagnostics.filter((d) => d.message.includes("the policy failed"));
    assert.deepStrictEqual(
        crashed.map((d) => `${d.policyName}: ${d.message}`),
        [],
    );
}

describe("stack: bad input never throws", function () {
    const pack = usePack();

    it("dangling references (dependencies on URNs not in the stack) are ignored", async () => {
        const ghost = urnOf(T.bucket, "deleted-bucket");
        const bucket = res(T.bucket, "data", { bucket: "data-1", tags: { "ai-workload": "true" } });
        const pab = {
            ...res(T.pab, "ghost-pab", { bucket: "deleted-1", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }),
            dependencies: [ghost],
            propertyDependencies: { bucket: [ghost] },
        };
        const result = await pack().analyzeStack([bucket, pab]);
        assertNoCrash(result);
        // The block targets a bucket outside the stack, so the AI bucket still has none.
        assert.ok(findings(result).some((f) => f.policy === "aws-s3-ai-bucket-public-access-block" && f.urn === bucket.urn && !f.unknown));
    });

    it("cycles in the dependency graph terminate", async () => {
        const a = res(T.role, "role-a", { arn: "arn:aws:iam::1:role/a" });
        const b = res(T.role, "role-b", { arn: "arn:aws:iam::1:role/b" }, { assumeRolePolicy: a });
        const cyclicA = { ...a, dependencies: [b.urn as string], propertyDependencies: { assumeRolePolicy: [b.urn as string] } };
        const model = res(T.model, "m", { name: "m", executionRoleArn: "arn:aws:iam::1:role/a" }, { executionRoleArn: cyclicA });
        const self = { ...res(T.bucket, "self", { bucket: "self-1" }), dependencies: [urnOf(T.bucket, "self")] };
        assertNoCrash(await pack().analyzeStack([cyclicA, b, model, self]));
    });

    it("duplicate names and duplicate URNs are judged, not fatal", async () => {
        const stack = awsStack();
        const dup = byName(stack, "training-data");
        const result = await pack().analyzeStack([...stack, { ...dup }, res(T.bucket, "training-data-pab", { bucket: "other" })]);
        assertNoCrash(result);
    });

    it("resources of unknown types, providers and the stack itself are ignored", async () => {
        const stack = [
            res("pulumi:pulumi:Stack", "secure-ai-dev", {}),
            res("pulumi:providers:aws", "default_7_48_0", { region: "eu-west-1" }),
            res("random:index/randomPet:RandomPet", "pet", { length: 2 }),
            res("acme:widgets/v2:Widget", "w", { tags: "not-a-map" }),
            ...awsStack(),
        ];
        const result = await pack().analyzeStack(stack);
        assertNoCrash(result);
        assert.deepStrictEqual(findings(result), []);
    });

    it("half-unknown objects give 'cannot verify', never a violation or a crash", async () => {
        let stack: StackResource[] = awsStack();
        stack = patch(stack, "training-data-sse", (p) => ({ ...p, rules: [UNKNOWN_VALUES.object] }));
        stack = patch(stack, "training-data-versioning", (p) => ({ ...p, versioningConfiguration: UNKNOWN_VALUES.object }));
        stack = patch(stack, "fraud-endpoint-config", (p) => ({ ...p, dataCaptureConfig: UNKNOWN_VALUES.object }));
        stack = patch(stack, "bedrock-invocation-logging", () => ({
            loggingConfig: { cloudwatchConfig: UNKNOWN_VALUES.object, s3Config: { bucketName: UNKNOWN_VALUES.string }, textDataDeliveryEnabled: UNKNOWN_VALUES.bool },
        }));
        stack = patch(stack, "fraud-model", (p) => ({ ...p, tags: { owner: "ml-platform", "data-classification": UNKNOWN_VALUES.string } }));
        stack = patch(stack, "audit-trail", (p) => ({ ...p, eventSelectors: [{ readWriteType: UNKNOWN_VALUES.string, dataResources: UNKNOWN_VALUES.array }] }));
        stack = patch(stack, "registry-scanning", (p) => ({ ...p, rules: UNKNOWN_VALUES.array }));
        const result = await pack().analyzeStack(stack);
        assertNoCrash(result);
        const fs = assertNoViolation(result);
        assert.ok(fs.length >= 4, JSON.stringify(fs));
    });

    it("malformed values are violations that name the property, never crashes", async () => {
        let stack: StackResource[] = awsStack();
        stack = patch(stack, "training-data-sse", (p) => ({ ...p, rules: "aws:kms" }));
        stack = patch(stack, "training-data-versioning", (p) => ({ ...p, versioningConfiguration: { status: 1 } }));
        stack = patch(stack, "fraud-model", (p) => ({ ...p, tags: ["owner"] }));
        stack = patch(stack, "training-data-policy", (p) => ({ ...p, policy: "{not json" }));
        const result = await pack().analyzeStack(stack);
        assertNoCrash(result);
        const messages = findings(result).map((f) => f.message);
        assert.ok(
            messages.some((m) => /cannot evaluate rules: expected a list/.test(m)),
            JSON.stringify(messages),
        );
        assert.ok(
            messages.some((m) => /cannot evaluate versioningConfiguration\.status/.test(m)),
            JSON.stringify(messages),
        );
        assert.ok(
            messages.some((m) => /policy document is not valid JSON/.test(m)),
            JSON.stringify(messages),
        );
    });

    it("an Azure stack with half-unknown diagnostic settings is 'cannot verify'", async () => {
        let stack: StackResource[] = azureStack();
        stack = patch(stack, "openai-diag", (p) => ({ ...p, logs: UNKNOWN_VALUES.array }));
        stack = patch(stack, "mlkv-diag", (p) => ({ ...p, logs: [{ categoryGroup: UNKNOWN_VALUES.string, enabled: true }] }));
        const result = await pack().analyzeStack(stack);
        assertNoCrash(result);
        const fs = assertNoViolation(result);
        assert.deepStrictEqual(fs.map((f) => f.urn).sort(), [byName(stack, "mlkv-diag").urn, byName(stack, "openai-diag").urn].sort());
    });

    it("an empty stack is not applicable to every policy", async () => {
        const result = await pack().analyzeStack([]);
        assert.deepStrictEqual(result.diagnostics, []);
        assert.ok(result.notApplicable.length >= 20);
    });

    it("every stack policy is not applicable to a stack without what it covers", async () => {
        const result = await pack().analyzeStack([res("random:index/randomPet:RandomPet", "pet", {})]);
        assert.deepStrictEqual(result.diagnostics, []);
        assert.ok(result.notApplicable.some((n) => n.policyName === "aws-s3-ai-bucket-public-access-block" && /no aws:s3\/bucket:Bucket/.test(n.reason)));
    });

    it("a large synthetic estate is judged in one linear pass", async function () {
        this.timeout(120000);
        const stack = syntheticStack(2000);
        const started = Date.now();
        const result = await pack().analyzeStack(stack);
        const ms = Date.now() - started;
        assertNoCrash(result);
        assert.deepStrictEqual(findings(result), [], "the synthetic estate is built from compliant stacks");
        assert.ok(ms < 60000, `AnalyzeStack of 2,000 resources took ${ms} ms`);
    });

    it("the same request twice gives the same answer (the shared index never leaks across requests)", async () => {
        const good = awsStack();
        const bad = patch(good, "training-data-versioning", (p) => ({ ...p, versioningConfiguration: { status: "Suspended" } }));
        assertExactly(await pack().analyzeStack(bad), [{ policy: "aws-s3-ai-bucket-versioning", urn: byName(bad, "training-data-versioning").urn as string }]);
        assert.deepStrictEqual(findings(await pack().analyzeStack(good)), []);
        assertExactly(await pack().analyzeStack(bad), [{ policy: "aws-s3-ai-bucket-versioning", urn: byName(bad, "training-data-versioning").urn as string }]);
    });
});
