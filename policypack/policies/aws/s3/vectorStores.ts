/**
 * Vector stores behind knowledge bases hold embeddings of private documents, from which much of the
 * text can be recovered: S3 Vectors buckets and OpenSearch Serverless collections must be encrypted
 * with a customer-managed KMS key. Both are AI-specific, so every one is judged. (The OpenSearch
 * encryption policy sits here, beside S3 Vectors, because both serve the same control.)
 */
import { Section } from "../../../lib/check";
import { resourcePolicy } from "../../../lib/policy";
import { kmsKeyCheck, KmsKnobs, kmsKnobs } from "../common";

const VECTOR_BUCKET = "aws:s3/vectorsVectorBucket:VectorsVectorBucket";
const OSS_POLICY = "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy";

export const s3VectorBucketKmsCmk = resourcePolicy<KmsKnobs>({
    name: "aws-s3-vector-bucket-kms-cmk",
    description: "S3 Vectors buckets must be encrypted with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A17"],
    theme: "encryption",
    resourceTypes: [VECTOR_BUCKET],
    config: kmsKnobs,
    remediationSteps: 'Set `encryptionConfigurations: [{ sseType: "aws:kms", kmsKeyArn: key.arn }]` with a customer-managed key (it can only be set when the bucket is created).',
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-vectors-data-encryption.html",
    validate(r) {
        const configs = r.list("encryptionConfigurations");
        if (configs === undefined) {
            return;
        }
        if (configs.length === 0) {
            r.violation(
                'encryptionConfigurations is not set (AWS default: sseType "AES256"): the embeddings are encrypted with an Amazon-managed key only. Set sseType "aws:kms" with a customer-managed kmsKeyArn.',
            );
            return;
        }
        for (const config of configs) {
            const sse = config.enum("sseType", ["AES256", "aws:kms"], { absent: "AES256" });
            if (sse?.value === "AES256") {
                r.violation(`${sse.text}: the embeddings are encrypted with an Amazon-managed key only. Set it to "aws:kms" with a customer-managed kmsKeyArn.`);
            } else if (sse?.value === "aws:kms") {
                kmsKeyCheck(config, r.config, "kmsKeyArn", "no key is named for SSE-KMS");
            }
        }
    },
});

/** The encryption policy JSON as an object, or undefined when it is not one. Never throws. */
function parseJson(text: string): Record<string, unknown> | undefined {
    try {
        const doc: unknown = JSON.parse(text);
        return doc !== null && typeof doc === "object" && !Array.isArray(doc) ? (doc as Record<string, unknown>) : undefined;
    } catch {
        return undefined;
    }
}

export const opensearchServerlessEncryptionCmk = resourcePolicy<KmsKnobs>({
    name: "aws-opensearch-serverless-encryption-cmk",
    description: "OpenSearch Serverless encryption policies must use a customer-managed KMS key, not an AWS-owned key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A17"],
    theme: "encryption",
    resourceTypes: [OSS_POLICY],
    config: kmsKnobs,
    remediationSteps: 'In the encryption policy JSON set `"AWSOwnedKey": false` and `"KmsARN": "<customer-managed key ARN>"`.',
    url: "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-encryption.html",
    validate(r) {
        const type = r.enum("type", ["encryption", "network"]);
        if (type === undefined) {
            return;
        }
        if (type.value !== "encryption") {
            r.notApplicable('applies only to encryption policies (type "encryption")');
        }
        const policy = r.string("policy");
        if (policy === undefined) {
            return;
        }
        if (policy.value === undefined) {
            r.violation(`${policy.text}: the encryption policy names no key. Set "AWSOwnedKey": false and "KmsARN" to a customer-managed key.`);
            return;
        }
        const parsed = parseJson(policy.value);
        if (parsed === undefined) {
            r.violation("cannot evaluate policy: the encryption policy is not a JSON object.");
            return;
        }
        // Read the parsed JSON through a section, so its fields are judged like properties.
        const doc = new Section({ cloud: "AWS", violation: (m) => r.violation(m), unknown: (p) => r.unknown(p) }, parsed, "policy");
        const owned = doc.boolean("AWSOwnedKey", { absent: false });
        if (owned === undefined) {
            return;
        }
        if (owned.value === true) {
            r.violation(
                `${owned.text}: the collection is encrypted with a key AWS owns, which you cannot restrict, rotate or audit. Set "AWSOwnedKey": false and "KmsARN" to a customer-managed key.`,
            );
            return;
        }
        kmsKeyCheck(doc, r.config, "KmsARN", "the encryption policy names no key");
    },
});

export const vectorStorePolicies = [s3VectorBucketKmsCmk, opensearchServerlessEncryptionCmk];
