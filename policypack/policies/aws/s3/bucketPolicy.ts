/**
 * Bucket policies (the BucketPolicy resource, the deprecated inline `policy` of a bucket, S3
 * Vectors bucket policies and access point policies) must not let anyone (`"*"`) in: training data,
 * model artefacts and embeddings must not be readable or writable from the internet.
 *
 * Which are judged (lib/scope.ts): a bucket's and an access point's inline policy when they are AI
 * data stores (tagged, or all with allDataStores; a bucket that only an AI resource's dependency
 * makes AI is judged in the stack pass, lib/handover.ts). The policy resources carry no tags of their
 * own and cannot be tied to their bucket here, so every one is judged.
 */
import type { Section } from "../../../lib/check";
import { resourcePolicy } from "../../../lib/policy";
import { inAiScope, scopeKnobs, ScopeKnobs } from "../../../lib/scope";
import { publicStatementCheck } from "../policyDocuments";
import { BUCKET, S3_DOCS } from "./shapes";

const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const VECTOR_BUCKET_POLICY = "aws:s3/vectorsVectorBucketPolicy:VectorsVectorBucketPolicy";
const ACCESS_POINT = "aws:s3/accessPoint:AccessPoint";
const ACCESS_POINT_POLICY = "aws:s3control/accessPointPolicy:AccessPointPolicy";
/** The policy resources: no tags of their own, so every one is judged. */
const UNTAGGED = [BUCKET_POLICY, VECTOR_BUCKET_POLICY, ACCESS_POINT_POLICY];

const POLICY_FIELD: Readonly<Record<string, string>> = {
    [BUCKET_POLICY]: "policy",
    [BUCKET]: "policy",
    [VECTOR_BUCKET_POLICY]: "policy",
    // Access points are another door to the same data.
    [ACCESS_POINT]: "policy",
    [ACCESS_POINT_POLICY]: "policy",
};

export const s3BucketPolicyNoPublicAccess = resourcePolicy<ScopeKnobs>({
    name: "aws-s3-bucket-policy-no-public-access",
    description: "S3 bucket, vector bucket and access point policies must not grant access to everyone.",
    severity: "critical",
    guidelines: ["DEP-1", "DEV-2"],
    controls: ["ENC-A03"],
    theme: "access",
    resourceTypes: Object.keys(POLICY_FIELD),
    config: scopeKnobs,
    remediationSteps:
        'Replace `"Principal": "*"` with the account or role ARNs that need the data, or add a condition such as `"StringEquals": {"aws:PrincipalOrgID": "o-..."}` or `"aws:SourceVpce"`; share single objects with presigned URLs.',
    url: `${S3_DOCS}access-control-block-public-access.html#access-control-block-public-access-policy-status`,
    validate(r) {
        if (!inAiScope(r, UNTAGGED)) {
            return;
        }
        publicStatementCheck(r as Section, POLICY_FIELD[r.type] ?? "policy", "anyone on the internet could read or change the data in this bucket");
    },
});

export const bucketPolicyPolicies = [s3BucketPolicyNoPublicAccess];
