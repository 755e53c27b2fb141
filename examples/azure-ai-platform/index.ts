// An Azure AI platform built the way the Guidelines for Secure AI System Development ask: an
// Azure ML workspace with a managed network that allows only approved outbound traffic, its
// storage, Key Vault, container registry and Application Insights behind private endpoints and
// encrypted with customer-managed keys; an Azure OpenAI account and deployment behind a content
// filter with prompt shields; AI Search; Defender for AI Services; diagnostic settings on everything to Log Analytics.
import * as pulumi from "@pulumi/pulumi";
import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import * as authorization from "@pulumi/azure-native/authorization";
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as containerregistry from "@pulumi/azure-native/containerregistry";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as monitor from "@pulumi/azure-native/monitor";
import * as network from "@pulumi/azure-native/network";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as resources from "@pulumi/azure-native/resources";
import * as search from "@pulumi/azure-native/search";
import * as security from "@pulumi/azure-native/security";
import * as storage from "@pulumi/azure-native/storage";

const config = new pulumi.Config();
const env = config.get("env") ?? "dev";
const location = config.get("location") ?? "westeurope";
const client = authorization.getClientConfigOutput();

// The ai-workload tag marks the AI data stores; the other tags are the inventory the guidelines ask for.
const tags = {
    "ai-workload": "true",
    owner: "ai-platform-team",
    "data-classification": "confidential",
    environment: env,
};

const rg = new resources.ResourceGroup("ai-platform", { resourceGroupName: `rg-ai-platform-${env}`, location, tags });
const resourceGroupName = rg.name;

// ---------------------------------------------------------------------------------------------
// Network: one VNet, a subnet for compute and one for private endpoints.

const vnet = new network.VirtualNetwork("ai", {
    resourceGroupName,
    location,
    addressSpace: { addressPrefixes: ["10.30.0.0/16"] },
    tags,
});
const computeSubnet = new network.Subnet("compute", {
    resourceGroupName,
    virtualNetworkName: vnet.name,
    addressPrefix: "10.30.1.0/24",
    defaultOutboundAccess: false,
});
const endpointSubnet = new network.Subnet("private-endpoints", {
    resourceGroupName,
    virtualNetworkName: vnet.name,
    addressPrefix: "10.30.2.0/24",
    privateEndpointNetworkPolicies: "Enabled",
    defaultOutboundAccess: false,
});

function privateEndpoint(name: string, target: pulumi.Input<string>, groupId: string): network.PrivateEndpoint {
    return new network.PrivateEndpoint(`pe-${name}`, {
        resourceGroupName,
        location,
        subnet: { id: endpointSubnet.id },
        privateLinkServiceConnections: [{ name, privateLinkServiceId: target, groupIds: [groupId] }],
        tags,
    });
}

// ---------------------------------------------------------------------------------------------
// Logs: a Log Analytics workspace that keeps a year, Entra-only, private.

const logs = new operationalinsights.Workspace("ai-logs", {
    resourceGroupName,
    location,
    sku: { name: "PerGB2018" },
    retentionInDays: 365,
    features: { disableLocalAuth: true },
    publicNetworkAccessForIngestion: "Disabled",
    publicNetworkAccessForQuery: "Disabled",
    tags,
});

function diagnostics(name: string, resourceUri: pulumi.Input<string>): monitor.DiagnosticSetting {
    return new monitor.DiagnosticSetting(`diag-${name}`, {
        name: "to-log-analytics",
        resourceUri,
        workspaceId: logs.id,
        logs: [
            { categoryGroup: "audit", enabled: true },
            { categoryGroup: "allLogs", enabled: true },
        ],
        metrics: [{ category: "AllMetrics", enabled: true }],
    });
}

// ---------------------------------------------------------------------------------------------
// Identity and keys: a user-assigned identity for the platform; an RBAC, purge-protected,
// private Key Vault with rotating CMKs.

const identity = new managedidentity.UserAssignedIdentity("ai-platform", { resourceGroupName, location, tags });

const vault = new keyvault.Vault("ai-keys", {
    resourceGroupName,
    location,
    properties: {
        tenantId: client.tenantId,
        sku: { family: "A", name: "premium" },
        enableRbacAuthorization: true,
        enableSoftDelete: true,
        softDeleteRetentionInDays: 90,
        enablePurgeProtection: true,
        publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
    },
    tags,
});

// The identity unwraps the CMKs: Azure checks this access when a CMK-encrypted registry, storage
// account, workspace or AI services account is created, so they wait for the role assignment.
const KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER = "e147488a-f6f5-4113-8e2d-b22465e65bf6";
const keyAccess = new authorization.RoleAssignment("ai-platform-keys", {
    scope: vault.id,
    principalId: identity.principalId,
    principalType: "ServicePrincipal",
    roleDefinitionId: pulumi.interpolate`/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER}`,
});

function cmk(name: string): keyvault.Key {
    return new keyvault.Key(name, {
        resourceGroupName,
        vaultName: vault.name,
        keyName: name,
        properties: {
            kty: "RSA",
            keySize: 3072,
            rotationPolicy: {
                attributes: { expiryTime: "P1Y" },
                lifetimeActions: [
                    { trigger: { timeAfterCreate: "P11M" }, action: { type: "rotate" } },
                    { trigger: { timeBeforeExpiry: "P30D" }, action: { type: "notify" } },
                ],
            },
        },
        tags,
    });
}
const storageKey = cmk("storage-cmk");
const workspaceKey = cmk("workspace-cmk");
const registryKey = cmk("registry-cmk");
const openaiKey = cmk("openai-cmk");

// ---------------------------------------------------------------------------------------------
// Storage for the workspace: CMK, TLS 1.2, no public or shared-key access, soft delete, versioning.

const store = new storage.StorageAccount(
    "aidata",
    {
        resourceGroupName,
        location,
        kind: "StorageV2",
        sku: { name: "Standard_ZRS" },
        identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: "TLS1_2",
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        defaultToOAuthAuthentication: true,
        publicNetworkAccess: "Disabled",
        networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" },
        encryption: {
            keySource: "Microsoft.Keyvault",
            keyVaultProperties: { keyName: storageKey.name, keyVaultUri: vault.properties.vaultUri },
            encryptionIdentity: { encryptionUserAssignedIdentity: identity.id },
            requireInfrastructureEncryption: true,
        },
        tags,
    },
    { dependsOn: [keyAccess] },
);
new storage.BlobServiceProperties("aidata", {
    resourceGroupName,
    accountName: store.name,
    blobServicesName: "default",
    isVersioningEnabled: true,
    deleteRetentionPolicy: { enabled: true, days: 30 },
    containerDeleteRetentionPolicy: { enabled: true, days: 30 },
});
new storage.BlobContainer("training-data", { resourceGroupName, accountName: store.name, publicAccess: "None" });

// ---------------------------------------------------------------------------------------------
// Container registry: Premium (private link, network rules, export policy, CMK), no admin user, no
// anonymous pull, CMK, no export, quarantine, soft delete. Not the untagged-manifest retention
// policy (Azure rejects it together with soft delete) and not content trust (Azure does not support
// it on a CMK-encrypted registry, and is retiring it; sign images with Notation instead).

const registry = new containerregistry.Registry(
    "aimodels",
    {
        resourceGroupName,
        location,
        sku: { name: "Premium" },
        identity: { type: "UserAssigned", userAssignedIdentities: identity.id.apply((id) => ({ [id]: {} })) },
        adminUserEnabled: false,
        anonymousPullEnabled: false,
        publicNetworkAccess: "Disabled",
        networkRuleSet: { defaultAction: "Deny" },
        encryption: { status: "enabled", keyVaultProperties: { keyIdentifier: registryKey.keyUri, identity: identity.clientId } },
        policies: {
            exportPolicy: { status: "disabled" },
            quarantinePolicy: { status: "enabled" },
            softDeletePolicy: { status: "enabled", retentionDays: 30 },
            azureADAuthenticationAsArmPolicy: { status: "disabled" },
        },
        tags,
    },
    { dependsOn: [keyAccess] },
);

const appInsights = new applicationinsights.Component("ai-platform", {
    resourceGroupName,
    location,
    kind: "web",
    applicationType: "web",
    workspaceResourceId: logs.id,
    disableLocalAuth: true,
    publicNetworkAccessForIngestion: "Disabled",
    publicNetworkAccessForQuery: "Disabled",
    tags,
});

// ---------------------------------------------------------------------------------------------
// Azure ML workspace: private, approved-outbound managed network, CMK, HBI, identity-based datastores.

const workspace = new machinelearningservices.Workspace(
    "ai-platform",
    {
        resourceGroupName,
        location,
        sku: { name: "Basic", tier: "Basic" },
        identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
        primaryUserAssignedIdentity: identity.id,
        storageAccount: store.id,
        keyVault: vault.id,
        containerRegistry: registry.id,
        applicationInsights: appInsights.id,
        publicNetworkAccess: "Disabled",
        allowPublicAccessWhenBehindVnet: false,
        managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" },
        hbiWorkspace: true,
        systemDatastoresAuthMode: "Identity",
        encryption: {
            status: "Enabled",
            identity: { userAssignedIdentity: identity.id },
            keyVaultProperties: { keyVaultArmId: vault.id, keyIdentifier: workspaceKey.keyUriWithVersion },
        },
        tags,
    },
    { dependsOn: [keyAccess] },
);

new machinelearningservices.Compute("research", {
    resourceGroupName,
    workspaceName: workspace.name,
    location,
    properties: {
        computeType: "ComputeInstance",
        disableLocalAuth: true,
        properties: {
            vmSize: "Standard_DS3_v2",
            enableNodePublicIp: false,
            subnet: { id: computeSubnet.id },
            sshSettings: { sshPublicAccess: "Disabled" },
            idleTimeBeforeShutdown: "PT30M",
            computeInstanceAuthorizationType: "personal",
        },
    },
    tags,
});

// ---------------------------------------------------------------------------------------------
// Azure OpenAI: Entra-only, private, CMK, restricted outbound, a custom content filter with
// prompt shields, and a pinned model version.

const openai = new cognitiveservices.Account(
    "openai",
    {
        resourceGroupName,
        location,
        kind: "OpenAI",
        sku: { name: "S0" },
        identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
        properties: {
            customSubDomainName: `ai-platform-${env}-openai`,
            disableLocalAuth: true,
            publicNetworkAccess: "Disabled",
            networkAcls: { defaultAction: "Deny" },
            restrictOutboundNetworkAccess: true,
            allowedFqdnList: [pulumi.interpolate`${store.name}.blob.core.windows.net`],
            encryption: {
                keySource: "Microsoft.KeyVault",
                keyVaultProperties: { keyName: openaiKey.name, keyVaultUri: vault.properties.vaultUri, identityClientId: identity.clientId },
            },
            userOwnedStorage: [{ resourceId: store.id, identityClientId: identity.clientId }],
        },
        tags,
    },
    { dependsOn: [keyAccess] },
);

const filter = (name: string, source: "Prompt" | "Completion", severityThreshold = "Medium") => ({
    name,
    source,
    enabled: true,
    blocking: true,
    severityThreshold,
});
const contentFilterName = "strict-with-prompt-shields";
const contentFilter = new cognitiveservices.RaiPolicy("strict", {
    resourceGroupName,
    accountName: openai.name,
    raiPolicyName: contentFilterName,
    properties: {
        basePolicyName: "Microsoft.DefaultV2",
        mode: "Blocking",
        contentFilters: [
            ...["Hate", "Sexual", "Violence", "Selfharm"].flatMap((n) => [filter(n, "Prompt"), filter(n, "Completion")]),
            { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
            { name: "Indirect Attack", source: "Prompt", enabled: true, blocking: true },
            { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
            { name: "Protected Material Code", source: "Completion", enabled: true, blocking: true },
        ],
    },
    tags,
});

new cognitiveservices.Deployment(
    "gpt-4o",
    {
        resourceGroupName,
        accountName: openai.name,
        deploymentName: "gpt-4o",
        sku: { name: "Standard", capacity: 30 },
        properties: {
            model: { format: "OpenAI", name: "gpt-4o", version: "2024-08-06" },
            raiPolicyName: contentFilterName,
            versionUpgradeOption: "NoAutoUpgrade",
        },
        tags,
    },
    { dependsOn: [contentFilter] },
);

// Microsoft Defender for AI Services on the subscription: alerts on jailbreaks, prompt injection
// and data leaks through the models.
new security.Pricing("defender-ai", {
    pricingName: "AI",
    pricingTier: "Standard",
    scopeId: pulumi.interpolate`/subscriptions/${client.subscriptionId}`,
});

// ---------------------------------------------------------------------------------------------
// AI Search for retrieval: private, Entra-only, CMK enforced.

const searchService = new search.Service("rag-index", {
    resourceGroupName,
    location,
    sku: { name: "standard" },
    replicaCount: 2,
    partitionCount: 1,
    publicNetworkAccess: "Disabled",
    disableLocalAuth: true,
    encryptionWithCmk: { enforcement: "Enabled" },
    identity: { type: "SystemAssigned" },
    tags,
});

// ---------------------------------------------------------------------------------------------
// Private endpoints and diagnostic settings for every service.

privateEndpoint("workspace", workspace.id, "amlworkspace");
privateEndpoint("storage-blob", store.id, "blob");
privateEndpoint("vault", vault.id, "vault");
privateEndpoint("registry", registry.id, "registry");
privateEndpoint("openai", openai.id, "account");
privateEndpoint("search", searchService.id, "searchService");

diagnostics("workspace", workspace.id);
diagnostics("openai", openai.id);
diagnostics("search", searchService.id);
diagnostics("vault", vault.id);
diagnostics("registry", registry.id);
diagnostics("storage-blob", pulumi.interpolate`${store.id}/blobServices/default`);

export const workspaceName = workspace.name;
export const openaiAccountName = openai.name;
export const searchServiceName = searchService.name;
