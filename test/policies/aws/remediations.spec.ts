import { UNKNOWN_VALUES } from "../../support/harness";
import { remediationCases } from "../../support/remediation";

const NOTEBOOK = "aws:sagemaker/notebookInstance:NotebookInstance";
const notebook = {
    instanceType: "ml.t3.medium",
    roleArn: "arn:aws:iam::111122223333:role/notebook",
    directInternetAccess: "Disabled",
    subnetId: "subnet-0abc",
    securityGroups: ["sg-0abc"],
};
const secretTags: [string, unknown] = ["tags", { owner: "ml-platform", "cost-centre": "4711" }];

describe("aws: remediations", () => {
    remediationCases("aws-sagemaker-notebook-root-disabled", NOTEBOOK, {
        violating: { ...notebook, rootAccess: "Enabled" },
        fixed: { ...notebook, rootAccess: "Disabled" },
        compliant: [
            { ...notebook, rootAccess: "Disabled" },
            { ...notebook, rootAccess: "disabled" },
        ],
        unknown: { ...notebook, rootAccess: UNKNOWN_VALUES.string },
        secretProperty: secretTags,
    });
    remediationCases("aws-sagemaker-notebook-imdsv2", NOTEBOOK, {
        violating: notebook,
        fixed: { ...notebook, instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" } },
        compliant: [{ ...notebook, instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" } }],
        unknown: { ...notebook, instanceMetadataServiceConfiguration: UNKNOWN_VALUES.object },
        secretProperty: ["roleArn", "arn:aws:iam::111122223333:role/notebook"],
    });

    const REPO = "aws:ecr/repository:Repository";
    const aiTags = { "ai-workload": "true" };
    remediationCases("aws-ecr-repository-scan-on-push", REPO, {
        violating: { name: "models", imageScanningConfiguration: { scanOnPush: false }, tags: aiTags },
        fixed: { name: "models", imageScanningConfiguration: { scanOnPush: true }, tags: aiTags },
        compliant: [
            { name: "models", imageScanningConfiguration: { scanOnPush: true }, tags: aiTags },
            { name: "web", imageScanningConfiguration: { scanOnPush: false }, tags: { team: "web" } },
        ],
        unknown: { name: "models", imageScanningConfiguration: { scanOnPush: UNKNOWN_VALUES.bool }, tags: aiTags },
        secretProperty: ["encryptionConfigurations", [{ encryptionType: "KMS", kmsKey: "arn:aws:kms:eu-west-1:111122223333:key/k" }]],
    });
    remediationCases("aws-ecr-repository-immutable-tags", REPO, {
        violating: { name: "models", tags: aiTags },
        fixed: { name: "models", imageTagMutability: "IMMUTABLE", tags: aiTags },
        compliant: [
            { name: "models", imageTagMutability: "IMMUTABLE", tags: aiTags },
            { name: "web", tags: { team: "web" } },
        ],
        unknown: { name: "models", imageTagMutability: UNKNOWN_VALUES.string, tags: aiTags },
        secretProperty: ["encryptionConfigurations", [{ encryptionType: "KMS", kmsKey: "arn:aws:kms:eu-west-1:111122223333:key/k" }]],
    });
    remediationCases("aws-ecr-repository-no-force-delete", REPO, {
        violating: { name: "models", forceDelete: true, tags: aiTags },
        fixed: { name: "models", forceDelete: false, tags: aiTags },
        compliant: [
            { name: "models", tags: aiTags },
            { name: "models", forceDelete: true, tags: { team: "web" } },
        ],
        unknown: { name: "models", forceDelete: UNKNOWN_VALUES.bool, tags: aiTags },
        secretProperty: ["encryptionConfigurations", [{ encryptionType: "KMS", kmsKey: "arn:aws:kms:eu-west-1:111122223333:key/k" }]],
    });

    const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
    const allOn = { bucket: "training-data", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
    remediationCases("aws-s3-public-access-block-all-on", PAB, {
        violating: { bucket: "training-data", blockPublicAcls: true, ignorePublicAcls: false },
        fixed: allOn,
        compliant: [allOn],
        unknown: {
            bucket: "training-data",
            blockPublicAcls: UNKNOWN_VALUES.bool,
            blockPublicPolicy: UNKNOWN_VALUES.bool,
            ignorePublicAcls: UNKNOWN_VALUES.bool,
            restrictPublicBuckets: UNKNOWN_VALUES.bool,
        },
        secretProperty: ["expectedBucketOwner", "111122223333"],
    });

    // A fix inside list elements: every variant, live and shadow; other variants and fields untouched.
    const ENDPOINT_CONFIG = "aws:sagemaker/endpointConfiguration:EndpointConfiguration";
    const variant = { variantName: "primary", modelName: "m", instanceType: "ml.m5.xlarge", initialInstanceCount: 2 };
    const config = (live: Record<string, unknown>[], shadow?: Record<string, unknown>[]) => ({
        kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/k",
        productionVariants: live,
        ...(shadow ? { shadowProductionVariants: shadow } : {}),
    });
    remediationCases("aws-sagemaker-endpoint-config-no-ssm-access", ENDPOINT_CONFIG, {
        violating: config(
            [
                { ...variant, enableSsmAccess: true },
                { ...variant, variantName: "b" },
            ],
            [{ ...variant, variantName: "shadow", enableSsmAccess: true }],
        ),
        fixed: config(
            [
                { ...variant, enableSsmAccess: false },
                { ...variant, variantName: "b" },
            ],
            [{ ...variant, variantName: "shadow", enableSsmAccess: false }],
        ),
        compliant: [config([variant]), config([{ ...variant, enableSsmAccess: false }], [variant])],
        unknown: config([{ ...variant, enableSsmAccess: UNKNOWN_VALUES.bool }], UNKNOWN_VALUES.array as unknown as Record<string, unknown>[]),
        secretProperty: ["kmsKeyArn", "arn:aws:kms:eu-west-1:111122223333:key/k"],
    });
});
