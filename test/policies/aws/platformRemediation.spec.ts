/**
 * The remediation proofs of the AWS platform policies (fix, idempotent, tighten-only, unknowns,
 * secrets), one spec per remediable policy.

 */
import { UNKNOWN_VALUES } from "../../support/harness";
import { remediationCases } from "../../support/remediation";

function without(o: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
    const copy = { ...o };
    for (const k of keys) delete copy[k];
    return copy;
}

const ACCOUNT = "111122223333";
const KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

describe("aws: platform remediations", function () {
    const bucket = { bucket: "acme-training-data", tags: { "ai-workload": "training-data" }, forceDestroy: false };
    remediationCases("aws-s3-bucket-no-force-destroy", "aws:s3/bucket:Bucket", {
        violating: { ...bucket, forceDestroy: true },
        fixed: bucket,
        compliant: [bucket, without(bucket, "forceDestroy"), { bucket: "acme-website", tags: { team: "web" }, forceDestroy: true }],
        unknown: { ...bucket, forceDestroy: UNKNOWN_VALUES.bool },
        secretProperty: ["bucketPrefix", "acme-"],
    });

    const key = {
        description: "training data",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        tags: { "ai-workload": "training-data" },
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] }),
    };
    remediationCases("aws-kms-key-rotation", "aws:kms/key:Key", {
        violating: { ...key, enableKeyRotation: false },
        fixed: key,
        compliant: [
            key,
            { ...key, enableKeyRotation: false, customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" },
            { ...key, enableKeyRotation: false, tags: { team: "web" } },
        ],
        unknown: { ...key, enableKeyRotation: UNKNOWN_VALUES.bool },
        secretProperty: ["description", "project falcon"],
    });
    remediationCases("aws-kms-key-deletion-window", "aws:kms/key:Key", {
        violating: { ...key, deletionWindowInDays: 7 },
        fixed: key,
        compliant: [key, without(key, "deletionWindowInDays"), { ...key, deletionWindowInDays: 7, tags: { team: "web" } }],
        unknown: { ...key, deletionWindowInDays: UNKNOWN_VALUES.number },
        secretProperty: ["description", "project falcon"],
    });

    const trail = {
        name: "audit",
        s3BucketName: "acme-audit-logs",
        isMultiRegionTrail: true,
        enableLogFileValidation: true,
        enableLogging: true,
        kmsKeyId: KEY_ARN,
    };
    remediationCases("aws-cloudtrail-log-file-validation", "aws:cloudtrail/trail:Trail", {
        violating: without(trail, "enableLogFileValidation"),
        fixed: trail,
        compliant: [trail],
        unknown: { ...trail, enableLogFileValidation: UNKNOWN_VALUES.bool },
        secretProperty: ["kmsKeyId", KEY_ARN],
    });
    remediationCases("aws-cloudtrail-logging-on", "aws:cloudtrail/trail:Trail", {
        violating: { ...trail, enableLogging: false },
        fixed: trail,
        compliant: [trail, without(trail, "enableLogging")],
        unknown: { ...trail, enableLogging: UNKNOWN_VALUES.bool },
        secretProperty: ["kmsKeyId", KEY_ARN],
    });

    const group = { name: "/acme/inference", kmsKeyId: KEY_ARN, retentionInDays: 400, deletionProtectionEnabled: true, tags: { "ai-workload": "inference-logs" } };
    remediationCases("aws-cloudwatch-log-group-deletion-protection", "aws:cloudwatch/logGroup:LogGroup", {
        violating: without(group, "deletionProtectionEnabled"),
        fixed: group,
        compliant: [group, { name: "/app/web", retentionInDays: 7 }],
        unknown: { ...group, deletionProtectionEnabled: UNKNOWN_VALUES.bool },
        secretProperty: ["kmsKeyId", KEY_ARN],
    });
});
