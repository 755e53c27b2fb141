/** Helpers shared by the stack policies. */
import type { Section } from "../../lib/check";
import { readKey } from "../../lib/props";
import { scopeKnobs, ScopeKnobs } from "../../lib/scope";
import type { Knobs } from "../../lib/policy";

export type { ScopeKnobs };
export { scopeKnobs };

/** Scope knobs with descriptions phrased for stack policies. */
export const stackScopeKnobs: Knobs<ScopeKnobs> = {
    aiTagKeys: { ...scopeKnobs.aiTagKeys, description: "Tag keys that mark a resource as AI (any value except false/no/0); AI resources also include AI services and what they depend on." },
    allDataStores: { ...scopeKnobs.allDataStores, description: "Apply the data-store controls to every bucket, storage account and other data store, not only the AI ones." },
};

/**
 * The elements under the first of `keys` that is set (providers spell nested blocks as a single
 * object on one resource and as a list on its deprecated twin); [] when none is set.
 */
export function listOf(sec: Section, keys: readonly string[]): Section[] | undefined {
    for (const key of keys) {
        if (readKey(sec.root, key) !== undefined) {
            return fullList(sec, key);
        }
    }
    return [];
}

/**
 * `sec.list(key)`, but undefined when some element is unknown during preview (recorded): a list
 * with a hole cannot show that something is missing.
 */
export function fullList(sec: Section, key: string): Section[] | undefined {
    const raw = readKey(sec.root, key);
    const list = sec.list(key);
    if (list !== undefined && Array.isArray(raw) && list.length !== raw.length) {
        return undefined;
    }
    return list;
}

/** "1 resource" / "3 resources". */
export function count(n: number, noun: string): string {
    return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
