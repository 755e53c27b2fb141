/**
 * The reading and reporting surface a policy's `validate` function works with. A {@link Section}
 * reads properties under a base path and turns every awkward case into one consistent outcome:
 *
 * - absent: the cloud's default is applied when the policy names one (`{ absent: "Enabled" }`);
 * - unknown during preview: recorded, and reported as one advisory "cannot verify until known"
 *   diagnostic if nothing else was found (never a false violation, never a silent pass);
 * - malformed (wrong type, enum value outside the documented set): reported as a violation that
 *   names the property, without echoing the value (it might be a secret).
 *
 * Readers return `undefined` when the value is unknown or malformed; the caller simply stops.
 */
import type { Claim } from "./previewUnknowns";
import { UNKNOWN, joinPath, kindOf, readKey, readPath, unknownAt } from "./props";

/**
 * Marks an unknown path that is a whole object read for a value inside it (the reader wanted
 * `properties.disableLocalAuth`, the preview left all of `properties` unknown): messages then say
 * the object is unknown, and why, rather than naming one property as if only it were.
 */
export const WHOLE_OBJECT = " (the whole object)";

/** Where outcomes go; one per policy evaluation. */
export interface Sink {
    /** "AWS" or "Azure", used to phrase defaults ("AWS default: ..."). */
    readonly cloud: string;
    violation(message: string): void;
    unknown(path: string): void;
    /** Marks the unknown at `path` as one the dependency graph may settle (previewUnknowns.ts). */
    claim?(path: string, claim: Claim): void;
}

/** A value that was read, with a value-free or vocabulary-only description for messages. */
export interface Got<T> {
    readonly value: T;
    /** True when the property was not set (the value is then the cloud default, if any). */
    readonly absent: boolean;
    /** e.g. `rootAccess is "Enabled"` or `rootAccess is not set (AWS default: "Enabled")`. */
    readonly text: string;
}

function show(value: unknown): string {
    return typeof value === "string" ? `"${value}"` : String(value);
}

export class Section {
    constructor(
        protected readonly sink: Sink,
        /** The object this section reads from (possibly the SDK's proxy). */
        readonly root: unknown,
        /** The path of `root` inside the resource's properties, for messages. */
        readonly base: string,
    ) {}

    /** The full property path of `rel`, as messages show it. */
    path(rel: string): string {
        return joinPath(this.base, rel);
    }

    /** Reports a violation of the policy. Never interpolate property values that may be secret. */
    violation(message: string): void {
        this.sink.violation(message);
    }

    /** Reports a value that cannot be judged. The message names the property, never its value. */
    malformed(rel: string, expected: string, got: unknown): void {
        this.sink.violation(`cannot evaluate ${this.path(rel)}: expected ${expected}, but it is ${kindOf(got)}.`);
    }

    /** Records that `rel` is unknown during preview. */
    unknown(rel: string): void {
        this.sink.unknown(this.path(rel));
    }

    /**
     * Says what the graph can vouch for about the value at `rel` when a preview leaves it unknown
     * (it was set to a value computed from other resources): e.g. that a key id computed only from
     * the program's own keys names a customer-managed key. Call it only when `rel` itself is set to
     * an unknown value (see {@link setToUnknown}) and the claim, if true, leaves nothing to report.
     */
    claim(rel: string, claim: Claim): void {
        this.sink.claim?.(this.path(rel), claim);
    }

    /**
     * For presence checks on a single value: true when `rel` holds a non-empty value, a value
     * computed from another resource included (unknown in a preview, yet set: presence needs no
     * value), false when it is absent or empty. Undefined when an enclosing object is unknown as a
     * whole (recorded) or the value is malformed (reported).
     */
    present(rel: string): boolean | undefined {
        if (this.setToUnknown(rel)) {
            return true;
        }
        const value = this.read(rel);
        if (value === UNKNOWN) {
            return undefined;
        }
        if (value === undefined || value === "") {
            return false;
        }
        if (typeof value !== "string") {
            this.malformed(rel, "a string", value);
            return undefined;
        }
        return true;
    }

    /**
     * For presence checks on a list of strings (ids, ARNs): its number of elements, counting
     * elements computed from other resources (unknown in a preview, yet present); 0 when absent.
     * Undefined when the list itself is unknown (it may turn out empty: recorded) or malformed
     * (reported), elements that are not strings included.
     */
    count(rel: string): number | undefined {
        const value = this.read(rel);
        if (value === UNKNOWN) {
            return undefined;
        }
        if (value === undefined) {
            return 0;
        }
        if (typeof value === "string") {
            return value === "" ? 0 : 1;
        }
        if (!Array.isArray(value)) {
            this.malformed(rel, "a string or a list of strings", value);
            return undefined;
        }
        for (let i = 0; i < value.length; i++) {
            const element = readKey(value, i);
            if (element !== UNKNOWN && typeof element !== "string") {
                this.malformed(`${rel}[${i}]`, "a string", element);
                return undefined;
            }
        }
        return value.length;
    }

    /** True after a read stepped into a non-object (already reported); readers then stop. */
    private stoppedAtMalformed = false;

    /** True after the last list read (list, strings) skipped unknown elements. */
    private holes = false;

    /**
     * Raw read: undefined (absent, or a malformed parent that was reported), UNKNOWN (recorded),
     * or the value.
     */
    raw(rel: string): unknown {
        this.stoppedAtMalformed = false;
        const value = readPath(this.root, rel, (at, got) => {
            this.stoppedAtMalformed = true;
            this.malformed(at, "an object", got);
        });
        if (value === UNKNOWN) {
            const at = unknownAt(this.root, rel);
            this.sink.unknown(at === rel ? this.path(rel) : `${this.path(at)}${WHOLE_OBJECT}`);
        }
        return value;
    }

    /**
     * True when `rel` itself is set to a value unknown during preview (not when an enclosing object
     * is unknown as a whole). For presence checks: a property set to a computed value is set, and
     * presence needs no value. Records nothing.
     */
    setToUnknown(rel: string): boolean {
        return readPath(this.root, rel) === UNKNOWN && unknownAt(this.root, rel) === rel;
    }

    /** Like raw, for the readers below: after a malformed parent (already reported) they stop. */
    private read(rel: string): unknown {
        const value = this.raw(rel);
        return this.stoppedAtMalformed ? UNKNOWN : value;
    }

    private got<T>(rel: string, value: T, absent: boolean, text?: string): Got<T> {
        const path = this.path(rel);
        if (absent) {
            const fallback = value === undefined ? "" : ` (${this.sink.cloud} default: ${show(value)})`;
            return { value, absent, text: `${path} is not set${fallback}` };
        }
        return { value, absent, text: text ?? `${path} is ${show(value)}` };
    }

    /**
     * True if `rel` holds a non-empty value; undefined when unknown. With `kind`, a value of another
     * kind (a number where a block was expected) is malformed (reported) and reads as undefined.
     */
    isSet(rel: string, kind?: "object" | "list" | "number" | "string"): boolean | undefined {
        const value = this.read(rel);
        if (value === UNKNOWN) {
            return undefined;
        }
        if (value === undefined || value === "") {
            return false;
        }
        if (kind !== undefined && !isKind(value, kind)) {
            this.malformed(rel, kind === "object" ? "an object" : kind === "list" ? "a list" : `a ${kind}`, value);
            return undefined;
        }
        if (Array.isArray(value)) {
            return value.length > 0;
        }
        return true;
    }

    /**
     * A free-form string (an id, an ARN, a URI). Its text never shows the value.
     * Absent and empty both read as `value: undefined`.
     */
    string(rel: string): Got<string | undefined> | undefined {
        const value = this.read(rel);
        if (value === UNKNOWN) {
            return undefined;
        }
        if (value === undefined || value === "") {
            return this.got(rel, undefined, true);
        }
        if (typeof value !== "string") {
            this.malformed(rel, "a string", value);
            return undefined;
        }
        return this.got<string | undefined>(rel, value, false, `${this.path(rel)} is set`);
    }

    /**
     * One of a documented set of values, matched case-insensitively (Azure and AWS both accept
     * other casings for many enums); the result uses the spelling given in `values`.
     */
    enum<V extends string>(rel: string, values: readonly V[], opts: { absent?: V } = {}): Got<V | undefined> | undefined {
        const value = this.read(rel);
        if (value === UNKNOWN) {
            return undefined;
        }
        if (value === undefined || value === "") {
            return this.got(rel, opts.absent, true);
        }
        if (typeof value === "string") {
            const lower = value.toLowerCase();
            const match = values.find((v) => v.toLowerCase() === lower);
            if (match !== undefined) {
                return this.got<V | undefined>(rel, match, false);
            }
        }
        this.malformed(rel, `one of ${values.map(show).join(", ")}`, typeof value === "string" ? "another string" : value);
        return undefined;
    }

    /** A boolean; the strings "true"/"false" are accepted as the providers accept them. */
    boolean(rel: string, opts: { absent?: boolean } = {}): Got<boolean | undefined> | undefined {
        const value = this.read(rel);
        if (value === UNKNOWN) {
            return undefined;
        }
        if (value === undefined) {
            return this.got(rel, opts.absent, true);
        }
        if (typeof value === "boolean") {
            return this.got<boolean | undefined>(rel, value, false);
        }
        if (typeof value === "string" && /^(true|false)$/i.test(value)) {
            return this.got<boolean | undefined>(rel, value.toLowerCase() === "true", false);
        }
        this.malformed(rel, "true or false", value);
        return undefined;
    }

    /** A number; numeric strings are accepted. The text does not show the value. */
    number(rel: string, opts: { absent?: number } = {}): Got<number | undefined> | undefined {
        const value = this.read(rel);
        if (value === UNKNOWN) {
            return undefined;
        }
        if (value === undefined || value === "") {
            return this.got(rel, opts.absent, true);
        }
        const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
        if (!Number.isFinite(n)) {
            this.malformed(rel, "a number", value);
            return undefined;
        }
        return this.got<number | undefined>(rel, n, false, `${this.path(rel)} is set`);
    }

    /**
     * An ISO 8601 duration (`PT60M`, `P90D`, `P1DT12H`), as Azure writes idle times and rotation
     * periods, in minutes; absent reads as undefined; text that is not such a duration is malformed
     * (named with an `example`, never echoed).
     */
    duration(rel: string, example: string): Got<number | undefined> | undefined {
        const text = this.string(rel);
        if (!text) {
            return undefined;
        }
        if (text.value === undefined) {
            return { ...text, value: undefined };
        }
        const minutes = isoDurationMinutes(text.value);
        if (minutes === undefined) {
            this.malformed(rel, `an ISO 8601 duration such as "${example}"`, "another string");
            return undefined;
        }
        return this.got<number | undefined>(rel, minutes, false, `${this.path(rel)} is set`);
    }

    /**
     * The elements of a list as sections (`rel[0]`, `rel[1]`, ...). Absent reads as an empty list;
     * a single object where a list was expected is read as a one-element list. Unknown elements are
     * recorded and skipped; a list whose elements are all unknown reads as unknown (it is not empty).
     * With `whole`, a list with any unknown element reads as unknown: use it when the check is that
     * something is missing from the list, which a list with a hole cannot show.
     */
    list(rel: string, options: { whole?: boolean } = {}): Section[] | undefined {
        this.holes = false;
        const value = this.read(rel);
        if (value === UNKNOWN) {
            return undefined;
        }
        if (value === undefined) {
            return [];
        }
        const path = this.path(rel);
        if (!Array.isArray(value)) {
            if (typeof value === "object") {
                return [new Section(this.sink, value, path)];
            }
            this.malformed(rel, "a list", value);
            return undefined;
        }
        const out: Section[] = [];
        let unknowns = 0;
        for (let i = 0; i < value.length; i++) {
            const element = readKey(value, i);
            if (element === UNKNOWN) {
                this.sink.unknown(`${path}[${i}]`);
                unknowns++;
                continue;
            }
            out.push(new Section(this.sink, element, `${path}[${i}]`));
        }
        this.holes = unknowns > 0;
        return unknowns > 0 && (options.whole || unknowns === value.length) ? undefined : out;
    }

    /**
     * The elements of the list(s) at `rels` that `match`, for checks that a list must contain
     * something ("a PROMPT_ATTACK filter", "an entry that blocks"). It is the one rule for such
     * checks when part of a list is unknown during preview:
     *
     * - a known element that matches settles it: the matches are returned, also beside unknown
     *   elements or lists, and those unknowns are not reported (they cannot change the answer);
     * - with no match, an unknown list or element, or an element `match` cannot judge (it answers
     *   undefined, after its own read recorded an unknown), leaves it open: undefined, reported as
     *   "cannot verify";
     * - only known, complete lists without a match give [] (the caller reports what is missing).
     *
     * Malformed lists and elements are reported as they are read (and leave the answer open). The
     * returned sections report to this section's sink, so the caller judges the matches further.
     */
    find(rels: string | readonly string[], match: (element: Section) => boolean | undefined): Section[] | undefined {
        const pending: string[] = [];
        const sink = this.sink;
        const deferred: Sink = { cloud: sink.cloud, violation: (m) => sink.violation(m), unknown: (p) => void pending.push(p) };
        const reader = new Section(deferred, this.root, this.base);
        const matches: Section[] = [];
        let open = false;
        for (const rel of typeof rels === "string" ? [rels] : rels) {
            const elements = reader.list(rel);
            open ||= elements === undefined || reader.holes;
            for (const e of elements ?? []) {
                const m = match(e);
                if (m === undefined) {
                    open = true;
                } else if (m) {
                    matches.push(new Section(sink, e.root, e.base));
                }
            }
        }
        if (matches.length === 0 && open) {
            for (const p of pending) {
                sink.unknown(p);
            }
            return undefined;
        }
        return matches;
    }

    /** Whether some element of the list(s) at `rels` matches, by the rule of {@link find}; undefined when open. */
    some(rels: string | readonly string[], match: (element: Section) => boolean | undefined): boolean | undefined {
        const found = this.find(rels, match);
        return found === undefined ? undefined : found.length > 0;
    }

    /**
     * Whether some string of the string list at `rel` matches, by the rule of {@link find}: a known
     * match settles it; otherwise unknown elements leave it open (undefined, reported).
     */
    someString(rel: string, match: (value: string) => boolean): boolean | undefined {
        const pending: string[] = [];
        const sink = this.sink;
        const reader = new Section({ cloud: sink.cloud, violation: (m) => sink.violation(m), unknown: (p) => void pending.push(p) }, this.root, this.base);
        const values = reader.strings(rel);
        if (values !== undefined && values.some(match)) {
            return true;
        }
        if (values === undefined || reader.holes) {
            for (const p of pending) {
                sink.unknown(p);
            }
            return undefined;
        }
        return false;
    }

    /**
     * A string or a list of strings (as AWS accepts for many fields); absent reads as []. Unknown
     * elements are recorded and skipped; if every element is unknown the list reads as unknown.
     */
    strings(rel: string): string[] | undefined {
        this.holes = false;
        const value = this.read(rel);
        if (value === UNKNOWN) {
            return undefined;
        }
        if (value === undefined) {
            return [];
        }
        if (typeof value === "string") {
            return [value];
        }
        if (Array.isArray(value)) {
            const out: string[] = [];
            let unknowns = 0;
            for (let i = 0; i < value.length; i++) {
                const element = readKey(value, i);
                if (element === UNKNOWN) {
                    this.sink.unknown(`${this.path(rel)}[${i}]`);
                    unknowns++;
                } else if (typeof element === "string") {
                    out.push(element);
                } else if (element !== undefined) {
                    this.malformed(`${rel}[${i}]`, "a string", element);
                    return undefined;
                }
            }
            this.holes = unknowns > 0;
            return unknowns > 0 && unknowns === value.length ? undefined : out;
        }
        this.malformed(rel, "a string or a list of strings", value);
        return undefined;
    }

    /** A nested object as a section; an absent object gives a section where everything is absent. */
    object(rel: string): Section | undefined {
        const value = this.read(rel);
        if (value === UNKNOWN) {
            return undefined;
        }
        if (value !== undefined && (typeof value !== "object" || Array.isArray(value))) {
            this.malformed(rel, "an object", value);
            return undefined;
        }
        return new Section(this.sink, value, this.path(rel));
    }
}

function isKind(value: unknown, kind: "object" | "list" | "number" | "string"): boolean {
    switch (kind) {
        case "object":
            return typeof value === "object" && value !== null && !Array.isArray(value);
        case "list":
            return Array.isArray(value) || (typeof value === "object" && value !== null); // a single block reads as a list
        case "number":
            return typeof value === "number" || (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)));
        case "string":
            return typeof value === "string";
    }
}

/**
 * Minutes in an ISO 8601 duration of days, hours, minutes and seconds (`P1D`, `PT2H30M`,
 * `P1DT12H`); weeks are 7 days, months and years are counted as 30 and 365 days. Undefined when the
 * text is not such a duration.
 */
export function isoDurationMinutes(text: string): number | undefined {
    const t = text.trim();
    const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(t);
    if (!m || t.toUpperCase() === "P" || /T$/i.test(t)) {
        return undefined;
    }
    const [y, mo, w, d, h, mi, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
    return ((y * 365 + mo * 30 + w * 7 + d) * 24 + h) * 60 + mi + s / 60;
}
