/**
 * Which generic resources (buckets, keys, log groups, storage accounts, vaults) count as AI data
 * stores for a resource policy. A resource policy sees one resource, so it knows only the resource's
 * own tags (see tags.ts): a resource tagged with one of `aiTagKeys` (default `ai-workload`) is in scope, or every
 * resource of the type when `allDataStores` is set. Resources that AI services merely use are found
 * through the dependency graph by the stack policies.
 */
import type { Section } from "./check";
import type { Knobs } from "./policy";
import { ProviderLike, taggedWith, tagsOf } from "./tags";

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

/**
 * True if the resource is in scope, false if not, undefined if its tags are unknown during preview
 * (recorded, so the policy reports "cannot verify" rather than passing silently) or malformed
 * (reported as a violation naming the property). Typical use:
 *
 *     const inScope = isAiDataStore(r, r.config);
 *     if (inScope === false) r.notApplicable(notAnAiDataStore(r.config));
 *     if (inScope === undefined) return;
 */
export function isAiDataStore(r: Section & { readonly provider?: ProviderLike | undefined }, config: Readonly<ScopeKnobs>): boolean | undefined {
    if (config.allDataStores) {
        return true;
    }
    return taggedWith(tagsOf(r.root, r.provider), config.aiTagKeys, r);
}

/** The not-applicable reason for resources out of scope. */
export function notAnAiDataStore(config: Readonly<ScopeKnobs>): string {
    return `not tagged as an AI data store (tag keys: ${config.aiTagKeys.join(", ")}); set allDataStores to judge every resource of this type`;
}
