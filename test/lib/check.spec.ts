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

describe("lib/check: Section.find / some / someString (the rule for 'the list must contain ...')", () => {
    const isBlock = (e: Section) => {
        const t = e.string("type");
        return t === undefined ? undefined : t.value === "BLOCK";
    };

    it("a known match settles it, beside unknown elements, and the unknowns are not reported", () => {
        const { s, seen } = section({ f: [UNKNOWN_VALUES.object, { type: "BLOCK" }, { type: UNKNOWN_VALUES.string }] });
        assert.deepStrictEqual(
            s.find("f", isBlock)?.map((e) => e.base),
            ["f[1]"],
        );
        assert.deepStrictEqual(seen.unknowns, []);
    });
    it("no known match and an unknown element, or an element it cannot judge: open (undefined), reported as unknown", () => {
        const holes = section({ f: [{ type: "NONE" }, UNKNOWN_VALUES.object] });
        assert.strictEqual(holes.s.some("f", isBlock), undefined);
        assert.deepStrictEqual(holes.seen.unknowns, ["f[1]"]);
        const unjudged = section({ f: [{ type: "NONE" }, { type: UNKNOWN_VALUES.string }] });
        assert.strictEqual(unjudged.s.find("f", isBlock), undefined);
        assert.deepStrictEqual(unjudged.seen.unknowns, ["f[1].type"]);
        const whole = section({ config: UNKNOWN_VALUES.object });
        assert.strictEqual(whole.s.some(["config.a", "config.b"], isBlock), undefined);
        // An object unknown as a whole is named as such, not as the property the reader wanted.
        assert.deepStrictEqual(whole.seen.unknowns, ["config (the whole object)", "config (the whole object)"]);
    });
    it("known, complete lists without a match: [] (the caller reports what is missing)", () => {
        assert.deepStrictEqual(section({ f: [{ type: "NONE" }] }).s.find("f", isBlock), []);
        assert.strictEqual(section({}).s.some("f", isBlock), false);
        // One list unknown, another with a match: settled.
        const mixed = section({ a: UNKNOWN_VALUES.array, b: [{ type: "BLOCK" }] });
        assert.strictEqual(mixed.s.some(["a", "b"], isBlock), true);
        assert.deepStrictEqual(mixed.seen.unknowns, []);
    });
    it("malformed lists and elements are reported as read, and leave the answer open", () => {
        const { s, seen } = section({ f: [{ type: 7 }] });
        assert.strictEqual(s.some("f", isBlock), undefined);
        assert.match(seen.violations[0], /cannot evaluate f\[0\]\.type: expected a string/);
    });
    it("someString: the same rule for lists of strings", () => {
        const mgmt = (v: string) => v === "Management";
        assert.strictEqual(section({ e: ["Data", UNKNOWN_VALUES.string, "Management"] }).s.someString("e", mgmt), true);
        const open = section({ e: ["Data", UNKNOWN_VALUES.string] });
        assert.strictEqual(open.s.someString("e", mgmt), undefined);
        assert.deepStrictEqual(open.seen.unknowns, ["e[1]"]);
        assert.strictEqual(section({ e: ["Data"] }).s.someString("e", mgmt), false);
    });
    it("the returned matches report to the section's own sink", () => {
        const { s, seen } = section({ f: [{ type: "BLOCK", strength: UNKNOWN_VALUES.string }, UNKNOWN_VALUES.object] });
        const [m] = s.find("f", isBlock) ?? [];
        m.string("strength");
        assert.deepStrictEqual(seen.unknowns, ["f[0].strength"]);
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
