/**
 * S3 access control lists: no canned ACL or grant may open a bucket to all users or to every
 * authenticated AWS user, and ownership controls should disable ACLs altogether.
 *
 * Which are judged (lib/scope.ts): a bucket's inline ACL when it is an AI data store (tagged, or all
 * with allDataStores; a bucket that only an AI resource's dependency makes AI is judged in the stack
 * pass, lib/handover.ts). BucketAcl and BucketOwnershipControls resources carry no tags of their own
 * and cannot be tied to their bucket here, so every one is judged.
 */
import type { Section } from "../../../lib/check";
import { resourcePolicy } from "../../../lib/policy";
import { inAiScope, scopeKnobs, ScopeKnobs } from "../../../lib/scope";
import { BUCKET, S3_DOCS } from "./shapes";

const BUCKET_ACL = "aws:s3/bucketAcl:BucketAcl";
const CANNED = [
    "private",
    "public-read",
    "public-read-write",
    "aws-exec-read",
    "authenticated-read",
    "bucket-owner-read",
    "bucket-owner-full-control",
    "log-delivery-write",
] as const;
const PUBLIC_CANNED = new Set<string>(["public-read", "public-read-write", "authenticated-read"]);
/** The ACL groups that mean "everyone" and "any AWS account". */
const PUBLIC_GROUP = /\/groups\/global\/(AllUsers|AuthenticatedUsers)$/i;

/** Reports grants (list at `path`) whose grantee URI is a public group; `uriPath` is relative to a grant. */
function publicGrants(r: Section, path: string, uriPath: string): void {
    for (const grant of r.list(path) ?? []) {
        const uri = grant.string(uriPath);
        if (uri?.value !== undefined && PUBLIC_GROUP.test(uri.value)) {
            const group = /AuthenticatedUsers$/i.test(uri.value) ? "AuthenticatedUsers (any AWS account)" : "AllUsers (anyone)";
            r.violation(`${grant.path(uriPath)} grants access to the ${group} group: the bucket's data is public. Remove the grant.`);
        }
    }
}

export const s3BucketAclNotPublic = resourcePolicy<ScopeKnobs>({
    name: "aws-s3-bucket-acl-not-public",
    description: "S3 bucket ACLs must not grant access to all users or to all authenticated AWS users.",
    severity: "critical",
    guidelines: ["DEP-1", "DEV-2"],
    controls: ["ENC-A03"],
    theme: "access",
    resourceTypes: [BUCKET_ACL, BUCKET],
    config: scopeKnobs,
    remediationSteps:
        'Use `acl: "private"` (or drop the ACL and set object ownership to "BucketOwnerEnforced"), and remove grants to the AllUsers and AuthenticatedUsers groups; share data through IAM or presigned URLs.',
    url: `${S3_DOCS}acl-overview.html#canned-acl`,
    validate(r) {
        if (!inAiScope(r, [BUCKET_ACL])) {
            return;
        }
        // The canned ACL defaults to "private" on both the bucket and the BucketAcl resource.
        const acl = r.enum("acl", CANNED, { absent: "private" });
        if (acl?.value !== undefined && PUBLIC_CANNED.has(acl.value)) {
            r.violation(`${acl.text}: the canned ACL opens the bucket to ${acl.value === "authenticated-read" ? "every AWS account" : "anyone on the internet"}. Use "private".`);
        }
        if (r.type === BUCKET_ACL || r.type === "aws:s3/bucketAclV2:BucketAclV2") {
            publicGrants(r, "accessControlPolicy.grants", "grantee.uri");
        } else {
            // Bucket and BucketV2 share the inline `grants[].uri` shape.
            publicGrants(r, "grants", "uri");
        }
    },
});

export const s3BucketOwnershipEnforced = resourcePolicy({
    name: "aws-s3-bucket-ownership-enforced",
    description: 'S3 bucket ownership controls must be "BucketOwnerEnforced", which disables ACLs.',
    severity: "medium",
    guidelines: ["DEP-1"],
    controls: ["ENC-A03"],
    theme: "access",
    resourceTypes: ["aws:s3/bucketOwnershipControls:BucketOwnershipControls"],
    remediationSteps:
        'Set `rule: { objectOwnership: "BucketOwnerEnforced" }` and grant access with bucket policies and IAM instead of ACLs (first move any ACL-based access elsewhere).',
    url: `${S3_DOCS}about-object-ownership.html`,
    validate(r) {
        const ownership = r.enum("rule.objectOwnership", ["BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"]);
        if (ownership === undefined) {
            return;
        }
        if (ownership.value !== "BucketOwnerEnforced") {
            r.violation(`${ownership.text}: ACLs stay in force, so a later ACL or object upload can grant access outside your bucket policy. Set it to "BucketOwnerEnforced".`);
        }
    },
});

export const bucketAclPolicies = [s3BucketAclNotPublic, s3BucketOwnershipEnforced];
