/**
 * A resource's tags, wherever they are kept: its own `tags` (AWS and Azure); for AWS, the
 * provider's `defaultTags` (read from the resource's provider, since inputs never carry the merged
 * tags) and `tagsAll` (own tags merged with the default tags, in outputs; unknown during a
 * preview, when known default tags decide instead). Every tag question of the pack is answered
 * here: which resources are AI (scope.ts, stack.ts), which carry the required inventory tags,
 * which mark model artefacts or model cards, and the value of a named tag.
 */
import type { Section } from "./check";
import { Read, UNKNOWN, readKey } from "./props";

/** A resource's provider as the SDK hands it to policies (`args.provider`, `resource.provider`). */
export interface ProviderLike {
    readonly type: string;
    readonly props: unknown;
}

/** Where a resource's tags are. `provider` undefined means "not told", not "no provider". */
export interface TagSources {
    readonly tags: Read;
    readonly tagsAll: Read;
    readonly provider: ProviderLike | undefined;
}

/** The tag sources of a resource's properties (inputs or outputs) and its provider. */
export function tagsOf(props: unknown, provider: ProviderLike | undefined): TagSources {
    return { tags: readKey(props, "tags"), tagsAll: readKey(props, "tagsAll"), provider };
}

/**
 * Where tag reading reports what it cannot decide: a part only known after `pulumi up`, or a part
 * that is malformed (never silently "not tagged"). Paths are relative to the resource (`tags`,
 * `tags.ai-workload`, `tagsAll`); a {@link Section} over the resource is such a report.
 */
export interface TagReport {
    unknown(path: string): void;
    malformed(path: string, expected: string, got: unknown): void;
}

/** What a tag container must be. */
export const TAG_MAP = "a map of tag names to values";

/** Tag values that say "no" (`"ai-workload": "false"` opts a resource out). */
const NEGATIVE = new Set(["", "false", "no", "0", "off"]);

/**
 * Whether a tag value marks the resource: any string except false/no/0/off/empty; booleans and
 * numbers as the providers turn them into strings (`true` from a YAML program counts as set, `false`
 * as "no"). Undefined for anything else (malformed).
 */
function says(value: unknown): boolean | undefined {
    if (typeof value === "string") {
        return !NEGATIVE.has(value.trim().toLowerCase());
    }
    if (typeof value === "boolean" || typeof value === "number") {
        return !NEGATIVE.has(String(value));
    }
    return undefined;
}

/**
 * Whether the resource carries one of `keys` (compared without regard to case) with a value that
 * says so (see {@link says}). A known mark settles it, whatever else is unknown; otherwise undefined
 * when only values known after `pulumi up` could say (reported as unknown) or a tag container or
 * value is malformed (reported as malformed).
 */
export function taggedWith(t: TagSources, keys: readonly string[], report: TagReport): boolean | undefined {
    const wanted = new Set(keys.map((k) => k.toLowerCase()));
    // Unknowns are reported only if they leave the answer open; malformed parts always.
    const pending: string[] = [];
    const deferred: TagReport = { unknown: (path) => void pending.push(path), malformed: (path, expected, got) => report.malformed(path, expected, got) };
    const answer = decide(t, wanted, deferred);
    if (answer === undefined) {
        for (const path of pending) {
            report.unknown(path);
        }
    }
    return answer;
}

function decide(t: TagSources, wanted: ReadonlySet<string>, report: TagReport): boolean | undefined {
    const own = marks(t.tags, wanted, "tags", report);
    if (own === true) {
        return true;
    }
    const defaults = providerDefaultTags(t.provider);
    const byDefaults = defaults === undefined ? undefined : marks(defaults, wanted, "provider defaultTags", report);
    if (byDefaults === true) {
        return true;
    }
    if (t.tagsAll !== undefined && t.tagsAll !== UNKNOWN) {
        return marks(t.tagsAll, wanted, "tagsAll", report); // the own tags merged with the default tags
    }
    if (own === undefined) {
        return undefined;
    }
    if (defaults === undefined) {
        // No AWS provider to ask: only tagsAll could add default tags.
        if (t.tagsAll === UNKNOWN) {
            report.unknown("tagsAll");
            return undefined;
        }
        return false;
    }
    if (byDefaults === false) {
        return false; // tagsAll is tags plus the default tags, both known without the key
    }
    if (t.tagsAll === UNKNOWN) {
        report.unknown("tagsAll");
    }
    return undefined;
}

/**
 * The tag keys the resource carries (lower-cased), from all sources; whether more may appear
 * once values are known; and whether a tag container is malformed (reported to `report`).
 */
export function tagKeys(t: TagSources, report?: Pick<TagReport, "malformed">): { keys: Set<string>; unknown: boolean; malformed: boolean } {
    const keys = new Set<string>();
    const defaults = providerDefaultTags(t.provider);
    let malformed = false;
    for (const [path, source] of [
        ["tags", t.tags],
        ["provider defaultTags", defaults],
        ["tagsAll", t.tagsAll],
    ] as const) {
        if (isMap(source)) {
            for (const k of Object.keys(source)) {
                keys.add(k.toLowerCase());
            }
        } else if (source !== undefined && source !== UNKNOWN) {
            malformed = true;
            report?.malformed(path, TAG_MAP, source);
        }
    }
    const tagsAllKnown = t.tagsAll !== undefined && t.tagsAll !== UNKNOWN;
    const defaultsKnown = defaults !== undefined && defaults !== UNKNOWN;
    const unknown = t.tags === UNKNOWN || (!tagsAllKnown && (defaults === UNKNOWN || (t.tagsAll === UNKNOWN && !defaultsKnown)));
    return { keys, unknown, malformed };
}

function isMap(value: unknown): value is object {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** True / false / undefined (unknown or malformed, reported) for one set of tags. */
function marks(tags: unknown, wanted: ReadonlySet<string>, path: string, report: TagReport): boolean | undefined {
    if (tags === UNKNOWN) {
        report.unknown(path);
        return undefined;
    }
    if (tags === undefined) {
        return false;
    }
    if (!isMap(tags)) {
        report.malformed(path, TAG_MAP, tags);
        return undefined;
    }
    let open = false;
    for (const key of Object.keys(tags)) {
        if (!wanted.has(key.toLowerCase())) {
            continue;
        }
        // Tag keys may contain dots, so read the key directly rather than through a dotted path.
        const value = readKey(tags, key);
        if (value === UNKNOWN) {
            report.unknown(`${path}.${key}`);
            open = true;
            continue;
        }
        if (value === undefined) {
            continue;
        }
        const yes = says(value);
        if (yes === undefined) {
            report.malformed(`${path}.${key}`, "a string", value);
            open = true;
        } else if (yes) {
            return true;
        }
    }
    return open ? undefined : false;
}

/**
 * The AWS provider's default tags: an object ({} when it sets none), UNKNOWN, or undefined when
 * there is no AWS provider to ask. The provider's nested inputs arrive JSON-encoded
 * (`{"tags":{...}}`), as @pulumi/aws's Provider serialises them; an object is accepted too.
 */
function providerDefaultTags(provider: ProviderLike | undefined): object | typeof UNKNOWN | undefined {
    if (provider?.type !== "pulumi:providers:aws") {
        return undefined;
    }
    let value = readKey(provider.props, "defaultTags");
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    if (typeof value === "string") {
        try {
            value = JSON.parse(value) as unknown;
        } catch {
            return {}; // the provider itself rejects such config
        }
    }
    const tags = readKey(value, "tags");
    if (tags === UNKNOWN) {
        return UNKNOWN;
    }
    return isMap(tags) ? tags : {};
}

/**
 * The value of tag `key` (matched case-insensitively, as Azure treats tag names): a string, absent
 * (undefined), UNKNOWN (recorded) or null when `tags` or the value is malformed (reported).
 * Tag names may contain dots, so the key is read directly rather than through a dotted path.
 */
export function tagValue(r: Section, key: string): string | undefined | null | typeof UNKNOWN {
    const tags = r.raw("tags");
    if (tags === UNKNOWN) {
        return UNKNOWN;
    }
    if (tags === undefined || typeof tags !== "object" || tags === null || Array.isArray(tags)) {
        if (tags !== undefined) {
            r.malformed("tags", TAG_MAP, tags);
            return null;
        }
        return undefined;
    }
    const wanted = key.toLowerCase();
    for (const k of Object.keys(tags)) {
        if (k.toLowerCase() !== wanted) {
            continue;
        }
        const value = readKey(tags, k);
        if (value === UNKNOWN) {
            r.unknown(`tags.${k}`);
            return UNKNOWN;
        }
        if (typeof value === "string" || typeof value === "boolean" || typeof value === "number") {
            return String(value);
        }
        if (value !== undefined) {
            r.malformed(`tags.${k}`, "a string", value);
            return null;
        }
        return undefined;
    }
    return undefined;
}
