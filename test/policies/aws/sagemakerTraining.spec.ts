import { UNKNOWN_VALUES } from "../../support/harness";
import { policyCases, usePack } from "../../support/cases";

const TRAINING = "aws:sagemaker/trainingJob:TrainingJob";
const TUNING = "aws:sagemaker/hyperParameterTuningJob:HyperParameterTuningJob";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const IMAGE = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/train:1.4";

/** A distributed training job as a careful user's program declares it. */
const compliant = {
    trainingJobName: "fraud-train",
    roleArn: "arn:aws:iam::111122223333:role/training",
    algorithmSpecification: { trainingImage: IMAGE, trainingInputMode: "File" },
    enableNetworkIsolation: true,
    enableInterContainerTrafficEncryption: true,
    vpcConfig: { subnets: ["subnet-0abc"], securityGroupIds: ["sg-0abc"] },
    resourceConfig: { instanceType: "ml.p3.16xlarge", instanceCount: 2, volumeSizeInGb: 100, volumeKmsKeyId: KEY },
    outputDataConfig: { s3OutputPath: "s3://models/fraud/", kmsKeyId: KEY },
    environment: { EPOCHS: "3" },
    stoppingCondition: { maxRuntimeInSeconds: 86400 },
};

/** The same settings as a tuning job definition. */
const definition = {
    roleArn: compliant.roleArn,
    algorithmSpecification: compliant.algorithmSpecification,
    enableNetworkIsolation: true,
    enableInterContainerTrafficEncryption: true,
    vpcConfig: compliant.vpcConfig,
    resourceConfig: compliant.resourceConfig,
    outputDataConfig: compliant.outputDataConfig,
    staticHyperParameters: { epochs: "3" },
    stoppingCondition: { maxRuntimeInSeconds: 86400 },
};

const tuning = {
    name: "fraud-tune",
    config: { strategy: "Bayesian", resourceLimits: { maxNumberOfTrainingJobs: 10, maxParallelTrainingJobs: 2 } },
    trainingJobDefinition: definition,
};

function job(changes: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...compliant, ...changes };
    for (const key of Object.keys(out)) {
        if (out[key] === undefined) {
            delete out[key];
        }
    }
    return out;
}

function tuned(changes: Record<string, unknown>): Record<string, unknown> {
    const d: Record<string, unknown> = { ...definition, ...changes };
    for (const key of Object.keys(d)) {
        if (d[key] === undefined) {
            delete d[key];
        }
    }
    return { ...tuning, trainingJobDefinition: d };
}

describe("aws: SageMaker training and tuning jobs", function () {
    const pack = usePack({ "aws-sagemaker-training-approved-image": { approvedAccountIds: ["111122223333"] } });

    policyCases(pack, "aws-sagemaker-training-network-isolation", TRAINING, [
        { kind: "violating", title: "false", props: job({ enableNetworkIsolation: false }), expect: "violation", message: /enableNetworkIsolation is false/ },
        {
            kind: "violating",
            title: "tuning job definition without isolation",
            type: TUNING,
            props: tuned({ enableNetworkIsolation: false }),
            expect: "violation",
            message: /trainingJobDefinition.enableNetworkIsolation is false/,
        },
        {
            kind: "violating",
            title: "one of several tuning definitions",
            type: TUNING,
            props: { name: tuning.name, config: tuning.config, trainingJobDefinitions: [definition, { ...definition, enableNetworkIsolation: false }] },
            expect: "violation",
            message: /trainingJobDefinitions\[1\]\.enableNetworkIsolation/,
        },
        { kind: "compliant", title: "true", props: compliant, expect: "pass" },
        { kind: "compliant", title: "tuning job", type: TUNING, props: tuning, expect: "pass" },
        { kind: "absent", title: "not set: AWS defaults to false", props: job({ enableNetworkIsolation: undefined }), expect: "violation", message: /AWS default: false/ },
        { kind: "unknown", title: "unknown", props: job({ enableNetworkIsolation: UNKNOWN_VALUES.bool }), expect: "unknown" },
        { kind: "unknown", title: "tuning definition unknown", type: TUNING, props: { ...tuning, trainingJobDefinition: UNKNOWN_VALUES.object }, expect: "unknown" },
        { kind: "malformed", title: "a string", props: job({ enableNetworkIsolation: "yes" }), expect: "malformed", message: /cannot evaluate enableNetworkIsolation/ },
    ]);

    policyCases(pack, "aws-sagemaker-training-in-vpc", TRAINING, [
        {
            kind: "violating",
            title: "no security groups",
            props: job({ vpcConfig: { subnets: ["subnet-0abc"], securityGroupIds: [] } }),
            expect: "violation",
            message: /securityGroupIds is not set/,
        },
        { kind: "compliant", title: "subnets and security groups", props: compliant, expect: "pass" },
        { kind: "absent", title: "no vpcConfig", props: job({ vpcConfig: undefined }), expect: "violation", message: /vpcConfig.subnets is not set/ },
        {
            kind: "absent",
            title: "tuning definition without vpcConfig",
            type: TUNING,
            props: tuned({ vpcConfig: undefined }),
            expect: "violation",
            message: /trainingJobDefinition.vpcConfig.subnets/,
        },
        { kind: "unknown", title: "subnets unknown", props: job({ vpcConfig: { subnets: UNKNOWN_VALUES.array, securityGroupIds: ["sg-1"] } }), expect: "unknown" },
        {
            kind: "malformed",
            title: "subnets is a number",
            props: job({ vpcConfig: { subnets: 3, securityGroupIds: ["sg-1"] } }),
            expect: "malformed",
            message: /cannot evaluate vpcConfig.subnets/,
        },
    ]);

    policyCases(pack, "aws-sagemaker-training-inter-container-encryption", TRAINING, [
        {
            kind: "violating",
            title: "off on two instances",
            props: job({ enableInterContainerTrafficEncryption: false }),
            expect: "violation",
            message: /enableInterContainerTrafficEncryption is false/,
        },
        {
            kind: "violating",
            title: "off with instance groups",
            props: job({
                enableInterContainerTrafficEncryption: false,
                resourceConfig: { instanceGroups: [{ instanceGroupName: "a", instanceType: "ml.p3.16xlarge", instanceCount: 1 }] },
            }),
            expect: "violation",
        },
        { kind: "violating", title: "tuning definition off on two instances", type: TUNING, props: tuned({ enableInterContainerTrafficEncryption: false }), expect: "violation" },
        { kind: "compliant", title: "on", props: compliant, expect: "pass" },
        {
            kind: "compliant",
            title: "off on a single instance",
            props: job({ enableInterContainerTrafficEncryption: false, resourceConfig: { instanceType: "ml.m5.xlarge", instanceCount: 1 } }),
            expect: "pass",
        },
        {
            kind: "absent",
            title: "not set on two instances: AWS defaults to false",
            props: job({ enableInterContainerTrafficEncryption: undefined }),
            expect: "violation",
            message: /AWS default: false/,
        },
        {
            kind: "absent",
            title: "not set, instance count not set: one instance",
            props: job({ enableInterContainerTrafficEncryption: undefined, resourceConfig: { instanceType: "ml.m5.xlarge" } }),
            expect: "pass",
        },
        {
            kind: "unknown",
            title: "instance count unknown",
            props: job({ enableInterContainerTrafficEncryption: false, resourceConfig: { instanceType: "ml.m5.xlarge", instanceCount: UNKNOWN_VALUES.number } }),
            expect: "unknown",
            message: /resourceConfig.instanceCount/,
        },
        {
            kind: "malformed",
            title: "instance count is a word",
            props: job({ enableInterContainerTrafficEncryption: false, resourceConfig: { instanceCount: "two" } }),
            expect: "malformed",
            message: /cannot evaluate resourceConfig.instanceCount/,
        },
    ]);

    policyCases(pack, "aws-sagemaker-training-output-kms", TRAINING, [
        {
            kind: "violating",
            title: "AWS-managed alias",
            props: job({ outputDataConfig: { s3OutputPath: "s3://m/", kmsKeyId: "alias/aws/sagemaker" } }),
            expect: "violation",
            message: /AWS-managed key/,
        },
        { kind: "compliant", title: "customer-managed key", props: compliant, expect: "pass" },
        { kind: "compliant", title: "tuning job", type: TUNING, props: tuning, expect: "pass" },
        { kind: "absent", title: "no key", props: job({ outputDataConfig: { s3OutputPath: "s3://m/" } }), expect: "violation", message: /outputDataConfig.kmsKeyId is not set/ },
        {
            kind: "absent",
            title: "tuning definition without a key",
            type: TUNING,
            props: tuned({ outputDataConfig: { s3OutputPath: "s3://m/" } }),
            expect: "violation",
            message: /trainingJobDefinition.outputDataConfig.kmsKeyId is not set/,
        },
        {
            kind: "unknown",
            title: "key created in the same program",
            props: job({ outputDataConfig: { s3OutputPath: "s3://m/", kmsKeyId: UNKNOWN_VALUES.string } }),
            expect: "unknown",
        },
        { kind: "malformed", title: "outputDataConfig is a string", props: job({ outputDataConfig: "s3://m/" }), expect: "malformed", message: /outputDataConfig/ },
    ]);

    policyCases(pack, "aws-sagemaker-training-volume-kms", TRAINING, [
        {
            kind: "violating",
            title: "AWS-managed alias",
            props: job({ resourceConfig: { instanceCount: 1, volumeKmsKeyId: "arn:aws:kms:eu-west-1:111122223333:alias/aws/sagemaker" } }),
            expect: "violation",
            message: /AWS-managed key/,
        },
        { kind: "compliant", title: "customer-managed key", props: compliant, expect: "pass" },
        {
            kind: "compliant",
            title: "tuning resource config with a key",
            type: TUNING,
            props: tuned({ resourceConfig: undefined, hyperParameterTuningResourceConfig: { instanceType: "ml.m5.xlarge", instanceCount: 1, volumeKmsKeyId: KEY } }),
            expect: "pass",
        },
        {
            kind: "absent",
            title: "no key",
            props: job({ resourceConfig: { instanceType: "ml.m5.xlarge", instanceCount: 1 } }),
            expect: "violation",
            message: /resourceConfig.volumeKmsKeyId is not set/,
        },
        {
            kind: "compliant",
            title: "local NVMe storage takes no key",
            props: job({ resourceConfig: { instanceType: "ml.p4d.24xlarge", instanceCount: 2 } }),
            expect: "not-applicable",
        },
        {
            kind: "compliant",
            title: "an instance group with local NVMe storage",
            props: job({ resourceConfig: { instanceGroups: [{ instanceGroupName: "a", instanceType: "ml.g5.12xlarge", instanceCount: 2 }] } }),
            expect: "not-applicable",
        },
        {
            kind: "absent",
            title: "instance groups on EBS without a key",
            props: job({ resourceConfig: { instanceGroups: [{ instanceGroupName: "a", instanceType: "ml.p3.16xlarge", instanceCount: 2 }] } }),
            expect: "violation",
            message: /resourceConfig.volumeKmsKeyId is not set/,
        },
        { kind: "unknown", title: "key unknown", props: job({ resourceConfig: { instanceCount: 1, volumeKmsKeyId: UNKNOWN_VALUES.string } }), expect: "unknown" },
        {
            kind: "unknown",
            title: "tuning resource config unknown",
            type: TUNING,
            props: tuned({ resourceConfig: undefined, hyperParameterTuningResourceConfig: UNKNOWN_VALUES.object }),
            expect: "unknown",
        },
        { kind: "malformed", title: "key is a list", props: job({ resourceConfig: { instanceCount: 1, volumeKmsKeyId: [KEY] } }), expect: "malformed" },
        {
            kind: "malformed",
            title: "instance type is a number",
            props: job({ resourceConfig: { instanceType: 5, instanceCount: 1, volumeKmsKeyId: KEY } }),
            expect: "malformed",
            message: /cannot evaluate resourceConfig.instanceType/,
        },
    ]);

    policyCases(pack, "aws-sagemaker-training-approved-image", TRAINING, [
        {
            kind: "violating",
            title: "public registry",
            props: job({ algorithmSpecification: { trainingImage: "docker.io/x/train:latest", trainingInputMode: "File" } }),
            expect: "violation",
            message: /not an image in a private Amazon ECR registry/,
        },
        {
            kind: "violating",
            title: "tuning definition with another account's image",
            type: TUNING,
            props: tuned({ algorithmSpecification: { trainingImage: "999988887777.dkr.ecr.eu-west-1.amazonaws.com/t:1", trainingInputMode: "File" } }),
            expect: "violation",
            message: /approvedAccountIds/,
        },
        { kind: "compliant", title: "approved account", props: compliant, expect: "pass" },
        {
            kind: "absent",
            title: "algorithm resource instead of an image",
            props: job({ algorithmSpecification: { algorithmName: "arn:aws:sagemaker:eu-west-1:111122223333:algorithm/x", trainingInputMode: "File" } }),
            expect: "pass",
        },
        { kind: "unknown", title: "image from a repository resource", props: job({ algorithmSpecification: { trainingImage: UNKNOWN_VALUES.string } }), expect: "unknown" },
        {
            kind: "malformed",
            title: "image is a number",
            props: job({ algorithmSpecification: { trainingImage: 7 } }),
            expect: "malformed",
            message: /cannot evaluate algorithmSpecification.trainingImage/,
        },
    ]);

    policyCases(pack, "aws-sagemaker-training-no-secrets-in-environment", TRAINING, [
        {
            kind: "violating",
            title: "Weights & Biases key by name",
            props: job({ environment: { WANDB_API_KEY: "0123456789abcdef0123456789abcdef01234567" } }),
            expect: "violation",
            message: /environment.WANDB_API_KEY/,
        },
        {
            kind: "violating",
            title: "tuning definition with a private key",
            type: TUNING,
            props: tuned({ environment: { SSH_KEY: "-----BEGIN OPENSSH PRIVATE KEY-----\nabc" } }),
            expect: "violation",
            message: /trainingJobDefinition.environment.SSH_KEY looks like a private key/,
        },
        { kind: "compliant", title: "plain settings", props: compliant, expect: "pass" },
        { kind: "absent", title: "no environment", props: job({ environment: undefined }), expect: "pass" },
        { kind: "unknown", title: "environment unknown", props: job({ environment: UNKNOWN_VALUES.object }), expect: "unknown" },
        { kind: "malformed", title: "environment is a string", props: job({ environment: "EPOCHS=3" }), expect: "malformed" },
    ]);
});
