// The same AWS ML platform as ../aws-ml-platform, written the way it often is under time pressure:
// it deploys and works, but every layer has one of the typical mistakes the Guidelines for Secure
// AI System Development warn about. `npm run check -- examples/aws-ml-platform-insecure` lists them.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const env = new pulumi.Config().get("env") ?? "dev";
const account = aws.getCallerIdentityOutput().accountId;
const region = aws.getRegionOutput().region;
const tags = { "ai-workload": "true", owner: "ml-platform-team" };

// Mistake: AWS-managed keys are "good enough", and the one CMK is never rotated.
const dataKey = new aws.kms.Key("ai-data", { description: "ML data", tags });

// Mistake: the default VPC's public subnet, found by hand and pasted in.
const subnetId = "subnet-0a1b2c3d4e5f67890";

// Buckets: SSE-S3 only, a public access block that was loosened "for the demo", no versioning,
// no access logs, and the model bucket is force-destroyable.
const trainingData = new aws.s3.Bucket("training-data", { tags });
new aws.s3.BucketServerSideEncryptionConfiguration("training-data", {
    bucket: trainingData.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
});
new aws.s3.BucketPublicAccessBlock("training-data", {
    bucket: trainingData.id,
    blockPublicAcls: true,
    blockPublicPolicy: false,
    ignorePublicAcls: true,
    restrictPublicBuckets: false,
});
const modelArtifacts = new aws.s3.Bucket("model-artifacts", { forceDestroy: true, tags });
new aws.s3.BucketPolicy("model-artifacts", {
    bucket: modelArtifacts.id,
    // Mistake: "so the partner can download the model".
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::model-artifacts-demo/*" }],
    }),
});
const inferenceCapture = new aws.s3.Bucket("inference-capture", { tags });

// Logs: unencrypted, kept for a week.
const bedrockLogs = new aws.cloudwatch.LogGroup("bedrock-invocations", { name: `/aws/bedrock/invocations-${env}`, retentionInDays: 7, tags });

// IAM: one role for everything, trusted by anyone in any account, with full access.
const sharedRole = new aws.iam.Role("ml-shared", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Principal: { Service: ["sagemaker.amazonaws.com", "bedrock.amazonaws.com"] }, Action: "sts:AssumeRole" },
            { Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" },
        ],
    }),
    tags,
});
new aws.iam.RolePolicyAttachment("ml-shared-sagemaker", { role: sharedRole.name, policyArn: "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess" });
new aws.iam.RolePolicyAttachment("ml-shared-bedrock", { role: sharedRole.name, policyArn: "arn:aws:iam::aws:policy/AmazonBedrockFullAccess" });
new aws.iam.RolePolicy("ml-shared", {
    role: sharedRole.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["s3:*", "kms:*"], Resource: "*" },
            { Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
        ],
    }),
});

// Registry: mutable tags, no scanning, default encryption, and a policy anyone can pull with.
const modelRepo = new aws.ecr.Repository("model-serving", { forceDelete: true, tags });
new aws.ecr.RepositoryPolicy("model-serving", {
    repository: modelRepo.name,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "Anyone", Effect: "Allow", Principal: "*", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] }],
    }),
});

// SageMaker: a Studio domain on the public internet, a notebook with internet and root access,
// training without isolation or encryption, a model straight from S3, an endpoint without capture.
new aws.sagemaker.Domain("ml-studio", {
    domainName: `ml-studio-${env}`,
    authMode: "IAM",
    vpcId: "vpc-0a1b2c3d4e5f67890",
    subnetIds: [subnetId],
    defaultUserSettings: { executionRole: sharedRole.arn, sharingSettings: { notebookOutputOption: "Allowed", s3OutputPath: "s3://ml-studio-shared/" } },
    retentionPolicy: { homeEfsFileSystem: "Delete" },
    tags,
});

new aws.sagemaker.NotebookInstance("research", {
    instanceType: "ml.t3.medium",
    roleArn: sharedRole.arn,
    tags,
});

new aws.sagemaker.TrainingJob("fraud-detector", {
    trainingJobName: `fraud-detector-${env}-v14`,
    roleArn: sharedRole.arn,
    algorithmSpecification: { trainingImage: "docker.io/someuser/xgboost-trainer:latest", trainingInputMode: "File" },
    inputDataConfigs: [{ channelName: "train", dataSource: { s3DataSource: { s3DataType: "S3Prefix", s3Uri: pulumi.interpolate`s3://${trainingData.bucket}/fraud/` } } }],
    outputDataConfig: { s3OutputPath: pulumi.interpolate`s3://${modelArtifacts.bucket}/fraud-detector/` },
    resourceConfig: { instanceType: "ml.m5.xlarge", instanceCount: 2, volumeSizeInGb: 50 },
    stoppingCondition: { maxRuntimeInSeconds: 86400 },
    environment: { WANDB_API_KEY: "wandb_v1_0123456789abcdef0123456789abcdef" },
    tags,
});

const model = new aws.sagemaker.Model("fraud-detector", {
    executionRoleArn: sharedRole.arn,
    primaryContainer: {
        image: pulumi.interpolate`${modelRepo.repositoryUrl}:latest`,
        modelDataUrl: pulumi.interpolate`s3://${modelArtifacts.bucket}/fraud-detector/model.tar.gz`,
        environment: { AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
    },
    tags,
});

const endpointConfig = new aws.sagemaker.EndpointConfiguration("fraud-detector", {
    productionVariants: [{ variantName: "primary", modelName: model.name, instanceType: "ml.m5.large", initialInstanceCount: 1, enableSsmAccess: true }],
    tags,
});
const endpoint = new aws.sagemaker.Endpoint("fraud-detector", { endpointConfigName: endpointConfig.name, tags });

// Bedrock: an agent with no guardrail, a weak guardrail nobody attached, and no invocation logging.
new aws.bedrock.Guardrail("support-agent", {
    name: `support-agent-${env}`,
    blockedInputMessaging: "Sorry.",
    blockedOutputsMessaging: "Sorry.",
    contentPolicyConfig: { filtersConfigs: [{ type: "HATE", inputStrength: "LOW", outputStrength: "LOW" }] },
    tags,
});
new aws.bedrock.AgentAgent("support-agent", {
    agentName: `support-agent-${env}`,
    agentResourceRoleArn: sharedRole.arn,
    foundationModel: "anthropic.claude-3-5-sonnet-20240620-v1:0",
    instruction: "You answer customer questions about their card transactions.",
    tags,
});

// Audit: a single-region trail without validation or encryption.
const trailBucket = new aws.s3.Bucket("audit-trail", { forceDestroy: true, tags });
new aws.cloudtrail.Trail("ml-platform", { s3BucketName: trailBucket.id, tags });

export const endpointName = endpoint.name;
export const repositoryUrl = modelRepo.repositoryUrl;
export const logGroup = bedrockLogs.name;
export const accountRegion = pulumi.interpolate`${account}/${region}`;
export const keyArn = dataKey.arn;
export const captureBucket = inferenceCapture.bucket;
