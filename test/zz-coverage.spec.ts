/**
 * Runs after the other specs are loaded (mocha loads every file before running any test): every
 * policy of the registry must have been given all five kinds of test input.
 */
import * as assert from "assert";
import { detailsOf } from "../policypack/lib/policy";
import { policies } from "../policypack/registry";
import { covered, Kind } from "./support/cases";
import { remediated } from "./support/remediation";
import { stackCovered } from "./support/stackCases";

const KINDS: Kind[] = ["violating", "compliant", "absent", "unknown", "malformed"];

describe("test coverage of the policies", () => {
    for (const p of policies) {
        it(`${p.name} is tested with violating, compliant, absent, unknown and malformed input`, () => {
            const kinds = detailsOf(p).kind === "stack" ? stackCovered.get(p.name) : covered.get(p.name);
            const missing = KINDS.filter((k) => !kinds?.has(k));
            assert.deepStrictEqual(missing, [], `${p.name} has no test of kind ${missing.join(", ")}`);
        });
    }
});

describe("test coverage of the remediations", () => {
    for (const p of policies.filter((x) => detailsOf(x).remediable)) {
        it(`${p.name}'s remediation is proven (fix, idempotent, tighten-only, unknowns, secrets)`, () => {
            assert.ok(remediated.has(p.name), `no remediationCases(...) for ${p.name}`);
        });
    }
});
