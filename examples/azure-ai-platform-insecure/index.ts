// The same Azure AI platform as ../azure-ai-platform, as it looks after a proof of concept was
// promoted to production: everything works, and everything is reachable from the internet with
// keys. `npm run check -- examples/azure-ai-platform-insecure` lists what to fix.
import * as pulumi from "@pulumi/pulumi";
import * as azure from "@pulumi/azure-native";

const env = new pulumi.Config().get("env") ?? "dev";
const location = "westeurope";
const client = azure.authorization.getClientConfigOutput();
const tags = { "ai-workload": "true", owner: "ai-platform-team" };

const rg = new azure.resources.ResourceGroup("ai-platform", { resourceGroupName: `rg-ai-poc-${env}`, location, tags });
const resourceGroupName = rg.name;

// Logs kept for a month, reachable with workspace keys from anywhere.
const logs = new azure.operationalinsights.Workspace("ai-logs", {
    resourceGroupName,
    location,
    sku: { name: "PerGB2018" },
    retentionInDays: 30,
    tags,
});

// Key Vault with access policies, no purge protection, open network.
const vault = new azure.keyvault.Vault("ai-keys", {
    resourceGroupName,
    location,
    properties: {
        tenantId: client.tenantId,
        sku: { family: "A", name: "standard" },
        enableSoftDelete: true,
        accessPolicies: [
            {
                tenantId: client.tenantId,
                objectId: client.objectId,
                permissions: { secrets: ["all"], keys: ["all"] },
            },
        ],
    },
    tags,
});

// Storage: TLS 1.0 allowed, public blob access, shared keys, Microsoft-managed keys, public network.
const store = new azure.storage.StorageAccount("aidata", {
    resourceGroupName,
    location,
    kind: "StorageV2",
    sku: { name: "Standard_LRS" },
    minimumTlsVersion: "TLS1_0",
    allowBlobPublicAccess: true,
    tags,
});
new azure.storage.BlobContainer("training-data", { resourceGroupName, accountName: store.name, publicAccess: "Blob" });

// Registry: Basic SKU, admin user, anonymous pull.
const registry = new azure.containerregistry.Registry("aimodels", {
    resourceGroupName,
    location,
    sku: { name: "Basic" },
    adminUserEnabled: true,
    anonymousPullEnabled: true,
    tags,
});

const appInsights = new azure.applicationinsights.Component("ai-platform", {
    resourceGroupName,
    location,
    kind: "web",
    applicationType: "web",
    workspaceResourceId: logs.id,
    tags,
});

// Workspace: public, internet outbound, Microsoft-managed keys, key-based datastores.
const workspace = new azure.machinelearningservices.Workspace("ai-platform", {
    resourceGroupName,
    location,
    sku: { name: "Basic", tier: "Basic" },
    identity: { type: "SystemAssigned" },
    storageAccount: store.id,
    keyVault: vault.id,
    containerRegistry: registry.id,
    applicationInsights: appInsights.id,
    publicNetworkAccess: "Enabled",
    managedNetwork: { isolationMode: "AllowInternetOutbound" },
    systemDatastoresAuthMode: "AccessKey",
    tags,
});

// Compute: public IP, SSH open to the internet, local auth, never shuts down.
new azure.machinelearningservices.Compute("research", {
    resourceGroupName,
    workspaceName: workspace.name,
    location,
    properties: {
        computeType: "ComputeInstance",
        properties: {
            vmSize: "Standard_DS3_v2",
            enableNodePublicIp: true,
            sshSettings: { sshPublicAccess: "Enabled", adminPublicKey: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC0example" },
        },
    },
    tags,
});

// Training data reached with the storage account key, and the OpenAI account with its API key:
// every workspace user holds both secrets.
const storeKeys = azure.storage.listStorageAccountKeysOutput({ resourceGroupName, accountName: store.name });
new azure.machinelearningservices.Datastore("training-data-store", {
    resourceGroupName,
    workspaceName: workspace.name,
    name: "training_data",
    properties: {
        datastoreType: "AzureBlob",
        accountName: store.name,
        containerName: "training",
        credentials: { credentialsType: "AccountKey", secrets: { secretsType: "AccountKey", key: storeKeys.keys[0].value } },
    },
});

// Azure OpenAI: API keys, public network, no identity, no content filter of our own, auto-upgrading model.
const openai = new azure.cognitiveservices.Account("openai", {
    resourceGroupName,
    location,
    kind: "OpenAI",
    sku: { name: "S0" },
    properties: { customSubDomainName: `ai-poc-${env}-openai`, publicNetworkAccess: "Enabled" },
    tags,
});
new azure.cognitiveservices.Deployment("gpt-4o", {
    resourceGroupName,
    accountName: openai.name,
    deploymentName: "gpt-4o",
    sku: { name: "Standard", capacity: 30 },
    properties: {
        model: { format: "OpenAI", name: "gpt-4o" },
        versionUpgradeOption: "OnceNewDefaultVersionAvailable",
    },
    tags,
});

new azure.machinelearningservices.WorkspaceConnection("openai-connection", {
    resourceGroupName,
    workspaceName: workspace.name,
    connectionName: "openai",
    properties: {
        authType: "ApiKey",
        category: "AzureOpenAI",
        target: openai.properties.endpoint,
        credentials: { key: azure.cognitiveservices.listAccountKeysOutput({ resourceGroupName, accountName: openai.name }).key1 },
        metadata: { ApiType: "Azure", ResourceId: openai.id },
    },
});

// A permissive content filter someone created "to reduce false positives", attached to nothing.
new azure.cognitiveservices.RaiPolicy("relaxed", {
    resourceGroupName,
    accountName: openai.name,
    raiPolicyName: "relaxed",
    properties: {
        basePolicyName: "Microsoft.DefaultV2",
        contentFilters: [
            { name: "Jailbreak", source: "Prompt", enabled: false, blocking: false },
            { name: "Hate", source: "Prompt", enabled: true, blocking: false, severityThreshold: "High" },
        ],
    },
});

// AI Search with admin keys on the public internet.
const searchService = new azure.search.Service("rag-index", {
    resourceGroupName,
    location,
    sku: { name: "basic" },
    publicNetworkAccess: "Enabled",
    tags,
});

// Diagnostics only for the workspace, and only metrics.
new azure.monitor.DiagnosticSetting("diag-workspace", {
    resourceUri: workspace.id,
    workspaceId: logs.id,
    metrics: [{ category: "AllMetrics", enabled: true }],
});

export const workspaceName = workspace.name;
export const openaiAccountName = openai.name;
export const searchServiceName = searchService.name;
