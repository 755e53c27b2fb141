/**
 * Object Lock for model-artefact buckets: approved models and their evidence must not be
 * overwritten or deleted, even by an administrator, within a retention period. Object Lock is
 * costly and irreversible, so this policy is scoped by its own tag (default `ai-model-artifacts`),
 * not by the general AI data-store tag. A BucketObjectLockConfiguration carries no tags of its own
 * and no stack policy judges it through its bucket, so every one is judged (lib/scope.ts): a lock
 * configuration exists only where object lock was chosen, and then it needs a default retention.
 */
import type { Section } from "../../../lib/check";
import { resourcePolicy } from "../../../lib/policy";
import { inAiScope, scopeKnobs, ScopeKnobs } from "../../../lib/scope";
import { BUCKET, isBucketV2, S3_DOCS } from "./shapes";

const LOCK_CONFIG = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";

/** Reports a default-retention block that does not set a mode and a period. */
function judgeRetention(r: Section, retention: Section): void {
    const mode = retention.enum("mode", ["GOVERNANCE", "COMPLIANCE"]);
    if (mode?.value === undefined && mode !== undefined) {
        r.violation(`${mode.text}: new objects get no default retention. Set mode "GOVERNANCE" or "COMPLIANCE" with days or years.`);
    }
    const days = retention.isSet("days", "number");
    const years = retention.isSet("years", "number");
    if (days === false && years === false) {
        r.violation(`${retention.path("days")} and ${retention.path("years")} are not set: the default retention has no period. Set one of them.`);
    }
}

export const s3ModelArtifactObjectLock = resourcePolicy<ScopeKnobs>({
    name: "aws-s3-model-artifact-object-lock",
    description: "S3 buckets tagged as model-artefact stores must enable Object Lock with a default retention rule.",
    severity: "low",
    guidelines: ["DEP-2", "DEP-3"],
    controls: ["ENC-A06"],
    theme: "resilience",
    resourceTypes: [BUCKET, LOCK_CONFIG],
    config: {
        ...scopeKnobs,
        aiTagKeys: {
            ...scopeKnobs.aiTagKeys,
            default: ["ai-model-artifacts"],
            description: "Tag keys that mark a bucket as a model-artefact store (any value except false/no/0).",
        },
    },
    remediationSteps:
        'Create the bucket with `objectLockEnabled: true` (it cannot be turned on later for an existing bucket through Pulumi) and declare `new aws.s3.BucketObjectLockConfiguration(..., { bucket, rule: { defaultRetention: { mode: "GOVERNANCE", days: 365 } } })`.',
    url: `${S3_DOCS}object-lock.html`,
    validate(r) {
        if (!inAiScope(r, [LOCK_CONFIG])) {
            return;
        }
        if (r.type === BUCKET || isBucketV2(r.type)) {
            const enabled = r.boolean("objectLockEnabled", { absent: false });
            if (enabled?.value !== false) {
                return;
            }
            // The deprecated inline objectLockConfiguration.objectLockEnabled = "Enabled" also turns it on.
            const legacy = r.enum("objectLockConfiguration.objectLockEnabled", ["Enabled"]);
            if (legacy === undefined || legacy.value === "Enabled") {
                return;
            }
            r.violation(`${enabled.text}: model artefacts can be overwritten or deleted. Create the bucket with objectLockEnabled true and a default retention rule.`);
            return;
        }
        const enabled = r.enum("objectLockEnabled", ["Enabled"], { absent: "Enabled" });
        if (enabled === undefined) {
            return;
        }
        if (r.isSet("rule") === false) {
            r.violation("rule is not set: new objects get no default retention, so nothing is locked unless every upload asks for it. Set rule.defaultRetention.");
            return;
        }
        const retention = r.object("rule.defaultRetention");
        if (retention !== undefined) {
            judgeRetention(r, retention);
        }
    },
});

export const objectLockPolicies = [s3ModelArtifactObjectLock];
