/**
 * SageMaker training and hyperparameter tuning jobs: where training data meets (possibly
 * third-party) training code. The containers run isolated from the network, inside your VPC, with
 * encrypted traffic between instances, customer-managed keys for outputs and volumes, approved
 * images, and no secrets in their environment. A tuning job's settings live in
 * `trainingJobDefinition` and in each `trainingJobDefinitions[]` element.
 */
import type { Section } from "../../../lib/check";
import { resourcePolicy } from "../../../lib/policy";
import { UNKNOWN } from "../../../lib/props";
import { kmsKeyCheck, KmsKnobs, kmsKnobs } from "../common";
import {
    API,
    DOCS,
    environmentSecretsCheck,
    imageKnobs,
    ImageKnobs,
    imageSourceCheck,
    localStorageKnobs,
    LocalStorageKnobs,
    optionalObject,
    secretKnobs,
    SecretKnobs,
    trainingDefinitions,
    TRAINING_JOB,
    TUNING_JOB,
    usesLocalStorage,
} from "./util";

const TYPES = [TRAINING_JOB, TUNING_JOB];

export const trainingNetworkIsolation = resourcePolicy({
    name: "aws-sagemaker-training-network-isolation",
    description: "SageMaker training and tuning jobs must run their containers with network isolation.",
    severity: "high",
    guidelines: ["DES-3b", "DEP-1"],
    controls: ["ACC-A09"],
    theme: "network",
    resourceTypes: TYPES,
    remediationSteps:
        "Set `enableNetworkIsolation: true` on the training job (on a tuning job: in `trainingJobDefinition` or each `trainingJobDefinitions[]` element); SageMaker still copies the input and output data for the job.",
    url: `${DOCS}mkt-algo-model-internet-free.html`,
    validate(r) {
        for (const d of trainingDefinitions(r)) {
            const isolation = d.boolean("enableNetworkIsolation", { absent: false });
            if (isolation?.value === false) {
                r.violation(`${isolation.text}: training code can reach the internet, download untrusted artefacts and leak training data. Set it to true.`);
            }
        }
    },
});

export const trainingInVpc = resourcePolicy({
    name: "aws-sagemaker-training-in-vpc",
    description: "SageMaker training and tuning jobs must run in your VPC with subnets and security groups.",
    severity: "high",
    guidelines: ["DEP-1"],
    controls: ["ACC-A09"],
    theme: "network",
    resourceTypes: TYPES,
    remediationSteps:
        "Set `vpcConfig: { subnets: [...private subnet ids], securityGroupIds: [...] }` on the training job (on a tuning job: in each training job definition), and reach S3 through a VPC endpoint.",
    url: `${DOCS}train-vpc.html`,
    validate(r) {
        for (const d of trainingDefinitions(r)) {
            // Presence is all this needs: subnet and group ids computed from other resources count.
            const vpc = optionalObject(d, "vpcConfig");
            const subnets = vpc === null ? 0 : vpc?.count("subnets");
            const groups = vpc === null ? 0 : vpc?.count("securityGroupIds");
            if (subnets === 0) {
                r.violation(
                    `${d.path("vpcConfig.subnets")} is not set: the training instances run outside your VPC, beyond your network controls. Set vpcConfig with private subnets and security groups.`,
                );
            } else if (subnets !== undefined && groups === 0) {
                r.violation(`${d.path("vpcConfig.securityGroupIds")} is not set: training instances in your VPC need security groups to limit their traffic.`);
            }
        }
    },
});

/** Whether a training definition runs on more than one instance (undefined when unknown). */
function isDistributed(d: Section): boolean | undefined {
    const groups = d.list("resourceConfig.instanceGroups");
    if (groups === undefined) {
        return undefined;
    }
    if (groups.length > 0) {
        return true;
    }
    let unknown = false;
    for (const path of ["resourceConfig.instanceCount", "hyperParameterTuningResourceConfig.instanceCount"]) {
        const count = d.number(path, { absent: 1 });
        if (count === undefined) {
            unknown = true;
        } else if ((count.value ?? 1) > 1) {
            return true;
        }
    }
    for (const config of d.list("hyperParameterTuningResourceConfig.instanceConfigs") ?? []) {
        const count = config.number("instanceCount", { absent: 1 });
        if (count === undefined) {
            unknown = true;
        } else if ((count.value ?? 1) > 1) {
            return true;
        }
    }
    return unknown ? undefined : false;
}

export const trainingInterContainerEncryption = resourcePolicy<{ requireForSingleInstance: boolean }>({
    name: "aws-sagemaker-training-inter-container-encryption",
    description: "Distributed SageMaker training and tuning jobs must encrypt the traffic between their instances.",
    severity: "high",
    guidelines: ["DEP-1", "DEV-2"],
    controls: ["ACC-A09"],
    theme: "encryption",
    resourceTypes: TYPES,
    config: {
        requireForSingleInstance: {
            type: "boolean",
            default: false,
            description: "Also require it for jobs on a single instance (where there is no traffic between instances to protect).",
        },
    },
    remediationSteps: "Set `enableInterContainerTrafficEncryption: true` on the training job (on a tuning job: in each training job definition).",
    url: `${DOCS}train-encrypt.html`,
    validate(r) {
        for (const d of trainingDefinitions(r)) {
            const encryption = d.boolean("enableInterContainerTrafficEncryption", { absent: false });
            if (encryption?.value !== false) {
                continue;
            }
            const distributed = r.config.requireForSingleInstance || isDistributed(d);
            if (distributed) {
                r.violation(`${encryption.text}: model weights, gradients and training data cross the network between instances in clear text. Set it to true.`);
            }
        }
    },
});

export const trainingOutputKms = resourcePolicy<KmsKnobs>({
    name: "aws-sagemaker-training-output-kms",
    description: "SageMaker training and tuning jobs must encrypt their output (the model artefacts) with a customer-managed KMS key.",
    severity: "high",
    guidelines: ["DEV-2", "DEP-2"],
    controls: ["ENC-A10"],
    theme: "encryption",
    resourceTypes: TYPES,
    config: kmsKnobs,
    remediationSteps: "Set `outputDataConfig.kmsKeyId` (on a tuning job: in each training job definition) to the ARN of a customer-managed KMS key.",
    url: `${API}API_OutputDataConfig.html`,
    validate(r) {
        for (const d of trainingDefinitions(r)) {
            kmsKeyCheck(d, r.config, "outputDataConfig.kmsKeyId", "the trained model artefacts are encrypted with an AWS-managed key only");
        }
    },
});

export const trainingVolumeKms = resourcePolicy<KmsKnobs & LocalStorageKnobs>({
    name: "aws-sagemaker-training-volume-kms",
    description: "SageMaker training and tuning jobs must encrypt their instances' storage volumes with a customer-managed KMS key.",
    severity: "high",
    guidelines: ["DEV-2", "DEP-2"],
    controls: ["ENC-A10"],
    theme: "encryption",
    resourceTypes: TYPES,
    config: { ...kmsKnobs, ...localStorageKnobs },
    remediationSteps:
        "Set `resourceConfig.volumeKmsKeyId` (on a tuning job: `resourceConfig` or `hyperParameterTuningResourceConfig` of each training job definition) to the ARN of a customer-managed KMS key.",
    url: `${API}API_ResourceConfig.html`,
    validate(r) {
        const definitions = trainingDefinitions(r);
        let onLocalStorage = 0;
        for (const d of definitions) {
            // A tuning definition takes its instances from resourceConfig or hyperParameterTuningResourceConfig.
            const tuningResources = r.type === TUNING_JOB ? d.isSet("hyperParameterTuningResourceConfig") : false;
            if (tuningResources === undefined) {
                continue;
            }
            const resources = tuningResources ? "hyperParameterTuningResourceConfig" : "resourceConfig";
            // Local NVMe storage is encrypted by the instance's hardware; SageMaker rejects a key for it.
            const own = usesLocalStorage(d, [`${resources}.instanceType`], r.config);
            const groups =
                own === true ? true : d.some(`${resources}.${tuningResources ? "instanceConfigs" : "instanceGroups"}`, (g) => usesLocalStorage(g, ["instanceType"], r.config));
            if (own === true || groups === true) {
                onLocalStorage++;
                continue;
            }
            if (own === undefined || groups === undefined) {
                continue;
            }
            kmsKeyCheck(d, r.config, `${resources}.volumeKmsKeyId`, "training data and checkpoints on the instances' volumes are encrypted with an AWS-managed key only");
        }
        // Not applicable only when every definition is known to run on local storage.
        const complete = r.type !== TUNING_JOB || (r.raw("trainingJobDefinition") !== UNKNOWN && r.list("trainingJobDefinitions", { whole: true }) !== undefined);
        if (definitions.length > 0 && onLocalStorage === definitions.length && complete) {
            r.notApplicable("the job runs on instance types with local NVMe storage, which their hardware encrypts and for which SageMaker rejects a volume key");
        }
    },
});

export const trainingApprovedImage = resourcePolicy<ImageKnobs>({
    name: "aws-sagemaker-training-approved-image",
    description: "SageMaker training and tuning jobs must use training images from approved registries.",
    severity: "high",
    guidelines: ["DES-3a", "DEV-1"],
    controls: ["REG-A09"],
    theme: "supply-chain",
    resourceTypes: TYPES,
    config: imageKnobs,
    remediationSteps:
        "Set `algorithmSpecification.trainingImage` (on a tuning job: in each training job definition) to an image in your private ECR registry, from an account in approvedAccountIds, or approve the registry with approvedImagePrefixes.",
    url: `${DOCS}docker-containers.html`,
    validate(r) {
        for (const d of trainingDefinitions(r)) {
            imageSourceCheck(d, r.config, "algorithmSpecification.trainingImage");
        }
    },
});

export const trainingNoSecretsInEnvironment = resourcePolicy<SecretKnobs>({
    name: "aws-sagemaker-training-no-secrets-in-environment",
    description: "SageMaker training and tuning job environments must not hold plain-text secrets.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ACC-A21"],
    theme: "access",
    resourceTypes: TYPES,
    config: secretKnobs,
    remediationSteps:
        "Remove the secret from `environment` (on a tuning job: from each training job definition); store it in AWS Secrets Manager and let the training code read it with the job's role.",
    url: `${API}API_CreateTrainingJob.html#sagemaker-CreateTrainingJob-request-Environment`,
    validate(r) {
        for (const d of trainingDefinitions(r)) {
            environmentSecretsCheck(d, r.config, "environment", "Store it in AWS Secrets Manager and let the training code read it.");
        }
    },
});

export const trainingPolicies = [
    trainingNetworkIsolation,
    trainingInVpc,
    trainingInterContainerEncryption,
    trainingOutputKms,
    trainingVolumeKms,
    trainingApprovedImage,
    trainingNoSecretsInEnvironment,
];
