/**
 * Proofs every remediation must pass, through the real Remediate RPC with the policy set to
 * "remediate": it fixes the violating resource (and Analyze then passes), running it again changes
 * nothing (idempotent), it leaves compliant and stricter settings alone (only tightens), it leaves
 * values unknown during preview alone, and a secret elsewhere in the resource stays secret.
 */
import * as assert from "assert";
import type { PolicyPackProcess } from "../../policypack/engine/analyzer";
import { outcomeOf, secret } from "./harness";
import { usePack } from "./cases";

export interface RemediationSpec {
    /** A violating resource; `secretProperty` is added to it as a secret. */
    violating: Record<string, unknown>;
    /** The same resource after the fix. */
    fixed: Record<string, unknown>;
    /** Resources that are already compliant (include a stricter-than-required one where it exists). */
    compliant: Record<string, unknown>[];
    /** The violating resource with the setting unknown during preview. */
    unknown: Record<string, unknown>;
    /** A property of the resource that the fix must not touch, sent as a secret. */
    secretProperty: [string, unknown];
}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

export const remediated = new Set<string>();

/** Every remediationCases spec, registered as the spec files load (fixtures for the fuzz run). */
export const remediationFixtures: { policy: string; type: string; spec: RemediationSpec }[] = [];

export function remediationCases(policy: string, type: string, spec: RemediationSpec): void {
    describe(`${policy} remediation`, function () {
        const pack = usePack({ [policy]: "remediate" });
        remediated.add(policy);
        remediationFixtures.push({ policy, type, spec });
        const [secretKey, secretValue] = spec.secretProperty;
        const withSecret = (p: Record<string, unknown>) => ({ ...p, [secretKey]: secret(secretValue) });

        async function remediationsOf(p: PolicyPackProcess, props: Record<string, unknown>) {
            return (await p.remediate({ type, name: "r", properties: props })).filter((r) => r.policyName === policy);
        }

        it("fixes the violating setting, keeps the secret secret, and Analyze then passes", async () => {
            const [fix, ...more] = await remediationsOf(pack(), withSecret(spec.violating));
            assert.strictEqual(more.length, 0);
            assert.ok(fix?.properties, "no remediation returned");
            const secretOut = fix.properties[secretKey] as Record<string, unknown>;
            assert.strictEqual(secretOut?.[SECRET_SIG], "1b47061264138c4ac30d75fd1eb44270", "the secret property lost its secret envelope");
            assert.deepStrictEqual(secretOut.value, secretValue);
            assert.deepStrictEqual({ ...fix.properties, [secretKey]: undefined }, { ...spec.fixed, [secretKey]: undefined });
            const after = await pack().analyze({ type, name: "r", properties: { ...spec.fixed } });
            assert.strictEqual(outcomeOf(after, policy), "pass");
        });
        it("is idempotent: remediating the fixed resource changes nothing", async () => {
            assert.deepStrictEqual(await remediationsOf(pack(), spec.fixed), []);
        });
        it("only tightens: compliant resources are left as they are", async () => {
            for (const c of spec.compliant) {
                assert.deepStrictEqual(await remediationsOf(pack(), c), [], JSON.stringify(c));
            }
        });
        it("leaves a setting that is unknown during preview alone", async () => {
            const out = await remediationsOf(pack(), spec.unknown);
            assert.ok(
                out.every((r) => r.properties === undefined),
                JSON.stringify(out),
            );
        });
    });
}
