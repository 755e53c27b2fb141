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

/** Tag values that say "no" (`"ai-workload": "false"` opts a resource out). */
const NEGATIVE = new Set(["", "false", "no", "0", "off"]);

/**
 * Whether the resource carries one of `keys` (compared without regard to case) with a value other
 * than false/no/0/off/empty. Undefined, with `unknown` told which property, when only values known
 * after `pulumi up` could say.
 */
export function taggedWith(t: TagSources, keys: readonly string[], unknown: (path: string) => void): boolean | undefined {
    const wanted = new Set(keys.map((k) => k.toLowerCase()));
    const own = marks(t.tags, wanted, "tags", unknown);
    if (own !== false) {
        return own;
    }
    const defaults = providerDefaultTags(t.provider);
    // Unknown default tags matter only if tagsAll cannot decide either.
    const unknownDefaults: string[] = [];
    const byDefaults = defaults === undefined ? undefined : marks(defaults, wanted, "provider defaultTags", (p) => unknownDefaults.push(p));
    if (byDefaults === true) {
        return true;
    }
    if (t.tagsAll !== undefined && t.tagsAll !== UNKNOWN) {
        return marks(t.tagsAll, wanted, "tagsAll", unknown);
    }
    if (byDefaults === false) {
        return false; // tagsAll is tags plus the default tags, both known without the key
    }
    unknownDefaults.forEach(unknown);
    if (t.tagsAll === UNKNOWN) {
        unknown("tagsAll");
        return undefined;
    }
    return defaults === undefined ? false : undefined;
}

/**
 * The tag keys the resource carries (lower-cased), from all sources, and whether more may appear
 * once values are known.
 */
export function tagKeys(t: TagSources): { keys: Set<string>; unknown: boolean } {
    const keys = new Set<string>();
    const defaults = providerDefaultTags(t.provider);
    for (const source of [t.tags, defaults, t.tagsAll]) {
        if (isMap(source)) {
            for (const k of Object.keys(source)) {
                keys.add(k.toLowerCase());
            }
        }
    }
    const tagsAllKnown = t.tagsAll !== undefined && t.tagsAll !== UNKNOWN;
    const defaultsKnown = defaults !== undefined && defaults !== UNKNOWN;
    const unknown = t.tags === UNKNOWN || (!tagsAllKnown && (defaults === UNKNOWN || (t.tagsAll === UNKNOWN && !defaultsKnown)));
    return { keys, unknown };
}

function isMap(value: unknown): value is object {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** True / false / undefined (unknown, recorded) for one set of tags. */
function marks(tags: unknown, wanted: ReadonlySet<string>, path: string, unknown: (path: string) => void): boolean | undefined {
    if (tags === UNKNOWN) {
        unknown(path);
        return undefined;
    }
    if (!isMap(tags)) {
        return false;
    }
    for (const key of Object.keys(tags)) {
        if (!wanted.has(key.toLowerCase())) {
            continue;
        }
        // Tag keys may contain dots, so read the key directly rather than through a dotted path.
        const value = readKey(tags, key);
        if (value === UNKNOWN) {
            unknown(`${path}.${key}`);
            return undefined;
        }
        if (typeof value === "string" && !NEGATIVE.has(value.trim().toLowerCase())) {
            return true;
        }
    }
    return false;
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
 * (undefined), UNKNOWN (recorded) or null when `tags` is not an object (reported as malformed).
 * Tag names may contain dots, so the key is read directly rather than through a dotted path.
 */
export function tagValue(r: Section, key: string): string | undefined | null | typeof UNKNOWN {
    const tags = r.raw("tags");
    if (tags === UNKNOWN) {
        return UNKNOWN;
    }
    if (tags === undefined || typeof tags !== "object" || tags === null || Array.isArray(tags)) {
        if (tags !== undefined) {
            r.malformed("tags", "an object", tags);
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
        return typeof value === "string" ? value : undefined;
    }
    return undefined;
}
