/**
 * Default encryption of AI data buckets: an SSE configuration that exists (the separate resource,
 * its V2 twin, or the deprecated inline settings of Bucket/BucketV2) must use SSE-KMS or DSSE-KMS
 * with a customer-managed key, so that access to the data needs both S3 and KMS permissions and key
 * use is audited. Whether a bucket has any configuration at all is a stack-level question.
 */
import type { Section } from "../../../lib/check";
import { resourcePolicy } from "../../../lib/policy";
import { scopeKnobs, ScopeKnobs } from "../../../lib/scope";
import { kmsKeyCheck, KmsKnobs, kmsKnobs } from "../common";
import { inScope } from "./scope";
import { BUCKET, isBucketV2, S3_DOCS } from "./shapes";

const SSE_CONFIG = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const ALGORITHMS = ["AES256", "aws:kms", "aws:kms:dsse"] as const;

/** Judges one `applyServerSideEncryptionByDefault` block. */
function judgeDefault(r: Section, block: Section, config: Readonly<KmsKnobs>): void {
    const algorithm = block.enum("sseAlgorithm", ALGORITHMS);
    if (algorithm === undefined) {
        return;
    }
    if (algorithm.value === undefined) {
        r.violation(`${algorithm.text}: objects get SSE-S3 (AES256) with an Amazon-owned key. Set it to "aws:kms" with a customer-managed kmsMasterKeyId.`);
        return;
    }
    if (algorithm.value === "AES256") {
        r.violation(
            `${algorithm.text}: the Amazon S3 managed key cannot be restricted or audited separately from the bucket. Set it to "aws:kms" with a customer-managed kmsMasterKeyId.`,
        );
        return;
    }
    kmsKeyCheck(block, config, "kmsMasterKeyId", "S3 uses the AWS-managed aws/s3 key");
}

export const s3BucketSseKmsCmk = resourcePolicy<ScopeKnobs & KmsKnobs>({
    name: "aws-s3-bucket-sse-kms-cmk",
    description: "S3 default encryption of AI data buckets must use SSE-KMS (or DSSE-KMS) with a customer-managed key.",
    severity: "high",
    guidelines: ["DEV-2"],
    controls: ["ENC-A01"],
    theme: "encryption",
    resourceTypes: [SSE_CONFIG, BUCKET],
    config: { ...scopeKnobs, ...kmsKnobs },
    remediationSteps:
        'Declare `new aws.s3.BucketServerSideEncryptionConfiguration(..., { bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] })` with a customer-managed key, instead of AES256 or the aws/s3 key.',
    url: `${S3_DOCS}UsingKMSEncryption.html`,
    validate(r) {
        if (!inScope(r)) {
            return;
        }
        if (isBucketV2(r.type)) {
            // BucketV2: serverSideEncryptionConfigurations[].rules[].applyServerSideEncryptionByDefaults[]
            for (const config of r.list("serverSideEncryptionConfigurations") ?? []) {
                const rules = config.list("rules");
                if (rules !== undefined && rules.length === 0) {
                    r.violation(
                        `${config.path("rules")} is not set: the configuration sets no default encryption. Add a rule with sseAlgorithm "aws:kms" and a customer-managed kmsMasterKeyId.`,
                    );
                }
                for (const rule of rules ?? []) {
                    for (const block of rule.list("applyServerSideEncryptionByDefaults") ?? []) {
                        judgeDefault(r, block, r.config);
                    }
                }
            }
            return;
        }
        let rulesPath: string;
        if (r.type === BUCKET) {
            // Bucket: the deprecated serverSideEncryptionConfiguration.rule (one object); absent
            // means the bucket is configured, or not, through the separate resource.
            if (r.isSet("serverSideEncryptionConfiguration") !== true) {
                return;
            }
            rulesPath = "serverSideEncryptionConfiguration.rule";
        } else {
            rulesPath = "rules";
        }
        const rules = r.list(rulesPath);
        if (rules !== undefined && rules.length === 0) {
            r.violation(`${rulesPath} is not set: the configuration sets no default encryption. Add a rule with sseAlgorithm "aws:kms" and a customer-managed kmsMasterKeyId.`);
            return;
        }
        for (const rule of rules ?? []) {
            const present = rule.isSet("applyServerSideEncryptionByDefault");
            if (present === false) {
                r.violation(
                    `${rule.path("applyServerSideEncryptionByDefault")} is not set: objects get SSE-S3 (AES256). Set sseAlgorithm "aws:kms" with a customer-managed kmsMasterKeyId.`,
                );
                continue;
            }
            const block = present ? rule.object("applyServerSideEncryptionByDefault") : undefined;
            if (block !== undefined) {
                judgeDefault(r, block, r.config);
            }
        }
    },
});

export const encryptionPolicies = [s3BucketSseKmsCmk];
