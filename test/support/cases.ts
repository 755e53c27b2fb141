/**
 * Table-driven policy tests. Each policy is tested through the real protocol with at least the
 * five kinds of input every policy must handle; `test/zz-coverage.spec.ts` fails when a policy of
 * the registry lacks one of them.
 */
import * as assert from "assert";
import type { PolicyPackConfigFile, PolicyPackProcess } from "../../policypack/engine/analyzer";
import { messagesOf, Outcome, outcomeOf, startPack } from "./harness";

export type Kind = "violating" | "compliant" | "absent" | "unknown" | "malformed";

export interface Case {
    kind: Kind;
    /** What the case shows, e.g. `directInternetAccess "Enabled"`. */
    title: string;
    props: Record<string, unknown>;
    expect: Outcome;
    /** Every diagnostic message of the policy must match. */
    message?: RegExp;
    /** Overrides the type token (e.g. a versioned azure-native token). */
    type?: string;
}

export const covered = new Map<string, Set<Kind>>();

/** Starts the pack for the enclosing describe block; returns an accessor. */
export function usePack(config: PolicyPackConfigFile = {}): () => PolicyPackProcess {
    let pack: PolicyPackProcess | undefined;
    before(async function () {
        this.timeout(120000);
        pack = await startPack(config);
    });
    after(async () => {
        await pack?.stop();
    });
    return () => {
        assert.ok(pack, "pack not started");
        return pack;
    };
}

/** Defines one `it` per case for `policy` on resources of `type`. */
export function policyCases(pack: () => PolicyPackProcess, policy: string, type: string, cases: Case[]): void {
    let kinds = covered.get(policy);
    if (!kinds) {
        kinds = new Set();
        covered.set(policy, kinds);
    }
    for (const c of cases) {
        kinds.add(c.kind);
        it(`${policy}: ${c.kind}: ${c.title} -> ${c.expect}`, async () => {
            const result = await pack().analyze({ type: c.type ?? type, name: "r", properties: c.props });
            const messages = messagesOf(result, policy);
            assert.strictEqual(outcomeOf(result, policy), c.expect, `diagnostics: ${JSON.stringify(messages)}`);
            if (c.message) {
                assert.ok(messages.length > 0, "no diagnostic to match the message against");
                for (const m of messages) {
                    assert.match(m, c.message);
                }
            }
        });
    }
}

/** Runs `policy` on `props` and returns its outcome and messages (for bespoke assertions). */
export async function judge(pack: PolicyPackProcess, policy: string, type: string, props: Record<string, unknown>) {
    const result = await pack.analyze({ type, name: "r", properties: props });
    return { outcome: outcomeOf(result, policy), messages: messagesOf(result, policy), result };
}
