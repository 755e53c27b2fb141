/**
 * Every cloud-side constraint the pack relies on (test/constraints/constraints.ts, rendered in
 * policypack/docs/CONSTRAINTS.md): its compliant configurations pass every policy of the pack with
 * no violation and no "cannot verify", and the combination the cloud rejects is reported.
 */
import * as assert from "assert";
import type { PolicyPackProcess } from "../policypack/engine/analyzer";
import { CONSTRAINTS, Judged } from "./constraints/constraints";
import { usePack } from "./support/cases";
import { findings } from "./policies/stack/support";

async function judge(pack: PolicyPackProcess, judged: Judged): Promise<{ policy: string; message: string; unknown: boolean }[]> {
    if ("type" in judged) {
        const result = await pack.analyze({ type: judged.type, name: "r", properties: judged.props });
        return result.diagnostics.map((d) => ({ policy: d.policyName, message: d.message, unknown: d.message.includes("cannot verify until the values are known") }));
    }
    const only = judged.policies ? new Set(judged.policies) : undefined;
    return findings(await pack.analyzeStack(judged.stack()), only).map((f) => ({ policy: f.policy, message: f.message, unknown: f.unknown }));
}

describe("cloud-side constraints: the pack's controls can be met together", function () {
    const pack = usePack();
    for (const c of CONSTRAINTS) {
        describe(`${c.cloud}: ${c.title}`, () => {
            for (const ok of c.compliant) {
                it(`${ok.title}: passes every policy`, async () => {
                    const got = await judge(pack(), ok.judged);
                    assert.deepStrictEqual(
                        got.map((d) => `${d.policy}: ${d.message.split("\n").pop()}`),
                        [],
                    );
                });
            }
            const rejected = c.rejected;
            if (rejected) {
                it(`${rejected.title} (rejected by the cloud): reported by ${rejected.policy}`, async () => {
                    const got = (await judge(pack(), rejected.judged)).filter((d) => d.policy === rejected.policy);
                    assert.ok(got.length > 0 && got.every((d) => !d.unknown), JSON.stringify(got));
                    assert.ok(
                        got.some((d) => rejected.message.test(d.message)),
                        JSON.stringify(got),
                    );
                });
            }
            it("names only policies of the pack", async () => {
                const names = new Set((await pack().getAnalyzerInfo()).policies.map((p) => p.name));
                for (const p of [...c.policies, ...(c.rejected ? [c.rejected.policy] : [])]) {
                    assert.ok(names.has(p), p);
                }
            });
        });
    }
});
