/** Helpers shared by the Azure policy tests. */
import * as assert from "assert";
import { outcomeOf, secret, UNKNOWN_VALUES } from "../../support/harness";
import { remediated } from "../../support/remediation";
import { usePack } from "../../support/cases";

export { secret, UNKNOWN_VALUES };

/** The token a local SDK package of API version `version` sends, e.g. `azure-native:storage/v20230101:StorageAccount`. */
export function versioned(token: string, version = "v20240401"): string {
    const [provider, module, name] = token.split(":");
    return `${provider}:${module}/${version}:${name}`;
}

/**
 * The token a generated local package sends (`pulumi package add azure-native <module> <version>`),
 * e.g. `azure-native_cognitiveservices_v20250401preview:cognitiveservices:Account`.
 */
export function generated(token: string, version = "v20250401preview"): string {
    const [, module, name] = token.split(":");
    return `azure-native_${module}_${version}:${module}:${name}`;
}

/** A deep copy of `o` with `path` (dotted) set to `value`, or removed when `value` is REMOVE. */
export const REMOVE = Symbol("remove");
export function withPath(o: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
    const copy = structuredClone(o);
    const parts = path.split(".");
    let cur: Record<string, unknown> = copy;
    for (const p of parts.slice(0, -1)) {
        if (cur[p] === undefined || cur[p] === null || typeof cur[p] !== "object") {
            cur[p] = {};
        }
        cur = cur[p] as Record<string, unknown>;
    }
    const last = parts[parts.length - 1];
    if (value === REMOVE) {
        delete cur[last];
    } else {
        cur[last] = value;
    }
    return copy;
}

export function without(o: Record<string, unknown>, path: string): Record<string, unknown> {
    return withPath(o, path, REMOVE);
}

function at(o: unknown, path: string): unknown {
    let cur = o;
    for (const p of path.split(".")) {
        cur = (cur as Record<string, unknown> | undefined)?.[p];
    }
    return cur;
}

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";

export interface RemediationSpec {
    policy: string;
    type: string;
    /** A realistic, otherwise compliant resource. */
    base: Record<string, unknown>;
    /** The property the fix sets, and the value it sets. */
    path: string;
    violating: unknown;
    fixed: unknown;
    /** A compliant value other than `fixed` (stricter or equivalent) that must be left untouched. */
    stricter: unknown;
    /** An unrelated property to send as a secret. */
    secretPath: string;
    /** The value unknown during preview at `path`. */
    unknown: string;
}

/**
 * The five remediation properties every fix must have, through the real protocol with the policy
 * set to "remediate": it fixes (sent with a versioned token), is idempotent, leaves a compliant
 * stricter value alone, keeps unrelated secrets secret, and leaves unknown values alone.
 */
export function remediationTests(spec: RemediationSpec): void {
    remediated.add(spec.policy);
    describe(`${spec.policy}: remediation`, function () {
        const pack = usePack({ [spec.policy]: "remediate" });
        const fix = async (properties: Record<string, unknown>, type = spec.type) =>
            (await pack().remediate({ type, name: "r", properties })).filter((x) => x.policyName === spec.policy);

        it("fixes the violation (versioned token)", async () => {
            const results = await fix(withPath(spec.base, spec.path, spec.violating), versioned(spec.type));
            assert.strictEqual(results.length, 1, JSON.stringify(results));
            assert.deepStrictEqual(at(results[0].properties, spec.path), spec.fixed);
            const after = await pack().analyze({ type: spec.type, name: "r", properties: results[0].properties as Record<string, unknown> });
            assert.strictEqual(outcomeOf(after, spec.policy), "pass", "Analyze still finds a violation after the fix");
        });
        it("is idempotent: the fixed resource needs no further fix", async () => {
            const first = await fix(withPath(spec.base, spec.path, spec.violating));
            assert.strictEqual(first.length, 1);
            const second = await fix(first[0].properties as Record<string, unknown>);
            assert.deepStrictEqual(second, []);
        });
        it("leaves a compliant value alone", async () => {
            assert.deepStrictEqual(await fix(withPath(spec.base, spec.path, spec.stricter)), []);
        });
        it("keeps an unrelated secret secret", async () => {
            const props = withPath(withPath(spec.base, spec.path, spec.violating), spec.secretPath, secret(at(spec.base, spec.secretPath) ?? "s3cr3t"));
            const results = await fix(props);
            assert.strictEqual(results.length, 1);
            const kept = at(results[0].properties, spec.secretPath);
            assert.ok(kept !== null && typeof kept === "object" && SECRET_SIG_KEY in kept, `not a secret envelope: ${JSON.stringify(kept)}`);
            assert.deepStrictEqual(at(results[0].properties, spec.path), spec.fixed);
        });
        it("leaves a value unknown during preview alone", async () => {
            assert.deepStrictEqual(await fix(withPath(spec.base, spec.path, spec.unknown)), []);
        });
    });
}
