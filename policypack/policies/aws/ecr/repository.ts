/**
 * ECR repositories: the private registry for model-serving and training images. Images are
 * scanned when pushed, tags cannot be moved to other images, layers are encrypted with a
 * customer-managed key, and the images cannot be deleted with the repository by accident.
 *
 * Which repositories are judged: those holding AI images, i.e. tagged as AI data stores, or every
 * repository with allDataStores (lib/scope.ts); a repository that only an AI resource's dependency
 * makes AI (the image of a SageMaker model) gets the high and critical controls in the stack pass
 * (lib/handover.ts).
 */
import { resourcePolicy } from "../../../lib/policy";
import { fixesInAiScope, inAiScope, ScopeKnobs, scopeKnobs } from "../../../lib/scope";
import { kmsKeyCheck, KmsKnobs, kmsKnobs } from "../common";

const REPOSITORY = "aws:ecr/repository:Repository";

export const ecrScanOnPush = resourcePolicy<ScopeKnobs & { registryScanningCoversRepositories: boolean }>({
    name: "aws-ecr-repository-scan-on-push",
    description: "ECR repositories holding AI images must scan images for vulnerabilities when they are pushed.",
    severity: "high",
    guidelines: ["DEV-1", "DES-3b"],
    controls: ["REG-A01"],
    theme: "supply-chain",
    resourceTypes: [REPOSITORY],
    config: {
        ...scopeKnobs,
        registryScanningCoversRepositories: {
            type: "boolean",
            default: false,
            description: "Set true when a registry-level scanning configuration (enhanced, scan on push or continuous) covers every repository.",
        },
    },
    remediationSteps:
        "Set `imageScanningConfiguration: { scanOnPush: true }`, or configure enhanced scanning for the registry (aws.ecr.RegistryScanningConfiguration) and set registryScanningCoversRepositories.",
    url: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html",
    validate(r) {
        if (!inAiScope(r) || r.config.registryScanningCoversRepositories) {
            return;
        }
        const scan = r.boolean("imageScanningConfiguration.scanOnPush", { absent: false });
        if (scan?.value === false) {
            r.violation(`${scan.text}: images with known vulnerabilities reach training and inference unnoticed. Set it to true.`);
        }
    },
    remediate(r) {
        if (fixesInAiScope(r) && !r.config.registryScanningCoversRepositories) {
            r.ensure("imageScanningConfiguration.scanOnPush", true);
        }
    },
});

const IMMUTABLE = ["IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION", "MUTABLE", "MUTABLE_WITH_EXCLUSION"] as const;

export const ecrImmutableTags = resourcePolicy<ScopeKnobs & { allowImmutableWithExclusion: boolean }>({
    name: "aws-ecr-repository-immutable-tags",
    description: "ECR repositories holding AI images must make image tags immutable.",
    severity: "medium",
    guidelines: ["DEV-1", "OPS-3", "DEP-2"],
    controls: ["REG-A03"],
    theme: "supply-chain",
    resourceTypes: [REPOSITORY],
    config: {
        ...scopeKnobs,
        allowImmutableWithExclusion: {
            type: "boolean",
            default: false,
            description: "Accept IMMUTABLE_WITH_EXCLUSION (immutable except for tags matching exclusion filters).",
        },
    },
    remediationSteps: 'Set `imageTagMutability: "IMMUTABLE"` and publish each build under a new tag (or deploy by digest).',
    url: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html",
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        const mutability = r.enum("imageTagMutability", IMMUTABLE, { absent: "MUTABLE" });
        if (!mutability || mutability.value === "IMMUTABLE") {
            return;
        }
        if (mutability.value === "IMMUTABLE_WITH_EXCLUSION" && r.config.allowImmutableWithExclusion) {
            return;
        }
        r.violation(`${mutability.text}: a pushed tag can later point at a different image, so what was tested is not what runs. Set it to "IMMUTABLE".`);
    },
    remediate(r) {
        if (!fixesInAiScope(r)) {
            return;
        }
        r.ensure("imageTagMutability", "IMMUTABLE", (current) => {
            const value = typeof current === "string" ? current.toUpperCase() : current;
            return value === "IMMUTABLE" || (value === "IMMUTABLE_WITH_EXCLUSION" && r.config.allowImmutableWithExclusion);
        });
    },
});

export const ecrKms = resourcePolicy<ScopeKnobs & KmsKnobs>({
    name: "aws-ecr-repository-kms",
    description: "ECR repositories holding AI images must encrypt them with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["REG-A04"],
    theme: "encryption",
    resourceTypes: [REPOSITORY],
    config: { ...scopeKnobs, ...kmsKnobs },
    remediationSteps:
        'Set `encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: <customer-managed key ARN> }]`. Encryption can only be chosen when the repository is created.',
    url: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html",
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        const configs = r.list("encryptionConfigurations");
        if (!configs) {
            return;
        }
        if (configs.length === 0) {
            r.violation(
                `encryptionConfigurations is not set (AWS default: "AES256"): images are encrypted with an AWS-owned key you cannot control. Use "KMS" with a customer-managed key.`,
            );
            return;
        }
        for (const c of configs) {
            const type = c.enum("encryptionType", ["AES256", "KMS", "KMS_DSSE"], { absent: "AES256" });
            if (!type) {
                continue;
            }
            if (type.value === "AES256") {
                r.violation(`${type.text}: images are encrypted with an AWS-owned key you cannot control. Use "KMS" with a customer-managed key.`);
                continue;
            }
            kmsKeyCheck(c, r.config, "kmsKey", "ECR uses the AWS-managed aws/ecr key");
        }
    },
});

export const ecrNoForceDelete = resourcePolicy<ScopeKnobs>({
    name: "aws-ecr-repository-no-force-delete",
    description: "ECR repositories holding AI images must not set forceDelete.",
    severity: "medium",
    guidelines: ["DEP-3", "DEV-2"],
    controls: ["RES-A06"],
    theme: "resilience",
    resourceTypes: [REPOSITORY],
    config: scopeKnobs,
    remediationSteps: "Remove `forceDelete: true` (or set it to false); delete images deliberately before deleting the repository.",
    url: "https://www.pulumi.com/registry/packages/aws/api-docs/ecr/repository/#forcedelete_nodejs",
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        const force = r.boolean("forceDelete", { absent: false });
        if (force?.value === true) {
            r.violation(`${force.text}: deleting or replacing the repository deletes every model image in it without warning. Set it to false.`);
        }
    },
    remediate(r) {
        // Only for in-scope repositories: the fix may only tighten what the policy judges.
        if (fixesInAiScope(r)) {
            r.ensure("forceDelete", false, (v) => v === undefined || v === false || v === "false");
        }
    },
});

export const repositoryPolicies = [ecrScanOnPush, ecrImmutableTags, ecrKms, ecrNoForceDelete];
