/**
 * The cloud-side constraints the pack relies on: settings a cloud rejects together, features that
 * need a SKU, settings that cannot be undone. For each, configurations that satisfy every policy of
 * the pack and the constraint at once, and (where the pack can see it) the combination the cloud
 * rejects, which the pack reports. test/constraints.spec.ts runs every entry through the pack;
 * `npm run docs` renders policypack/docs/CONSTRAINTS.md from this table.
 */
import type { StackResource } from "../../policypack/engine/analyzer";
import { awsStack, byName, patch, res, T } from "../policies/stack/support";

/** What the pack judges: one resource (Analyze) or a stack (AnalyzeStack). */
export type Judged =
    | { type: string; props: Record<string, unknown> }
    /** `policies`: only these stack policies are asked (the rest of the stack is not the point). */
    | { stack: () => StackResource[]; policies?: readonly string[] };

export interface Constraint {
    cloud: "AWS" | "Azure";
    title: string;
    /** What the cloud rejects, requires or never undoes. */
    rule: string;
    source: string;
    /** How the pack's controls are met together under the rule. */
    pack: string;
    policies: readonly string[];
    /** Each passes every policy of the pack: no violation, no "cannot verify". */
    compliant: { title: string; judged: Judged }[];
    /** The combination the cloud rejects, and the finding the pack gives for it. */
    rejected?: { title: string; judged: Judged; policy: string; message: RegExp };
}

const OPENSEARCH = "aws:opensearch/domain:Domain";
/** A vector-store domain in a VPC with fine-grained access control and what the service requires for it. */
const vectorDomain = (changes: Record<string, unknown> = {}) => ({
    domainName: "kb-vectors",
    engineVersion: "OpenSearch_2.13",
    vpcOptions: { subnetIds: ["subnet-0a", "subnet-0b"], securityGroupIds: ["sg-0a"] },
    encryptAtRest: { enabled: true, kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
    nodeToNodeEncryption: { enabled: true },
    domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" },
    advancedSecurityOptions: { enabled: true, anonymousAuthEnabled: false, masterUserOptions: { masterUserArn: "arn:aws:iam::111122223333:role/search-admin" } },
    tags: { "ai-workload": "true", owner: "ml-platform", "data-classification": "confidential" },
    ...changes,
});

const RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai/providers";
const UAI = `${RG}/Microsoft.ManagedIdentity/userAssignedIdentities/id-ai`;
const KV = `${RG}/Microsoft.KeyVault/vaults/kv-ai`;
const AI_TAGS = { "ai-workload": "true", owner: "ml-platform", "data-classification": "confidential" };

const REGISTRY = "azure-native:containerregistry:Registry";
const registry = (policies: Record<string, unknown>, changes: Record<string, unknown> = {}) => ({
    resourceGroupName: "rg-ai",
    location: "westeurope",
    registryName: "acraimodels",
    sku: { name: "Premium" },
    adminUserEnabled: false,
    anonymousPullEnabled: false,
    publicNetworkAccess: "Disabled",
    networkRuleSet: { defaultAction: "Deny", ipRules: [] },
    identity: { type: "UserAssigned", userAssignedIdentities: { [UAI]: {} } },
    encryption: { status: "enabled", keyVaultProperties: { keyIdentifier: "https://kv-ai.vault.azure.net/keys/acr-cmk", identity: "11111111-2222-3333-4444-555555555555" } },
    policies: { exportPolicy: { status: "disabled" }, quarantinePolicy: { status: "enabled" }, azureADAuthenticationAsArmPolicy: { status: "disabled" }, ...policies },
    tags: AI_TAGS,
    ...changes,
});
const softDelete = { softDeletePolicy: { status: "enabled", retentionDays: 7 } };
const retention = { retentionPolicy: { status: "enabled", days: 7 } };

const VAULT = "azure-native:keyvault:Vault";
const vault = (changes: Record<string, unknown> = {}) => ({
    resourceGroupName: "rg-ai",
    vaultName: "kv-ai",
    location: "westeurope",
    properties: {
        tenantId: "bbbbbbbb-0000-0000-0000-000000000001",
        sku: { family: "A", name: "premium" },
        enableSoftDelete: true,
        softDeleteRetentionInDays: 90,
        enablePurgeProtection: true,
        enableRbacAuthorization: true,
        publicNetworkAccess: "disabled",
        networkAcls: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
        ...changes,
    },
    tags: AI_TAGS,
});

const STORAGE = "azure-native:storage:StorageAccount";
const storage = (changes: Record<string, unknown> = {}) => {
    const account: Record<string, unknown> = {
        resourceGroupName: "rg-ai",
        accountName: "sttrainingdata",
        location: "westeurope",
        kind: "StorageV2",
        sku: { name: "Standard_ZRS" },
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: "TLS1_2",
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        defaultToOAuthAuthentication: true,
        publicNetworkAccess: "Disabled",
        networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
        identity: { type: "UserAssigned", userAssignedIdentities: [UAI] },
        encryption: {
            keySource: "Microsoft.Keyvault",
            keyVaultProperties: { keyVaultUri: "https://kv-ai.vault.azure.net/", keyName: "st-cmk" },
            encryptionIdentity: { encryptionUserAssignedIdentity: UAI },
            requireInfrastructureEncryption: true,
        },
        tags: AI_TAGS,
        ...changes,
    };
    for (const [k, v] of Object.entries(account)) {
        if (v === undefined) {
            delete account[k];
        }
    }
    return account;
};

const WORKSPACE = "azure-native:machinelearningservices:Workspace";
const workspace = (changes: Record<string, unknown> = {}) => ({
    resourceGroupName: "rg-ai",
    location: "westeurope",
    workspaceName: "mlw-fraud",
    kind: "Default",
    sku: { name: "Basic", tier: "Basic" },
    storageAccount: `${RG}/Microsoft.Storage/storageAccounts/sttrainingdata`,
    keyVault: KV,
    applicationInsights: `${RG}/Microsoft.Insights/components/appi-ml`,
    containerRegistry: `${RG}/Microsoft.ContainerRegistry/registries/acraimodels`,
    identity: { type: "UserAssigned", userAssignedIdentities: [UAI] },
    primaryUserAssignedIdentity: UAI,
    publicNetworkAccess: "Disabled",
    allowPublicAccessWhenBehindVnet: false,
    managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound", outboundRules: { pypi: { type: "FQDN", category: "UserDefined", destination: "pypi.org" } } },
    systemDatastoresAuthMode: "Identity",
    encryption: {
        status: "Enabled",
        keyVaultProperties: { keyVaultArmId: KV, keyIdentifier: "https://kv-ai.vault.azure.net/keys/cmk/0123456789abcdef" },
        identity: { userAssignedIdentity: UAI },
    },
    hbiWorkspace: true,
    tags: AI_TAGS,
    ...changes,
});

const SEARCH = "azure-native:search:Service";
const search = (changes: Record<string, unknown> = {}) => ({
    resourceGroupName: "rg-ai",
    searchServiceName: "srch-rag",
    location: "westeurope",
    sku: { name: "standard" },
    identity: { type: "SystemAssigned" },
    publicNetworkAccess: "Disabled",
    disableLocalAuth: true,
    encryptionWithCmk: { enforcement: "Enabled" },
    tags: AI_TAGS,
    ...changes,
});

const TRAINING = "aws:sagemaker/trainingJob:TrainingJob";
const KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const trainingJob = (resourceConfig: Record<string, unknown>) => ({
    trainingJobName: "fraud-train",
    roleArn: "arn:aws:iam::111122223333:role/training",
    algorithmSpecification: { trainingImage: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/train:1.4", trainingInputMode: "File" },
    enableNetworkIsolation: true,
    enableInterContainerTrafficEncryption: true,
    vpcConfig: { subnets: ["subnet-0abc"], securityGroupIds: ["sg-0abc"] },
    resourceConfig: { instanceCount: 2, volumeSizeInGb: 100, ...resourceConfig },
    outputDataConfig: { s3OutputPath: "s3://models/fraud/", kmsKeyId: KEY_ARN },
    stoppingCondition: { maxRuntimeInSeconds: 86400 },
});

/** The compliant AWS stack whose training-data bucket is also created with Object Lock. */
const objectLocked = () => {
    const stack = patch(awsStack(), "training-data", (p) => ({ ...p, objectLockEnabled: true }));
    const bucket = byName(stack, "training-data");
    return [
        ...stack,
        res(
            "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
            "training-data-lock",
            { bucket: bucket.properties?.bucket, rule: { defaultRetention: { mode: "GOVERNANCE", days: 365 } } },
            { bucket },
        ),
    ];
};

/**
 * The compliant AWS stack whose access-log bucket is itself an AI data store (tagged), with the
 * SSE-S3 default encryption S3 needs to deliver server access logs, and no access logging of its own.
 */
const aiLogBucket = () => {
    const stack = patch(awsStack(), "access-logs", (p) => ({ ...p, tags: { ...AI_TAGS } }));
    const logs = byName(stack, "access-logs");
    const sse = res(T.sse, "access-logs-sse", { bucket: logs.properties?.bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, { bucket: logs });
    // The training data's logging names its target through the graph.
    const linked = stack.map((r) =>
        r.name === "training-data-logging"
            ? { ...r, propertyDependencies: { ...r.propertyDependencies, targetBucket: [logs.urn as string] }, dependencies: [...(r.dependencies ?? []), logs.urn as string] }
            : r,
    );
    return [...linked, sse];
};

export const CONSTRAINTS: Constraint[] = [
    {
        cloud: "Azure",
        title: "Container registry soft delete and untagged-manifest retention are mutually exclusive",
        rule: "Azure rejects a registry with both `policies.softDeletePolicy` and `policies.retentionPolicy` enabled; soft delete is also not supported on geo-replicated registries.",
        source: "https://learn.microsoft.com/azure/container-registry/container-registry-soft-delete-policy",
        pack: "One control, `azure-acr-soft-delete-enabled`: either policy enabled passes, both is reported as the configuration Azure rejects (`azure-acr-untagged-retention-enabled` is retired and never reports).",
        policies: ["azure-acr-soft-delete-enabled", "azure-acr-untagged-retention-enabled"],
        compliant: [
            { title: "soft delete only", judged: { type: REGISTRY, props: registry(softDelete) } },
            { title: "retention only (a geo-replicated registry)", judged: { type: REGISTRY, props: registry(retention) } },
        ],
        rejected: {
            title: "both enabled",
            judged: { type: REGISTRY, props: registry({ ...softDelete, ...retention }) },
            policy: "azure-acr-soft-delete-enabled",
            message: /Azure rejects a registry with both/,
        },
    },
    {
        cloud: "Azure",
        title: "Container registry network rules, private endpoints, export policy, customer-managed keys and retention need the Premium SKU",
        rule: "Basic and Standard registries reject `networkRuleSet`, private endpoints, `policies.exportPolicy`, `encryption` with a customer-managed key and `policies.retentionPolicy`.",
        source: "https://learn.microsoft.com/azure/container-registry/container-registry-skus",
        pack: "`azure-acr-premium-sku` requires Premium, so the network, export and encryption controls can always be met.",
        policies: ["azure-acr-premium-sku", "azure-acr-public-network-disabled", "azure-acr-network-default-deny", "azure-acr-export-disabled", "azure-acr-cmk-encryption"],
        compliant: [{ title: "a Premium registry with all of them", judged: { type: REGISTRY, props: registry(softDelete) } }],
        rejected: {
            title: "a Standard registry with network rules",
            judged: { type: REGISTRY, props: registry(softDelete, { sku: { name: "Standard" } }) },
            policy: "azure-acr-premium-sku",
            message: /sku.name is "Standard"/,
        },
    },
    {
        cloud: "Azure",
        title: "Container registry export policy needs public network access disabled",
        rule: 'Azure accepts `policies.exportPolicy.status: "disabled"` only when `publicNetworkAccess` is `"Disabled"`.',
        source: "https://learn.microsoft.com/azure/container-registry/data-loss-prevention",
        pack: "`azure-acr-export-disabled` and `azure-acr-public-network-disabled` require both, so a registry that meets one meets the other's precondition.",
        policies: ["azure-acr-export-disabled", "azure-acr-public-network-disabled"],
        compliant: [{ title: "export disabled on a private registry", judged: { type: REGISTRY, props: registry(softDelete) } }],
        rejected: {
            title: "export disabled on a public registry",
            judged: { type: REGISTRY, props: registry(softDelete, { publicNetworkAccess: "Enabled" }) },
            policy: "azure-acr-public-network-disabled",
            message: /publicNetworkAccess is "Enabled"/,
        },
    },
    {
        cloud: "Azure",
        title: "Container registry content trust is not supported with a customer-managed key",
        rule: "A registry encrypted with a customer-managed key cannot enable content trust (`policies.trustPolicy`); Docker Content Trust is also being retired (removed 31 March 2028).",
        source: "https://learn.microsoft.com/azure/container-registry/container-registry-customer-managed-keys",
        pack: "`azure-acr-cmk-encryption` requires a customer-managed key on AI registries, and no policy requires the trust policy (`azure-acr-quarantine-enabled` asks only for quarantine; sign images with Notation).",
        policies: ["azure-acr-cmk-encryption", "azure-acr-quarantine-enabled"],
        compliant: [{ title: "a CMK-encrypted registry with quarantine and no trust policy", judged: { type: REGISTRY, props: registry(softDelete) } }],
    },
    {
        cloud: "Azure",
        title: "Key Vault purge protection cannot be turned off, and needs soft delete",
        rule: "`enablePurgeProtection` does not accept `false` once enabled (it is irreversible) and takes effect only with soft delete; customer-managed keys of storage, registries, ML workspaces and AI services require a vault with both.",
        source: "https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview",
        pack: "`azure-keyvault-purge-protection` and `azure-keyvault-soft-delete-enabled` require both; neither is remediated automatically, because turning purge protection on cannot be undone.",
        policies: ["azure-keyvault-purge-protection", "azure-keyvault-soft-delete-enabled"],
        compliant: [{ title: "soft delete and purge protection", judged: { type: VAULT, props: vault() } }],
        rejected: {
            title: "purge protection set to false",
            judged: { type: VAULT, props: vault({ enablePurgeProtection: false }) },
            policy: "azure-keyvault-purge-protection",
            message: /enablePurgeProtection is false/,
        },
    },
    {
        cloud: "Azure",
        title: "Key Vault soft delete cannot be disabled",
        rule: "Soft delete is on for every vault and can no longer be opted out of; `enableSoftDelete: false` is not accepted.",
        source: "https://learn.microsoft.com/azure/key-vault/general/soft-delete-change",
        pack: "`azure-keyvault-soft-delete-enabled` reports `false`, so a compliant vault never asks for what Azure refuses.",
        policies: ["azure-keyvault-soft-delete-enabled"],
        compliant: [{ title: "soft delete on", judged: { type: VAULT, props: vault() } }],
        rejected: {
            title: "soft delete off",
            judged: { type: VAULT, props: vault({ enableSoftDelete: false }) },
            policy: "azure-keyvault-soft-delete-enabled",
            message: /enableSoftDelete is false/,
        },
    },
    {
        cloud: "Azure",
        title: "Storage accounts accept only TLS 1.2 since 3 February 2026",
        rule: 'Azure Storage refuses TLS 1.0 and 1.1 on every account whatever `minimumTlsVersion` says, and does not support "TLS1_3" as the minimum.',
        source: "https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-migrate-to-tls2",
        pack: '`azure-storage-min-tls-1-2` (low) accepts "TLS1_2" or no setting and reports "TLS1_0"/"TLS1_1" as a setting Azure no longer honours; its remediation sets "TLS1_2", never "TLS1_3".',
        policies: ["azure-storage-min-tls-1-2"],
        compliant: [
            { title: '"TLS1_2"', judged: { type: STORAGE, props: storage() } },
            { title: "not set", judged: { type: STORAGE, props: storage({ minimumTlsVersion: undefined }) } },
        ],
        rejected: {
            title: '"TLS1_0"',
            judged: { type: STORAGE, props: storage({ minimumTlsVersion: "TLS1_0" }) },
            policy: "azure-storage-min-tls-1-2",
            message: /refused since 3 February 2026/,
        },
    },
    {
        cloud: "Azure",
        title: "An ML workspace whose storage refuses shared keys must use identity-based datastores",
        rule: 'With `allowSharedKeyAccess: false` on the workspace storage account, the workspace\'s system datastores work only with `systemDatastoresAuthMode: "identity"`.',
        source: "https://learn.microsoft.com/azure/machine-learning/how-to-disable-local-auth-storage",
        pack: "`azure-storage-shared-key-disabled` and `azure-ml-workspace-identity-datastore-auth` require both sides.",
        policies: ["azure-storage-shared-key-disabled", "azure-ml-workspace-identity-datastore-auth"],
        compliant: [
            { title: "the storage account", judged: { type: STORAGE, props: storage() } },
            { title: "the workspace", judged: { type: WORKSPACE, props: workspace() } },
        ],
        rejected: {
            title: "a workspace that keeps the storage account key",
            judged: { type: WORKSPACE, props: workspace({ systemDatastoresAuthMode: "AccessKey" }) },
            policy: "azure-ml-workspace-identity-datastore-auth",
            message: /systemDatastoresAuthMode is "AccessKey"/,
        },
    },
    {
        cloud: "Azure",
        title: "AI Search: authOptions cannot be set when API keys are disabled",
        rule: "`authOptions` cannot be set if `disableLocalAuth` is true; Azure rejects the service.",
        source: "https://learn.microsoft.com/rest/api/searchmanagement/services/create-or-update",
        pack: "`azure-search-local-auth-disabled` requires `disableLocalAuth: true` and reports `authOptions` next to it.",
        policies: ["azure-search-local-auth-disabled"],
        compliant: [{ title: "API keys disabled, no authOptions", judged: { type: SEARCH, props: search() } }],
        rejected: {
            title: "API keys disabled with authOptions",
            judged: { type: SEARCH, props: search({ authOptions: { apiKeyOnly: {} } }) },
            policy: "azure-search-local-auth-disabled",
            message: /Azure rejects a search service with both/,
        },
    },
    {
        cloud: "AWS",
        title: "S3 Object Lock needs versioning, which can then not be suspended",
        rule: "A bucket with Object Lock is versioned, and S3 refuses to suspend its versioning.",
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html",
        pack: "`aws-s3-model-artifact-object-lock` (tagged model-artefact buckets) and the versioning controls (`aws-s3-ai-bucket-versioning`, `aws-s3-bucket-versioning-enabled`) ask for the same thing.",
        policies: ["aws-s3-model-artifact-object-lock", "aws-s3-ai-bucket-versioning", "aws-s3-bucket-versioning-enabled"],
        compliant: [
            {
                title: "a model-artefact bucket created with Object Lock",
                judged: { type: "aws:s3/bucket:Bucket", props: { bucket: "ml-models-111122223333", objectLockEnabled: true, tags: { ...AI_TAGS, "ai-model-artifacts": "true" } } },
            },
            {
                title: "its default retention",
                judged: {
                    type: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
                    props: { bucket: "ml-models-111122223333", rule: { defaultRetention: { mode: "GOVERNANCE", days: 365 } } },
                },
            },
            { title: "a stack whose AI bucket has Object Lock, versioning and every other protection", judged: { stack: objectLocked } },
        ],
        rejected: {
            title: "Object Lock with versioning suspended",
            judged: { stack: () => patch(objectLocked(), "training-data-versioning", (p) => ({ ...p, versioningConfiguration: { status: "Suspended" } })) },
            policy: "aws-s3-ai-bucket-versioning",
            message: /versioningConfiguration.status is "Suspended"/,
        },
    },
    {
        cloud: "AWS",
        title: "SageMaker rejects a volume KMS key on instance types with local NVMe storage",
        rule: "Instance types whose storage is local NVMe (e.g. ml.p4d, ml.g5) are encrypted by their hardware; CreateTrainingJob, CreateEndpointConfig and monitoring jobs reject a `volumeKmsKeyId` for them.",
        source: "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ResourceConfig.html",
        pack: "The volume-key controls (`aws-sagemaker-training-volume-kms`, `aws-sagemaker-endpoint-config-kms`, `aws-sagemaker-monitoring-volume-kms`) are not applicable to those instance types (a config knob lists the families).",
        policies: ["aws-sagemaker-training-volume-kms", "aws-sagemaker-endpoint-config-kms", "aws-sagemaker-monitoring-volume-kms"],
        compliant: [
            { title: "a training job on ml.p4d.24xlarge without a volume key", judged: { type: TRAINING, props: trainingJob({ instanceType: "ml.p4d.24xlarge" }) } },
            { title: "a training job on ml.p3.16xlarge with one", judged: { type: TRAINING, props: trainingJob({ instanceType: "ml.p3.16xlarge", volumeKmsKeyId: KEY_ARN }) } },
        ],
    },
    {
        cloud: "AWS",
        title: "S3 server access logs go only to buckets with SSE-S3 default encryption",
        rule: "S3 delivers server access logs only to a target bucket whose default encryption is SSE-S3 (not SSE-KMS); a log bucket that logged its own access would log forever.",
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html",
        pack: "The stack policies `aws-s3-ai-bucket-kms-encryption` and `aws-s3-ai-bucket-access-logging` accept SSE-S3 on, and ask no access logging of, a bucket that a BucketLogging of the stack targets, even when it is an AI data store. With `allDataStores`, the resource policy `aws-s3-bucket-sse-kms-cmk` still judges the log bucket's encryption configuration, which cannot show that it receives logs: leave the log bucket out of `allDataStores` stacks' scope (a separate stack) until that is resolved.",
        policies: ["aws-s3-ai-bucket-kms-encryption", "aws-s3-ai-bucket-access-logging"],
        compliant: [
            {
                title: "an AI-tagged access-log bucket with SSE-S3 and no logging of its own",
                judged: { stack: aiLogBucket, policies: ["aws-s3-ai-bucket-kms-encryption", "aws-s3-ai-bucket-access-logging"] },
            },
        ],
    },
    {
        cloud: "AWS",
        title: "OpenSearch fine-grained access control needs encryption at rest, node-to-node encryption and enforced HTTPS",
        rule: "OpenSearch Service enables fine-grained access control (`advancedSecurityOptions.enabled`) only on a domain that also has encryption at rest, node-to-node encryption and `domainEndpointOptions.enforceHttps` on.",
        source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-opensearchservice-domain-advancedsecurityoptionsinput.html",
        pack: "`aws-opensearch-domain-fine-grained-access-control` asks for fine-grained access control and `aws-opensearch-domain-encrypted-cmk`, `aws-opensearch-domain-node-to-node-encryption` and `aws-opensearch-domain-https-only` ask for its three prerequisites, so a domain that meets the pack meets the rule. A domain that asks for fine-grained access control without one of them is reported by the prerequisite's policy.",
        policies: [
            "aws-opensearch-domain-fine-grained-access-control",
            "aws-opensearch-domain-encrypted-cmk",
            "aws-opensearch-domain-node-to-node-encryption",
            "aws-opensearch-domain-https-only",
        ],
        compliant: [
            {
                title: "a vector-store domain with fine-grained access control, a customer-managed key, node-to-node encryption and HTTPS only",
                judged: { type: OPENSEARCH, props: vectorDomain() },
            },
        ],
        rejected: {
            title: "fine-grained access control without node-to-node encryption",
            judged: { type: OPENSEARCH, props: vectorDomain({ nodeToNodeEncryption: { enabled: false } }) },
            policy: "aws-opensearch-domain-node-to-node-encryption",
            message: /nodeToNodeEncryption.enabled is false/,
        },
    },
];
