import * as assert from "assert";
import { isoDurationMinutes, Section, Sink } from "../../policypack/lib/check";
import { UNKNOWN_VALUES } from "../support/harness";

/** A section over `root` and what it recorded. */
function section(root: unknown) {
    const seen = { violations: [] as string[], unknowns: [] as string[] };
    const sink: Sink = { cloud: "AWS", violation: (m) => seen.violations.push(m), unknown: (p) => seen.unknowns.push(p) };
    return { s: new Section(sink, root, ""), seen };
}

describe("lib/check: Section.list", () => {
    const rules = { rules: [{ id: "a" }, UNKNOWN_VALUES.object, { id: "c" }] };

    it("skips unknown elements (recorded) and judges the known ones", () => {
        const { s, seen } = section(rules);
        assert.deepStrictEqual(
            s.list("rules")?.map((e) => e.base),
            ["rules[0]", "rules[2]"],
        );
        assert.deepStrictEqual(seen.unknowns, ["rules[1]"]);
    });
    it("with whole, a list with a hole reads as unknown (it cannot show that something is missing)", () => {
        const { s, seen } = section(rules);
        assert.strictEqual(s.list("rules", { whole: true }), undefined);
        assert.deepStrictEqual(seen.unknowns, ["rules[1]"]);
        assert.strictEqual(section({ rules: [{ id: "a" }] }).s.list("rules", { whole: true })?.length, 1);
    });
    it("absent reads as [], a single object as one element, a string as malformed (named, not echoed)", () => {
        assert.deepStrictEqual(section({}).s.list("rules"), []);
        assert.deepStrictEqual(
            section({ rules: { id: "a" } })
                .s.list("rules")
                ?.map((e) => e.base),
            ["rules"],
        );
        const { s, seen } = section({ rules: "s3cr3t" });
        assert.strictEqual(s.list("rules"), undefined);
        assert.strictEqual(seen.violations.length, 1);
        assert.match(seen.violations[0], /cannot evaluate rules: expected a list/);
        assert.doesNotMatch(seen.violations[0], /s3cr3t/);
    });
});

describe("lib/check: ISO 8601 durations", () => {
    it("reads days, hours, minutes, seconds and weeks into minutes", () => {
        assert.deepStrictEqual(["PT60M", "PT4H", "P1D", "P1DT12H", "PT90S", "P2W", "p90d"].map(isoDurationMinutes), [60, 240, 1440, 2160, 1.5, 20160, 129600]);
    });
    it("refuses what is not a duration", () => {
        assert.deepStrictEqual(["P", "PT", "P1DT", "60 minutes", "PT-5M", ""].map(isoDurationMinutes), [undefined, undefined, undefined, undefined, undefined, undefined]);
    });
    it("Section.duration: absent, unknown (recorded), malformed (named with an example, not echoed)", () => {
        assert.deepStrictEqual(section({ idle: "PT2H" }).s.duration("idle", "PT60M")?.value, 120);
        assert.deepStrictEqual(section({}).s.duration("idle", "PT60M"), { value: undefined, absent: true, text: "idle is not set" });
        const unknown = section({ idle: UNKNOWN_VALUES.string });
        assert.strictEqual(unknown.s.duration("idle", "PT60M"), undefined);
        assert.deepStrictEqual(unknown.seen.unknowns, ["idle"]);
        const bad = section({ idle: "an hour s3cr3t" });
        assert.strictEqual(bad.s.duration("idle", "PT60M"), undefined);
        assert.match(bad.seen.violations[0], /cannot evaluate idle: expected an ISO 8601 duration such as "PT60M"/);
        assert.doesNotMatch(bad.seen.violations[0], /s3cr3t/);
    });
});
