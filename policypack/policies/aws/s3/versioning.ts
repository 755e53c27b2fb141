/**
 * Versioning of AI data buckets: a versioning setting that exists (the BucketVersioning resource,
 * its V2 twin, or the deprecated inline `versioning` of Bucket/BucketV2) must be enabled, so that
 * poisoned or deleted training data and model artefacts can be recovered. Whether a bucket has
 * versioning at all is a stack-level question.
 */
import type { Section } from "../../../lib/check";
import { resourcePolicy } from "../../../lib/policy";
import { scopeKnobs, ScopeKnobs } from "../../../lib/scope";
import { inScope } from "./scope";
import { BUCKET, isBucketV2, S3_DOCS } from "./shapes";

const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";

export const s3BucketVersioningEnabled = resourcePolicy<ScopeKnobs>({
    name: "aws-s3-bucket-versioning-enabled",
    description: "S3 versioning settings of AI data buckets must enable versioning.",
    severity: "medium",
    guidelines: ["DEV-2", "DEP-3"],
    controls: ["ENC-A05"],
    theme: "resilience",
    resourceTypes: [VERSIONING, BUCKET],
    config: scopeKnobs,
    remediationSteps: 'Declare `new aws.s3.BucketVersioning(..., { bucket, versioningConfiguration: { status: "Enabled" } })` and add a lifecycle rule that expires old versions.',
    url: `${S3_DOCS}Versioning.html`,
    validate(r) {
        if (!inScope(r)) {
            return;
        }
        if (r.type === BUCKET || isBucketV2(r.type)) {
            // Inline `versioning` (Bucket: one object) or `versionings[]` (BucketV2: a list); absent
            // means the bucket is versioned, or not, through a BucketVersioning resource.
            let blocks: Section[] | undefined;
            if (isBucketV2(r.type)) {
                blocks = r.list("versionings");
            } else {
                const block = r.isSet("versioning") === true ? r.object("versioning") : undefined;
                blocks = block ? [block] : [];
            }
            for (const block of blocks ?? []) {
                const enabled = block.boolean("enabled", { absent: false });
                if (enabled?.value === false) {
                    r.violation(`${enabled.text}: overwritten or deleted objects cannot be recovered. Set it to true, or use the BucketVersioning resource with status "Enabled".`);
                }
            }
            return;
        }
        const status = r.enum("versioningConfiguration.status", ["Enabled", "Suspended", "Disabled"]);
        if (status !== undefined && status.value !== "Enabled") {
            r.violation(`${status.text}: overwritten or deleted objects cannot be recovered. Set it to "Enabled".`);
        }
    },
});

export const versioningPolicies = [s3BucketVersioningEnabled];
