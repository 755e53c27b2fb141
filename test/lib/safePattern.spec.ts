import * as assert from "assert";
import { compileSafePattern, MAX_SUBJECT, safeTest, unsafePatternReason } from "../../policypack/lib/safePattern";

describe("lib/safePattern: configured regular expressions run in bounded time", () => {
    it("accepts the patterns people write for stack names", () => {
        for (const p of ["prod", "^prod$", "^(prod|production)(-.*)?$", "prod|live", "^prd-[a-z]+-\\d{2}$", "(?:^|-)prod(?:-|$)", "^(?<env>prod)$", "[(]+x", "a{2}", ""]) {
            assert.strictEqual(unsafePatternReason(p), undefined, p);
            assert.ok(compileSafePattern(p) instanceof RegExp, p);
        }
    });
    it("refuses nested quantifiers, quantified alternations, backreferences, too many unbounded quantifiers, invalid syntax", () => {
        const cases: [string, RegExp][] = [
            ["(a+)+$", /repeats a group/],
            ["^(\\w+\\s?)*$", /repeats a group/],
            ["(a|aa)*b", /repeats a group/],
            ["((ab)*c)+", /repeats a group/],
            ["(.*a){12}", /repeats a group/],
            ["(a)\\1", /backreference/],
            ["(?<x>a)\\k<x>", /backreference/],
            ["a*b*c*d*e", /more than 3 unbounded quantifiers/],
            ["(unclosed", /not a valid regular expression/],
            ["x".repeat(600), /longer than 500/],
        ];
        for (const [p, reason] of cases) {
            assert.match(unsafePatternReason(p) ?? "accepted", reason, p);
            assert.strictEqual(typeof compileSafePattern(p), "string", p);
        }
    });
    it("an accepted pattern on adversarial input answers at once; the subject is bounded", () => {
        const pattern = compileSafePattern("^(a|b)(-.*)?x$") as RegExp;
        const started = Date.now();
        for (let i = 0; i < 50; i++) {
            safeTest(pattern, "a-" + "-".repeat(50000));
        }
        assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
        assert.strictEqual(safeTest(/^a+$/, "a".repeat(MAX_SUBJECT + 10) + "b"), true, "only the first MAX_SUBJECT characters are tested");
    });
});
