/**
 * SageMaker Feature Store feature groups: curated training and inference features. Both the
 * offline store (S3) and the online store are encrypted with customer-managed keys.
 */
import { resourcePolicy } from "../../../lib/policy";
import { kmsKeyCheck, KmsKnobs, kmsKnobs } from "../common";
import { DOCS } from "./util";

const FEATURE_GROUP = "aws:sagemaker/featureGroup:FeatureGroup";

export const featureGroupOfflineStoreKms = resourcePolicy<KmsKnobs>({
    name: "aws-sagemaker-feature-group-offline-store-kms",
    description: "SageMaker feature group offline stores must encrypt their S3 data with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A11"],
    theme: "encryption",
    resourceTypes: [FEATURE_GROUP],
    config: kmsKnobs,
    remediationSteps: "Set `offlineStoreConfig.s3StorageConfig.kmsKeyId` to the ARN of a customer-managed KMS key.",
    url: `${DOCS}feature-store-security.html`,
    validate(r) {
        const offline = r.isSet("offlineStoreConfig");
        if (offline === false) {
            r.notApplicable("the feature group has no offline store");
        }
        if (offline) {
            kmsKeyCheck(r, r.config, "offlineStoreConfig.s3StorageConfig.kmsKeyId", "the feature history in S3 is encrypted with an AWS-managed key only");
        }
    },
});

export const featureGroupOnlineStoreKms = resourcePolicy<KmsKnobs>({
    name: "aws-sagemaker-feature-group-online-store-kms",
    description: "SageMaker feature group online stores must encrypt their data with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A11"],
    theme: "encryption",
    resourceTypes: [FEATURE_GROUP],
    config: kmsKnobs,
    remediationSteps: "Set `onlineStoreConfig.securityConfig.kmsKeyId` to the ARN of a customer-managed KMS key.",
    url: `${DOCS}feature-store-security.html`,
    validate(r) {
        // The SDK's docstrings for enableOnlineStore and disableGlueTableCreation are swapped;
        // enableOnlineStore is the switch for the online store (default false).
        const enabled = r.boolean("onlineStoreConfig.enableOnlineStore", { absent: false });
        const storage = r.enum("onlineStoreConfig.storageType", ["Standard", "InMemory"], { absent: "Standard" });
        if (enabled?.value === false) {
            r.notApplicable("the feature group has no online store");
        }
        if (storage?.value === "InMemory") {
            r.notApplicable("InMemory online stores take no customer-managed key");
        }
        if (enabled && storage) {
            kmsKeyCheck(r, r.config, "onlineStoreConfig.securityConfig.kmsKeyId", "the online feature records are encrypted with an AWS-owned key only");
        }
    },
});

export const featureGroupPolicies = [featureGroupOfflineStoreKms, featureGroupOnlineStoreKms];
