/**
 * Scope of the S3 data-store policies whose configuration resources a stack policy also judges
 * (default encryption, versioning). Buckets carry tags and are judged when tagged as AI data stores
 * (lib/scope.ts). BucketServerSideEncryptionConfiguration and BucketVersioning carry no tags, so a
 * resource policy cannot tell which bucket they configure; the stack policies
 * `aws-s3-ai-bucket-kms-encryption` and `aws-s3-ai-bucket-versioning` judge the ones attached to AI
 * buckets, so the resource policies leave them to those and judge them only with `allDataStores`.
 * (Configuration resources without tags that no stack policy judges, such as bucket policies and
 * ACLs, are judged on every one instead: see lib/scope.ts.)
 */
import type { ResourceCheck } from "../../../lib/policy";
import { isAiDataStore, notAnAiDataStore, ScopeKnobs } from "../../../lib/scope";
import { canonicalType } from "../../../lib/types";
import { BUCKET } from "./shapes";

/** True when the resource is in scope; otherwise ends the evaluation (not applicable) or returns false while its tags are unknown. */
export function inScope<C extends ScopeKnobs>(r: ResourceCheck<C>): boolean {
    if (canonicalType(r.type) !== BUCKET && !r.config.allDataStores) {
        r.notApplicable("this configuration resource carries no tags, so it is judged only with allDataStores; the stack policies judge it through the bucket it configures");
    }
    const scoped = isAiDataStore(r, r.config);
    if (scoped === false) {
        r.notApplicable(notAnAiDataStore(r.config));
    }
    return scoped === true;
}
