/** Helpers shared by the stack policies. */
import type { Section } from "../../lib/check";
import { readKey } from "../../lib/props";
import { scopeKnobs, ScopeKnobs } from "../../lib/scope";
import type { Knobs } from "../../lib/policy";

export type { ScopeKnobs };
export { scopeKnobs };

/** Scope knobs with descriptions phrased for stack policies. */
export const stackScopeKnobs: Knobs<ScopeKnobs> = {
    aiTagKeys: {
        ...scopeKnobs.aiTagKeys,
        description: "Tag keys that mark a resource as AI (any value except false/no/0); AI resources also include AI services and what they depend on.",
    },
    allDataStores: { ...scopeKnobs.allDataStores, description: "Apply the data-store controls to every bucket, storage account and other data store, not only the AI ones." },
};

/**
 * The elements under the first of `keys` that is set (providers spell nested blocks as a single
 * object on one resource and as a list on its deprecated twin); [] when none is set.
 */
export function listOf(sec: Section, keys: readonly string[]): Section[] | undefined {
    for (const key of keys) {
        if (readKey(sec.root, key) !== undefined) {
            return sec.list(key, { whole: true });
        }
    }
    return [];
}

/** "1 resource" / "3 resources". */
export function count(n: number, noun: string): string {
    return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
