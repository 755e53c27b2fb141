import * as assert from "assert";
import { engineValidator } from "../../support/harness";
import { policyCases, usePack } from "../../support/cases";
import { scopeCases } from "../../support/scope";
import { UNKNOWN_VALUES, versioned, withPath, without } from "./helpers";

const VAULT = "azure-native:keyvault:Vault";
const KEY = "azure-native:keyvault:Key";
const SEARCH = "azure-native:search:Service";
const LOGS = "azure-native:operationalinsights:Workspace";

/** A key vault of AI keys and secrets (tagged as an AI data store) as a careful user's program declares it. */
const vault = {
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
    },
    tags: { "ai-workload": "keys" },
};

/** A customer-managed key of AI data (a key carries tags of its own, so it is tagged itself). */
const key = {
    resourceGroupName: "rg-ai",
    vaultName: "kv-ai",
    keyName: "st-cmk",
    properties: {
        kty: "RSA-HSM",
        keySize: 3072,
        keyOps: ["wrapKey", "unwrapKey"],
        attributes: { enabled: true },
        rotationPolicy: {
            attributes: { expiryTime: "P1Y" },
            lifetimeActions: [
                { action: { type: "rotate" }, trigger: { timeAfterCreate: "P90D" } },
                { action: { type: "notify" }, trigger: { timeBeforeExpiry: "P30D" } },
            ],
        },
    },
    tags: { "ai-workload": "training-data-cmk" },
};

/** An AI Search service for a RAG index, as a careful user's program declares it. */
const search = {
    resourceGroupName: "rg-ai",
    searchServiceName: "srch-rag",
    location: "westeurope",
    sku: { name: "standard" },
    replicaCount: 2,
    partitionCount: 1,
    hostingMode: "default",
    identity: { type: "SystemAssigned" },
    publicNetworkAccess: "Disabled",
    disableLocalAuth: true,
    encryptionWithCmk: { enforcement: "Enabled" },
    semanticSearch: "standard",
};

/** A Log Analytics workspace of AI logs (tagged as an AI data store) as a careful user's program declares it. */
const logs = {
    resourceGroupName: "rg-ops",
    workspaceName: "log-ai",
    location: "westeurope",
    sku: { name: "PerGB2018" },
    retentionInDays: 365,
    features: { disableLocalAuth: true, enableLogAccessUsingOnlyResourcePermissions: true },
    publicNetworkAccessForIngestion: "Disabled",
    publicNetworkAccessForQuery: "Disabled",
    tags: { "ai-workload": "inference-logs" },
};

describe("azure: Key Vault, AI Search and Log Analytics", function () {
    const pack = usePack();

    policyCases(pack, "azure-keyvault-soft-delete-enabled", VAULT, [
        { kind: "violating", title: "false", props: withPath(vault, "properties.enableSoftDelete", false), expect: "violation", message: /enableSoftDelete is false/ },
        { kind: "compliant", title: "true (versioned token)", type: versioned(VAULT, "v20230701"), props: vault, expect: "pass" },
        { kind: "absent", title: "not set: on by default", props: without(vault, "properties.enableSoftDelete"), expect: "pass" },
        { kind: "unknown", title: "unknown", props: withPath(vault, "properties.enableSoftDelete", UNKNOWN_VALUES.bool), expect: "unknown" },
        { kind: "malformed", title: "a number", props: withPath(vault, "properties.enableSoftDelete", 1), expect: "malformed" },
    ]);

    policyCases(pack, "azure-keyvault-purge-protection", VAULT, [
        { kind: "violating", title: "false", props: withPath(vault, "properties.enablePurgeProtection", false), expect: "violation", message: /enablePurgeProtection is false/ },
        { kind: "compliant", title: "true (versioned token)", type: versioned(VAULT), props: vault, expect: "pass" },
        { kind: "absent", title: "not set: off by default", props: without(vault, "properties.enablePurgeProtection"), expect: "violation", message: /Azure default: false/ },
        { kind: "unknown", title: "unknown", props: withPath(vault, "properties.enablePurgeProtection", UNKNOWN_VALUES.bool), expect: "unknown" },
        { kind: "malformed", title: "properties is a list", props: { ...vault, properties: "secure" }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-keyvault-rbac-authorization", VAULT, [
        {
            kind: "violating",
            title: "access policies",
            props: withPath(vault, "properties.enableRbacAuthorization", false),
            expect: "violation",
            message: /enableRbacAuthorization is false/,
        },
        { kind: "compliant", title: "RBAC (versioned token)", type: versioned(VAULT), props: vault, expect: "pass" },
        {
            kind: "absent",
            title: "not set: access policies by default (API 2024-11-01, the SDK's default)",
            props: without(vault, "properties.enableRbacAuthorization"),
            expect: "violation",
            message: /enableRbacAuthorization is not set \(Azure default: false\)/,
        },
        {
            kind: "absent",
            title: "not set with API 2026-02-01 or later: RBAC by default",
            type: "azure-native:keyvault/v20260201:Vault",
            props: without(vault, "properties.enableRbacAuthorization"),
            expect: "pass",
        },
        {
            kind: "absent",
            title: "not set with API 2025-05-01: access policies",
            type: "azure-native:keyvault/v20250501:Vault",
            props: without(vault, "properties.enableRbacAuthorization"),
            expect: "violation",
        },
        { kind: "unknown", title: "unknown", props: withPath(vault, "properties.enableRbacAuthorization", UNKNOWN_VALUES.bool), expect: "unknown" },
        { kind: "malformed", title: "a string", props: withPath(vault, "properties.enableRbacAuthorization", "rbac"), expect: "malformed" },
    ]);

    policyCases(pack, "azure-keyvault-network-restricted", VAULT, [
        {
            kind: "violating",
            title: "enabled and Allow",
            props: withPath(withPath(vault, "properties.publicNetworkAccess", "enabled"), "properties.networkAcls.defaultAction", "Allow"),
            expect: "violation",
            message: /publicNetworkAccess is "enabled" and properties.networkAcls.defaultAction is "Allow"/,
        },
        {
            kind: "compliant",
            title: '"Disabled" capitalised (versioned token)',
            type: versioned(VAULT),
            props: withPath(vault, "properties.publicNetworkAccess", "Disabled"),
            expect: "pass",
        },
        { kind: "compliant", title: "enabled with default Deny", props: withPath(vault, "properties.publicNetworkAccess", "Enabled"), expect: "pass" },
        {
            kind: "absent",
            title: "nothing set",
            props: without(without(vault, "properties.publicNetworkAccess"), "properties.networkAcls"),
            expect: "violation",
            message: /Azure default: "enabled"/,
        },
        { kind: "unknown", title: "unknown", props: withPath(vault, "properties.publicNetworkAccess", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "malformed", title: "unsupported value", props: withPath(vault, "properties.publicNetworkAccess", "partly"), expect: "malformed" },
    ]);

    policyCases(pack, "azure-keyvault-key-rotation-policy", KEY, [
        {
            kind: "violating",
            title: "notify only",
            props: withPath(key, "properties.rotationPolicy.lifetimeActions", [{ action: { type: "notify" }, trigger: { timeBeforeExpiry: "P30D" } }]),
            expect: "violation",
            message: /no "rotate" lifetime action/,
        },
        {
            kind: "violating",
            title: "rotation after two years (versioned token)",
            type: versioned(KEY, "v20230201"),
            props: withPath(key, "properties.rotationPolicy.lifetimeActions", [{ action: { type: "Rotate" }, trigger: { timeAfterCreate: "P2Y" } }]),
            expect: "violation",
            message: /maximumDaysBetweenRotations \(365 days\)/,
        },
        { kind: "compliant", title: "rotate after 90 days", props: key, expect: "pass" },
        {
            kind: "compliant",
            title: "rotate before expiry",
            props: withPath(key, "properties.rotationPolicy.lifetimeActions", [{ action: { type: "rotate" }, trigger: { timeBeforeExpiry: "P30D" } }]),
            expect: "pass",
        },
        { kind: "absent", title: "no rotation policy", props: without(key, "properties.rotationPolicy"), expect: "violation" },
        { kind: "unknown", title: "actions unknown", props: withPath(key, "properties.rotationPolicy.lifetimeActions", UNKNOWN_VALUES.array), expect: "unknown" },
        {
            kind: "unknown",
            title: "a notify action beside an unknown one (it may rotate)",
            props: withPath(key, "properties.rotationPolicy.lifetimeActions", [{ action: { type: "notify" }, trigger: { timeBeforeExpiry: "P30D" } }, UNKNOWN_VALUES.object]),
            expect: "unknown",
        },
        {
            kind: "compliant",
            title: "a known rotation beside an unknown action: settled",
            props: withPath(key, "properties.rotationPolicy.lifetimeActions", [UNKNOWN_VALUES.object, { action: { type: "rotate" }, trigger: { timeAfterCreate: "P90D" } }]),
            expect: "pass",
        },
        {
            kind: "malformed",
            title: "not an ISO 8601 duration",
            props: withPath(key, "properties.rotationPolicy.lifetimeActions", [{ action: { type: "rotate" }, trigger: { timeAfterCreate: "90 days" } }]),
            expect: "malformed",
            message: /ISO 8601/,
        },
        {
            kind: "malformed",
            title: "unsupported action",
            props: withPath(key, "properties.rotationPolicy.lifetimeActions", [{ action: { type: "delete" } }]),
            expect: "malformed",
        },
    ]);

    policyCases(pack, "azure-search-public-network-disabled", SEARCH, [
        { kind: "violating", title: "Enabled", props: { ...search, publicNetworkAccess: "Enabled" }, expect: "violation", message: /publicNetworkAccess is "Enabled"/ },
        {
            kind: "violating",
            title: "Enabled with IP rules, not accepted by default (versioned token)",
            type: versioned(SEARCH, "v20231101"),
            props: { ...search, publicNetworkAccess: "enabled", networkRuleSet: { ipRules: [{ value: "203.0.113.0/24" }] } },
            expect: "violation",
        },
        { kind: "compliant", title: "Disabled", props: search, expect: "pass" },
        { kind: "compliant", title: "SecuredByPerimeter", props: { ...search, publicNetworkAccess: "SecuredByPerimeter" }, expect: "pass" },
        { kind: "absent", title: "not set: Enabled by default", props: without(search, "publicNetworkAccess"), expect: "violation", message: /Azure default: "Enabled"/ },
        { kind: "unknown", title: "unknown", props: { ...search, publicNetworkAccess: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "a boolean", props: { ...search, publicNetworkAccess: false }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-search-local-auth-disabled", SEARCH, [
        {
            kind: "violating",
            title: "false",
            props: { ...search, disableLocalAuth: false, authOptions: { apiKeyOnly: {} } },
            expect: "violation",
            message: /disableLocalAuth is false/,
        },
        { kind: "compliant", title: "true (versioned token)", type: versioned(SEARCH), props: search, expect: "pass" },
        {
            kind: "violating",
            title: "true next to authOptions: a configuration Azure rejects",
            props: { ...search, authOptions: { aadOrApiKey: { aadAuthFailureMode: "http401WithBearerChallenge" } } },
            expect: "violation",
            message: /disableLocalAuth is true and authOptions is set: Azure rejects/,
        },
        { kind: "absent", title: "not set: API keys by default", props: without(search, "disableLocalAuth"), expect: "violation", message: /Azure default: false/ },
        { kind: "unknown", title: "unknown", props: { ...search, disableLocalAuth: UNKNOWN_VALUES.bool }, expect: "unknown" },
        { kind: "malformed", title: "a string", props: { ...search, disableLocalAuth: "keys" }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-search-managed-identity", SEARCH, [
        { kind: "violating", title: "None", props: { ...search, identity: { type: "None" } }, expect: "violation", message: /identity.type is "None"/ },
        { kind: "compliant", title: "SystemAssigned (versioned token)", type: versioned(SEARCH, "v20250501"), props: search, expect: "pass" },
        {
            kind: "compliant",
            title: "both, lower case",
            props: { ...search, identity: { type: "systemassigned, userassigned", userAssignedIdentities: { "/subscriptions/x/id": {} } } },
            expect: "pass",
        },
        { kind: "absent", title: "no identity", props: without(search, "identity"), expect: "violation", message: /Azure default: "None"/ },
        { kind: "unknown", title: "unknown", props: { ...search, identity: UNKNOWN_VALUES.object }, expect: "unknown" },
        { kind: "malformed", title: "type is a number", props: { ...search, identity: { type: 1 } }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-search-private-link-sku", SEARCH, [
        { kind: "violating", title: "free", props: { ...search, sku: { name: "free" } }, expect: "violation", message: /sku.name is "free": the free tier/ },
        { kind: "compliant", title: "standard (versioned token)", type: versioned(SEARCH, "v20231101"), props: search, expect: "pass" },
        { kind: "compliant", title: "basic, other casing", props: { ...search, sku: { name: "Basic" } }, expect: "pass" },
        { kind: "absent", title: "no SKU (Azure requires one)", props: without(search, "sku"), expect: "violation", message: /sku.name is not set/ },
        { kind: "unknown", title: "unknown", props: { ...search, sku: { name: UNKNOWN_VALUES.string } }, expect: "unknown" },
        { kind: "malformed", title: "unsupported tier", props: { ...search, sku: { name: "premium" } }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-search-cmk-enforcement", SEARCH, [
        { kind: "violating", title: "Disabled", props: { ...search, encryptionWithCmk: { enforcement: "Disabled" } }, expect: "violation", message: /enforcement is "Disabled"/ },
        {
            kind: "violating",
            title: "Unspecified (versioned token)",
            type: versioned(SEARCH),
            props: { ...search, encryptionWithCmk: { enforcement: "Unspecified" } },
            expect: "violation",
        },
        { kind: "compliant", title: "Enabled", props: search, expect: "pass" },
        { kind: "absent", title: "not set: Unspecified", props: without(search, "encryptionWithCmk"), expect: "violation", message: /Azure default: "Unspecified"/ },
        { kind: "unknown", title: "unknown", props: { ...search, encryptionWithCmk: UNKNOWN_VALUES.object }, expect: "unknown" },
        { kind: "malformed", title: "a boolean", props: { ...search, encryptionWithCmk: { enforcement: true } }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-loganalytics-retention", LOGS, [
        { kind: "violating", title: "30 days", props: { ...logs, retentionInDays: 30 }, expect: "violation", message: /retentionInDays is below 90/ },
        { kind: "compliant", title: "365 days (versioned token)", type: versioned(LOGS, "v20221001"), props: logs, expect: "pass" },
        { kind: "compliant", title: "exactly 90, as a string", props: { ...logs, retentionInDays: "90" }, expect: "pass" },
        { kind: "absent", title: "not set: 30 days", props: without(logs, "retentionInDays"), expect: "violation", message: /Azure default: 30/ },
        { kind: "unknown", title: "unknown", props: { ...logs, retentionInDays: UNKNOWN_VALUES.number }, expect: "unknown" },
        { kind: "malformed", title: "not a number", props: { ...logs, retentionInDays: "a year" }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-loganalytics-entra-only-ingestion", LOGS, [
        { kind: "violating", title: "false", props: withPath(logs, "features.disableLocalAuth", false), expect: "violation", message: /features.disableLocalAuth is false/ },
        { kind: "compliant", title: "true (versioned token)", type: versioned(LOGS), props: logs, expect: "pass" },
        { kind: "absent", title: "no features", props: without(logs, "features"), expect: "violation", message: /Azure default: false/ },
        { kind: "unknown", title: "unknown", props: withPath(logs, "features.disableLocalAuth", UNKNOWN_VALUES.bool), expect: "unknown" },
        { kind: "malformed", title: "features is a string", props: { ...logs, features: "entra" }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-loganalytics-private-ingestion", LOGS, [
        {
            kind: "violating",
            title: "Enabled",
            props: { ...logs, publicNetworkAccessForIngestion: "Enabled" },
            expect: "violation",
            message: /publicNetworkAccessForIngestion is "Enabled"/,
        },
        { kind: "compliant", title: "Disabled (versioned token)", type: versioned(LOGS), props: logs, expect: "pass" },
        { kind: "absent", title: "not set: Enabled", props: without(logs, "publicNetworkAccessForIngestion"), expect: "violation" },
        { kind: "unknown", title: "unknown", props: { ...logs, publicNetworkAccessForIngestion: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "a number", props: { ...logs, publicNetworkAccessForIngestion: 0 }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-loganalytics-private-query", LOGS, [
        {
            kind: "violating",
            title: "Enabled",
            props: { ...logs, publicNetworkAccessForQuery: "Enabled" },
            expect: "violation",
            message: /publicNetworkAccessForQuery is "Enabled"/,
        },
        {
            kind: "compliant",
            title: "disabled in lower case (versioned token)",
            type: versioned(LOGS),
            props: { ...logs, publicNetworkAccessForQuery: "disabled" },
            expect: "pass",
        },
        { kind: "absent", title: "not set: Enabled", props: without(logs, "publicNetworkAccessForQuery"), expect: "violation", message: /Azure default: "Enabled"/ },
        { kind: "unknown", title: "unknown", props: { ...logs, publicNetworkAccessForQuery: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "unsupported value", props: { ...logs, publicNetworkAccessForQuery: "Partial" }, expect: "malformed" },
    ]);
});

describe("azure: Key Vault, AI Search and Log Analytics, configured", function () {
    const pack = usePack({
        "azure-keyvault-key-rotation-policy": { maximumDaysBetweenRotations: 30 },
        "azure-search-public-network-disabled": { acceptIpFirewall: true },
        "azure-loganalytics-retention": { minimumRetentionDays: 400 },
    });

    policyCases(pack, "azure-keyvault-key-rotation-policy", KEY, [
        { kind: "violating", title: "90 days above a 30-day maximum (versioned token)", type: versioned(KEY), props: key, expect: "violation", message: /30 days/ },
    ]);
    policyCases(pack, "azure-search-public-network-disabled", SEARCH, [
        {
            kind: "compliant",
            title: "IP firewall accepted (versioned token)",
            type: versioned(SEARCH),
            props: { ...search, publicNetworkAccess: "Enabled", networkRuleSet: { ipRules: [{ value: "203.0.113.0/24" }] } },
            expect: "pass",
        },
        { kind: "violating", title: "no IP rules", props: { ...search, publicNetworkAccess: "Enabled" }, expect: "violation" },
    ]);
    policyCases(pack, "azure-loganalytics-retention", LOGS, [
        { kind: "violating", title: "365 below 400 (versioned token)", type: versioned(LOGS), props: logs, expect: "violation", message: /below 400/ },
    ]);

    it("rejects knob values outside the schema, as the engine does", async () => {
        // Validation happens before anything is sent, so the running pack keeps its configuration.
        await assert.rejects(pack().configure({ "azure-loganalytics-retention": { minimumRetentionDays: 7 } }, engineValidator), /minimumRetentionDays/);
        await assert.rejects(pack().configure({ "azure-ml-workspace-approved-outbound": { acceptedIsolationModes: ["Open"] } }, engineValidator), /acceptedIsolationModes/);
        await assert.rejects(pack().configure({ "azure-cognitive-deployment-approved-models": { approvedModels: ["gpt@4o@x"] } }, engineValidator), /approvedModels/);
        await assert.rejects(pack().configure({ "azure-ml-compute-instance-idle-shutdown": { maximumIdleMinutes: "1h" } }, engineValidator), /maximumIdleMinutes/);
    });
});

/** The same resources of a stack without AI (a web application's vault, key and logs): no AI tag. */
const web = { tags: { team: "web" } };
scopeCases({ policy: "azure-keyvault-soft-delete-enabled", type: VAULT, untagged: withPath({ ...vault, ...web }, "properties.enableSoftDelete", false) });
scopeCases({ policy: "azure-keyvault-purge-protection", type: VAULT, untagged: withPath({ ...vault, ...web }, "properties.enablePurgeProtection", false) });
scopeCases({ policy: "azure-keyvault-rbac-authorization", type: VAULT, untagged: withPath({ ...vault, ...web }, "properties.enableRbacAuthorization", false) });
scopeCases({
    policy: "azure-keyvault-network-restricted",
    type: VAULT,
    untagged: withPath(withPath({ ...vault, ...web }, "properties.publicNetworkAccess", "enabled"), "properties.networkAcls.defaultAction", "Allow"),
});
scopeCases({ policy: "azure-keyvault-key-rotation-policy", type: KEY, untagged: without({ ...key, ...web }, "properties.rotationPolicy") });
scopeCases({ policy: "azure-loganalytics-retention", type: LOGS, untagged: { ...logs, ...web, retentionInDays: 30 } });
scopeCases({ policy: "azure-loganalytics-entra-only-ingestion", type: LOGS, untagged: withPath({ ...logs, ...web }, "features.disableLocalAuth", false) });
scopeCases({ policy: "azure-loganalytics-private-ingestion", type: LOGS, untagged: { ...logs, ...web, publicNetworkAccessForIngestion: "Enabled" } });
scopeCases({ policy: "azure-loganalytics-private-query", type: LOGS, untagged: { ...logs, ...web, publicNetworkAccessForQuery: "Enabled" } });
