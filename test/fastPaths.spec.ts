/**
 * The speed-ups (lib/directAnalyze.ts, lib/sharedStackResources.ts) must leave every result as the
 * SDK alone gives it: a pack with them and a pack without (the escape hatch
 * SECURE_AI_POLICIES_FAST_PATHS=0) must agree on every diagnostic and every not-applicable
 * policy, for resources sent one at a time and many at once (the engine analyses resources
 * concurrently), and for whole stacks under any configuration.
 */
import * as assert from "assert";
import type { AnalyzeResult, PolicyPackProcess, Resource } from "../policypack/engine/analyzer";
import { mixedResources } from "./bench/resources";
import { awsStack, azureStack, preview, syntheticStack, without, withoutGraph } from "./policies/stack/support";
import { startPack, UNKNOWN_VALUES } from "./support/harness";

/** Diagnostics exactly; not-applicable policies by name (the SDK's fast path words its reason itself). */
function comparable(r: AnalyzeResult) {
    return { diagnostics: r.diagnostics, notApplicable: r.notApplicable.map((n) => n.policyName).sort() };
}

function variedResources(): Resource[] {
    const resources = mixedResources(240);
    for (const [i, r] of resources.entries()) {
        if (i % 3 === 0) r.properties = {};
        if (i % 5 === 0) r.properties = { ...r.properties, tags: UNKNOWN_VALUES.object, policy: UNKNOWN_VALUES.string };
        // Other spellings of the same types: versioned azure-native tokens and deprecated AWS twins.
        if (i % 4 === 1 && r.type.startsWith("azure-native:")) r.type = r.type.replace(/^azure-native:([a-z]+):/, "azure-native:$1/v20240401:");
        if (i % 4 === 3 && r.type.startsWith("azure-native:")) r.type = r.type.replace(/^azure-native:([a-z]+):/, "azure-native_$1_v20250401preview:$1:");
        if (i % 4 === 1 && r.type === "aws:s3/bucket:Bucket") r.type = "aws:s3/bucketV2:BucketV2";
    }
    return resources;
}

describe("fast paths (direct Analyze, shared stack resources) change no result", function () {
    let fast: PolicyPackProcess;
    let plain: PolicyPackProcess;
    before(async () => {
        [fast, plain] = await Promise.all([startPack(), startPack({}, { env: { SECURE_AI_POLICIES_FAST_PATHS: "0" } })]);
    });
    after(async () => {
        await Promise.all([fast.stop(), plain.stop()]);
    });

    it("resources sent one at a time", async () => {
        let diagnostics = 0;
        for (const r of variedResources()) {
            const [a, b] = await Promise.all([fast.analyze(r), plain.analyze(r)]);
            assert.deepStrictEqual(comparable(a), comparable(b), r.type);
            diagnostics += a.diagnostics.length;
        }
        assert.ok(diagnostics > 100, "the comparison should involve real findings");
    });

    it("resources sent concurrently, as the engine does", async () => {
        const resources = variedResources();
        for (let i = 0; i < resources.length; i += 60) {
            const batch = resources.slice(i, i + 60);
            const [a, b] = await Promise.all([Promise.all(batch.map((r) => fast.analyze(r))), Promise.all(batch.map((r) => plain.analyze(r)))]);
            a.forEach((x, j) => assert.deepStrictEqual(comparable(x), comparable(b[j]), batch[j].type));
        }
    });

    const stacks = () => [
        variedResources().map((r) => ({ ...r, dependencies: [] })),
        awsStack(),
        preview(awsStack()),
        without(awsStack(), "training-data-pab", "model-images-lifecycle"),
        azureStack(),
        preview(azureStack()),
        withoutGraph(azureStack()),
        syntheticStack(600),
    ];

    async function sameStackResults(): Promise<number> {
        const all = stacks();
        const [a, b] = await Promise.all([Promise.all(all.map((s) => fast.analyzeStack(s))), Promise.all(all.map((s) => plain.analyzeStack(s)))]);
        a.forEach((x, i) => assert.deepStrictEqual(x, b[i], `stack ${i}`));
        return a.reduce((n, r) => n + r.diagnostics.length, 0);
    }

    it("AnalyzeStack over realistic stacks (compliant, omissions, preview, no graph), sent concurrently", async () => {
        assert.ok((await sameStackResults()) > 20, "the comparison should involve real findings");
    });

    it("AnalyzeStack under a config that disables, tightens and widens stack policies", async () => {
        const config = {
            "aws-s3-ai-bucket-public-access-block": "disabled",
            "aws-cloudtrail-ai-stack-trail": { enforcementLevel: "mandatory", organizationTrailManaged: true },
            "ai-data-stores-protected": { allDataStores: true },
            "aws-sagemaker-endpoint-data-capture": "remediate",
        };
        try {
            await Promise.all([fast.configure(config), plain.configure(config)]);
            assert.ok((await sameStackResults()) > 20);
        } finally {
            await Promise.all([fast.configure(), plain.configure()]);
        }
    });
});
