/**
 * Bucket policies (the BucketPolicy resource, the deprecated inline `policy` of a bucket, S3
 * Vectors bucket policies and access point policies) must not let anyone (`"*"`) in: training data, model artefacts and
 * embeddings must not be readable or writable from the internet. Applies to every bucket: a public
 * grant is dangerous whatever the bucket holds.
 */
import type { Section } from "../../../lib/check";
import { resourcePolicy } from "../../../lib/policy";
import { publicStatementCheck } from "../policyDocuments";
import { BUCKET, S3_DOCS } from "./shapes";

const POLICY_FIELD: Readonly<Record<string, string>> = {
    "aws:s3/bucketPolicy:BucketPolicy": "policy",
    [BUCKET]: "policy",
    "aws:s3/vectorsVectorBucketPolicy:VectorsVectorBucketPolicy": "policy",
    // Access points are another door to the same data.
    "aws:s3/accessPoint:AccessPoint": "policy",
    "aws:s3control/accessPointPolicy:AccessPointPolicy": "policy",
};

export const s3BucketPolicyNoPublicAccess = resourcePolicy({
    name: "aws-s3-bucket-policy-no-public-access",
    description: "S3 bucket, vector bucket and access point policies must not grant access to everyone.",
    severity: "critical",
    guidelines: ["DEP-1", "DEV-2"],
    controls: ["ENC-A03"],
    theme: "access",
    resourceTypes: Object.keys(POLICY_FIELD),
    remediationSteps:
        'Replace `"Principal": "*"` with the account or role ARNs that need the data, or add a condition such as `"StringEquals": {"aws:PrincipalOrgID": "o-..."}` or `"aws:SourceVpce"`; share single objects with presigned URLs.',
    url: `${S3_DOCS}access-control-block-public-access.html#access-control-block-public-access-policy-status`,
    validate(r) {
        publicStatementCheck(r as Section, POLICY_FIELD[r.type] ?? "policy", "anyone on the internet could read or change the data in this bucket");
    },
});

export const bucketPolicyPolicies = [s3BucketPolicyNoPublicAccess];
