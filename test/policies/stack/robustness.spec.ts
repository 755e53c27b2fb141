import * as assert from "assert";
import type { AnalyzeResult, StackResource } from "../../../policypack/engine/analyzer";
import type { PolicyPackProcess } from "../../../policypack/engine/analyzer";
import { startPack, UNKNOWN_VALUES } from "../../support/harness";
import { usePack } from "../../support/cases";
import { depthOf, mapLeaves, sentinelFor, unknownAtDepth, unknownElementEverywhere } from "../../support/fuzz";
import { assertExactly, assertNoViolation, awsStack, azureStack, byName, findings, patch, preview, res, syntheticStack, T, urnOf } from "./support";

/** No policy crashed: a failing policy reports "the policy failed" (or the SDK "can't run policy") instead of judging. */
function assertNoCrash(result: AnalyzeResult): void {
    const crashed = result.diagnostics.filter((d) => d.message.includes("the policy failed") || d.message.includes("can't run policy"));
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
        stack = patch(stack, "audit-trail", (p) => ({
            ...p,
            advancedEventSelectors: [
                {
                    name: "data",
                    fieldSelectors: [
                        { field: "eventCategory", equals: ["Data"] },
                        { field: UNKNOWN_VALUES.string, equals: UNKNOWN_VALUES.array },
                    ],
                },
            ],
        }));
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

    it("a monitoring schedule whose inputs list starts with an unknown element is 'cannot verify', not a failed policy", async () => {
        let stack: StackResource[] = awsStack();
        stack = patch(stack, "fraud-endpoint-monitoring", (p) => {
            const config = p.monitoringScheduleConfig as { monitoringJobDefinition: Record<string, unknown> };
            config.monitoringJobDefinition.monitoringInputs = [UNKNOWN_VALUES.object, { endpointInput: { endpointName: "fraud-endpoint" } }];
            return p;
        });
        const result = await pack().analyzeStack(stack);
        assertNoCrash(result);
        assertNoViolation(result);
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

describe("stack: results depend only on the request (equal URNs, different properties)", function () {
    /** Stacks with the same URNs and types whose properties differ where a user would notice. */
    function twins(): StackResource[][] {
        const good = awsStack();
        const suspended = patch(good, "training-data-versioning", (p) => ({ ...p, versioningConfiguration: { status: "Suspended" } }));
        const noCapture = patch(good, "fraud-endpoint-config", (p) => ({ ...p, dataCaptureConfig: { enableCapture: false } }));
        return [good, suspended, noCapture, preview(suspended), preview(good)];
    }

    async function sameAsAlone(pack: PolicyPackProcess): Promise<void> {
        const stacks = twins();
        const alone: AnalyzeResult[] = [];
        for (const s of stacks) {
            alone.push(await pack.analyzeStack(s));
        }
        assert.notDeepStrictEqual(alone[0], alone[1]);
        assert.notDeepStrictEqual(alone[0], alone[2]);
        // Concurrently, in several orders, as two stacks analysed at once (or a preview and its update) would be.
        for (const order of [
            [0, 1, 2, 3, 4],
            [4, 3, 2, 1, 0],
            [1, 0, 3, 2, 1, 0],
        ]) {
            const together = await Promise.all(order.map((i) => pack.analyzeStack(stacks[i])));
            together.forEach((r, j) => assert.deepStrictEqual(r, alone[order[j]], `stack ${order[j]} sent together with ${order.join(", ")}`));
        }
        // Sequentially, alternating: a preview followed by its update, and back.
        for (const i of [3, 1, 4, 0, 1, 2, 0]) {
            assert.deepStrictEqual(await pack.analyzeStack(stacks[i]), alone[i], `stack ${i} sent after another`);
        }
    }

    const pack = usePack();
    let plain: PolicyPackProcess | undefined;
    after(async () => {
        await plain?.stop();
    });

    it("with the fast paths: concurrent and sequential requests give each request's own results", async () => {
        await sameAsAlone(pack());
    });

    it("without them (SECURE_AI_POLICIES_FAST_PATHS=0): concurrent and sequential requests give each request's own results", async function () {
        this.timeout(180000);
        plain = await startPack({}, { env: { SECURE_AI_POLICIES_FAST_PATHS: "0" } });
        await sameAsAlone(plain);
    });
});

describe("stack: policies read only through the shared readers", function () {
    // A stack policy that touched the SDK's unknown-checking proxy directly would fail ("the policy
    // failed" / "can't run policy") when it meets an unknown; reading through the shared readers it
    // can only say "cannot verify". So every stack policy is run on stacks where every value, at
    // each depth, is unknown, and where every list has an unknown element.
    const pack = usePack();
    const stacks: [string, () => StackResource[]][] = [
        ["AWS", awsStack],
        ["Azure", azureStack],
    ];
    for (const [label, make] of stacks) {
        it(`${label} stack: every value unknown, depth by depth, and every list with an unknown element: never a failure or a violation`, async () => {
            const stack = make();
            assert.deepStrictEqual(findings(await pack().analyzeStack(stack)), [], "the stack is compliant as given");
            const variants: [string, StackResource[]][] = [];
            const deepest = Math.max(...stack.map((r) => depthOf(r.properties)));
            for (let depth = 1; depth <= deepest; depth++) {
                variants.push([`every value at depth ${depth} unknown`, stack.map((r) => ({ ...r, properties: unknownAtDepth(r.properties, depth) as Record<string, unknown> }))]);
            }
            variants.push([
                "every leaf unknown",
                stack.map((r) => ({ ...r, properties: mapLeaves(r.properties, (_, kind) => sentinelFor(kind), false) as Record<string, unknown> })),
            ]);
            variants.push(["an unknown element in every list", stack.map((r) => ({ ...r, properties: unknownElementEverywhere(r.properties) as Record<string, unknown> }))]);
            assert.ok(variants.length >= 4);
            for (const [what, variant] of variants) {
                const result = await pack().analyzeStack(variant);
                assertNoCrash(result);
                try {
                    assertNoViolation(result);
                } catch (e) {
                    throw new Error(`${what}: ${(e as Error).message}`, { cause: e });
                }
            }
        });
    }
});
