/**
 * Helpers for stack-policy tests: building realistic stacks (resources with URNs, dependencies and
 * property dependencies as the engine records them), turning a stack into its preview form, and
 * reading AnalyzeStack results per policy and URN. `syntheticStack(n)` builds large mixed stacks
 * for the benchmark.
 */
import * as assert from "assert";
import type { AnalyzeResult, Diagnostic, PolicyPackProcess, StackResource } from "../../../policypack/engine/analyzer";
import { PREVIEW_UNKNOWNS, UNKNOWN_VALUES } from "../../support/harness";

export const PROJECT = "secure-ai-policies-check";

export function urnOf(type: string, name: string, stack = "dev"): string {
    return `urn:pulumi:${stack}::${PROJECT}::${type}::${name}`;
}

/** Links of a resource: property -> the resources that property was computed from. */
export type Links = Record<string, StackResource | StackResource[]>;

/**
 * A stack resource as the engine sends it to AnalyzeStack: `links` become propertyDependencies,
 * and every linked resource (plus `dependsOn`) a dependency.
 */
export function res(
    type: string,
    name: string,
    properties: Record<string, unknown>,
    links: Links = {},
    extra: { dependsOn?: StackResource[]; parent?: StackResource; protect?: boolean; stack?: string } = {},
): StackResource {
    const propertyDependencies: Record<string, string[]> = {};
    const dependencies: string[] = [];
    for (const [prop, to] of Object.entries(links)) {
        const list = Array.isArray(to) ? to : [to];
        propertyDependencies[prop] = list.map((r) => r.urn as string);
        for (const r of list) {
            if (!dependencies.includes(r.urn as string)) {
                dependencies.push(r.urn as string);
            }
        }
    }
    for (const r of extra.dependsOn ?? []) {
        if (!dependencies.includes(r.urn as string)) {
            dependencies.push(r.urn as string);
        }
    }
    return {
        type,
        name,
        urn: urnOf(type, name, extra.stack),
        properties,
        dependencies,
        propertyDependencies,
        parent: extra.parent?.urn,
        options: extra.protect ? { protect: true } : undefined,
    };
}

/** A copy of the stack without the named resources (and without links to them: dangling links are tested separately). */
export function without(stack: StackResource[], ...names: string[]): StackResource[] {
    const gone = new Set(stack.filter((r) => names.includes(r.name)).map((r) => r.urn));
    assert.strictEqual(gone.size, names.length, `not all of ${names.join(", ")} are in the stack`);
    return stack
        .filter((r) => !gone.has(r.urn))
        .map((r) => ({
            ...r,
            dependencies: (r.dependencies ?? []).filter((u) => !gone.has(u)),
            propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([k, v]) => [k, v.filter((u) => !gone.has(u))])),
        }));
}

/** A copy of the stack with one resource's properties changed. */
export function patch(stack: StackResource[], name: string, change: (props: Record<string, unknown>) => Record<string, unknown>): StackResource[] {
    assert.ok(
        stack.some((r) => r.name === name),
        `${name} is not in the stack`,
    );
    return stack.map((r) => (r.name === name ? { ...r, properties: change(structuredClone(r.properties)) } : r));
}

/** A copy of the stack with one resource's record replaced wholesale. */
export function replace(stack: StackResource[], name: string, change: (r: StackResource) => StackResource): StackResource[] {
    assert.ok(
        stack.some((r) => r.name === name),
        `${name} is not in the stack`,
    );
    return stack.map((r) => (r.name === name ? change(structuredClone(r)) : r));
}

/**
 * The preview form of a stack: every value that a provider computes (names, ids, ARNs, URLs the
 * program did not set) is unknown; the graph is unchanged.
 */
export function preview(stack: StackResource[], computed: readonly string[] = ["arn", "id", "name", "bucket", "repositoryUrl", "tagsAll"]): StackResource[] {
    return stack.map((r) => {
        const properties: Record<string, unknown> = { ...r.properties };
        for (const key of computed) {
            if (key in properties) {
                properties[key] = key === "tagsAll" ? UNKNOWN_VALUES.object : UNKNOWN_VALUES.string;
            }
        }
        return { ...r, properties };
    });
}

/** The same stack with no graph at all (correlation only by values). */
export function withoutGraph(stack: StackResource[]): StackResource[] {
    return stack.map((r) => ({ ...r, dependencies: [], propertyDependencies: {} }));
}

export interface Finding {
    policy: string;
    urn: string;
    advisory: boolean;
    unknown: boolean;
    message: string;
}

/**
 * The findings of a stack pass, one per policy and resource. The report of `ai-preview-unknown-values`
 * (one per resource, a line `- <policy>: <what>` for each policy that waits) counts as a "cannot
 * verify" of each policy it names, as a user reads it; it is kept as its own finding only when
 * `policies` asks for it.
 */
export function findings(result: AnalyzeResult, policies?: ReadonlySet<string>): Finding[] {
    const out: Finding[] = [];
    const wanted = (policy: string) => policies === undefined || policies.has(policy);
    for (const d of result.diagnostics as Diagnostic[]) {
        const finding = (policy: string) => ({
            policy,
            urn: d.urn,
            advisory: d.enforcementLevel === "advisory",
            unknown: d.message.includes("cannot verify until the values are known"),
            message: d.message,
        });
        if (d.policyName === PREVIEW_UNKNOWNS && !policies?.has(PREVIEW_UNKNOWNS)) {
            for (const m of d.message.matchAll(/^- ([a-z0-9-]+): /gm)) {
                if (wanted(m[1])) {
                    out.push(finding(m[1]));
                }
            }
        } else if (wanted(d.policyName)) {
            out.push(finding(d.policyName));
        }
    }
    return out;
}

function show(fs: Finding[]): string {
    return JSON.stringify(
        fs.map((f) => `${f.policy} @ ${f.urn.split("::").pop()}: ${f.message.split("\n").pop()}`),
        null,
        1,
    );
}

/** No diagnostic at all: the stack is compliant and everything could be verified. */
export function assertClean(result: AnalyzeResult): void {
    const fs = findings(result);
    assert.deepStrictEqual(fs.length, 0, `expected no findings, got ${show(fs)}`);
}

/** Only "cannot verify" advisories, never a violation. */
export function assertNoViolation(result: AnalyzeResult): Finding[] {
    const fs = findings(result);
    const bad = fs.filter((f) => !f.unknown || !f.advisory);
    assert.strictEqual(bad.length, 0, `expected no violation, got ${show(bad)}`);
    return fs;
}

/** Exactly the given violations (policy on urn), nothing else; messages may be checked. */
export function assertExactly(result: AnalyzeResult, expected: { policy: string; urn: string; message?: RegExp }[]): void {
    const fs = findings(result);
    const got = fs.map((f) => `${f.policy} ${f.urn}${f.unknown ? " (unknown)" : ""}`).sort();
    const want = expected.map((e) => `${e.policy} ${e.urn}`).sort();
    assert.deepStrictEqual(got, want, show(fs));
    for (const e of expected) {
        if (e.message) {
            const f = fs.find((x) => x.policy === e.policy && x.urn === e.urn);
            assert.match(f?.message ?? "", e.message);
        }
    }
}

/** Exactly one "cannot verify" advisory per (policy, urn) given, and no violation. */
export function assertUnknowns(result: AnalyzeResult, expected: { policy: string; urn: string; message?: RegExp }[]): void {
    const fs = assertNoViolation(result);
    const got = fs.map((f) => `${f.policy} ${f.urn}`).sort();
    const want = expected.map((e) => `${e.policy} ${e.urn}`).sort();
    assert.deepStrictEqual(got, want, show(fs));
    for (const e of expected) {
        if (e.message) {
            assert.match(fs.find((x) => x.policy === e.policy && x.urn === e.urn)?.message ?? "", e.message);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Realistic stacks.
// ---------------------------------------------------------------------------------------------

const ACCOUNT = "111122223333";
const REGION = "eu-west-1";
const INVENTORY = { owner: "ml-platform", "data-classification": "confidential" };
const AI_TAGS = { "ai-workload": "true", ...INVENTORY };

export const T = {
    bucket: "aws:s3/bucket:Bucket",
    bucketV2: "aws:s3/bucketV2:BucketV2",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    accountPab: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    sseV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    versioningV2: "aws:s3/bucketVersioningV2:BucketVersioningV2",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    bucketAcl: "aws:s3/bucketAcl:BucketAcl",
    logging: "aws:s3/bucketLogging:BucketLogging",
    replication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    key: "aws:kms/key:Key",
    role: "aws:iam/role:Role",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    trail: "aws:cloudtrail/trail:Trail",
    repo: "aws:ecr/repository:Repository",
    lifecycle: "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    scanning: "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration",
    signing: "aws:signer/signingProfile:SigningProfile",
    model: "aws:sagemaker/model:Model",
    modelCard: "aws:sagemaker/modelCard:ModelCard",
    endpointConfig: "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
    endpoint: "aws:sagemaker/endpoint:Endpoint",
    schedule: "aws:sagemaker/monitoringSchedule:MonitoringSchedule",
    trainingJob: "aws:sagemaker/trainingJob:TrainingJob",
    agent: "aws:bedrock/agentAgent:AgentAgent",
    invocationLogging: "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration",
    vpc: "aws:ec2/vpc:Vpc",
    vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    fileSystem: "aws:efs/fileSystem:FileSystem",
    efsBackup: "aws:efs/backupPolicy:BackupPolicy",
    vault: "aws:backup/vault:Vault",
    vaultLock: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    plan: "aws:backup/plan:Plan",
    selection: "aws:backup/selection:Selection",
    storage: "azure-native:storage:StorageAccount",
    blobService: "azure-native:storage:BlobServiceProperties",
    keyVault: "azure-native:keyvault:Vault",
    acr: "azure-native:containerregistry:Registry",
    logAnalytics: "azure-native:operationalinsights:Workspace",
    mlWorkspace: "azure-native:machinelearningservices:Workspace",
    onlineEndpoint: "azure-native:machinelearningservices:OnlineEndpoint",
    cognitive: "azure-native:cognitiveservices:Account",
    search: "azure-native:search:Service",
    diagnostic: "azure-native:monitor:DiagnosticSetting",
    diagnosticOld: "azure-native:insights:DiagnosticSetting",
} as const;

export function tlsPolicy(bucketArn: unknown): Record<string, unknown> {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [bucketArn, typeof bucketArn === "string" ? `${bucketArn}/*` : bucketArn],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    };
}

/** The protections of one AI bucket, as separate resources (the style @pulumi/aws v7 recommends). */
export function protectedBucket(name: string, key: StackResource, opts: { bucketType?: string; extraTags?: Record<string, string>; suffix?: string } = {}): StackResource[] {
    const bucketName = `${name}-${ACCOUNT}`;
    const arn = `arn:aws:s3:::${bucketName}`;
    const sfx = opts.suffix ?? "";
    const bucket = res(opts.bucketType ?? T.bucket, name, {
        bucket: bucketName,
        arn,
        id: bucketName,
        tags: { ...AI_TAGS, ...opts.extraTags },
        tagsAll: { ...AI_TAGS, ...opts.extraTags },
    });
    return [
        bucket,
        res(T.pab, `${name}-pab${sfx}`, { bucket: bucketName, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, { bucket }),
        res(
            T.sse,
            `${name}-sse${sfx}`,
            { bucket: bucketName, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.properties.arn }, bucketKeyEnabled: true }] },
            { bucket, rules: key },
        ),
        res(T.versioning, `${name}-versioning${sfx}`, { bucket: bucketName, versioningConfiguration: { status: "Enabled" } }, { bucket }),
        res(T.bucketPolicy, `${name}-policy${sfx}`, { bucket: bucketName, policy: JSON.stringify(tlsPolicy(arn)) }, { bucket, policy: bucket }),
        res(T.logging, `${name}-logging${sfx}`, { bucket: bucketName, targetBucket: `access-logs-${ACCOUNT}`, targetPrefix: `${name}/` }, { bucket }),
    ];
}

/** Resource types whose data events the compliant trail logs besides S3 objects (aws-cloudtrail-ai-data-events). */
export const AI_DATA_EVENT_TYPES = [
    "AWS::Bedrock::AgentAlias",
    "AWS::Bedrock::KnowledgeBase",
    "AWS::Bedrock::FlowAlias",
    "AWS::Bedrock::Guardrail",
    "AWS::Bedrock::PromptVersion",
    "AWS::BedrockAgentCore::Gateway",
];

/**
 * Advanced event selectors of the compliant trail: management events, S3 data events (reads and
 * writes) for objects under `s3Prefix` (undefined: every bucket), and the data events of Bedrock
 * and AgentCore resources. CloudTrail accepts basic or advanced selectors on a trail, not both.
 */
export function trailSelectors(s3Prefix: unknown, types: readonly string[] = AI_DATA_EVENT_TYPES): Record<string, unknown>[] {
    const data = (type: string, more: Record<string, unknown>[] = []) => ({
        name: type,
        fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: [type] }, ...more],
    });
    return [
        { name: "management", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
        data("AWS::S3::Object", s3Prefix === undefined ? [] : [{ field: "resources.ARN", startsWiths: [s3Prefix] }]),
        ...types.map((t) => data(t)),
    ];
}

/** A compliant AWS ML platform: training data and model buckets, ECR, SageMaker endpoint, Bedrock agents, trail, backups. */
export function awsStack(): StackResource[] {
    const key = res(T.key, "ml-key", { arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, enableKeyRotation: true, tags: AI_TAGS });
    const logsKey = res(T.key, "logs-key", { arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/5678abcd-12ab-34cd-56ef-1234567890ab`, enableKeyRotation: true, tags: AI_TAGS });
    const data = protectedBucket("training-data", key);
    const dataBucket = data[0];
    const accessLogs = res(T.bucket, "access-logs", { bucket: `access-logs-${ACCOUNT}`, arn: `arn:aws:s3:::access-logs-${ACCOUNT}`, tags: INVENTORY });
    const replica = res(T.bucket, "training-data-replica", { bucket: `training-data-replica-${ACCOUNT}`, arn: `arn:aws:s3:::training-data-replica-${ACCOUNT}`, tags: INVENTORY });
    const replicationRole = res(T.role, "replication-role", { arn: `arn:aws:iam::${ACCOUNT}:role/replication`, assumeRolePolicy: "{}" });
    const replication = res(
        T.replication,
        "training-data-replication",
        { bucket: dataBucket.properties.bucket, role: replicationRole.properties.arn, rules: [{ id: "all", status: "Enabled", destination: { bucket: replica.properties.arn } }] },
        { bucket: dataBucket, role: replicationRole, rules: replica },
    );
    const repo = res(T.repo, "model-images", {
        name: "model-images",
        arn: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/model-images`,
        repositoryUrl: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/model-images`,
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        tags: AI_TAGS,
    });
    const lifecycle = res(T.lifecycle, "model-images-lifecycle", { repository: "model-images", policy: '{"rules":[]}' }, { repository: repo });
    const scanning = res(T.scanning, "registry-scanning", {
        scanType: "ENHANCED",
        rules: [{ scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }],
    });
    const signing = res(T.signing, "image-signing", { platformId: "Notation-OCI-SHA384-ECDSA", name: "imagesigning" });
    const sagemakerRole = res(T.role, "sagemaker-role", { arn: `arn:aws:iam::${ACCOUNT}:role/sagemaker`, assumeRolePolicy: "{}" });
    const model = res(
        T.model,
        "fraud-model",
        {
            name: "fraud-model",
            executionRoleArn: sagemakerRole.properties.arn,
            primaryContainer: { image: `${repo.properties.repositoryUrl}:1.4.2`, modelDataUrl: `s3://${dataBucket.properties.bucket}/models/fraud/model.tar.gz` },
            enableNetworkIsolation: true,
            tags: INVENTORY,
        },
        { executionRoleArn: sagemakerRole, primaryContainer: [repo, dataBucket] },
    );
    const card = res(
        T.modelCard,
        "fraud-model-card",
        { modelCardName: "fraud-model-card", modelCardStatus: "Approved", content: JSON.stringify({ model_overview: { model_name: "fraud-model" } }), tags: INVENTORY },
        { content: model },
    );
    const endpointConfig = res(
        T.endpointConfig,
        "fraud-endpoint-config",
        {
            name: "fraud-endpoint-config",
            kmsKeyArn: key.properties.arn,
            productionVariants: [{ variantName: "primary", modelName: "fraud-model", initialInstanceCount: 2, instanceType: "ml.m5.large" }],
            dataCaptureConfig: {
                enableCapture: true,
                initialSamplingPercentage: 100,
                destinationS3Uri: `s3://${dataBucket.properties.bucket}/capture`,
                kmsKeyId: key.properties.arn,
                captureOptions: [{ captureMode: "InputAndOutput" }],
            },
            tags: INVENTORY,
        },
        { kmsKeyArn: key, productionVariants: model, dataCaptureConfig: [dataBucket, key] },
    );
    const endpoint = res(
        T.endpoint,
        "fraud-endpoint",
        { name: "fraud-endpoint", endpointConfigName: "fraud-endpoint-config", tags: INVENTORY },
        { endpointConfigName: endpointConfig },
    );
    const schedule = res(
        T.schedule,
        "fraud-endpoint-monitoring",
        {
            name: "fraud-endpoint-monitoring",
            monitoringScheduleConfig: {
                monitoringType: "DataQuality",
                monitoringJobDefinition: {
                    monitoringInputs: { endpointInput: { endpointName: "fraud-endpoint", localPath: "/opt/ml/processing/input" } },
                    roleArn: sagemakerRole.properties.arn,
                },
            },
            tags: INVENTORY,
        },
        { monitoringScheduleConfig: [endpoint, sagemakerRole] },
    );
    const agentRoleA = res(T.role, "support-agent-role", { arn: `arn:aws:iam::${ACCOUNT}:role/support-agent`, assumeRolePolicy: "{}" });
    const agentRoleB = res(T.role, "triage-agent-role", { arn: `arn:aws:iam::${ACCOUNT}:role/triage-agent`, assumeRolePolicy: "{}" });
    const agentA = res(
        T.agent,
        "support-agent",
        { agentName: "support", agentResourceRoleArn: agentRoleA.properties.arn, foundationModel: "anthropic.claude-3-haiku-20240307-v1:0", tags: INVENTORY },
        { agentResourceRoleArn: agentRoleA },
    );
    const agentB = res(
        T.agent,
        "triage-agent",
        { agentName: "triage", agentResourceRoleArn: agentRoleB.properties.arn, foundationModel: "anthropic.claude-3-haiku-20240307-v1:0", tags: INVENTORY },
        { agentResourceRoleArn: agentRoleB },
    );
    const invocationLogs = res(
        T.logGroup,
        "bedrock-invocations",
        {
            name: "/ml/bedrock-invocations",
            arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ml/bedrock-invocations`,
            kmsKeyId: logsKey.properties.arn,
            retentionInDays: 365,
            tags: AI_TAGS,
        },
        { kmsKeyId: logsKey },
    );
    const loggingRole = res(T.role, "bedrock-logging-role", { arn: `arn:aws:iam::${ACCOUNT}:role/bedrock-logging`, assumeRolePolicy: "{}" });
    const invocationLogging = res(
        T.invocationLogging,
        "bedrock-invocation-logging",
        {
            loggingConfig: {
                cloudwatchConfig: { logGroupName: "/ml/bedrock-invocations", roleArn: loggingRole.properties.arn },
                s3Config: { bucketName: dataBucket.properties.bucket, keyPrefix: "bedrock/" },
                textDataDeliveryEnabled: true,
            },
        },
        { loggingConfig: [invocationLogs, loggingRole, dataBucket] },
    );
    const trail = res(
        T.trail,
        "audit-trail",
        {
            name: "audit-trail",
            s3BucketName: `access-logs-${ACCOUNT}`,
            isMultiRegionTrail: true,
            enableLogFileValidation: true,
            kmsKeyId: logsKey.properties.arn,
            advancedEventSelectors: trailSelectors(`${dataBucket.properties.arn}/`),
            tags: INVENTORY,
        },
        { s3BucketName: accessLogs, kmsKeyId: logsKey, advancedEventSelectors: dataBucket },
    );
    const fileSystem = res(
        T.fileSystem,
        "notebook-home",
        {
            arn: `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/fs-0123456789abcdef0`,
            id: "fs-0123456789abcdef0",
            encrypted: true,
            kmsKeyId: key.properties.arn,
            tags: AI_TAGS,
        },
        { kmsKeyId: key },
    );
    const efsBackup = res(T.efsBackup, "notebook-home-backup", { fileSystemId: "fs-0123456789abcdef0", backupPolicy: { status: "ENABLED" } }, { fileSystemId: fileSystem });
    const vault = res(
        T.vault,
        "ml-backups",
        { name: "ml-backups", arn: `arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:ml-backups`, kmsKeyArn: key.properties.arn, tags: INVENTORY },
        { kmsKeyArn: key },
    );
    const lock = res(T.vaultLock, "ml-backups-lock", { backupVaultName: "ml-backups", minRetentionDays: 35 }, { backupVaultName: vault });
    const plan = res(
        T.plan,
        "ml-backup-plan",
        { name: "ml-backup-plan", rules: [{ ruleName: "daily", targetVaultName: "ml-backups", schedule: "cron(0 5 ? * * *)" }] },
        { rules: vault },
    );
    const backupRole = res(T.role, "backup-role", { arn: `arn:aws:iam::${ACCOUNT}:role/backup`, assumeRolePolicy: "{}" });
    const selection = res(
        T.selection,
        "ml-data-selection",
        { name: "ml-data", planId: "plan-1", iamRoleArn: backupRole.properties.arn, resources: [dataBucket.properties.arn, fileSystem.properties.arn] },
        { planId: plan, iamRoleArn: backupRole, resources: [dataBucket, fileSystem] },
    );
    const vpc = res(T.vpc, "ml-vpc", { cidrBlock: "10.20.0.0/16", enableDnsHostnames: true, enableDnsSupport: true, tags: INVENTORY });
    const endpoints = ["sagemaker.api", "sagemaker.runtime", "bedrock-runtime", "bedrock-agent-runtime"].map((svc) =>
        res(
            T.vpcEndpoint,
            `vpce-${svc.replace(".", "-")}`,
            { serviceName: `com.amazonaws.${REGION}.${svc}`, vpcEndpointType: "Interface", privateDnsEnabled: true, subnetIds: ["subnet-0a", "subnet-0b"] },
            { vpcId: vpc },
        ),
    );
    return [
        vpc,
        ...endpoints,
        key,
        logsKey,
        ...data,
        accessLogs,
        replica,
        replicationRole,
        replication,
        repo,
        lifecycle,
        scanning,
        signing,
        sagemakerRole,
        model,
        card,
        endpointConfig,
        endpoint,
        schedule,
        agentRoleA,
        agentRoleB,
        agentA,
        agentB,
        invocationLogs,
        loggingRole,
        invocationLogging,
        trail,
        fileSystem,
        efsBackup,
        vault,
        lock,
        plan,
        backupRole,
        selection,
    ];
}

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ml-rg/providers";

function diagnostic(name: string, target: StackResource, workspace: StackResource, id: string, type: string = T.diagnostic): StackResource {
    return res(
        type,
        name,
        { name, resourceUri: id, logs: [{ categoryGroup: "allLogs", enabled: true }], workspaceId: `${SUB}/Microsoft.OperationalInsights/workspaces/ml-logs` },
        { resourceUri: target, workspaceId: workspace },
    );
}

/** A compliant Azure ML platform: workspace with its storage, vault and registry, OpenAI, AI Search, diagnostics everywhere. */
export function azureStack(): StackResource[] {
    const law = res(T.logAnalytics, "ml-logs", { name: "ml-logs", workspaceName: "ml-logs", retentionInDays: 365, tags: INVENTORY });
    const storage = res(T.storage, "mlstore", {
        name: "mlstore",
        accountName: "mlstore",
        kind: "StorageV2",
        allowBlobPublicAccess: false,
        minimumTlsVersion: "TLS1_2",
        publicNetworkAccess: "Disabled",
        tags: AI_TAGS,
    });
    const blob = res(
        T.blobService,
        "mlstore-blob",
        {
            accountName: "mlstore",
            blobServicesName: "default",
            deleteRetentionPolicy: { enabled: true, days: 14 },
            containerDeleteRetentionPolicy: { enabled: true, days: 14 },
            isVersioningEnabled: true,
        },
        { accountName: storage },
    );
    const vault = res(T.keyVault, "mlkv", { name: "mlkv", vaultName: "mlkv", properties: { enableRbacAuthorization: true, enablePurgeProtection: true }, tags: AI_TAGS });
    const acr = res(T.acr, "mlacr", { name: "mlacr", registryName: "mlacr", adminUserEnabled: false, publicNetworkAccess: "Disabled", tags: AI_TAGS });
    const workspace = res(
        T.mlWorkspace,
        "ml-workspace",
        {
            name: "ml-workspace",
            workspaceName: "ml-workspace",
            storageAccount: `${SUB}/Microsoft.Storage/storageAccounts/mlstore`,
            keyVault: `${SUB}/Microsoft.KeyVault/vaults/mlkv`,
            containerRegistry: `${SUB}/Microsoft.ContainerRegistry/registries/mlacr`,
            publicNetworkAccess: "Disabled",
            tags: INVENTORY,
        },
        { storageAccount: storage, keyVault: vault, containerRegistry: acr },
    );
    const endpoint = res(
        T.onlineEndpoint,
        "scoring",
        { name: "scoring", endpointName: "scoring", workspaceName: "ml-workspace", properties: { authMode: "AADToken", publicNetworkAccess: "Disabled" }, tags: INVENTORY },
        { workspaceName: workspace },
        { parent: workspace },
    );
    const openai = res(T.cognitive, "openai", {
        name: "openai",
        accountName: "openai",
        kind: "OpenAI",
        properties: { disableLocalAuth: true, publicNetworkAccess: "Disabled" },
        tags: INVENTORY,
    });
    const search = res(T.search, "rag-search", { name: "rag-search", searchServiceName: "rag-search", publicNetworkAccess: "Disabled", disableLocalAuth: true, tags: INVENTORY });
    return [
        law,
        storage,
        blob,
        vault,
        acr,
        workspace,
        endpoint,
        openai,
        search,
        diagnostic("ml-workspace-diag", workspace, law, `${SUB}/Microsoft.MachineLearningServices/workspaces/ml-workspace`),
        diagnostic("scoring-diag", endpoint, law, `${SUB}/Microsoft.MachineLearningServices/workspaces/ml-workspace/onlineEndpoints/scoring`),
        diagnostic("mlacr-diag", acr, law, `${SUB}/Microsoft.ContainerRegistry/registries/mlacr`),
        diagnostic("openai-diag", openai, law, `${SUB}/Microsoft.CognitiveServices/accounts/openai`),
        diagnostic("rag-search-diag", search, law, `${SUB}/Microsoft.Search/searchServices/rag-search`, T.diagnosticOld),
        diagnostic("mlkv-diag", vault, law, `${SUB}/Microsoft.KeyVault/vaults/mlkv`),
        res("azure-native:security:Pricing", "defender-ai", { pricingName: "AI", pricingTier: "Standard", scopeId: "/subscriptions/00000000-0000-0000-0000-000000000000" }),
        privateEndpoint("ml-workspace-pe", workspace, `${SUB}/Microsoft.MachineLearningServices/workspaces/ml-workspace`, "amlworkspace"),
        privateEndpoint("openai-pe", openai, `${SUB}/Microsoft.CognitiveServices/accounts/openai`, "account"),
        privateEndpoint("rag-search-pe", search, `${SUB}/Microsoft.Search/searchServices/rag-search`, "searchService"),
    ];
}

/** A private endpoint to `target` (whose id is `id`), in the private-endpoint subnet. */
function privateEndpoint(name: string, target: StackResource, id: string, groupId: string): StackResource {
    return res(
        "azure-native:network:PrivateEndpoint",
        name,
        {
            name,
            subnet: { id: `${SUB}/Microsoft.Network/virtualNetworks/ml-vnet/subnets/private-endpoints` },
            privateLinkServiceConnections: [{ name, privateLinkServiceId: id, groupIds: [groupId] }],
        },
        { privateLinkServiceConnections: target },
    );
}

export function byName(stack: StackResource[], name: string): StackResource {
    const r = stack.find((x) => x.name === name);
    assert.ok(r, `${name} is not in the stack`);
    return r;
}

/** The URN of the resource called `name`. */
export function urnByName(stack: StackResource[], name: string): string {
    return byName(stack, name).urn as string;
}

/** A stack with one thing left out, and exactly the findings that omission must give. */
export interface OmissionCase {
    title: string;
    stack: () => StackResource[];
    expect: { policy: string; on: string; message?: RegExp }[];
}

/** One `it` per case: the stack gives exactly the expected findings, each on the named resource. */
export function omissionCases(pack: () => PolicyPackProcess, cases: OmissionCase[]): void {
    for (const c of cases) {
        it(c.title, async () => {
            const stack = c.stack();
            assertExactly(
                await pack().analyzeStack(stack),
                c.expect.map((e) => ({ policy: e.policy, urn: urnByName(stack, e.on), message: e.message })),
            );
        });
    }
}

/**
 * `n` realistic resources of a mixed AWS/Azure estate with graph links, for the benchmark: copies
 * of the compliant AWS and Azure stacks with unique names, cut to exactly `n`.
 */
export function syntheticStack(n: number): StackResource[] {
    const out: StackResource[] = [];
    for (let copy = 0; out.length < n; copy++) {
        const rename = (stack: StackResource[]) => {
            const map = new Map<string, string>();
            const renamed = stack.map((r) => {
                const name = `${r.name}-${copy}`;
                const urn = urnOf(r.type, name);
                map.set(r.urn as string, urn);
                return { ...r, name, urn };
            });
            return renamed.map((r) => ({
                ...r,
                parent: r.parent !== undefined ? map.get(r.parent) : undefined,
                dependencies: (r.dependencies ?? []).map((u) => map.get(u) ?? u),
                propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([k, v]) => [k, v.map((u) => map.get(u) ?? u)])),
            }));
        };
        const next = rename(copy % 2 === 0 ? awsStack() : azureStack());
        if (out.length + next.length > n) {
            // Fill the rest with standalone resources rather than a stack cut in half.
            for (let i = 0; out.length < n; i++) {
                out.push(res(T.role, `filler-${copy}-${i}`, { arn: `arn:aws:iam::${ACCOUNT}:role/filler-${copy}-${i}`, assumeRolePolicy: "{}" }));
            }
            break;
        }
        out.push(...next);
    }
    return out;
}

export type Kind = "violating" | "compliant" | "absent" | "unknown" | "malformed";

/**
 * Records that `policy` was tested with `kind` of input, for the registry-wide coverage check
 * (test/support/stackCases.ts and test/zz-coverage.spec.ts on the main branch). Resolved at run
 * time so these tests also run where that bookkeeping does not exist yet.
 */
export function stackCase(policy: string, kind: Kind): void {
    let mod: { stackCase?: (policy: string, kind: Kind) => void } | undefined;
    try {
        mod = require(require("path").join(__dirname, "..", "..", "support", "stackCases"));
    } catch {
        return;
    }
    mod?.stackCase?.(policy, kind);
}
