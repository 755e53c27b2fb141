import * as assert from "assert";
import { secret, UNKNOWN_VALUES } from "../../support/harness";
import { judge, policyCases, usePack } from "../../support/cases";
import { scopeCases } from "../../support/scope";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const BUCKET_ACL = "aws:s3/bucketAcl:BucketAcl";
const BUCKET_ACL_V2 = "aws:s3/bucketAclV2:BucketAclV2";
const OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const SSE_V2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
const VERSIONING_V2 = "aws:s3/bucketVersioningV2:BucketVersioningV2";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const LOCK_V2 = "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2";
const VECTOR_BUCKET = "aws:s3/vectorsVectorBucket:VectorsVectorBucket";
const VECTOR_POLICY = "aws:s3/vectorsVectorBucketPolicy:VectorsVectorBucketPolicy";
const OSS_POLICY = "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTH_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

/** A training-data bucket as a careful user's program declares it (tagged as an AI data store). */
const bucket = {
    bucket: "acme-training-data",
    tags: { "ai-workload": "training-data", team: "ml" },
    forceDestroy: false,
};
const untagged = { bucket: "acme-website", tags: { team: "web" } };

/** What `JSON.stringify` of a typical read-only bucket policy produces. */
const privatePolicyDoc = {
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "TrainingRole",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::111122223333:role/training" },
            Action: ["s3:GetObject"],
            Resource: "arn:aws:s3:::acme-training-data/*",
        },
        {
            Sid: "TlsOnly",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: ["arn:aws:s3:::acme-training-data", "arn:aws:s3:::acme-training-data/*"],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
    ],
};
const publicStatement = { Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-training-data/*" };
const publicPolicyDoc = { ...privatePolicyDoc, Statement: [...privatePolicyDoc.Statement, publicStatement] };
const orgScopedDoc = {
    Version: "2012-10-17",
    Statement: [{ ...publicStatement, Sid: "Org", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }],
};

const kmsDefault = { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY };

/** An AWS provider as the engine sends it: @pulumi/aws JSON-encodes `defaultTags`. */
function awsProvider(defaultTags: unknown) {
    const properties: Record<string, unknown> = { region: "eu-west-1" };
    if (defaultTags !== undefined) {
        properties.defaultTags = defaultTags;
    }
    return { type: "pulumi:providers:aws", name: "default_7_0_0", urn: "urn:pulumi:dev::p::pulumi:providers:aws::default_7_0_0", properties };
}
const aes = { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } };

describe("aws: S3 buckets and vector stores", function () {
    const pack = usePack();

    describe("bucket policies", () => {
        policyCases(pack, "aws-s3-bucket-policy-no-public-access", BUCKET_POLICY, [
            {
                kind: "violating",
                title: 'JSON string with an Allow to "*"',
                props: { bucket: "acme-training-data", policy: JSON.stringify(publicPolicyDoc) },
                expect: "violation",
                message: /statement 3 allows Principal "\*"/,
            },
            {
                kind: "violating",
                title: 'object document with {AWS: "*"}',
                props: { bucket: "b", policy: { ...publicPolicyDoc, Statement: [{ ...publicStatement, Principal: { AWS: ["*"] } }] } },
                expect: "violation",
            },
            {
                kind: "violating",
                title: "Statement as a single object",
                props: { bucket: "b", policy: JSON.stringify({ Version: "2012-10-17", Statement: publicStatement }) },
                expect: "violation",
            },
            { kind: "violating", title: "inline policy on a Bucket", type: BUCKET, props: { ...bucket, policy: JSON.stringify(publicPolicyDoc) }, expect: "violation" },
            {
                kind: "violating",
                title: "inline policy on a deprecated BucketV2",
                type: BUCKET_V2,
                props: { ...bucket, policy: JSON.stringify(publicPolicyDoc) },
                expect: "violation",
            },
            {
                kind: "violating",
                title: "a BucketPolicy resource carries no tags, so every one is judged, whatever its bucket",
                props: { bucket: untagged.bucket, policy: JSON.stringify(publicPolicyDoc) },
                expect: "violation",
            },
            {
                kind: "violating",
                title: "S3 Vectors bucket policy",
                type: VECTOR_POLICY,
                props: { vectorBucketArn: "arn:aws:s3vectors:eu-west-1:111122223333:bucket/kb", policy: JSON.stringify(publicPolicyDoc) },
                expect: "violation",
            },
            {
                kind: "violating",
                title: "access point policy (the access point tagged as an AI data store)",
                type: "aws:s3/accessPoint:AccessPoint",
                props: { bucket: "b", name: "ap", policy: JSON.stringify(publicPolicyDoc), tags: bucket.tags },
                expect: "violation",
            },
            {
                kind: "violating",
                title: "s3control access point policy",
                type: "aws:s3control/accessPointPolicy:AccessPointPolicy",
                props: { accessPointArn: "arn:aws:s3:eu-west-1:111122223333:accesspoint/ap", policy: JSON.stringify(publicPolicyDoc) },
                expect: "violation",
            },
            {
                kind: "compliant",
                title: 'named principals and a TLS-only Deny to "*" (JSON string)',
                props: { bucket: "b", policy: JSON.stringify(privatePolicyDoc) },
                expect: "pass",
            },
            { kind: "compliant", title: "the same as an object", props: { bucket: "b", policy: privatePolicyDoc }, expect: "pass" },
            { kind: "compliant", title: '"*" narrowed to the organisation', props: { bucket: "b", policy: JSON.stringify(orgScopedDoc) }, expect: "pass" },
            { kind: "absent", title: "a bucket without an inline policy", type: BUCKET, props: bucket, expect: "pass" },
            { kind: "unknown", title: "policy built from outputs", props: { bucket: "b", policy: UNKNOWN_VALUES.string }, expect: "unknown" },
            {
                kind: "unknown",
                title: "principal unknown during preview",
                props: { bucket: "b", policy: { Version: "2012-10-17", Statement: [{ ...publicStatement, Principal: { AWS: UNKNOWN_VALUES.string } }] } },
                expect: "unknown",
            },
            {
                kind: "unknown",
                title: "a Condition operator block unknown during preview (object document)",
                props: { bucket: "b", policy: { Version: "2012-10-17", Statement: [{ ...publicStatement, Condition: { StringEquals: UNKNOWN_VALUES.object } }] } },
                expect: "unknown",
            },
            {
                kind: "malformed",
                title: "a Condition value that is an object narrows nothing (not a pass)",
                props: {
                    bucket: "b",
                    policy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [{ ...publicStatement, Condition: { StringEquals: { "aws:PrincipalOrgID": { id: "o-abc123" } } } }],
                    }),
                },
                expect: "malformed",
                message: /Condition value that is not a string, number or boolean/,
            },
            {
                kind: "violating",
                title: "a secret document: statements are named by position, never by Sid",
                props: { bucket: "b", policy: secret(JSON.stringify({ Version: "2012-10-17", Statement: [{ ...publicStatement, Sid: "AcmeS3cr3tLabel" }] })) },
                expect: "violation",
                message: /^(?![\s\S]*S3cr3t)[\s\S]*policy statement 1 allows Principal "\*"/,
            },
            {
                kind: "malformed",
                title: "invalid JSON",
                props: { bucket: "b", policy: "{not json" },
                expect: "malformed",
                message: /cannot evaluate policy: the policy document is not valid JSON/,
            },
            { kind: "malformed", title: "a number", props: { bucket: "b", policy: 42 }, expect: "malformed" },
        ]);
    });

    describe("ACLs and ownership", () => {
        policyCases(pack, "aws-s3-bucket-acl-not-public", BUCKET_ACL, [
            {
                kind: "violating",
                title: 'canned "public-read"',
                props: { bucket: "b", acl: "public-read" },
                expect: "violation",
                message: /acl is "public-read".*anyone on the internet/,
            },
            { kind: "violating", title: 'canned "authenticated-read"', props: { bucket: "b", acl: "authenticated-read" }, expect: "violation", message: /every AWS account/ },
            {
                kind: "violating",
                title: "grant to AllUsers in accessControlPolicy",
                props: { bucket: "b", accessControlPolicy: { owner: { id: "owner" }, grants: [{ grantee: { type: "Group", uri: ALL_USERS }, permission: "READ" }] } },
                expect: "violation",
                message: /accessControlPolicy\.grants\[0\]\.grantee\.uri grants access to the AllUsers/,
            },
            {
                kind: "violating",
                title: "grant to AuthenticatedUsers on a BucketAclV2",
                type: BUCKET_ACL_V2,
                props: { bucket: "b", accessControlPolicy: { owner: { id: "o" }, grants: [{ grantee: { type: "Group", uri: AUTH_USERS }, permission: "WRITE" }] } },
                expect: "violation",
            },
            { kind: "violating", title: "inline acl on a Bucket", type: BUCKET, props: { ...bucket, acl: "public-read-write" }, expect: "violation" },
            {
                kind: "violating",
                title: "inline grants on a BucketV2",
                type: BUCKET_V2,
                props: { ...bucket, grants: [{ type: "Group", uri: ALL_USERS, permissions: ["READ"] }] },
                expect: "violation",
            },
            {
                kind: "violating",
                title: "a BucketAcl resource carries no tags, so every one is judged, whatever its bucket",
                props: { bucket: untagged.bucket, acl: "public-read" },
                expect: "violation",
            },
            { kind: "compliant", title: 'canned "private"', props: { bucket: "b", acl: "private" }, expect: "pass" },
            {
                kind: "compliant",
                title: "grant to a canonical user",
                props: { bucket: "b", accessControlPolicy: { owner: { id: "o" }, grants: [{ grantee: { type: "CanonicalUser", id: "abc" }, permission: "FULL_CONTROL" }] } },
                expect: "pass",
            },
            { kind: "compliant", title: "log-delivery-write on a bucket", type: BUCKET, props: { ...bucket, acl: "log-delivery-write" }, expect: "pass" },
            { kind: "absent", title: "no acl and no grants: AWS default private", type: BUCKET, props: bucket, expect: "pass" },
            { kind: "unknown", title: "acl unknown", props: { bucket: "b", acl: UNKNOWN_VALUES.string }, expect: "unknown" },
            {
                kind: "unknown",
                title: "grant URI unknown",
                props: { bucket: "b", accessControlPolicy: { owner: { id: "o" }, grants: [{ grantee: { type: "Group", uri: UNKNOWN_VALUES.string }, permission: "READ" }] } },
                expect: "unknown",
            },
            { kind: "malformed", title: "an unknown canned ACL", props: { bucket: "b", acl: "world-readable" }, expect: "malformed", message: /cannot evaluate acl/ },
            { kind: "malformed", title: "grants is a string", type: BUCKET, props: { ...bucket, grants: "AllUsers" }, expect: "malformed" },
        ]);

        policyCases(pack, "aws-s3-bucket-ownership-enforced", OWNERSHIP, [
            {
                kind: "violating",
                title: '"ObjectWriter"',
                props: { bucket: "b", rule: { objectOwnership: "ObjectWriter" } },
                expect: "violation",
                message: /rule\.objectOwnership is "ObjectWriter"/,
            },
            { kind: "violating", title: '"BucketOwnerPreferred"', props: { bucket: "b", rule: { objectOwnership: "BucketOwnerPreferred" } }, expect: "violation" },
            { kind: "compliant", title: '"BucketOwnerEnforced"', props: { bucket: "b", rule: { objectOwnership: "BucketOwnerEnforced" } }, expect: "pass" },
            { kind: "absent", title: "no rule", props: { bucket: "b" }, expect: "violation", message: /rule\.objectOwnership is not set/ },
            { kind: "unknown", title: "unknown", props: { bucket: "b", rule: { objectOwnership: UNKNOWN_VALUES.string } }, expect: "unknown" },
            { kind: "malformed", title: "rule is a string", props: { bucket: "b", rule: "BucketOwnerEnforced" }, expect: "malformed" },
        ]);
    });

    describe("default encryption", () => {
        policyCases(pack, "aws-s3-bucket-sse-kms-cmk", BUCKET, [
            {
                kind: "violating",
                title: "Bucket inline AES256",
                props: { ...bucket, serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } },
                expect: "violation",
                message: /serverSideEncryptionConfiguration\.rule\.applyServerSideEncryptionByDefault\.sseAlgorithm is "AES256"/,
            },
            {
                kind: "violating",
                title: "Bucket inline aws:kms without a key (aws/s3)",
                props: { ...bucket, serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } } } },
                expect: "violation",
                message: /kmsMasterKeyId is not set: S3 uses the AWS-managed aws\/s3 key/,
            },
            {
                kind: "violating",
                title: "BucketV2 inline plural lists with AES256",
                type: BUCKET_V2,
                props: { ...bucket, serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "AES256" }] }] }] },
                expect: "violation",
                message: /serverSideEncryptionConfigurations\[0\]\.rules\[0\]\.applyServerSideEncryptionByDefaults\[0\]\.sseAlgorithm is "AES256"/,
            },
            {
                kind: "violating",
                title: "Bucket inline with the alias/aws/s3 key",
                props: {
                    ...bucket,
                    serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/aws/s3" } } },
                },
                expect: "violation",
                message: /AWS-managed key/,
            },
            {
                kind: "compliant",
                title: "Bucket inline aws:kms with a CMK",
                props: { ...bucket, serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: kmsDefault, bucketKeyEnabled: true } } },
                expect: "pass",
            },
            {
                kind: "compliant",
                title: "BucketV2 inline aws:kms:dsse with a CMK",
                type: BUCKET_V2,
                props: {
                    ...bucket,
                    serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: KEY }] }] }],
                },
                expect: "pass",
            },
            {
                kind: "compliant",
                title: "untagged bucket with AES256 is out of scope",
                props: { ...untagged, serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } },
                expect: "not-applicable",
            },
            {
                kind: "compliant",
                title: 'tag value "false" is out of scope',
                props: {
                    ...bucket,
                    tags: { "ai-workload": "false" },
                    serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } },
                },
                expect: "not-applicable",
            },
            {
                kind: "violating",
                title: "a boolean true tag value (as YAML programs send it) counts as set",
                props: { ...bucket, tags: { "ai-workload": true }, ...aes },
                expect: "violation",
            },
            {
                kind: "compliant",
                title: "a boolean false tag value says no",
                props: { ...bucket, tags: { "ai-workload": false }, ...aes },
                expect: "not-applicable",
            },
            {
                kind: "malformed",
                title: "tags that are not a map: never silently untagged",
                props: { ...bucket, tags: ["ai-workload"], ...aes },
                expect: "malformed",
                message: /cannot evaluate tags: expected a map of tag names to values, but it is a list/,
            },
            {
                kind: "malformed",
                title: "a tag value that is an object",
                props: { ...bucket, tags: { "ai-workload": { enabled: true } }, ...aes },
                expect: "malformed",
                message: /cannot evaluate tags\.ai-workload: expected a string/,
            },
            { kind: "absent", title: "no inline configuration: judged through the separate resource", props: bucket, expect: "pass" },
            {
                kind: "unknown",
                title: "tags unknown",
                props: { ...bucket, tags: UNKNOWN_VALUES.object, serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } },
                expect: "unknown",
            },
            {
                kind: "unknown",
                title: "key created in the same program",
                props: {
                    ...bucket,
                    serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN_VALUES.string } } },
                },
                expect: "unknown",
            },
            {
                kind: "malformed",
                title: "unsupported algorithm",
                props: { ...bucket, serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "ROT13" } } } },
                expect: "malformed",
                message: /cannot evaluate .*sseAlgorithm/,
            },
            { kind: "malformed", title: "rule is a string", props: { ...bucket, serverSideEncryptionConfiguration: { rule: "aws:kms" } }, expect: "malformed" },
            {
                kind: "violating",
                title: "Bucket inline configuration without a rule",
                props: { ...bucket, serverSideEncryptionConfiguration: {} },
                expect: "violation",
                message: /serverSideEncryptionConfiguration\.rule is not set/,
            },
            {
                kind: "violating",
                title: "BucketV2 inline configuration without rules",
                type: BUCKET_V2,
                props: { ...bucket, serverSideEncryptionConfigurations: [{ rules: [] }] },
                expect: "violation",
                message: /serverSideEncryptionConfigurations\[0\]\.rules is not set/,
            },
        ]);

        describe("an untagged bucket marked by the AWS provider's default tags", () => {
            policyCases(pack, "aws-s3-bucket-sse-kms-cmk", BUCKET, [
                {
                    kind: "violating",
                    title: "provider defaultTags carry ai-workload",
                    props: { ...untagged, ...aes },
                    provider: awsProvider(JSON.stringify({ tags: { "ai-workload": "training" } })),
                    expect: "violation",
                },
                {
                    kind: "violating",
                    title: "defaultTags given as an object",
                    props: { ...untagged, ...aes },
                    provider: awsProvider({ tags: { "AI-Workload": "yes" } }),
                    expect: "violation",
                },
                {
                    kind: "compliant",
                    title: "provider defaultTags without the key",
                    props: { ...untagged, ...aes },
                    provider: awsProvider(JSON.stringify({ tags: { team: "web" } })),
                    expect: "not-applicable",
                },
                { kind: "absent", title: "provider without defaultTags", props: { ...untagged, ...aes }, provider: awsProvider(undefined), expect: "not-applicable" },
                {
                    kind: "unknown",
                    title: "provider defaultTags unknown",
                    props: { ...untagged, ...aes },
                    provider: awsProvider(UNKNOWN_VALUES.string),
                    expect: "unknown",
                    message: /provider defaultTags/,
                },
                { kind: "malformed", title: "defaultTags not JSON: no default tags", props: { ...untagged, ...aes }, provider: awsProvider("{tags:"), expect: "not-applicable" },
                {
                    kind: "compliant",
                    title: "another cloud's provider is not asked",
                    props: { ...untagged, ...aes },
                    provider: { ...awsProvider(JSON.stringify({ tags: { "ai-workload": "x" } })), type: "pulumi:providers:aws-native" },
                    expect: "not-applicable",
                },
            ]);
        });

        describe("separate configuration resources (allDataStores)", () => {
            const all = usePack({ "aws-s3-bucket-sse-kms-cmk": { allDataStores: true } });
            policyCases(all, "aws-s3-bucket-sse-kms-cmk", SSE, [
                {
                    kind: "violating",
                    title: "AES256",
                    props: { bucket: "b", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
                    expect: "violation",
                    message: /rules\[0\]\.applyServerSideEncryptionByDefault\.sseAlgorithm is "AES256"/,
                },
                {
                    kind: "violating",
                    title: "V2 twin with aws:kms and no key",
                    type: SSE_V2,
                    props: { bucket: "b", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] },
                    expect: "violation",
                },
                {
                    kind: "violating",
                    title: "a rule that only sets bucketKeyEnabled",
                    props: { bucket: "b", rules: [{ bucketKeyEnabled: true }] },
                    expect: "violation",
                    message: /applyServerSideEncryptionByDefault is not set/,
                },
                {
                    kind: "compliant",
                    title: "aws:kms with a CMK",
                    props: { bucket: "b", rules: [{ applyServerSideEncryptionByDefault: kmsDefault, bucketKeyEnabled: true }] },
                    expect: "pass",
                },
                {
                    kind: "compliant",
                    title: "CMK given as a secret",
                    props: { bucket: "b", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: secret(KEY) } }] },
                    expect: "pass",
                },
                { kind: "absent", title: "no rules", props: { bucket: "b" }, expect: "violation", message: /rules is not set/ },
                { kind: "unknown", title: "rules unknown", props: { bucket: "b", rules: UNKNOWN_VALUES.array }, expect: "unknown" },
                { kind: "malformed", title: "rules is a number", props: { bucket: "b", rules: 3 }, expect: "malformed" },
                {
                    kind: "compliant",
                    title: "an untagged bucket is judged too",
                    type: BUCKET,
                    props: { ...untagged, serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: kmsDefault } } },
                    expect: "pass",
                },
            ]);
        });

        it("a configuration resource is not applicable without allDataStores, and says why", async () => {
            const { outcome, result } = await judge(pack(), "aws-s3-bucket-sse-kms-cmk", SSE, {
                bucket: "b",
                rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
            });
            assert.strictEqual(outcome, "not-applicable");
            assert.match(result.notApplicable.find((n) => n.policyName === "aws-s3-bucket-sse-kms-cmk")?.reason ?? "", /carries no tags/);
        });
    });

    describe("versioning", () => {
        policyCases(pack, "aws-s3-bucket-versioning-enabled", BUCKET, [
            {
                kind: "violating",
                title: "Bucket inline versioning disabled",
                props: { ...bucket, versioning: { enabled: false } },
                expect: "violation",
                message: /versioning\.enabled is false/,
            },
            {
                kind: "violating",
                title: "BucketV2 inline versionings[] disabled",
                type: BUCKET_V2,
                props: { ...bucket, versionings: [{ enabled: false, mfaDelete: false }] },
                expect: "violation",
                message: /versionings\[0\]\.enabled is false/,
            },
            {
                kind: "violating",
                title: "Bucket inline versioning block without enabled",
                props: { ...bucket, versioning: { mfaDelete: false } },
                expect: "violation",
                message: /not set \(AWS default: false\)/,
            },
            { kind: "compliant", title: "Bucket inline versioning enabled", props: { ...bucket, versioning: { enabled: true } }, expect: "pass" },
            { kind: "compliant", title: "BucketV2 inline versioning enabled", type: BUCKET_V2, props: { ...bucket, versionings: [{ enabled: true }] }, expect: "pass" },
            { kind: "compliant", title: "untagged bucket is out of scope", props: { ...untagged, versioning: { enabled: false } }, expect: "not-applicable" },
            { kind: "absent", title: "no inline versioning: judged through the BucketVersioning resource", props: bucket, expect: "pass" },
            { kind: "unknown", title: "enabled unknown", props: { ...bucket, versioning: { enabled: UNKNOWN_VALUES.bool } }, expect: "unknown" },
            { kind: "malformed", title: "enabled is a number", props: { ...bucket, versioning: { enabled: 1 } }, expect: "malformed" },
            {
                kind: "malformed",
                title: "Bucket versioning is a string",
                props: { ...bucket, versioning: "Enabled" },
                expect: "malformed",
                message: /cannot evaluate versioning: expected an object/,
            },
            {
                kind: "malformed",
                title: "BucketV2 versionings is a string",
                type: BUCKET_V2,
                props: { ...bucket, versionings: "Enabled" },
                expect: "malformed",
                message: /cannot evaluate versionings: expected a list/,
            },
        ]);
        describe("BucketVersioning resources (allDataStores)", () => {
            const all = usePack({ "aws-s3-bucket-versioning-enabled": { allDataStores: true } });
            policyCases(all, "aws-s3-bucket-versioning-enabled", VERSIONING, [
                {
                    kind: "violating",
                    title: '"Suspended"',
                    props: { bucket: "b", versioningConfiguration: { status: "Suspended" } },
                    expect: "violation",
                    message: /versioningConfiguration\.status is "Suspended"/,
                },
                {
                    kind: "violating",
                    title: 'V2 twin "Disabled"',
                    type: VERSIONING_V2,
                    props: { bucket: "b", versioningConfiguration: { status: "Disabled" } },
                    expect: "violation",
                },
                { kind: "compliant", title: '"Enabled"', props: { bucket: "b", versioningConfiguration: { status: "Enabled", mfaDelete: "Disabled" } }, expect: "pass" },
                { kind: "absent", title: "no status", props: { bucket: "b", versioningConfiguration: {} }, expect: "violation", message: /status is not set/ },
                { kind: "unknown", title: "status unknown", props: { bucket: "b", versioningConfiguration: { status: UNKNOWN_VALUES.string } }, expect: "unknown" },
                { kind: "malformed", title: "status is a boolean", props: { bucket: "b", versioningConfiguration: { status: true } }, expect: "malformed" },
            ]);
        });
    });

    describe("object lock", () => {
        const artefacts = { bucket: "acme-models", tags: { "ai-model-artifacts": "true" } };
        policyCases(pack, "aws-s3-model-artifact-object-lock", BUCKET, [
            { kind: "violating", title: "objectLockEnabled false", props: { ...artefacts, objectLockEnabled: false }, expect: "violation", message: /objectLockEnabled is false/ },
            { kind: "compliant", title: "objectLockEnabled true", props: { ...artefacts, objectLockEnabled: true }, expect: "pass" },
            {
                kind: "compliant",
                title: "deprecated inline objectLockConfiguration on a BucketV2",
                type: BUCKET_V2,
                props: { ...artefacts, objectLockConfiguration: { objectLockEnabled: "Enabled", rules: [{ defaultRetentions: [{ mode: "GOVERNANCE", days: 30 }] }] } },
                expect: "pass",
            },
            { kind: "compliant", title: "a bucket tagged only as AI data is out of scope", props: { ...bucket, objectLockEnabled: false }, expect: "not-applicable" },
            { kind: "absent", title: "not set: AWS default false", props: artefacts, expect: "violation", message: /objectLockEnabled is not set \(AWS default: false\)/ },
            { kind: "unknown", title: "unknown", props: { ...artefacts, objectLockEnabled: UNKNOWN_VALUES.bool }, expect: "unknown" },
            { kind: "malformed", title: "a string", props: { ...artefacts, objectLockEnabled: "yes" }, expect: "malformed" },
        ]);
        it("a BucketObjectLockConfiguration carries no tags and no stack policy judges it, so every one is judged", async () => {
            const { outcome, messages } = await judge(pack(), "aws-s3-model-artifact-object-lock", LOCK, { bucket: "b", rule: { defaultRetention: { mode: "COMPLIANCE" } } });
            assert.strictEqual(outcome, "violation", JSON.stringify(messages));
        });
        describe("BucketObjectLockConfiguration resources (allDataStores)", () => {
            const all = usePack({ "aws-s3-model-artifact-object-lock": { allDataStores: true } });
            policyCases(all, "aws-s3-model-artifact-object-lock", LOCK, [
                {
                    kind: "violating",
                    title: "retention without a period",
                    props: { bucket: "b", rule: { defaultRetention: { mode: "COMPLIANCE" } } },
                    expect: "violation",
                    message: /days and .*years are not set/,
                },
                {
                    kind: "violating",
                    title: "retention without a mode (V2 twin)",
                    type: LOCK_V2,
                    props: { bucket: "b", rule: { defaultRetention: { days: 30 } } },
                    expect: "violation",
                    message: /mode is not set/,
                },
                {
                    kind: "compliant",
                    title: "GOVERNANCE for 365 days",
                    props: { bucket: "b", objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: "GOVERNANCE", days: 365 } } },
                    expect: "pass",
                },
                { kind: "compliant", title: "COMPLIANCE for 1 year", props: { bucket: "b", rule: { defaultRetention: { mode: "COMPLIANCE", years: 1 } } }, expect: "pass" },
                { kind: "absent", title: "no rule", props: { bucket: "b" }, expect: "violation", message: /rule is not set/ },
                { kind: "unknown", title: "rule unknown", props: { bucket: "b", rule: UNKNOWN_VALUES.object }, expect: "unknown" },
                { kind: "malformed", title: "mode outside the vocabulary", props: { bucket: "b", rule: { defaultRetention: { mode: "FOREVER", days: 1 } } }, expect: "malformed" },
            ]);
        });
    });

    describe("force destroy", () => {
        policyCases(pack, "aws-s3-bucket-no-force-destroy", BUCKET, [
            { kind: "violating", title: "forceDestroy true", props: { ...bucket, forceDestroy: true }, expect: "violation", message: /forceDestroy is true/ },
            {
                kind: "violating",
                title: "S3 Vectors bucket",
                type: VECTOR_BUCKET,
                props: { vectorBucketName: "kb", tags: { "ai-workload": "rag" }, forceDestroy: true },
                expect: "violation",
            },
            {
                kind: "violating",
                title: "an untagged S3 Vectors bucket too: it is an AI resource by nature",
                type: VECTOR_BUCKET,
                props: { vectorBucketName: "kb", forceDestroy: true },
                expect: "violation",
            },
            { kind: "compliant", title: "forceDestroy false", props: bucket, expect: "pass" },
            { kind: "compliant", title: "untagged bucket is out of scope", props: { ...untagged, forceDestroy: true }, expect: "not-applicable" },
            { kind: "absent", title: "not set: AWS default false", props: { bucket: "b", tags: { "ai-workload": "yes" } }, expect: "pass" },
            { kind: "unknown", title: "unknown", props: { ...bucket, forceDestroy: UNKNOWN_VALUES.bool }, expect: "unknown" },
            { kind: "malformed", title: "a number", props: { ...bucket, forceDestroy: 1 }, expect: "malformed", message: /cannot evaluate forceDestroy/ },
        ]);
    });

    describe("vector stores", () => {
        const vectorBucket = { vectorBucketName: "kb-embeddings", encryptionConfigurations: [{ sseType: "aws:kms", kmsKeyArn: KEY }] };
        policyCases(pack, "aws-s3-vector-bucket-kms-cmk", VECTOR_BUCKET, [
            {
                kind: "violating",
                title: "AES256",
                props: { ...vectorBucket, encryptionConfigurations: [{ sseType: "AES256" }] },
                expect: "violation",
                message: /encryptionConfigurations\[0\]\.sseType is "AES256"/,
            },
            {
                kind: "violating",
                title: "aws:kms with an AWS-managed alias",
                props: { ...vectorBucket, encryptionConfigurations: [{ sseType: "aws:kms", kmsKeyArn: "alias/aws/s3vectors" }] },
                expect: "violation",
            },
            { kind: "compliant", title: "aws:kms with a CMK", props: vectorBucket, expect: "pass" },
            {
                kind: "absent",
                title: "no encryption configuration: AWS default AES256",
                props: { vectorBucketName: "kb" },
                expect: "violation",
                message: /AWS default: sseType "AES256"/,
            },
            {
                kind: "unknown",
                title: "key ARN unknown",
                props: { ...vectorBucket, encryptionConfigurations: [{ sseType: "aws:kms", kmsKeyArn: UNKNOWN_VALUES.string }] },
                expect: "unknown",
            },
            { kind: "malformed", title: "configurations is a string", props: { ...vectorBucket, encryptionConfigurations: "aws:kms" }, expect: "malformed" },
        ]);

        const ossPolicy = (doc: unknown) => ({ name: "kb-encryption", type: "encryption", policy: typeof doc === "string" ? doc : JSON.stringify(doc) });
        const rules = [{ ResourceType: "collection", Resource: ["collection/kb"] }];
        policyCases(pack, "aws-opensearch-serverless-encryption-cmk", OSS_POLICY, [
            { kind: "violating", title: "AWSOwnedKey true", props: ossPolicy({ Rules: rules, AWSOwnedKey: true }), expect: "violation", message: /policy\.AWSOwnedKey is true/ },
            {
                kind: "violating",
                title: "AWSOwnedKey false but no KmsARN",
                props: ossPolicy({ Rules: rules, AWSOwnedKey: false }),
                expect: "violation",
                message: /policy\.KmsARN is not set/,
            },
            { kind: "compliant", title: "customer-managed key", props: ossPolicy({ Rules: rules, AWSOwnedKey: false, KmsARN: KEY }), expect: "pass" },
            {
                kind: "compliant",
                title: "network policies are not judged",
                props: { name: "kb-network", type: "network", policy: JSON.stringify([{ Rules: rules, AllowFromPublic: true }]) },
                expect: "not-applicable",
            },
            { kind: "absent", title: "no policy document", props: { name: "kb", type: "encryption" }, expect: "violation", message: /policy is not set/ },
            { kind: "unknown", title: "policy built from outputs", props: { name: "kb", type: "encryption", policy: UNKNOWN_VALUES.string }, expect: "unknown" },
            { kind: "malformed", title: "invalid JSON", props: ossPolicy("{"), expect: "malformed", message: /cannot evaluate policy/ },
            {
                kind: "malformed",
                title: "AWSOwnedKey is a number",
                props: ossPolicy({ Rules: rules, AWSOwnedKey: 1 }),
                expect: "malformed",
                message: /cannot evaluate policy\.AWSOwnedKey/,
            },
        ]);
    });
});

scopeCases({ policy: "aws-s3-bucket-policy-no-public-access", type: BUCKET, untagged: { ...untagged, policy: JSON.stringify(publicPolicyDoc) } });
scopeCases({
    policy: "aws-s3-bucket-policy-no-public-access",
    type: "aws:s3/accessPoint:AccessPoint",
    untagged: { bucket: "acme-website", name: "web", policy: JSON.stringify(publicPolicyDoc), tags: { team: "web" } },
});
scopeCases({ policy: "aws-s3-bucket-acl-not-public", type: BUCKET, untagged: { ...untagged, acl: "public-read" } });
scopeCases({ policy: "aws-s3-bucket-acl-not-public", type: BUCKET_V2, untagged: { ...untagged, grants: [{ type: "Group", uri: ALL_USERS, permissions: ["READ"] }] } });
