/**
 * S3 public access blocks: the guard that keeps training data and model artefacts from being
 * published by a later ACL or bucket policy. All four switches must be on.
 */
import { resourcePolicy } from "../../../lib/policy";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export const s3PublicAccessBlockAllOn = resourcePolicy({
    name: "aws-s3-public-access-block-all-on",
    description: "S3 public access blocks must turn on all four of their settings.",
    severity: "critical",
    guidelines: ["DEP-1", "DEV-2"],
    controls: ["ENC-A02", "ENC-A07"],
    theme: "access",
    resourceTypes: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"],
    remediationSteps:
        "Set `blockPublicAcls`, `blockPublicPolicy`, `ignorePublicAcls` and `restrictPublicBuckets` to true; share data through IAM, access points or presigned URLs instead.",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
    validate(r) {
        const off: string[] = [];
        for (const flag of FLAGS) {
            // Each flag defaults to false when omitted.
            const value = r.boolean(flag, { absent: false });
            if (value?.value === false) {
                off.push(value.absent ? `${flag} (not set, AWS default: false)` : `${flag} (false)`);
            }
        }
        if (off.length > 0) {
            r.violation(`public access is not fully blocked: ${off.join(", ")}. Set all four to true.`);
        }
    },
    remediate(r) {
        for (const flag of FLAGS) {
            r.ensure(flag, true);
        }
    },
});

export const publicAccessBlockPolicies = [s3PublicAccessBlockAllOn];
