// An AWS ML platform built the way the Guidelines for Secure AI System Development ask:
// a private, scanned model registry; customer-managed keys everywhere; private networking for
// notebooks, training and inference; captured and monitored inference traffic; a Bedrock agent
// behind a guardrail with invocation logging; an organisation-grade audit trail.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const env = config.get("env") ?? "dev";
const account = aws.getCallerIdentityOutput().accountId;
const region = aws.getRegionOutput().region;

// Tags on every AI asset: ownership, classification, and the ai-workload marker the policy pack
// uses to scope generic data stores (buckets, keys, log groups) to the AI workload.
const tags = {
    "ai-workload": "true",
    owner: "ml-platform-team",
    "data-classification": "confidential",
    environment: env,
};

// ---------------------------------------------------------------------------------------------
// Keys: one CMK for AI data and one for logs, rotated, with policies limited to this account.

function keyPolicy(services: string[] = []): pulumi.Output<string> {
    return pulumi.all([account, region]).apply(([acct, reg]) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "AccountAdministration",
                    Effect: "Allow",
                    Principal: { AWS: `arn:aws:iam::${acct}:root` },
                    Action: "kms:*",
                    Resource: "*",
                },
                ...services.map((service) => ({
                    Sid: `Use-${service.split(".")[0]}`,
                    Effect: "Allow",
                    Principal: { Service: service.replace("{region}", reg) },
                    Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                    Resource: "*",
                    Condition: { StringEquals: { "aws:SourceAccount": acct } },
                })),
            ],
        }),
    );
}

const dataKey = new aws.kms.Key("ai-data", {
    description: "Training data, model artefacts, inference capture",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: keyPolicy(),
    tags,
});
new aws.kms.Alias("ai-data", { name: `alias/ai-data-${env}`, targetKeyId: dataKey.keyId });

const logsKey = new aws.kms.Key("ai-logs", {
    description: "CloudWatch logs, CloudTrail and Bedrock invocation logs",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: keyPolicy(["logs.{region}.amazonaws.com", "cloudtrail.amazonaws.com"]),
    tags,
});

// ---------------------------------------------------------------------------------------------
// Network: private subnets only, and interface endpoints so nothing needs the internet.

const vpc = new aws.ec2.Vpc("ml", { cidrBlock: "10.20.0.0/16", enableDnsHostnames: true, enableDnsSupport: true, tags });
const subnets = ["a", "b"].map(
    (az, i) =>
        new aws.ec2.Subnet(`ml-private-${az}`, {
            vpcId: vpc.id,
            cidrBlock: `10.20.${i * 16}.0/20`,
            availabilityZone: pulumi.interpolate`${region}${az}`,
            mapPublicIpOnLaunch: false,
            tags,
        }),
);
const subnetIds = subnets.map((s) => s.id);
const mlSecurityGroup = new aws.ec2.SecurityGroup("ml-workloads", {
    vpcId: vpc.id,
    description: "SageMaker notebooks, training and endpoints",
    ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.20.0.0/16"], description: "HTTPS inside the VPC" }],
    egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.20.0.0/16"], description: "HTTPS to VPC endpoints" }],
    tags,
});
for (const service of ["sagemaker.api", "sagemaker.runtime", "bedrock", "bedrock-runtime", "bedrock-agent", "bedrock-agent-runtime", "ecr.api", "ecr.dkr", "logs", "kms"]) {
    new aws.ec2.VpcEndpoint(`vpce-${service.replace(/\./g, "-")}`, {
        vpcId: vpc.id,
        serviceName: pulumi.interpolate`com.amazonaws.${region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds,
        securityGroupIds: [mlSecurityGroup.id],
        tags,
    });
}
new aws.ec2.VpcEndpoint("vpce-s3", { vpcId: vpc.id, serviceName: pulumi.interpolate`com.amazonaws.${region}.s3`, vpcEndpointType: "Gateway", tags });

// ---------------------------------------------------------------------------------------------
// Buckets: every AI bucket is KMS-encrypted, private, TLS-only, versioned and access-logged.

// Account-wide: no bucket in this account can be made public by mistake.
new aws.s3.AccountPublicAccessBlock("account", {
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});

// Tags for buckets that hold audit and access logs rather than AI data.
const auditTags = { owner: "security-team", "data-classification": "internal", environment: env };

interface BucketOptions {
    /** Holds AI data (tagged ai-workload, encrypted with the data key); false for audit buckets. */
    ai?: boolean;
    objectLock?: boolean;
    /** Server access logging to the access-log bucket. */
    logs?: boolean;
    /** SSE-KMS key; S3 server access logs can only be delivered to SSE-S3 buckets. */
    sse?: "kms-data" | "kms-logs" | "s3";
    /** Extra statements for the bucket policy (service deliveries). */
    allow?: (arn: string, acct: string) => object[];
    /** Another region's provider, data key and access-log bucket (for the artefact replica). */
    region?: { provider: aws.Provider; key: aws.kms.Key; accessLogs?: aws.s3.Bucket };
}
const buckets: aws.s3.Bucket[] = [];

function secureBucket(name: string, options: BucketOptions = {}): aws.s3.Bucket {
    const ai = options.ai ?? true;
    const opts = options.region ? { provider: options.region.provider } : {};
    const bucket = new aws.s3.Bucket(name, { objectLockEnabled: options.objectLock, tags: ai ? tags : auditTags }, opts);
    const sse = options.sse ?? "kms-data";
    const dataKeyArn = options.region ? options.region.key.arn : dataKey.arn;
    new aws.s3.BucketServerSideEncryptionConfiguration(
        name,
        {
            bucket: bucket.id,
            rules: [
                sse === "s3"
                    ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
                    : {
                          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: sse === "kms-data" ? dataKeyArn : logsKey.arn },
                          bucketKeyEnabled: true,
                      },
            ],
        },
        opts,
    );
    new aws.s3.BucketPublicAccessBlock(
        name,
        {
            bucket: bucket.id,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        },
        opts,
    );
    new aws.s3.BucketOwnershipControls(name, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
    new aws.s3.BucketVersioning(name, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
    if (options.logs !== false) {
        new aws.s3.BucketLogging(name, { bucket: bucket.id, targetBucket: (options.region?.accessLogs ?? accessLogs).id, targetPrefix: `${name}/` }, opts);
    }
    new aws.s3.BucketPolicy(
        name,
        {
            bucket: bucket.id,
            policy: pulumi.all([bucket.arn, account]).apply(([arn, acct]) =>
                JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "DenyInsecureTransport",
                            Effect: "Deny",
                            Principal: "*",
                            Action: "s3:*",
                            Resource: [arn, `${arn}/*`],
                            Condition: { Bool: { "aws:SecureTransport": "false" } },
                        },
                        ...(options.allow?.(arn, acct) ?? []),
                    ],
                }),
            ),
        },
        opts,
    );
    if (options.objectLock) {
        new aws.s3.BucketObjectLockConfiguration(
            name,
            {
                bucket: bucket.id,
                rule: { defaultRetention: { mode: "GOVERNANCE", days: 365 } },
            },
            opts,
        );
    }
    if (ai) {
        buckets.push(bucket);
    }
    return bucket;
}

/** A service may write into the bucket, only for this account. */
const serviceWrite =
    (service: string, prefix = "") =>
    (arn: string, acct: string) => [
        {
            Sid: `Allow-${service.split(".")[0]}`,
            Effect: "Allow",
            Principal: { Service: service },
            Action: "s3:PutObject",
            Resource: `${arn}/${prefix}*`,
            Condition: { StringEquals: { "aws:SourceAccount": acct } },
        },
    ];

// The access-log bucket: private, versioned, TLS-only; SSE-S3 because S3 server access logs
// cannot be delivered to SSE-KMS buckets.
const accessLogs: aws.s3.Bucket = secureBucket("access-logs", { ai: false, logs: false, sse: "s3", allow: serviceWrite("logging.s3.amazonaws.com") });
const trainingData = secureBucket("training-data");
const modelArtifacts = secureBucket("model-artifacts", { objectLock: true });
const inferenceCapture = secureBucket("inference-capture");

// Model artefacts are replicated to a second region, so a regional outage or an accidental
// deletion does not lose the models in production.
const replicaProvider = new aws.Provider("replica", { region: "eu-central-1" });
const replicaKey = new aws.kms.Key(
    "ai-data-replica",
    {
        description: "Replicated model artefacts",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: keyPolicy(),
        tags,
    },
    { provider: replicaProvider },
);
const replicaAccessLogs = secureBucket("access-logs-replica", {
    ai: false,
    logs: false,
    sse: "s3",
    allow: serviceWrite("logging.s3.amazonaws.com"),
    region: { provider: replicaProvider, key: replicaKey },
});
const artefactReplica = secureBucket("model-artifacts-replica", {
    objectLock: true,
    region: { provider: replicaProvider, key: replicaKey, accessLogs: replicaAccessLogs },
});
const replicationRole = new aws.iam.Role("s3-replication", {
    assumeRolePolicy: account.apply((acct) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": acct } } }],
        }),
    ),
    tags,
});
new aws.iam.RolePolicy("s3-replication", {
    role: replicationRole.id,
    policy: pulumi.all([modelArtifacts.arn, artefactReplica.arn, dataKey.arn, replicaKey.arn]).apply(([src, dst, srcKey, dstKey]) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: src },
                { Effect: "Allow", Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource: `${src}/*` },
                { Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: `${dst}/*` },
                { Effect: "Allow", Action: "kms:Decrypt", Resource: srcKey },
                { Effect: "Allow", Action: "kms:Encrypt", Resource: dstKey },
            ],
        }),
    ),
});
new aws.s3.BucketReplicationConfig("model-artifacts", {
    bucket: modelArtifacts.id,
    role: replicationRole.arn,
    rules: [
        {
            id: "replicate-all",
            status: "Enabled",
            filter: {},
            deleteMarkerReplication: { status: "Enabled" },
            sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
            destination: { bucket: artefactReplica.arn, encryptionConfiguration: { replicaKmsKeyId: replicaKey.arn } },
        },
    ],
});
const invocationLogs = secureBucket("bedrock-invocation-logs", { allow: serviceWrite("bedrock.amazonaws.com", "bedrock/") });
const trailBucket = secureBucket("audit-trail", {
    ai: false,
    sse: "kms-logs",
    allow: (arn, acct) => [
        {
            Sid: "CloudTrailAclCheck",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:GetBucketAcl",
            Resource: arn,
            Condition: { StringEquals: { "aws:SourceAccount": acct } },
        },
        ...serviceWrite("cloudtrail.amazonaws.com", `AWSLogs/${acct}/`)(arn, acct),
    ],
});

// ---------------------------------------------------------------------------------------------
// Logs: encrypted, retained for a year, protected from deletion.

function logGroup(name: string, logicalName: string): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(logicalName, {
        name,
        kmsKeyId: logsKey.arn,
        retentionInDays: 365,
        deletionProtectionEnabled: true,
        tags,
    });
}
const trailLogs = logGroup(`/aws/cloudtrail/ml-platform-${env}`, "cloudtrail");
const bedrockLogs = logGroup(`/aws/bedrock/invocations-${env}`, "bedrock-invocations");
logGroup(`/aws/sagemaker/Endpoints/fraud-detector-${env}`, "sagemaker-endpoint");
logGroup(`/aws/sagemaker/TrainingJobs`, "sagemaker-training");

// ---------------------------------------------------------------------------------------------
// IAM: one role per service, trusted only by that service from this account, with scoped access.

function serviceRole(name: string, service: string, statements: pulumi.Input<object[]>): aws.iam.Role {
    const role = new aws.iam.Role(name, {
        assumeRolePolicy: account.apply((acct) =>
            JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: service },
                        Action: "sts:AssumeRole",
                        Condition: { StringEquals: { "aws:SourceAccount": acct } },
                    },
                ],
            }),
        ),
        tags,
    });
    new aws.iam.RolePolicy(name, {
        role: role.id,
        policy: pulumi.output(statements).apply((s) => JSON.stringify({ Version: "2012-10-17", Statement: s })),
    });
    return role;
}

const bucketAccess = (actions: string[], ...bs: aws.s3.Bucket[]) =>
    pulumi.all(bs.map((b) => b.arn)).apply((arns) => ({ Effect: "Allow", Action: actions, Resource: arns.flatMap((a) => [a, `${a}/*`]) }));

const sagemakerRole = serviceRole(
    "sagemaker-execution",
    "sagemaker.amazonaws.com",
    pulumi.all([
        bucketAccess(["s3:GetObject", "s3:ListBucket"], trainingData),
        bucketAccess(["s3:GetObject", "s3:PutObject", "s3:ListBucket"], modelArtifacts, inferenceCapture),
        dataKey.arn.apply((arn) => ({ Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:CreateGrant"], Resource: arn })),
        pulumi.all([account, region]).apply(([acct, reg]) => ({
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `arn:aws:logs:${reg}:${acct}:log-group:/aws/sagemaker/*`,
        })),
    ]),
);
const bedrockAgentRole = serviceRole(
    "bedrock-agent",
    "bedrock.amazonaws.com",
    pulumi.all([account, region]).apply(([acct, reg]) => [
        {
            Effect: "Allow",
            Action: ["bedrock:InvokeModel"],
            Resource: `arn:aws:bedrock:${reg}::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0`,
        },
        { Effect: "Allow", Action: ["bedrock:ApplyGuardrail"], Resource: `arn:aws:bedrock:${reg}:${acct}:guardrail/*` },
    ]),
);
const bedrockLoggingRole = serviceRole(
    "bedrock-invocation-logging",
    "bedrock.amazonaws.com",
    pulumi.all([bedrockLogs.arn]).apply(([arn]) => [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${arn}:*` }]),
);
const trailRole = serviceRole(
    "cloudtrail-to-cloudwatch",
    "cloudtrail.amazonaws.com",
    trailLogs.arn.apply((arn) => [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${arn}:*` }]),
);

// ---------------------------------------------------------------------------------------------
// Model registry: a private ECR repository, scanned, immutable, CMK-encrypted, account-only.

const registryScanning = new aws.ecr.RegistryScanningConfiguration("ml-images", {
    scanType: "ENHANCED",
    rules: [{ scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }],
});
const modelRepo = new aws.ecr.Repository(
    "model-serving",
    {
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: dataKey.arn }],
        tags,
    },
    { dependsOn: [registryScanning] },
);
new aws.ecr.LifecyclePolicy("model-serving", {
    repository: modelRepo.name,
    policy: JSON.stringify({
        rules: [
            {
                rulePriority: 1,
                description: "Expire untagged images after 14 days",
                selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 14 },
                action: { type: "expire" },
            },
        ],
    }),
});
new aws.ecr.RepositoryPolicy("model-serving", {
    repository: modelRepo.name,
    policy: pulumi.all([account, sagemakerRole.arn]).apply(([acct, roleArn]) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "SageMakerPull",
                    Effect: "Allow",
                    Principal: { AWS: roleArn },
                    Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                    Condition: { StringEquals: { "aws:PrincipalAccount": acct } },
                },
            ],
        }),
    ),
});
new aws.signer.SigningProfile("model-images", { platformId: "Notation-OCI-SHA384-ECDSA", tags });
const servingImage = pulumi.interpolate`${modelRepo.repositoryUrl}:1.4.2`;

// ---------------------------------------------------------------------------------------------
// SageMaker: a VPC-only Studio domain, an isolated notebook, training, registry model, endpoint.

new aws.sagemaker.Domain("ml-studio", {
    domainName: `ml-studio-${env}`,
    authMode: "SSO",
    appNetworkAccessType: "VpcOnly",
    vpcId: vpc.id,
    subnetIds,
    kmsKeyId: dataKey.arn,
    domainSettings: { executionRoleIdentityConfig: "USER_PROFILE_NAME", securityGroupIds: [mlSecurityGroup.id] },
    defaultUserSettings: {
        executionRole: sagemakerRole.arn,
        securityGroups: [mlSecurityGroup.id],
        sharingSettings: { notebookOutputOption: "Disabled" },
    },
    retentionPolicy: { homeEfsFileSystem: "Retain" },
    tags,
});

new aws.sagemaker.NotebookInstance("research", {
    instanceType: "ml.t3.medium",
    roleArn: sagemakerRole.arn,
    subnetId: subnets[0].id,
    securityGroups: [mlSecurityGroup.id],
    directInternetAccess: "Disabled",
    rootAccess: "Disabled",
    kmsKeyId: dataKey.arn,
    platformIdentifier: "notebook-al2023-v1",
    instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" },
    tags,
});

new aws.sagemaker.TrainingJob("fraud-detector", {
    trainingJobName: `fraud-detector-${env}-v14`,
    roleArn: sagemakerRole.arn,
    algorithmSpecification: { trainingImage: pulumi.interpolate`${modelRepo.repositoryUrl}:train-1.4.2`, trainingInputMode: "File" },
    inputDataConfigs: [
        {
            channelName: "train",
            dataSource: { s3DataSource: { s3DataType: "S3Prefix", s3Uri: pulumi.interpolate`s3://${trainingData.bucket}/fraud/v14/` } },
        },
    ],
    outputDataConfig: { s3OutputPath: pulumi.interpolate`s3://${modelArtifacts.bucket}/fraud-detector/`, kmsKeyId: dataKey.arn },
    resourceConfig: { instanceType: "ml.m5.xlarge", instanceCount: 2, volumeSizeInGb: 50, volumeKmsKeyId: dataKey.arn },
    stoppingCondition: { maxRuntimeInSeconds: 86400 },
    enableNetworkIsolation: true,
    enableInterContainerTrafficEncryption: true,
    vpcConfig: { subnets: subnetIds, securityGroupIds: [mlSecurityGroup.id] },
    tags,
});

// Models are deployed from the registry (an approved model package version), not from raw S3.
const modelGroup = new aws.sagemaker.ModelPackageGroup("fraud-detector", {
    modelPackageGroupName: `fraud-detector-${env}`,
    modelPackageGroupDescription: "Approved fraud-detection models",
    tags,
});
new aws.sagemaker.ModelPackageGroupPolicy("fraud-detector", {
    modelPackageGroupName: modelGroup.modelPackageGroupName,
    resourcePolicy: pulumi.all([account, region, modelGroup.modelPackageGroupName]).apply(([acct, reg, group]) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "AccountOnly",
                    Effect: "Allow",
                    Principal: { AWS: `arn:aws:iam::${acct}:root` },
                    Action: ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"],
                    Resource: `arn:aws:sagemaker:${reg}:${acct}:model-package/${group}/*`,
                },
            ],
        }),
    ),
});
const model = new aws.sagemaker.Model("fraud-detector", {
    executionRoleArn: sagemakerRole.arn,
    primaryContainer: {
        modelPackageName: pulumi.interpolate`arn:aws:sagemaker:${region}:${account}:model-package/${modelGroup.modelPackageGroupName}/14`,
        // Pull the serving image through the VPC only.
        imageConfig: { repositoryAccessMode: "Vpc" },
    },
    enableNetworkIsolation: true,
    vpcConfig: { subnets: subnetIds, securityGroupIds: [mlSecurityGroup.id] },
    tags: { ...tags, "model-card": "fraud-detector-v14" },
});

const endpointConfig = new aws.sagemaker.EndpointConfiguration("fraud-detector", {
    kmsKeyArn: dataKey.arn,
    productionVariants: [
        {
            variantName: "primary",
            modelName: model.name,
            instanceType: "ml.m5.large",
            initialInstanceCount: 2,
            initialVariantWeight: 1,
        },
    ],
    dataCaptureConfig: {
        enableCapture: true,
        initialSamplingPercentage: 100,
        destinationS3Uri: pulumi.interpolate`s3://${inferenceCapture.bucket}/fraud-detector/`,
        kmsKeyId: dataKey.arn,
        captureOptions: [{ captureMode: "Input" }, { captureMode: "Output" }],
    },
    tags,
});
const endpoint = new aws.sagemaker.Endpoint("fraud-detector", {
    name: `fraud-detector-${env}`,
    endpointConfigName: endpointConfig.name,
    tags,
});

// Drift monitoring on the captured traffic, isolated and encrypted like training.
const dataQuality = new aws.sagemaker.DataQualityJobDefinition("fraud-detector", {
    roleArn: sagemakerRole.arn,
    dataQualityAppSpecification: { imageUri: pulumi.interpolate`${modelRepo.repositoryUrl}:monitor-1.0.0` },
    dataQualityJobInput: { endpointInput: { endpointName: endpoint.name, localPath: "/opt/ml/processing/input" } },
    dataQualityJobOutputConfig: {
        kmsKeyId: dataKey.arn,
        monitoringOutputs: { s3Output: { s3Uri: pulumi.interpolate`s3://${inferenceCapture.bucket}/monitoring/`, localPath: "/opt/ml/processing/output" } },
    },
    jobResources: { clusterConfig: { instanceCount: 1, instanceType: "ml.m5.large", volumeSizeInGb: 20, volumeKmsKeyId: dataKey.arn } },
    networkConfig: {
        enableNetworkIsolation: true,
        enableInterContainerTrafficEncryption: true,
        vpcConfig: { subnets: subnetIds, securityGroupIds: [mlSecurityGroup.id] },
    },
    tags,
});
new aws.sagemaker.MonitoringSchedule("fraud-detector", {
    monitoringScheduleConfig: {
        monitoringType: "DataQuality",
        monitoringJobDefinitionName: dataQuality.name,
        scheduleConfig: { scheduleExpression: "cron(0 * ? * * *)" },
    },
    tags,
});

// ---------------------------------------------------------------------------------------------
// Bedrock: an agent behind a guardrail (prompt attacks, PII, grounding), with invocation logging.

const guardrail = new aws.bedrock.Guardrail("support-agent", {
    name: `support-agent-${env}`,
    blockedInputMessaging: "Sorry, I can't help with that request.",
    blockedOutputsMessaging: "Sorry, I can't share that.",
    kmsKeyArn: dataKey.arn,
    contentPolicyConfig: {
        filtersConfigs: [
            { type: "PROMPT_ATTACK", inputStrength: "HIGH", outputStrength: "NONE" },
            { type: "HATE", inputStrength: "HIGH", outputStrength: "HIGH" },
            { type: "INSULTS", inputStrength: "HIGH", outputStrength: "HIGH" },
            { type: "SEXUAL", inputStrength: "HIGH", outputStrength: "HIGH" },
            { type: "VIOLENCE", inputStrength: "HIGH", outputStrength: "HIGH" },
            { type: "MISCONDUCT", inputStrength: "HIGH", outputStrength: "HIGH" },
        ],
    },
    sensitiveInformationPolicyConfig: {
        piiEntitiesConfigs: [
            { type: "CREDIT_DEBIT_CARD_NUMBER", action: "BLOCK" },
            { type: "EMAIL", action: "ANONYMIZE" },
            { type: "AWS_SECRET_KEY", action: "BLOCK" },
        ],
    },
    contextualGroundingPolicyConfig: {
        filtersConfigs: [
            { type: "GROUNDING", threshold: 0.75 },
            { type: "RELEVANCE", threshold: 0.75 },
        ],
    },
    tags,
});
const guardrailVersion = new aws.bedrock.GuardrailVersion("support-agent", {
    guardrailArn: guardrail.guardrailArn,
    description: "Reviewed 2024-11",
});

new aws.bedrock.AgentAgent("support-agent", {
    agentName: `support-agent-${env}`,
    agentResourceRoleArn: bedrockAgentRole.arn,
    foundationModel: "anthropic.claude-3-5-sonnet-20240620-v1:0",
    instruction: "You answer customer questions about their card transactions using only the tools provided.",
    customerEncryptionKeyArn: dataKey.arn,
    idleSessionTtlInSeconds: 600,
    // Both from the version, so that a preview can tell the version is a numbered one.
    guardrailConfigurations: [{ guardrailIdentifier: guardrailVersion.guardrailArn, guardrailVersion: guardrailVersion.version }],
    tags,
});

new aws.bedrockmodel.InvocationLoggingConfiguration("bedrock", {
    loggingConfig: {
        textDataDeliveryEnabled: true,
        imageDataDeliveryEnabled: true,
        embeddingDataDeliveryEnabled: true,
        cloudwatchConfig: { logGroupName: bedrockLogs.name, roleArn: bedrockLoggingRole.arn },
        s3Config: { bucketName: invocationLogs.id, keyPrefix: "bedrock/" },
    },
});

// ---------------------------------------------------------------------------------------------
// Audit: a multi-region trail with log validation, KMS, CloudWatch delivery, and S3, Bedrock agent
// and guardrail data events.

new aws.cloudtrail.Trail("ml-platform", {
    s3BucketName: trailBucket.id,
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    enableLogFileValidation: true,
    enableLogging: true,
    kmsKeyId: logsKey.arn,
    cloudWatchLogsGroupArn: pulumi.interpolate`${trailLogs.arn}:*`,
    cloudWatchLogsRoleArn: trailRole.arn,
    // Advanced selectors only (CloudTrail takes basic or advanced ones, not both): management
    // events, reads and writes of the AI buckets' objects, and the run-time use of the agent
    // (through its aliases) and of the guardrail, which basic selectors cannot log.
    advancedEventSelectors: [
        { name: "management", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
        {
            name: "ai-bucket-objects",
            fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] },
                { field: "resources.type", equals: ["AWS::S3::Object"] },
                {
                    field: "resources.ARN",
                    startsWiths: [trainingData, modelArtifacts, artefactReplica, inferenceCapture, invocationLogs].map((b) => pulumi.interpolate`${b.arn}/`),
                },
            ],
        },
        ...["AWS::Bedrock::AgentAlias", "AWS::Bedrock::Guardrail"].map((type) => ({
            name: type,
            fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] },
                { field: "resources.type", equals: [type] },
            ],
        })),
    ],
    tags,
});

// ---------------------------------------------------------------------------------------------
// Resilience: AI data in a locked backup vault.

const vault = new aws.backup.Vault("ai-data", { kmsKeyArn: dataKey.arn, tags });
new aws.backup.VaultLockConfiguration("ai-data", { backupVaultName: vault.name, minRetentionDays: 35, maxRetentionDays: 365 });
const plan = new aws.backup.Plan("ai-data", {
    rules: [{ ruleName: "daily", targetVaultName: vault.name, schedule: "cron(0 3 * * ? *)", lifecycle: { deleteAfter: 90 } }],
    tags,
});
const backupRole = new aws.iam.Role("backup", {
    assumeRolePolicy: account.apply((acct) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": acct } } }],
        }),
    ),
    tags,
});
new aws.iam.RolePolicyAttachment("backup", { role: backupRole.name, policyArn: "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForS3Backup" });
new aws.backup.Selection("ai-data", {
    planId: plan.id,
    iamRoleArn: backupRole.arn,
    resources: buckets.map((b) => b.arn),
});

export const endpointName = endpoint.name;
export const modelRepositoryUrl = modelRepo.repositoryUrl;
export const servingImageUri = servingImage;
export const aiBuckets = buckets.map((b) => b.bucket);
