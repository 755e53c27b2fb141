import * as assert from "assert";
import type { PolicyPackProcess } from "../policypack/engine/analyzer";
import { mixedResources } from "./bench/resources";
import { startPack, UNKNOWN_VALUES } from "./support/harness";

describe("shared deserialisation (one copy of a resource's properties for all policies)", function () {
    let shared: PolicyPackProcess;
    let plain: PolicyPackProcess;
    before(async () => {
        [shared, plain] = await Promise.all([startPack(), startPack({}, { env: { SECURE_AI_POLICIES_SHARED_DESERIALIZATION: "0" } })]);
    });
    after(async () => {
        await Promise.all([shared.stop(), plain.stop()]);
    });

    it("gives exactly the results of the SDK's own per-policy deserialisation", async () => {
        const resources = mixedResources(200);
        // Make some of them insecure and some unknown, so diagnostics differ between resources.
        for (const [i, r] of resources.entries()) {
            if (i % 3 === 0) r.properties = {};
            if (i % 5 === 0) r.properties = { ...r.properties, tags: UNKNOWN_VALUES.object, policy: UNKNOWN_VALUES.string };
        }
        let diagnostics = 0;
        for (const r of resources) {
            const [a, b] = await Promise.all([shared.analyze(r), plain.analyze(r)]);
            assert.deepStrictEqual(a, b, r.type);
            diagnostics += a.diagnostics.length;
        }
        assert.ok(diagnostics > 10, "the comparison should involve real findings");
        const stack = resources.map((r) => ({ ...r, dependencies: [] }));
        assert.deepStrictEqual(await shared.analyzeStack(stack), await plain.analyzeStack(stack));
    });
});
