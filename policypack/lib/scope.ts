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

/**
 * True if the resource is in scope, false if not, undefined if its tags are unknown during preview
 * (recorded, so the policy reports "cannot verify" rather than passing silently). Typical use:
 *
 *     const inScope = isAiDataStore(r, r.config);
 *     if (inScope === false) r.notApplicable(notAnAiDataStore(r.config));
 *     if (inScope === undefined) return;
 */
export function isAiDataStore(r: Section, config: Readonly<ScopeKnobs>): boolean | undefined {
    if (config.allDataStores) {
        return true;
    }
    const tags = r.raw("tags");
    if (tags === UNKNOWN) {
        return undefined;
    }
    if (tags === undefined || tags === null || typeof tags !== "object" || Array.isArray(tags)) {
        return false;
    }
    const wanted = new Set(config.aiTagKeys.map((k) => k.toLowerCase()));
    for (const key of Object.keys(tags)) {
        if (!wanted.has(key.toLowerCase())) {
            continue;
        }
        // Tag keys may contain dots, so read the key directly rather than through a dotted path.
        const value = readKey(tags, key);
        if (value === UNKNOWN) {
            r.unknown(`tags.${key}`);
            return undefined;
        }
        if (typeof value === "string" && !NEGATIVE.has(value.trim().toLowerCase())) {
            return true;
        }
    }
    return false;
}

/** The not-applicable reason for resources out of scope. */
export function notAnAiDataStore(config: Readonly<ScopeKnobs>): string {
    return `not tagged as an AI data store (tag keys: ${config.aiTagKeys.join(", ")}); set allDataStores to judge every resource of this type`;
}
