/** lib/exemptions.ts in-process: glob matching, calendar dates and the expiry boundary with a given clock. */
import * as assert from "assert";
import { validatePackConfig } from "../../policypack/lib/configValidation";
import { dayOf, exemptionFor, globMatches } from "../../policypack/lib/exemptions";
import { policies } from "../../policypack/registry";

const URN = "urn:pulumi:prod::ml::aws:sagemaker/notebookInstance:NotebookInstance::research";

describe("lib/exemptions: config exemptions", () => {
    it("matches globs whole: * any run (across : and /), ? one character", () => {
        assert.ok(globMatches("research", "research"));
        assert.ok(!globMatches("research", "research-2"));
        assert.ok(globMatches("res*", "research"));
        assert.ok(globMatches("*", ""));
        assert.ok(globMatches("urn:pulumi:prod::*::research", URN));
        assert.ok(!globMatches("urn:pulumi:dev::*::research", URN));
        assert.ok(globMatches("r?search", "research"));
        assert.ok(!globMatches("r?search", "rsearch"));
        assert.ok(globMatches("*a*b*c*", "xxaxxbxxcxx"));
        assert.ok(!globMatches("Research", "research"), "case-sensitive, as names and URNs are");
        // No exponential backtracking.
        const started = Date.now();
        assert.ok(!globMatches("*a*a*a*a*a*a*a*a*b", "a".repeat(5000)));
        assert.ok(Date.now() - started < 1000);
    });

    it("accepts only calendar dates", () => {
        assert.strictEqual(dayOf("2028-02-29"), Date.UTC(2028, 1, 29));
        assert.strictEqual(dayOf("2027-02-29"), undefined);
        assert.strictEqual(dayOf("2027-13-01"), undefined);
        assert.strictEqual(dayOf("2027-1-01"), undefined);
    });

    it("applies through the whole expiry day (UTC) and expires the next day", () => {
        const entries = [{ resources: ["research"], reason: "pilot", expires: "2027-03-31", ticket: "SEC-1" }];
        assert.deepStrictEqual(exemptionFor(entries, "research", URN, new Date("2027-03-31T23:59:59Z")), {
            kind: "exempt",
            reason: "exempted by the policy config until 2027-03-31: pilot; ticket SEC-1",
        });
        assert.deepStrictEqual(exemptionFor(entries, "research", URN, new Date("2027-04-01T00:00:00Z")), {
            kind: "expired",
            note: "The exemption for this resource expired on 2027-03-31 (pilot; ticket SEC-1); renew it or fix the resource.",
        });
        assert.deepStrictEqual(exemptionFor(entries, "other", "urn:x::other", new Date("2027-03-01T00:00:00Z")), { kind: "none" });
    });

    it("ignores malformed entries from callers that skip validation, and never throws", () => {
        for (const bad of [
            undefined,
            null,
            "research",
            [null],
            [{ resources: "research", reason: "r", expires: "2099-01-01" }],
            [{ resources: ["research"], reason: "r", expires: "soon" }],
        ]) {
            assert.deepStrictEqual(exemptionFor(bad, "research", URN), { kind: "none" }, JSON.stringify(bad));
        }
    });

    it("config validation: the maximum counts whole days from today (UTC), and past dates are accepted (they expire)", () => {
        const now = new Date("2027-01-01T12:00:00Z");
        const config = (expires: string, max?: number) => ({
            "aws-sagemaker-notebook-kms": {
                enforcementLevel: "advisory",
                properties: { exemptions: [{ resources: ["x"], reason: "r", expires }], ...(max ? { exemptionMaxDays: max } : {}) },
            },
        });
        assert.deepStrictEqual(validatePackConfig(policies, config("2028-01-01"), now), []);
        assert.deepStrictEqual(validatePackConfig(policies, config("2028-01-02"), now), [
            "aws-sagemaker-notebook-kms: exemptions.0.expires: 2028-01-02 is more than 365 days ahead (exemptionMaxDays); exemptions must be renewed at least that often",
        ]);
        assert.deepStrictEqual(validatePackConfig(policies, config("2027-01-08", 7), now), []);
        assert.strictEqual(validatePackConfig(policies, config("2027-01-09", 7), now).length, 1);
        assert.deepStrictEqual(validatePackConfig(policies, config("2026-06-01"), now), []);
    });

    it("every policy, resource and stack, takes the setting", () => {
        for (const p of policies) {
            assert.ok(p.configSchema?.properties?.exemptions, p.name);
            assert.ok(p.configSchema?.properties?.exemptionMaxDays, p.name);
        }
    });
});
