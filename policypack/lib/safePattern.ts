/**
 * Regular expressions that users configure (such as `protectedStacks`), compiled so that matching
 * them takes bounded time. JavaScript's backtracking engine can take exponential time on patterns
 * such as `(a+)+$` or `(a|a)*$` against a crafted string (ReDoS), which would wedge the pack. A
 * configured pattern is refused unless it is safe by construction:
 *
 * - no quantified group that itself contains a quantifier or an alternation (`(a+)+`, `(x|y)*`,
 *   `(a*){2,}`: star height above one, the cause of exponential backtracking); `?` and `{0,1}` do
 *   not repeat and are allowed (`(-.*)?`);
 * - no backreferences (`\1`, `\k<name>`);
 * - at most {@link MAX_UNBOUNDED} unbounded quantifiers (`*`, `+`, `{n,}`), which bounds the
 *   polynomial cost of the rest, and at most {@link MAX_PATTERN} characters.
 *
 * The text a pattern is tested against is cut to its first {@link MAX_SUBJECT} characters (stack
 * names are far shorter). Patterns that stay within these rules run in well under a millisecond.
 */

export const MAX_PATTERN = 500;
export const MAX_UNBOUNDED = 3;
export const MAX_SUBJECT = 1000;

/** Why `source` is not a safe pattern, or undefined when it is. */
export function unsafePatternReason(source: string): string | undefined {
    if (source.length > MAX_PATTERN) {
        return `it is longer than ${MAX_PATTERN} characters`;
    }
    try {
        new RegExp(source, "u");
    } catch {
        try {
            new RegExp(source);
        } catch {
            return "it is not a valid regular expression";
        }
    }
    // One frame per open group: whether it contains a quantifier or an alternation.
    const frames: { repeats: boolean; alternates: boolean }[] = [{ repeats: false, alternates: false }];
    let unbounded = 0;
    /** What the last atom was: a group (with its frame), another atom, or nothing to quantify. */
    let last: { group?: { repeats: boolean; alternates: boolean } } | undefined;
    for (let i = 0; i < source.length; i++) {
        const c = source[i];
        const top = frames[frames.length - 1];
        if (c === "\\") {
            const next = source[i + 1] ?? "";
            if (/[1-9]/.test(next) || (next === "k" && source[i + 2] === "<")) {
                return "it uses a backreference";
            }
            i++;
            last = {};
            continue;
        }
        if (c === "[") {
            // A character class is one atom: skip to its closing bracket.
            for (i++; i < source.length && source[i] !== "]"; i++) {
                if (source[i] === "\\") i++;
            }
            last = {};
            continue;
        }
        if (c === "(") {
            frames.push({ repeats: false, alternates: false });
            if (source[i + 1] === "?") {
                // (?:  (?=  (?!  (?<=  (?<!  (?<name>
                i += source[i + 2] === "<" && source[i + 3] !== "=" && source[i + 3] !== "!" ? source.indexOf(">", i) - i : source[i + 2] === "<" ? 3 : 2;
            }
            last = undefined;
            continue;
        }
        if (c === ")") {
            const group = frames.length > 1 ? frames.pop() : undefined;
            const parent = frames[frames.length - 1];
            if (group) {
                parent.repeats ||= group.repeats;
                parent.alternates ||= group.alternates;
            }
            last = { group };
            continue;
        }
        if (c === "|") {
            top.alternates = true;
            last = undefined;
            continue;
        }
        const quantifier = /^(?:[*+?]|\{(\d+)(,(\d*))?\})/.exec(source.slice(i));
        if (quantifier && last !== undefined) {
            const [text, min, comma, max] = quantifier;
            const isUnbounded = c === "*" || c === "+" || (comma !== undefined && max === "");
            const repeats = c === "?" ? false : c === "{" ? (comma === undefined ? Number(min) > 1 : max === "" || Number(max) > 1) : true;
            if (repeats && last.group !== undefined && (last.group.repeats || last.group.alternates)) {
                return "it repeats a group that contains a quantifier or an alternation (such as (a+)+ or (a|b)*), which can take exponential time";
            }
            if (isUnbounded && ++unbounded > MAX_UNBOUNDED) {
                return `it has more than ${MAX_UNBOUNDED} unbounded quantifiers (*, +, {n,})`;
            }
            if (repeats) {
                top.repeats = true;
            }
            i += text.length - 1;
            if (source[i + 1] === "?") {
                i++; // lazy
            }
            last = undefined;
            continue;
        }
        last = {};
    }
    return undefined;
}

const compiled = new Map<string, RegExp | string>();

/**
 * The pattern compiled case-insensitively, or why it is refused (see the module comment). Cached:
 * configured patterns are few and tested on every request.
 */
export function compileSafePattern(source: string): RegExp | string {
    let hit = compiled.get(source);
    if (hit === undefined) {
        const reason = unsafePatternReason(source);
        hit = reason ?? new RegExp(source, "i");
        if (compiled.size > 100) {
            compiled.clear();
        }
        compiled.set(source, hit);
    }
    return hit;
}

/** Tests a safe pattern against at most {@link MAX_SUBJECT} characters of `subject`. */
export function safeTest(pattern: RegExp, subject: string): boolean {
    return pattern.test(subject.length > MAX_SUBJECT ? subject.slice(0, MAX_SUBJECT) : subject);
}
