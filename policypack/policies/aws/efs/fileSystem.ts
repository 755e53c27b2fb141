/**
 * EFS file systems hold shared training data, notebooks' home directories and model files. File
 * systems holding AI data (tagged as AI data stores, or every one with allDataStores: lib/scope.ts)
 * are encrypted at rest (it can only be chosen at creation), with a customer-managed key.
 */
import { resourcePolicy } from "../../../lib/policy";
import { inAiScope, scopeKnobs, ScopeKnobs } from "../../../lib/scope";
import { kmsKeyCheck, KmsKnobs, kmsKnobs } from "../common";

const FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";
const DOCS = "https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html";

export const efsEncrypted = resourcePolicy<ScopeKnobs>({
    name: "aws-efs-encrypted",
    description: "EFS file systems holding AI data must be encrypted at rest.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A18"],
    theme: "encryption",
    resourceTypes: [FILE_SYSTEM],
    config: scopeKnobs,
    remediationSteps: "Set `encrypted: true` and `kmsKeyId` to a customer-managed key (this replaces an existing file system: copy its data to the new one).",
    url: DOCS,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        const encrypted = r.boolean("encrypted", { absent: false });
        if (encrypted?.value === false) {
            r.violation(`${encrypted.text}: the files are stored unencrypted. Set it to true with a customer-managed kmsKeyId.`);
        }
    },
});

export const efsCmk = resourcePolicy<ScopeKnobs & KmsKnobs>({
    name: "aws-efs-cmk",
    description: "EFS file systems holding AI data must be encrypted with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A18"],
    theme: "encryption",
    resourceTypes: [FILE_SYSTEM],
    config: { ...scopeKnobs, ...kmsKnobs },
    remediationSteps: "Set `encrypted: true` and `kmsKeyId` to the ARN of a customer-managed KMS key (this replaces an existing file system).",
    url: DOCS,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        kmsKeyCheck(r, r.config, "kmsKeyId", "the file system uses the AWS-managed aws/elasticfilesystem key, or none");
    },
});

export const fileSystemPolicies = [efsEncrypted, efsCmk];
