/**
 * Which generic resources (buckets, keys, log groups, repositories, file systems, domains, storage
 * accounts, vaults, registries, workspaces) a resource policy judges: one rule for every control
 * on a generic data store (README: "Which resources count as AI").
 *
 * A resource policy sees one resource, so it knows only the resource's own tags (see tags.ts): a
 * data store tagged with one of `aiTagKeys` (default `ai-workload`) is in scope, or every resource
 * of the policy's types when `allDataStores` is set. Data stores that AI services merely use are
 * found through the dependency graph by the stack policies, and the high and critical controls
 * judge them in the stack pass (handover.ts).
 *
 * The one exception: configuration resources that carry no tags of their own (a bucket policy, an
 * ACL, a key policy, an ECR repository or registry policy, a blob container) cannot be tied to the
 * data store they configure by a policy that sees only them, so every one is judged, unless a stack
 * policy judges the ones attached to AI data stores (S3 default encryption and versioning): then the
 * resource policy leaves them to it and judges them only with `allDataStores`. Configuration
 * resources that do carry tags (an EFS access point, a Key Vault key) are scoped by their own tags
 * like a data store.
 */
import type { Section } from "./check";
import type { Knobs, Remediation, ResourceCheck } from "./policy";
import { ProviderLike, taggedWith, tagsOf } from "./tags";
import { canonicalType } from "./types";

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

/**
 * The scope test of a data-store control, at the top of its validate: ends the evaluation as not
 * applicable when the resource is not an AI data store; false while its tags are unknown during
 * preview or malformed (recorded, so the policy reports "cannot verify" or the malformed tags, never
 * a pass), true when it is in scope.
 *
 * `always` lists the policy's types whose every resource is judged: configuration resources that
 * carry no tags of their own (see the module comment), and AI service resources (AI by rule 1 of
 * the README, such as an S3 Vectors bucket beside the buckets of a force-destroy control).
 */
export function inAiScope<C extends ScopeKnobs>(r: ResourceCheck<C>, always: readonly string[] = []): boolean {
    if (always.length > 0 && always.includes(canonicalType(r.type))) {
        return true;
    }
    const inScope = isAiDataStore(r, r.config);
    if (inScope === false) {
        r.notApplicable(notAnAiDataStore(r.config));
    }
    return inScope === true;
}

/**
 * The same test for a remediation, which may only tighten what the policy judges: true only when
 * the resource is known to be in scope (tags unknown during preview: no fix). Its reads record
 * nothing.
 */
export function fixesInAiScope<C extends ScopeKnobs>(r: Remediation<C>, always: readonly string[] = []): boolean {
    if (always.includes(canonicalType(r.args.type))) {
        return true;
    }
    // The provider's default tags count here too, as in validate (isAiDataStore).
    return r.config.allDataStores || taggedWith(tagsOf(r.read.root, r.args.provider), r.config.aiTagKeys, r.read) === true;
}
