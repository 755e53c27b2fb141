/**
 * Scope of the generic S3 data-store policies (encryption, versioning, object lock, force-destroy).
 * Buckets carry tags and are judged when tagged as AI data stores (lib/scope.ts). Configuration
 * resources (BucketServerSideEncryptionConfiguration, BucketVersioning, ...) carry no tags, so a
 * resource policy cannot tell which bucket they configure: they are judged only with
 * `allDataStores`, and the stack policies judge them through the bucket they depend on.
 */
import type { ResourceCheck } from "../../../lib/policy";
import { isAiDataStore, notAnAiDataStore, ScopeKnobs } from "../../../lib/scope";
import { canonicalType } from "../../../lib/types";
import { BUCKET } from "./shapes";

/** True when the resource is in scope; otherwise ends the evaluation (not applicable) or returns false while its tags are unknown. */
export function inScope<C extends ScopeKnobs>(r: ResourceCheck<C>, taggable: readonly string[] = [BUCKET]): boolean {
    if (!taggable.includes(canonicalType(r.type)) && !r.config.allDataStores) {
        r.notApplicable("this configuration resource carries no tags, so it is judged only with allDataStores; the stack policies judge it through the bucket it configures");
    }
    const scoped = isAiDataStore(r, r.config);
    if (scoped === false) {
        r.notApplicable(notAnAiDataStore(r.config));
    }
    return scoped === true;
}
