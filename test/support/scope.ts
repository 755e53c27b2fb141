/**
 * The scope every control on a generic data store must keep (policypack/lib/scope.ts, README "Which
 * resources count as AI"): it judges AI data stores only. Through the real protocol, for one
 * violating resource that carries no AI tag:
 * - tagged `ai-workload`, it is a violation (so the cases below cannot pass for a broken fixture);
 * - untagged, the policy is not applicable and says why;
 * - with `allDataStores: true`, the untagged resource is judged (a violation);
 * - with its tags unknown during a preview, the policy reports "cannot verify", never a violation;
 * - for a policy that can remediate, set to "remediate": the untagged resource is left as it is (a
 *   fix may only tighten what the policy judges).
 */
import * as assert from "assert";
import type { PolicyPackConfigFile } from "../../policypack/engine/analyzer";
import { UNKNOWN_VALUES } from "./harness";
import { judge, usePack } from "./cases";

export interface ScopeSpec {
    policy: string;
    type: string;
    /** A resource that violates the policy, without any AI tag (its other tags may stay). */
    untagged: Record<string, unknown>;
    /** Other settings of the policy that the violation needs (kept in every configuration). */
    config?: Record<string, unknown>;
    /** The tag key that marks the resource in scope (default `ai-workload`). */
    tagKey?: string;
    /** The policy can remediate: prove it leaves out-of-scope resources alone. */
    remediable?: boolean;
}

export function scopeCases(spec: ScopeSpec): void {
    const { policy, type, untagged } = spec;
    const key = spec.tagKey ?? "ai-workload";
    const ownTags = untagged.tags && typeof untagged.tags === "object" ? (untagged.tags as Record<string, unknown>) : {};
    describe(`${policy}: judges AI data stores only`, function () {
        const settings = (extra: Record<string, unknown>): PolicyPackConfigFile => ({ [policy]: { ...spec.config, ...extra } }) as PolicyPackConfigFile;
        const pack = usePack(spec.config ? settings({}) : {});
        const every = usePack(settings({ allDataStores: true }));

        it(`tagged "${key}": judged`, async () => {
            const { outcome, messages } = await judge(pack(), policy, type, { ...untagged, tags: { ...ownTags, [key]: "true" } });
            assert.strictEqual(outcome, "violation", JSON.stringify(messages));
        });
        it("untagged: not applicable, saying why", async () => {
            const { outcome, result } = await judge(pack(), policy, type, untagged);
            assert.strictEqual(outcome, "not-applicable", JSON.stringify(result.diagnostics));
            const reason = result.notApplicable.find((n) => n.policyName === policy)?.reason ?? "";
            assert.match(reason, new RegExp(`not tagged as an AI data store \\(tag keys: [^)]*${key}[^)]*\\); set allDataStores to judge every resource of this type`));
        });
        it("untagged, with allDataStores: judged", async () => {
            const { outcome, messages } = await judge(every(), policy, type, untagged);
            assert.strictEqual(outcome, "violation", JSON.stringify(messages));
        });
        it("tags unknown during a preview: cannot verify, never a violation", async () => {
            const { outcome, messages } = await judge(pack(), policy, type, { ...untagged, tags: UNKNOWN_VALUES.object });
            assert.strictEqual(outcome, "unknown", JSON.stringify(messages));
            assert.ok(
                // Said once for the resource, by ai-preview-unknown-values, naming this policy and what it waits for.
                messages.every((m) => m.includes("cannot verify until the values are known (after `pulumi up`)") && m.includes(`\n- ${policy}: tags`)),
                JSON.stringify(messages),
            );
        });
        if (spec.remediable) {
            const fixing = usePack(settings({ enforcementLevel: "remediate" }));
            it("set to remediate: an untagged resource is left as it is, a tagged one is fixed", async () => {
                const fixes = async (properties: Record<string, unknown>) => (await fixing().remediate({ type, name: "r", properties })).filter((x) => x.policyName === policy);
                assert.deepStrictEqual(await fixes(untagged), []);
                const tagged = await fixes({ ...untagged, tags: { ...ownTags, [key]: "true" } });
                assert.ok(tagged.length === 1 && tagged[0].properties !== undefined, JSON.stringify(tagged));
            });
        }
    });
}
