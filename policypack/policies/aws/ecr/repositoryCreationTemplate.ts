/**
 * ECR repository creation templates: the settings of repositories ECR creates by itself (pull
 * through cache, replication, create on push). Those repositories get immutable tags and a
 * customer-managed key like the ones you declare; the template's repository policy is checked by
 * aws-ecr-policy-no-public-access.
 */
import { resourcePolicy } from "../../../lib/policy";
import { kmsKeyCheck, KmsKnobs, kmsKnobs } from "../common";

const TEMPLATE = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate";
const DOCS = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-creation-templates.html";
const MUTABILITY = ["IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION", "MUTABLE", "MUTABLE_WITH_EXCLUSION"] as const;

export const creationTemplateImmutableTags = resourcePolicy<{ allowImmutableWithExclusion: boolean }>({
    name: "aws-ecr-creation-template-immutable-tags",
    description: "ECR repository creation templates must give new repositories immutable image tags.",
    severity: "medium",
    guidelines: ["DEV-1", "OPS-3", "DEP-2"],
    controls: ["REG-A07"],
    theme: "supply-chain",
    resourceTypes: [TEMPLATE],
    config: {
        allowImmutableWithExclusion: {
            type: "boolean",
            default: false,
            description: "Accept IMMUTABLE_WITH_EXCLUSION (immutable except for tags matching exclusion filters).",
        },
    },
    remediationSteps: 'Set `imageTagMutability: "IMMUTABLE"` on the template (repositories it already created keep their settings).',
    url: DOCS,
    validate(r) {
        const mutability = r.enum("imageTagMutability", MUTABILITY, { absent: "MUTABLE" });
        if (!mutability || mutability.value === "IMMUTABLE" || (mutability.value === "IMMUTABLE_WITH_EXCLUSION" && r.config.allowImmutableWithExclusion)) {
            return;
        }
        r.violation(`${mutability.text}: tags in repositories ECR creates for you can later point at different images. Set it to "IMMUTABLE".`);
    },
});

export const creationTemplateKms = resourcePolicy<KmsKnobs>({
    name: "aws-ecr-creation-template-kms",
    description: "ECR repository creation templates must encrypt new repositories with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-1", "DEV-2"],
    controls: ["REG-A07"],
    theme: "encryption",
    resourceTypes: [TEMPLATE],
    config: kmsKnobs,
    remediationSteps:
        'Set `encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: <customer-managed key ARN> }]` on the template, and let the template\'s `customRoleArn` use the key.',
    url: DOCS,
    validate(r) {
        const configs = r.list("encryptionConfigurations");
        if (!configs) {
            return;
        }
        if (configs.length === 0) {
            r.violation(
                'encryptionConfigurations is not set (AWS default: "AES256"): images in repositories ECR creates for you are encrypted with a key you cannot control. Use "KMS" with a customer-managed key.',
            );
            return;
        }
        for (const c of configs) {
            const type = c.enum("encryptionType", ["AES256", "KMS", "KMS_DSSE"], { absent: "AES256" });
            if (type?.value === "AES256") {
                r.violation(`${type.text}: images in repositories ECR creates for you are encrypted with a key you cannot control. Use "KMS" with a customer-managed key.`);
            } else if (type) {
                kmsKeyCheck(c, r.config, "kmsKey", "new repositories use the AWS-managed aws/ecr key");
            }
        }
    },
});

export const repositoryCreationTemplatePolicies = [creationTemplateImmutableTags, creationTemplateKms];
