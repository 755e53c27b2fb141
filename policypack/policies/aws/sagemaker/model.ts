/**
 * SageMaker models: the containers that serve a model behind an endpoint or a batch transform.
 * They run without network access, inside your VPC, from approved images pulled through your
 * network, are built from registered model packages, and carry no secrets in their environment.
 */
import { resourcePolicy } from "../../../lib/policy";
import {
    API,
    DOCS,
    environmentSecretsCheck,
    imageKnobs,
    ImageKnobs,
    imageSourceCheck,
    isPrivateEcrImage,
    MODEL,
    modelContainers,
    optionalObject,
    secretKnobs,
    SecretKnobs,
} from "./util";

export const modelNetworkIsolation = resourcePolicy({
    name: "aws-sagemaker-model-network-isolation",
    description: "SageMaker models must run their containers with network isolation.",
    severity: "high",
    guidelines: ["DES-3b", "DEP-1", "DEP-2"],
    controls: ["ACC-A07"],
    theme: "network",
    resourceTypes: [MODEL],
    remediationSteps:
        "Set `enableNetworkIsolation: true`; the container then gets its model artifacts from SageMaker and cannot make any outbound call, so bake its dependencies into the image.",
    url: `${DOCS}mkt-algo-model-internet-free.html`,
    validate(r) {
        const isolation = r.boolean("enableNetworkIsolation", { absent: false });
        if (isolation?.value === false) {
            r.violation(`${isolation.text}: a compromised or malicious model can call out to the internet and leak the data it is sent. Set it to true.`);
        }
    },
});

export const modelInVpc = resourcePolicy({
    name: "aws-sagemaker-model-in-vpc",
    description: "SageMaker models must run in your VPC with subnets and security groups.",
    severity: "medium",
    guidelines: ["DEP-1"],
    controls: ["ACC-A08"],
    theme: "network",
    resourceTypes: [MODEL],
    remediationSteps: "Set `vpcConfig: { subnets: [...private subnet ids], securityGroupIds: [...] }` so the hosting containers sit behind your network controls.",
    url: `${DOCS}host-vpc.html`,
    validate(r) {
        // Presence is all this needs: subnet and group ids computed from other resources count.
        const vpc = optionalObject(r, "vpcConfig");
        const subnets = vpc === null ? 0 : vpc?.count("subnets");
        const groups = vpc === null ? 0 : vpc?.count("securityGroupIds");
        if (subnets === 0) {
            r.violation(
                "vpcConfig.subnets is not set: the model's containers run outside your VPC, beyond your network controls. Set vpcConfig with private subnets and security groups.",
            );
        } else if (subnets !== undefined && groups === 0) {
            r.violation("vpcConfig.securityGroupIds is not set: a model in your VPC needs security groups to limit its traffic.");
        }
    },
});

export const modelApprovedImage = resourcePolicy<ImageKnobs>({
    name: "aws-sagemaker-model-approved-image",
    description: "SageMaker model containers must use images from approved registries.",
    severity: "high",
    guidelines: ["DES-3a", "DEV-1"],
    controls: ["REG-A09"],
    theme: "supply-chain",
    resourceTypes: [MODEL],
    config: imageKnobs,
    remediationSteps:
        "Set `primaryContainer.image` (and each `containers[].image`) to an image in your private ECR registry, from an account in approvedAccountIds, or approve the registry with approvedImagePrefixes.",
    url: `${DOCS}docker-containers.html`,
    validate(r) {
        for (const c of modelContainers(r)) {
            imageSourceCheck(c, r.config, "image");
        }
    },
});

export const modelPrivateRegistryVpcMode = resourcePolicy<{ allowPlatformAccessForEcrImages: boolean }>({
    name: "aws-sagemaker-model-private-registry-vpc-mode",
    description: "SageMaker model containers must pull their images through your VPC (repository access mode Vpc).",
    severity: "medium",
    guidelines: ["DES-3b", "DEP-1"],
    controls: ["REG-A10"],
    theme: "supply-chain",
    resourceTypes: [MODEL],
    config: {
        allowPlatformAccessForEcrImages: {
            type: "boolean",
            default: false,
            description:
                "Accept access mode Platform (the ordinary ECR pull) for images in a private Amazon ECR registry; only other registries must then be reached through the VPC. Security Hub SageMaker.16/.19 do not allow this.",
        },
    },
    remediationSteps:
        'Set `imageConfig: { repositoryAccessMode: "Vpc" }` on `primaryContainer` and each `containers[]` element, with the model in a VPC that reaches the registry (through ECR interface endpoints for ECR images).',
    url: `${DOCS}your-algorithms-containers-inference-private.html`,
    validate(r) {
        for (const c of modelContainers(r)) {
            // A container without an image takes it from its model package, which SageMaker pulls itself.
            const image = c.string("image");
            if (!image || image.value === undefined) {
                continue;
            }
            const mode = c.enum("imageConfig.repositoryAccessMode", ["Platform", "Vpc"], { absent: "Platform" });
            if (mode?.value !== "Platform" || (r.config.allowPlatformAccessForEcrImages && isPrivateEcrImage(image.value))) {
                continue;
            }
            r.violation(
                `${mode.text}: the image is pulled over SageMaker's network path rather than through your VPC, where your endpoints and policies control it. Set it to "Vpc".`,
            );
        }
    },
});

export const modelFromModelRegistry = resourcePolicy({
    name: "aws-sagemaker-model-from-model-registry",
    description: "SageMaker models should be created from registered model package versions rather than raw artifacts.",
    severity: "medium",
    guidelines: ["DEV-2", "DEP-4", "DES-4"],
    controls: ["REG-A11"],
    theme: "supply-chain",
    resourceTypes: [MODEL],
    remediationSteps:
        "Register the model in a SageMaker model package group, approve the version there, and set `primaryContainer.modelPackageName` (and each `containers[].modelPackageName`) to the model package version ARN instead of `image` + `modelDataUrl`.",
    url: `${DOCS}model-registry.html`,
    validate(r) {
        const containers = modelContainers(r);
        for (const c of containers) {
            const pkg = c.string("modelPackageName");
            if (pkg && pkg.value === undefined) {
                r.violation(
                    `${pkg.text}: the model is deployed from raw artifacts that skipped the model registry's versioning and approval. Deploy a registered model package version.`,
                );
            }
        }
    },
});

export const modelNoSecretsInEnvironment = resourcePolicy<SecretKnobs>({
    name: "aws-sagemaker-model-no-secrets-in-environment",
    description: "SageMaker model container environments must not hold plain-text secrets.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ACC-A21"],
    theme: "access",
    resourceTypes: [MODEL],
    config: secretKnobs,
    remediationSteps: "Remove the secret from `environment`; store it in AWS Secrets Manager, pass only the secret's ARN, and let the container read it with its execution role.",
    url: `${API}API_ContainerDefinition.html`,
    validate(r) {
        for (const c of modelContainers(r)) {
            environmentSecretsCheck(c, r.config, "environment", "Store it in AWS Secrets Manager and pass only its ARN.");
        }
    },
});

export const modelPolicies = [modelNetworkIsolation, modelInVpc, modelApprovedImage, modelPrivateRegistryVpcMode, modelFromModelRegistry, modelNoSecretsInEnvironment];
