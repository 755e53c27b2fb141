/**
 * Which generic resources (buckets, keys, log groups, storage accounts, vaults) count as AI data
 * stores for a resource policy. A resource policy sees one resource, so it knows only the resource's
 * own tags: a resource tagged with one of `aiTagKeys` (default `ai-workload`) is in scope, or every
 * resource of the type when `allDataStores` is set. Resources that AI services merely use are found
 * through the dependency graph by the stack policies.
 */
import type { Section } from "./check";
import type { Knobs } from "./policy";
import { UNKNOWN, readKey } from "./props";

export interface ScopeKnobs {
    aiTagKeys: string[];
    allDataStores: boolean;
}

export const scopeKnobs: Knobs<ScopeKnobs> = {
    aiTagKeys: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: ["ai-workload"],
        description: "Tag keys that mark a resource as an AI data store (any value except false/no/0).",
    },
    allDataStores: {
        type: "boolean",
        default: false,
        description: "Judge every resource of this type, not only those tagged as AI data stores.",
    },
};

const NEGATIVE = new Set(["", "false", "no", "0", "off"]);

/** A resource's provider as the SDK hands it to policies (`args.provider`, `resource.provider`). */
export interface ProviderLike {
    readonly type: string;
    readonly props: unknown;
}

/**
 * True if the resource is in scope, false if not, undefined if its tags are unknown during preview
 * (recorded, so the policy reports "cannot verify" rather than passing silently). Typical use:
 *
 *     const inScope = isAiDataStore(r, r.config);
 *     if (inScope === false) r.notApplicable(notAnAiDataStore(r.config));
 *     if (inScope === undefined) return;
 */
export function isAiDataStore(r: Section & { readonly provider?: ProviderLike }, config: Readonly<ScopeKnobs>): boolean | undefined {
    if (config.allDataStores) {
        return true;
    }
    return aiTagged(readKey(r.root, "tags"), readKey(r.root, "tagsAll"), r.provider, config.aiTagKeys, (path) => r.unknown(path));
}

/**
 * Whether a resource carries an AI tag, wherever AWS keeps its tags: its own `tags`, the AWS
 * provider's `defaultTags` (inputs never carry the merged tags, so during Analyze the provider is
 * where default tags show), and `tagsAll` (own tags merged with the default tags, in outputs).
 * Undefined, with `unknown` told which property, when only values known after `pulumi up` could say.
 * `provider` undefined means "not told" (not "no provider"): then an unknown `tagsAll` stays unknown.
 */
export function aiTagged(tags: unknown, tagsAll: unknown, provider: ProviderLike | undefined, aiTagKeys: readonly string[], unknown: (path: string) => void): boolean | undefined {
    const wanted = new Set(aiTagKeys.map((k) => k.toLowerCase()));
    const own = marks(tags, wanted, "tags", unknown);
    if (own !== false) {
        return own;
    }
    const defaults = providerDefaultTags(provider);
    // Unknown default tags matter only if tagsAll cannot decide either.
    const unknownDefaults: string[] = [];
    const byDefaults = defaults === undefined ? undefined : marks(defaults, wanted, "provider defaultTags", (p) => unknownDefaults.push(p));
    if (byDefaults === true) {
        return true;
    }
    if (tagsAll !== undefined && tagsAll !== UNKNOWN) {
        return marks(tagsAll, wanted, "tagsAll", unknown);
    }
    if (byDefaults === false) {
        return false; // tagsAll is tags plus the default tags, both known without the key
    }
    unknownDefaults.forEach(unknown);
    if (tagsAll === UNKNOWN) {
        unknown("tagsAll");
        return undefined;
    }
    return defaults === undefined ? false : undefined;
}

/** True / false / undefined (unknown, recorded) for one set of tags. */
function marks(tags: unknown, wanted: ReadonlySet<string>, path: string, unknown: (path: string) => void): boolean | undefined {
    if (tags === UNKNOWN) {
        unknown(path);
        return undefined;
    }
    if (tags === undefined || tags === null || typeof tags !== "object" || Array.isArray(tags)) {
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
    return tags !== null && typeof tags === "object" && !Array.isArray(tags) ? tags : {};
}

/** The not-applicable reason for resources out of scope. */
export function notAnAiDataStore(config: Readonly<ScopeKnobs>): string {
    return `not tagged as an AI data store (tag keys: ${config.aiTagKeys.join(", ")}); set allDataStores to judge every resource of this type`;
}
