import { policyCases, usePack } from "../../support/cases";
import { UNKNOWN_VALUES, versioned, withPath, without } from "./helpers";

const ONLINE_ENDPOINT = "azure-native:machinelearningservices:OnlineEndpoint";
const ONLINE = "azure-native:machinelearningservices:OnlineDeployment";
const BATCH = "azure-native:machinelearningservices:BatchDeployment";
const BATCH_ENDPOINT = "azure-native:machinelearningservices:BatchEndpoint";
const SERVERLESS = "azure-native:machinelearningservices:ServerlessEndpoint";
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai/providers/Microsoft.MachineLearningServices";

const endpoint = {
    resourceGroupName: "rg-ai",
    workspaceName: "mlw-fraud",
    endpointName: "fraud-scoring",
    location: "westeurope",
    identity: { type: "SystemAssigned" },
    properties: { authMode: "AADToken", publicNetworkAccess: "Disabled", description: "Fraud scoring" },
};

const REGISTRY_MODEL = "azureml://registries/azureml/models/Phi-3-mini-4k-instruct/versions/15";

/** A managed online deployment as a careful user's program declares it. */
const deployment = {
    resourceGroupName: "rg-ai",
    workspaceName: "mlw-fraud",
    endpointName: "fraud-scoring",
    deploymentName: "blue",
    location: "westeurope",
    sku: { name: "Default", capacity: 1 },
    properties: {
        endpointComputeType: "Managed",
        model: REGISTRY_MODEL,
        instanceType: "Standard_DS3_v2",
        egressPublicNetworkAccess: "Disabled",
        appInsightsEnabled: true,
        dataCollector: {
            collections: {
                model_inputs: { dataCollectionMode: "Enabled", samplingRate: 1 },
                model_outputs: { dataCollectionMode: "Enabled", samplingRate: 1 },
            },
            rollingRate: "Hour",
        },
        environmentVariables: { LOG_LEVEL: "info" },
    },
};

const batch = {
    resourceGroupName: "rg-ai",
    workspaceName: "mlw-fraud",
    endpointName: "fraud-batch",
    deploymentName: "nightly",
    location: "westeurope",
    properties: {
        compute: `${SUB}/workspaces/mlw-fraud/computes/cpu-cluster`,
        model: { referenceType: "Id", assetId: `${SUB}/registries/mlreg-shared/models/fraud/versions/3` },
        miniBatchSize: 10,
        outputAction: "AppendRow",
    },
};

const serverless = {
    resourceGroupName: "rg-ai",
    workspaceName: "hub-project",
    name: "llama-chat",
    location: "eastus2",
    sku: { name: "Consumption" },
    properties: {
        authMode: "AAD",
        modelSettings: { modelId: "azureml://registries/azureml-meta/models/Meta-Llama-3-8B-Instruct" },
        contentSafety: { contentSafetyStatus: "Enabled" },
    },
};

describe("azure: Machine Learning endpoints and deployments", function () {
    const pack = usePack();

    policyCases(pack, "azure-ml-online-endpoint-public-network-disabled", ONLINE_ENDPOINT, [
        {
            kind: "violating",
            title: "Enabled",
            props: withPath(endpoint, "properties.publicNetworkAccess", "Enabled"),
            expect: "violation",
            message: /properties.publicNetworkAccess is "Enabled"/,
        },
        { kind: "compliant", title: "Disabled (versioned token)", type: versioned(ONLINE_ENDPOINT), props: endpoint, expect: "pass" },
        {
            kind: "absent",
            title: "not set: Enabled by default",
            props: without(endpoint, "properties.publicNetworkAccess"),
            expect: "violation",
            message: /Azure default: "Enabled"/,
        },
        { kind: "unknown", title: "unknown", props: withPath(endpoint, "properties.publicNetworkAccess", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "malformed", title: "properties is a string", props: { ...endpoint, properties: "private" }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-ml-online-endpoint-entra-auth", ONLINE_ENDPOINT, [
        { kind: "violating", title: "Key", props: withPath(endpoint, "properties.authMode", "Key"), expect: "violation", message: /properties.authMode is "Key"/ },
        {
            kind: "violating",
            title: "key in lower case (versioned token)",
            type: versioned(ONLINE_ENDPOINT),
            props: withPath(endpoint, "properties.authMode", "key"),
            expect: "violation",
        },
        { kind: "compliant", title: "AADToken", props: endpoint, expect: "pass" },
        { kind: "compliant", title: "AMLToken accepted by default", props: withPath(endpoint, "properties.authMode", "AMLToken"), expect: "pass" },
        { kind: "absent", title: "not set (required by Azure)", props: without(endpoint, "properties.authMode"), expect: "violation", message: /authMode is not set/ },
        { kind: "unknown", title: "unknown", props: withPath(endpoint, "properties.authMode", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "malformed", title: "unsupported mode", props: withPath(endpoint, "properties.authMode", "Anonymous"), expect: "malformed" },
    ]);

    policyCases(pack, "azure-ml-online-deployment-egress-disabled", ONLINE, [
        {
            kind: "violating",
            title: "Enabled",
            props: withPath(deployment, "properties.egressPublicNetworkAccess", "Enabled"),
            expect: "violation",
            message: /egressPublicNetworkAccess is "Enabled"/,
        },
        { kind: "compliant", title: "Disabled (versioned token)", type: versioned(ONLINE), props: deployment, expect: "pass" },
        {
            kind: "absent",
            title: "not set: Enabled by default",
            props: without(deployment, "properties.egressPublicNetworkAccess"),
            expect: "violation",
            message: /Azure default: "Enabled"/,
        },
        { kind: "unknown", title: "unknown", props: withPath(deployment, "properties.egressPublicNetworkAccess", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "malformed", title: "a boolean", props: withPath(deployment, "properties.egressPublicNetworkAccess", false), expect: "malformed" },
    ]);

    policyCases(pack, "azure-ml-online-deployment-data-collection", ONLINE, [
        {
            kind: "violating",
            title: "outputs collection disabled",
            props: withPath(deployment, "properties.dataCollector.collections.model_outputs.dataCollectionMode", "Disabled"),
            expect: "violation",
            message: /model_outputs.dataCollectionMode is "Disabled"/,
        },
        {
            kind: "violating",
            title: "inputs collection missing (versioned token)",
            type: versioned(ONLINE),
            props: without(deployment, "properties.dataCollector.collections.model_inputs"),
            expect: "violation",
            message: /model_inputs.dataCollectionMode is not set/,
        },
        { kind: "compliant", title: "both enabled", props: deployment, expect: "pass" },
        { kind: "absent", title: "no data collector", props: without(deployment, "properties.dataCollector"), expect: "violation", message: /Azure default: "Disabled"/ },
        { kind: "unknown", title: "collections unknown", props: withPath(deployment, "properties.dataCollector.collections", UNKNOWN_VALUES.object), expect: "unknown" },
        {
            kind: "malformed",
            title: "mode is a boolean",
            props: withPath(deployment, "properties.dataCollector.collections.model_inputs.dataCollectionMode", true),
            expect: "malformed",
        },
    ]);

    policyCases(pack, "azure-ml-online-deployment-app-insights", ONLINE, [
        { kind: "violating", title: "false", props: withPath(deployment, "properties.appInsightsEnabled", false), expect: "violation", message: /appInsightsEnabled is false/ },
        { kind: "compliant", title: "true (versioned token)", type: versioned(ONLINE), props: deployment, expect: "pass" },
        { kind: "absent", title: "not set: false by default", props: without(deployment, "properties.appInsightsEnabled"), expect: "violation", message: /Azure default: false/ },
        { kind: "unknown", title: "unknown", props: withPath(deployment, "properties.appInsightsEnabled", UNKNOWN_VALUES.bool), expect: "unknown" },
        { kind: "malformed", title: "a number", props: withPath(deployment, "properties.appInsightsEnabled", 1), expect: "malformed" },
    ]);

    policyCases(pack, "azure-ml-deployment-approved-registry-models", ONLINE, [
        {
            kind: "violating",
            title: "model from an unapproved registry",
            props: withPath(deployment, "properties.model", "azureml://registries/someone-else/models/x/versions/1"),
            expect: "violation",
            message: /not in approvedRegistries/,
        },
        {
            kind: "violating",
            title: "model from a URL (versioned token)",
            type: versioned(ONLINE),
            props: withPath(deployment, "properties.model", "https://example.com/model.bin"),
            expect: "violation",
            message: /does not name a registered model/,
        },
        {
            kind: "violating",
            title: "batch: unapproved registry by ARM id",
            type: BATCH,
            props: withPath(batch, "properties.model.assetId", `${SUB}/registries/unvetted/models/x/versions/1`),
            expect: "violation",
        },
        {
            kind: "violating",
            title: "batch: raw datastore path (versioned token)",
            type: versioned(BATCH),
            props: withPath(batch, "properties.model", { referenceType: "DataPath", datastoreId: `${SUB}/workspaces/mlw-fraud/datastores/blob`, path: "models/x" }),
            expect: "violation",
            message: /referenceType is "DataPath"/,
        },
        { kind: "compliant", title: "curated azureml registry", props: deployment, expect: "pass" },
        { kind: "compliant", title: "workspace model, short form", props: withPath(deployment, "properties.model", "azureml:fraud-model:3"), expect: "pass" },
        {
            kind: "compliant",
            title: "workspace model, ARM id",
            props: withPath(deployment, "properties.model", `${SUB}/workspaces/mlw-fraud/models/fraud-model/versions/3`),
            expect: "pass",
        },
        {
            kind: "compliant",
            title: "batch: registry model by ARM id (registry name case differs)",
            type: BATCH,
            props: withPath(batch, "properties.model.assetId", `${SUB}/registries/AzureML/models/x/versions/1`),
            expect: "pass",
        },
        { kind: "absent", title: "no model: image-based deployment", props: without(deployment, "properties.model"), expect: "not-applicable" },
        { kind: "absent", title: "batch: no model", type: BATCH, props: without(batch, "properties.model"), expect: "not-applicable" },
        { kind: "unknown", title: "model version from another resource", props: withPath(deployment, "properties.model", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "unknown", title: "batch: asset id unknown", type: BATCH, props: withPath(batch, "properties.model.assetId", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "malformed", title: "model is an object", props: withPath(deployment, "properties.model", { id: REGISTRY_MODEL }), expect: "malformed" },
        { kind: "malformed", title: "batch: unsupported reference type", type: BATCH, props: withPath(batch, "properties.model.referenceType", "Url"), expect: "malformed" },
    ]);

    policyCases(pack, "azure-ml-batch-endpoint-entra-auth", BATCH_ENDPOINT, [
        { kind: "violating", title: "Key", props: withPath(endpoint, "properties", { authMode: "Key" }), expect: "violation", message: /authMode is "Key"/ },
        {
            kind: "violating",
            title: "AMLToken (versioned token)",
            type: versioned(BATCH_ENDPOINT),
            props: withPath(endpoint, "properties", { authMode: "AMLToken" }),
            expect: "violation",
        },
        { kind: "compliant", title: "AADToken", props: withPath(endpoint, "properties", { authMode: "AADToken", defaults: { deploymentName: "nightly" } }), expect: "pass" },
        { kind: "absent", title: "not set (required by Azure)", props: withPath(endpoint, "properties", {}), expect: "violation", message: /not set/ },
        { kind: "unknown", title: "unknown", props: withPath(endpoint, "properties", { authMode: UNKNOWN_VALUES.string }), expect: "unknown" },
        { kind: "malformed", title: "a number", props: withPath(endpoint, "properties", { authMode: 3 }), expect: "malformed" },
    ]);

    policyCases(pack, "azure-ml-serverless-endpoint-entra-auth", SERVERLESS, [
        { kind: "violating", title: "Key", props: withPath(serverless, "properties.authMode", "Key"), expect: "violation", message: /authMode is "Key"/ },
        {
            kind: "violating",
            title: "KeyAndAAD (versioned token)",
            type: versioned(SERVERLESS, "v20240101preview"),
            props: withPath(serverless, "properties.authMode", "KeyAndAAD"),
            expect: "violation",
        },
        { kind: "compliant", title: "AAD", props: serverless, expect: "pass" },
        { kind: "absent", title: "not set (required by Azure)", props: without(serverless, "properties.authMode"), expect: "violation" },
        { kind: "unknown", title: "unknown", props: withPath(serverless, "properties.authMode", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "malformed", title: "a list", props: withPath(serverless, "properties.authMode", ["AAD"]), expect: "malformed" },
    ]);

    policyCases(pack, "azure-ml-serverless-endpoint-content-safety", SERVERLESS, [
        {
            kind: "violating",
            title: "Disabled",
            props: withPath(serverless, "properties.contentSafety.contentSafetyStatus", "Disabled"),
            expect: "violation",
            message: /contentSafetyStatus is "Disabled"/,
        },
        { kind: "compliant", title: "Enabled (versioned token)", type: versioned(SERVERLESS, "v20240101preview"), props: serverless, expect: "pass" },
        { kind: "absent", title: "not set: default content safety on", props: without(serverless, "properties.contentSafety"), expect: "pass" },
        { kind: "unknown", title: "unknown", props: withPath(serverless, "properties.contentSafety.contentSafetyStatus", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "malformed", title: "content safety is a boolean", props: withPath(serverless, "properties.contentSafety", true), expect: "malformed" },
    ]);
});

describe("azure: Machine Learning endpoints and deployments, configured", function () {
    const pack = usePack({
        "azure-ml-online-endpoint-entra-auth": { acceptedAuthModes: ["AADToken"] },
        "azure-ml-online-deployment-data-collection": { requiredCollections: ["inputs"] },
        "azure-ml-deployment-approved-registry-models": { approvedRegistries: ["mlreg-shared"], allowWorkspaceModels: false },
        "azure-ml-serverless-endpoint-entra-auth": { acceptedAuthModes: ["AAD", "KeyAndAAD"] },
    });

    policyCases(pack, "azure-ml-online-endpoint-entra-auth", ONLINE_ENDPOINT, [
        {
            kind: "violating",
            title: "AMLToken refused when only AADToken is accepted (versioned token)",
            type: versioned(ONLINE_ENDPOINT),
            props: withPath(endpoint, "properties.authMode", "AMLToken"),
            expect: "violation",
            message: /Set it to "AADToken"/,
        },
    ]);
    policyCases(pack, "azure-ml-online-deployment-data-collection", ONLINE, [
        {
            kind: "violating",
            title: "custom collection name missing (versioned token)",
            type: versioned(ONLINE),
            props: deployment,
            expect: "violation",
            message: /collections.inputs/,
        },
        {
            kind: "compliant",
            title: "custom collection enabled",
            props: withPath(deployment, "properties.dataCollector.collections", { inputs: { dataCollectionMode: "enabled" } }),
            expect: "pass",
        },
    ]);
    policyCases(pack, "azure-ml-deployment-approved-registry-models", ONLINE, [
        {
            kind: "violating",
            title: "curated registry no longer approved (versioned token)",
            type: versioned(ONLINE),
            props: deployment,
            expect: "violation",
            message: /approvedRegistries/,
        },
        {
            kind: "violating",
            title: "workspace models refused",
            props: withPath(deployment, "properties.model", "azureml:fraud-model:3"),
            expect: "violation",
            message: /allowWorkspaceModels is false/,
        },
        { kind: "compliant", title: "own registry", type: BATCH, props: batch, expect: "pass" },
    ]);
    policyCases(pack, "azure-ml-serverless-endpoint-entra-auth", SERVERLESS, [
        {
            kind: "compliant",
            title: "KeyAndAAD accepted (versioned token)",
            type: versioned(SERVERLESS),
            props: withPath(serverless, "properties.authMode", "KeyAndAAD"),
            expect: "pass",
        },
    ]);
});
