import { policyCases, usePack } from "../../support/cases";
import { remediationTests, UNKNOWN_VALUES, versioned, withPath, without } from "./helpers";

const WORKSPACE = "azure-native:machinelearningservices:Workspace";
const REGISTRY = "azure-native:machinelearningservices:Registry";
const V = versioned(WORKSPACE, "v20240401");
const RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai/providers";
const UAI = `${RG}/Microsoft.ManagedIdentity/userAssignedIdentities/id-mlw`;
const KV = `${RG}/Microsoft.KeyVault/vaults/kv-ml`;

/** A workspace as a careful user's program declares it. */
const compliant = {
    resourceGroupName: "rg-ai",
    location: "westeurope",
    workspaceName: "mlw-fraud",
    kind: "Default",
    sku: { name: "Basic", tier: "Basic" },
    friendlyName: "Fraud models",
    storageAccount: `${RG}/Microsoft.Storage/storageAccounts/stmlfraud`,
    keyVault: KV,
    applicationInsights: `${RG}/Microsoft.Insights/components/appi-ml`,
    containerRegistry: `${RG}/Microsoft.ContainerRegistry/registries/acraimodels`,
    identity: { type: "UserAssigned", userAssignedIdentities: [UAI] },
    primaryUserAssignedIdentity: UAI,
    publicNetworkAccess: "Disabled",
    allowPublicAccessWhenBehindVnet: false,
    managedNetwork: {
        isolationMode: "AllowOnlyApprovedOutbound",
        outboundRules: { pypi: { type: "FQDN", category: "UserDefined", destination: "pypi.org" } },
    },
    systemDatastoresAuthMode: "Identity",
    encryption: {
        status: "Enabled",
        keyVaultProperties: { keyVaultArmId: KV, keyIdentifier: "https://kv-ml.vault.azure.net/keys/cmk/0123456789abcdef" },
        identity: { userAssignedIdentity: UAI },
    },
    hbiWorkspace: true,
    tags: { "Data-Classification": "Confidential", owner: "fraud-team" },
};

/** An AI Foundry hub project: inherits network and encryption from its hub. */
const project = { ...without(without(compliant, "managedNetwork"), "encryption"), kind: "Project", hubResourceId: `${RG}/Microsoft.MachineLearningServices/workspaces/hub-ai` };

describe("azure: Machine Learning workspaces", function () {
    const pack = usePack();

    policyCases(pack, "azure-ml-workspace-public-network-disabled", WORKSPACE, [
        { kind: "violating", title: '"Enabled"', props: { ...compliant, publicNetworkAccess: "Enabled" }, expect: "violation", message: /publicNetworkAccess is "Enabled"/ },
        { kind: "compliant", title: '"Disabled" (versioned token)', type: V, props: compliant, expect: "pass" },
        { kind: "compliant", title: 'lower-case "disabled"', props: { ...compliant, publicNetworkAccess: "disabled" }, expect: "pass" },
        { kind: "absent", title: "not set: Azure defaults to Enabled", props: without(compliant, "publicNetworkAccess"), expect: "violation", message: /Azure default: "Enabled"/ },
        { kind: "unknown", title: "unknown", props: { ...compliant, publicNetworkAccess: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "a boolean", props: { ...compliant, publicNetworkAccess: false }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-ml-workspace-approved-outbound", WORKSPACE, [
        {
            kind: "violating",
            title: "AllowInternetOutbound",
            props: withPath(compliant, "managedNetwork.isolationMode", "AllowInternetOutbound"),
            expect: "violation",
            message: /isolationMode is "AllowInternetOutbound".*"AllowOnlyApprovedOutbound"/,
        },
        { kind: "violating", title: "Disabled (versioned token)", type: V, props: withPath(compliant, "managedNetwork.isolationMode", "Disabled"), expect: "violation" },
        { kind: "compliant", title: "AllowOnlyApprovedOutbound", props: compliant, expect: "pass" },
        { kind: "compliant", title: "hub project inherits the hub's network", props: project, expect: "not-applicable" },
        {
            kind: "absent",
            title: "no managed network: Disabled by default",
            props: without(compliant, "managedNetwork"),
            expect: "violation",
            message: /Azure default: "Disabled"/,
        },
        { kind: "unknown", title: "managed network unknown", props: { ...compliant, managedNetwork: UNKNOWN_VALUES.object }, expect: "unknown" },
        { kind: "unknown", title: "kind unknown", props: { ...compliant, kind: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "an unsupported mode", props: withPath(compliant, "managedNetwork.isolationMode", "Open"), expect: "malformed" },
    ]);

    policyCases(pack, "azure-ml-workspace-no-public-access-behind-vnet", WORKSPACE, [
        {
            kind: "violating",
            title: "true",
            props: { ...compliant, allowPublicAccessWhenBehindVnet: true },
            expect: "violation",
            message: /allowPublicAccessWhenBehindVnet is true/,
        },
        { kind: "compliant", title: "false (versioned token)", type: V, props: compliant, expect: "pass" },
        { kind: "absent", title: "not set: false by default", props: without(compliant, "allowPublicAccessWhenBehindVnet"), expect: "pass" },
        { kind: "unknown", title: "unknown", props: { ...compliant, allowPublicAccessWhenBehindVnet: UNKNOWN_VALUES.bool }, expect: "unknown" },
        { kind: "malformed", title: "a string", props: { ...compliant, allowPublicAccessWhenBehindVnet: "sometimes" }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-ml-workspace-identity-datastore-auth", WORKSPACE, [
        {
            kind: "violating",
            title: "AccessKey",
            props: { ...compliant, systemDatastoresAuthMode: "AccessKey" },
            expect: "violation",
            message: /systemDatastoresAuthMode is "AccessKey"/,
        },
        {
            kind: "violating",
            title: "UserDelegationSAS is not accepted by default (versioned token)",
            type: V,
            props: { ...compliant, systemDatastoresAuthMode: "UserDelegationSAS" },
            expect: "violation",
        },
        { kind: "compliant", title: "Identity", props: compliant, expect: "pass" },
        { kind: "compliant", title: "identity in lower case", props: { ...compliant, systemDatastoresAuthMode: "identity" }, expect: "pass" },
        {
            kind: "absent",
            title: "not set: AccessKey by default",
            props: without(compliant, "systemDatastoresAuthMode"),
            expect: "violation",
            message: /Azure default: "AccessKey"/,
        },
        { kind: "unknown", title: "unknown", props: { ...compliant, systemDatastoresAuthMode: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "a number", props: { ...compliant, systemDatastoresAuthMode: 2 }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-ml-workspace-user-assigned-identity", WORKSPACE, [
        {
            kind: "violating",
            title: "system-assigned",
            props: { ...compliant, identity: { type: "SystemAssigned" } },
            expect: "violation",
            message: /identity.type is "SystemAssigned"/,
        },
        {
            kind: "violating",
            title: "user-assigned without primary identity (versioned token)",
            type: V,
            props: without(compliant, "primaryUserAssignedIdentity"),
            expect: "violation",
            message: /primaryUserAssignedIdentity is not set/,
        },
        { kind: "compliant", title: "user-assigned and primary", props: compliant, expect: "pass" },
        { kind: "compliant", title: '"SystemAssigned, UserAssigned" with primary', props: withPath(compliant, "identity.type", "SystemAssigned, UserAssigned"), expect: "pass" },
        { kind: "absent", title: "no identity", props: without(compliant, "identity"), expect: "violation", message: /identity.type is not set/ },
        {
            kind: "compliant",
            title: "primary identity from another resource (unknown in preview, yet set)",
            props: { ...compliant, primaryUserAssignedIdentity: UNKNOWN_VALUES.string },
            expect: "pass",
        },
        { kind: "unknown", title: "identity type from another resource", props: withPath(compliant, "identity.type", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "malformed", title: "identity is a string", props: { ...compliant, identity: "UserAssigned" }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-ml-workspace-cmk", WORKSPACE, [
        {
            kind: "violating",
            title: "status Disabled",
            props: withPath(compliant, "encryption.status", "Disabled"),
            expect: "violation",
            message: /encryption.status is "Disabled"/,
        },
        {
            kind: "violating",
            title: "enabled without key (versioned token)",
            type: V,
            props: without(compliant, "encryption.keyVaultProperties.keyIdentifier"),
            expect: "violation",
            message: /keyIdentifier is not set/,
        },
        { kind: "compliant", title: "enabled with vault and key", props: compliant, expect: "pass" },
        { kind: "compliant", title: "hub project inherits the hub's encryption", props: project, expect: "not-applicable" },
        { kind: "absent", title: "no encryption: Microsoft-managed keys", props: without(compliant, "encryption"), expect: "violation", message: /Azure default: "Disabled"/ },
        {
            kind: "compliant",
            title: "key from a Key resource (unknown in preview, yet set)",
            props: withPath(compliant, "encryption.keyVaultProperties.keyIdentifier", UNKNOWN_VALUES.string),
            expect: "pass",
        },
        { kind: "unknown", title: "encryption unknown as a whole", props: { ...compliant, encryption: UNKNOWN_VALUES.object }, expect: "unknown" },
        { kind: "malformed", title: "encryption is a string", props: { ...compliant, encryption: "Enabled" }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-ml-workspace-hbi", WORKSPACE, [
        { kind: "violating", title: "confidential but not HBI", props: { ...compliant, hbiWorkspace: false }, expect: "violation", message: /hbiWorkspace is false/ },
        {
            kind: "violating",
            title: "tag value in another casing (versioned token)",
            type: V,
            props: { ...compliant, hbiWorkspace: false, tags: { "data-classification": "HIGHLY-CONFIDENTIAL" } },
            expect: "violation",
        },
        { kind: "compliant", title: "confidential and HBI", props: compliant, expect: "pass" },
        {
            kind: "compliant",
            title: "public data: not applicable",
            props: { ...compliant, hbiWorkspace: false, tags: { "data-classification": "public" } },
            expect: "not-applicable",
        },
        {
            kind: "absent",
            title: "confidential, hbiWorkspace not set: false by default",
            props: without(compliant, "hbiWorkspace"),
            expect: "violation",
            message: /hbiWorkspace is not set \(Azure default: false\)/,
        },
        { kind: "absent", title: "no tags: not applicable", props: without(without(compliant, "hbiWorkspace"), "tags"), expect: "not-applicable" },
        {
            kind: "unknown",
            title: "classification tag unknown",
            props: { ...compliant, hbiWorkspace: false, tags: { "data-classification": UNKNOWN_VALUES.string } },
            expect: "unknown",
        },
        { kind: "unknown", title: "hbiWorkspace unknown", props: { ...compliant, hbiWorkspace: UNKNOWN_VALUES.bool }, expect: "unknown" },
        { kind: "malformed", title: "hbiWorkspace is a string", props: { ...compliant, hbiWorkspace: "yes" }, expect: "malformed" },
        { kind: "malformed", title: "tags is a string", props: { ...compliant, tags: "confidential" }, expect: "malformed", message: /cannot evaluate tags/ },
    ]);

    policyCases(pack, "azure-ml-workspace-application-insights", WORKSPACE, [
        {
            kind: "violating",
            title: "AI Foundry hub without Application Insights",
            props: without({ ...compliant, kind: "Hub" }, "applicationInsights"),
            expect: "violation",
            message: /applicationInsights is not set/,
        },
        { kind: "compliant", title: "set (versioned token)", type: V, props: compliant, expect: "pass" },
        { kind: "compliant", title: "hub project: inherits its hub's", props: without(project, "applicationInsights"), expect: "not-applicable" },
        { kind: "absent", title: "not set", props: without(compliant, "applicationInsights"), expect: "violation", message: /emit no request, failure or trace telemetry/ },
        { kind: "absent", title: "empty string", props: { ...compliant, applicationInsights: "" }, expect: "violation" },
        {
            kind: "compliant",
            title: "component id from another resource (unknown in preview, yet set)",
            props: { ...compliant, applicationInsights: UNKNOWN_VALUES.string },
            expect: "pass",
        },
        { kind: "unknown", title: "kind unknown", props: without({ ...compliant, kind: UNKNOWN_VALUES.string }, "applicationInsights"), expect: "unknown" },
        { kind: "malformed", title: "an object", props: { ...compliant, applicationInsights: { id: "appi" } }, expect: "malformed" },
    ]);
});

describe("azure: Machine Learning datastores", function () {
    const pack = usePack();
    const DATASTORE = "azure-native:machinelearningservices:Datastore";
    const datastore = {
        resourceGroupName: "rg-ai",
        workspaceName: "mlw-fraud",
        name: "training-data",
        properties: { datastoreType: "AzureBlob", accountName: "stmlfraud", containerName: "training", credentials: { credentialsType: "None" } },
    };

    policyCases(pack, "azure-ml-datastore-identity-auth", DATASTORE, [
        {
            kind: "violating",
            title: "account key",
            props: withPath(datastore, "properties.credentials", { credentialsType: "AccountKey", secrets: { secretsType: "AccountKey", key: "k" } }),
            expect: "violation",
            message: /credentialsType is "AccountKey": the workspace keeps a storage secret/,
        },
        {
            kind: "violating",
            title: "SAS token (versioned token)",
            type: versioned(DATASTORE, "v20240401"),
            props: withPath(datastore, "properties.credentials", { credentialsType: "sas" }),
            expect: "violation",
            message: /credentialsType is "Sas"/,
        },
        { kind: "compliant", title: "identity-based", props: datastore, expect: "pass" },
        {
            kind: "absent",
            title: "no credentials (Azure requires them)",
            props: without(datastore, "properties.credentials"),
            expect: "violation",
            message: /credentialsType is not set/,
        },
        { kind: "unknown", title: "credential type unknown", props: withPath(datastore, "properties.credentials.credentialsType", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "malformed", title: "credentials is a string", props: withPath(datastore, "properties.credentials", "None"), expect: "malformed" },
        { kind: "malformed", title: "unsupported type", props: withPath(datastore, "properties.credentials.credentialsType", "Password"), expect: "malformed" },
    ]);

    describe("configured to accept service principals", function () {
        const configured = usePack({ "azure-ml-datastore-identity-auth": { acceptedCredentialTypes: ["None", "ServicePrincipal"] } });
        policyCases(configured, "azure-ml-datastore-identity-auth", DATASTORE, [
            { kind: "compliant", title: "service principal accepted", props: withPath(datastore, "properties.credentials.credentialsType", "ServicePrincipal"), expect: "pass" },
            {
                kind: "violating",
                title: "account key still refused",
                props: withPath(datastore, "properties.credentials.credentialsType", "AccountKey"),
                expect: "violation",
                message: /one of "None", "ServicePrincipal"/,
            },
        ]);
    });
});

describe("azure: Machine Learning workspaces, configured", function () {
    const pack = usePack({
        "azure-ml-workspace-approved-outbound": { acceptedIsolationModes: ["AllowOnlyApprovedOutbound", "AllowInternetOutbound"] },
        "azure-ml-workspace-identity-datastore-auth": { acceptedAuthModes: ["Identity", "UserDelegationSAS"] },
        "azure-ml-workspace-hbi": { sensitivityTagKey: "classification", sensitiveValues: ["secret"] },
    });

    policyCases(pack, "azure-ml-workspace-approved-outbound", WORKSPACE, [
        {
            kind: "compliant",
            title: "AllowInternetOutbound accepted (versioned token)",
            type: V,
            props: withPath(compliant, "managedNetwork.isolationMode", "AllowInternetOutbound"),
            expect: "pass",
        },
        {
            kind: "violating",
            title: "Disabled still refused",
            props: withPath(compliant, "managedNetwork.isolationMode", "Disabled"),
            expect: "violation",
            message: /"AllowOnlyApprovedOutbound" or "AllowInternetOutbound"/,
        },
    ]);
    policyCases(pack, "azure-ml-workspace-identity-datastore-auth", WORKSPACE, [
        {
            kind: "compliant",
            title: "UserDelegationSAS accepted (versioned token)",
            type: V,
            props: { ...compliant, systemDatastoresAuthMode: "UserDelegationSAS" },
            expect: "pass",
        },
    ]);
    policyCases(pack, "azure-ml-workspace-hbi", WORKSPACE, [
        {
            kind: "violating",
            title: "custom tag and value (versioned token)",
            type: V,
            props: { ...compliant, hbiWorkspace: false, tags: { Classification: "Secret" } },
            expect: "violation",
        },
        { kind: "compliant", title: "the default tag no longer counts", props: { ...compliant, hbiWorkspace: false }, expect: "not-applicable" },
    ]);
});

remediationTests({
    policy: "azure-ml-workspace-no-public-access-behind-vnet",
    type: WORKSPACE,
    base: compliant,
    path: "allowPublicAccessWhenBehindVnet",
    violating: true,
    fixed: false,
    stricter: false,
    secretPath: "encryption.keyVaultProperties.keyIdentifier",
    unknown: UNKNOWN_VALUES.bool,
});

/** A registry as a careful user's program declares it. */
const registry = {
    resourceGroupName: "rg-ai",
    location: "westeurope",
    registryName: "mlreg-shared",
    identity: { type: "SystemAssigned" },
    publicNetworkAccess: "Disabled",
    regionDetails: [
        {
            location: "westeurope",
            acrDetails: [{ systemCreatedAcrAccount: { acrAccountSku: "Premium" } }],
            storageAccountDetails: [{ systemCreatedStorageAccount: { storageAccountType: "Standard_ZRS", storageAccountHnsEnabled: false, allowBlobPublicAccess: false } }],
        },
    ],
    tags: { owner: "ml-platform" },
};
const RV = versioned(REGISTRY, "v20250101preview");
const STORAGE_FLAG = "regionDetails";
const openStorage = withPath(registry, STORAGE_FLAG, [
    { ...registry.regionDetails[0], storageAccountDetails: [{ systemCreatedStorageAccount: { storageAccountType: "Standard_LRS", allowBlobPublicAccess: true } }] },
]);

describe("azure: Machine Learning registries", function () {
    const pack = usePack();

    policyCases(pack, "azure-ml-registry-public-network-disabled", REGISTRY, [
        { kind: "violating", title: '"Enabled"', props: { ...registry, publicNetworkAccess: "Enabled" }, expect: "violation", message: /publicNetworkAccess is "Enabled"/ },
        { kind: "compliant", title: '"Disabled" (versioned token)', type: RV, props: registry, expect: "pass" },
        { kind: "absent", title: "not set: Enabled by default", props: without(registry, "publicNetworkAccess"), expect: "violation", message: /Azure default: "Enabled"/ },
        { kind: "unknown", title: "unknown", props: { ...registry, publicNetworkAccess: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "unsupported value", props: { ...registry, publicNetworkAccess: "Private" }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-ml-registry-storage-no-public-blob", REGISTRY, [
        { kind: "violating", title: "public blob access on", props: openStorage, expect: "violation", message: /allowBlobPublicAccess is true/ },
        { kind: "violating", title: "versioned token", type: RV, props: openStorage, expect: "violation" },
        { kind: "compliant", title: "off", props: registry, expect: "pass" },
        {
            kind: "absent",
            title: "flag not set: off by default",
            props: withPath(registry, STORAGE_FLAG, [{ location: "westeurope", storageAccountDetails: [{ systemCreatedStorageAccount: { storageAccountType: "Standard_ZRS" } }] }]),
            expect: "pass",
        },
        { kind: "absent", title: "no region details", props: without(registry, STORAGE_FLAG), expect: "pass" },
        {
            kind: "unknown",
            title: "flag unknown",
            props: withPath(registry, STORAGE_FLAG, [
                { location: "westeurope", storageAccountDetails: [{ systemCreatedStorageAccount: { allowBlobPublicAccess: UNKNOWN_VALUES.bool } }] },
            ]),
            expect: "unknown",
        },
        { kind: "unknown", title: "region details unknown", props: { ...registry, regionDetails: UNKNOWN_VALUES.array }, expect: "unknown" },
        { kind: "malformed", title: "region details is a string", props: { ...registry, regionDetails: "westeurope" }, expect: "malformed", message: /regionDetails/ },
    ]);
});
