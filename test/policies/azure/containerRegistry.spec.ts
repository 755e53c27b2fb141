import * as assert from "assert";
import { policyCases, usePack } from "../../support/cases";
import { scopeCases } from "../../support/scope";
import { remediationTests, UNKNOWN_VALUES, versioned, withPath, without } from "./helpers";

const REGISTRY = "azure-native:containerregistry:Registry";
const V = versioned(REGISTRY, "v20230101preview");
const IDENTITY = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-acr";

/** A registry of AI images (tagged as an AI data store) as a careful user's program declares it. */
const compliant = {
    resourceGroupName: "rg-ai",
    location: "westeurope",
    registryName: "acraimodels",
    sku: { name: "Premium" },
    adminUserEnabled: false,
    anonymousPullEnabled: false,
    publicNetworkAccess: "Disabled",
    networkRuleSet: { defaultAction: "Deny", ipRules: [] },
    networkRuleBypassOptions: "AzureServices",
    identity: { type: "UserAssigned", userAssignedIdentities: [IDENTITY] },
    encryption: {
        status: "enabled",
        keyVaultProperties: { keyIdentifier: "https://kv-ai.vault.azure.net/keys/acr-cmk", identity: "11111111-2222-3333-4444-555555555555" },
    },
    policies: {
        exportPolicy: { status: "disabled" },
        quarantinePolicy: { status: "enabled" },
        // Soft delete, not the retention policy: Azure rejects a registry with both enabled.
        softDeletePolicy: { status: "enabled", retentionDays: 7 },
        azureADAuthenticationAsArmPolicy: { status: "disabled" },
    },
    zoneRedundancy: "Enabled",
    tags: { "ai-workload": "model-serving" },
};

describe("azure: Container Registry", function () {
    const pack = usePack();

    policyCases(pack, "azure-acr-public-network-disabled", REGISTRY, [
        { kind: "violating", title: '"Enabled"', props: { ...compliant, publicNetworkAccess: "Enabled" }, expect: "violation", message: /publicNetworkAccess is "Enabled"/ },
        { kind: "violating", title: "lower-case, versioned token", type: V, props: { ...compliant, publicNetworkAccess: "enabled" }, expect: "violation" },
        { kind: "compliant", title: '"Disabled"', props: compliant, expect: "pass" },
        { kind: "compliant", title: '"Disabled", versioned token', type: V, props: compliant, expect: "pass" },
        {
            kind: "absent",
            title: "not set: Azure defaults to Enabled",
            props: without(compliant, "publicNetworkAccess"),
            expect: "violation",
            message: /not set \(Azure default: "Enabled"\)/,
        },
        { kind: "unknown", title: "computed", props: { ...compliant, publicNetworkAccess: UNKNOWN_VALUES.string }, expect: "unknown", message: /publicNetworkAccess/ },
        { kind: "malformed", title: "a boolean", props: { ...compliant, publicNetworkAccess: false }, expect: "malformed", message: /cannot evaluate publicNetworkAccess/ },
    ]);

    policyCases(pack, "azure-acr-network-default-deny", REGISTRY, [
        {
            kind: "violating",
            title: "public and Allow",
            props: { ...compliant, publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: "Allow" } },
            expect: "violation",
            message: /publicNetworkAccess is "Enabled" and networkRuleSet.defaultAction is "Allow"/,
        },
        {
            kind: "compliant",
            title: "public but default Deny (versioned token)",
            type: V,
            props: { ...compliant, publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: "deny", ipRules: [{ action: "Allow", iPAddressOrRange: "203.0.113.0/24" }] } },
            expect: "pass",
        },
        { kind: "compliant", title: "public access disabled, no rules", props: without(compliant, "networkRuleSet"), expect: "pass" },
        {
            kind: "absent",
            title: "nothing set: public and Allow by default",
            props: without(without(compliant, "networkRuleSet"), "publicNetworkAccess"),
            expect: "violation",
            message: /Azure default: "Allow"/,
        },
        {
            kind: "unknown",
            title: "default action unknown",
            props: { ...compliant, publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: UNKNOWN_VALUES.string } },
            expect: "unknown",
        },
        {
            kind: "malformed",
            title: "rule set is a string",
            props: { ...compliant, publicNetworkAccess: "Enabled", networkRuleSet: "Deny" },
            expect: "malformed",
            message: /networkRuleSet/,
        },
    ]);

    policyCases(pack, "azure-acr-admin-user-disabled", REGISTRY, [
        { kind: "violating", title: "true", props: { ...compliant, adminUserEnabled: true }, expect: "violation", message: /adminUserEnabled is true/ },
        { kind: "violating", title: '"true" as a string, versioned token', type: V, props: { ...compliant, adminUserEnabled: "true" }, expect: "violation" },
        { kind: "compliant", title: "false", props: compliant, expect: "pass" },
        { kind: "absent", title: "not set: Azure default false", props: without(compliant, "adminUserEnabled"), expect: "pass" },
        { kind: "unknown", title: "unknown", props: { ...compliant, adminUserEnabled: UNKNOWN_VALUES.bool }, expect: "unknown" },
        { kind: "malformed", title: "a number", props: { ...compliant, adminUserEnabled: 1 }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-acr-anonymous-pull-disabled", REGISTRY, [
        { kind: "violating", title: "true", props: { ...compliant, anonymousPullEnabled: true }, expect: "violation", message: /anonymousPullEnabled is true/ },
        { kind: "compliant", title: "false (versioned token)", type: V, props: compliant, expect: "pass" },
        { kind: "absent", title: "not set: Azure default false", props: without(compliant, "anonymousPullEnabled"), expect: "pass" },
        { kind: "unknown", title: "unknown", props: { ...compliant, anonymousPullEnabled: UNKNOWN_VALUES.bool }, expect: "unknown" },
        { kind: "malformed", title: "an object", props: { ...compliant, anonymousPullEnabled: { enabled: true } }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-acr-cmk-encryption", REGISTRY, [
        {
            kind: "violating",
            title: 'status "disabled"',
            props: withPath(compliant, "encryption.status", "disabled"),
            expect: "violation",
            message: /encryption.status is "disabled"/,
        },
        {
            kind: "violating",
            title: "enabled without key identifier (versioned token)",
            type: V,
            props: without(compliant, "encryption.keyVaultProperties.keyIdentifier"),
            expect: "violation",
            message: /keyIdentifier is not set/,
        },
        { kind: "compliant", title: "enabled with key and identity", props: compliant, expect: "pass" },
        { kind: "compliant", title: 'upper-case "Enabled"', props: withPath(compliant, "encryption.status", "Enabled"), expect: "pass" },
        {
            kind: "absent",
            title: "no encryption block: Microsoft-managed keys",
            props: without(compliant, "encryption"),
            expect: "violation",
            message: /Azure default: "disabled"/,
        },
        { kind: "absent", title: "untagged registry is out of scope", props: without(without(compliant, "encryption"), "tags"), expect: "not-applicable" },
        {
            kind: "compliant",
            title: "key identifier from a Key resource (unknown in preview, yet set: presence needs no value)",
            props: withPath(compliant, "encryption.keyVaultProperties.keyIdentifier", UNKNOWN_VALUES.string),
            expect: "pass",
        },
        {
            kind: "unknown",
            title: "encryption unknown as a whole",
            props: { ...compliant, encryption: UNKNOWN_VALUES.object },
            expect: "unknown",
            message: /encryption \(the whole object\)/,
        },
        { kind: "unknown", title: "tags unknown", props: { ...without(compliant, "encryption"), tags: UNKNOWN_VALUES.object }, expect: "unknown" },
        { kind: "malformed", title: "status is a boolean", props: withPath(compliant, "encryption.status", true), expect: "malformed" },
    ]);

    policyCases(pack, "azure-acr-export-disabled", REGISTRY, [
        {
            kind: "violating",
            title: '"enabled"',
            props: withPath(compliant, "policies.exportPolicy.status", "enabled"),
            expect: "violation",
            message: /exportPolicy.status is "enabled"/,
        },
        {
            kind: "compliant",
            title: '"Disabled" in another casing (versioned token)',
            type: V,
            props: withPath(compliant, "policies.exportPolicy.status", "Disabled"),
            expect: "pass",
        },
        { kind: "absent", title: "no policies: export enabled by default", props: without(compliant, "policies"), expect: "violation", message: /Azure default: "enabled"/ },
        { kind: "unknown", title: "policies unknown", props: { ...compliant, policies: UNKNOWN_VALUES.object }, expect: "unknown" },
        { kind: "malformed", title: "export policy is a string", props: withPath(compliant, "policies.exportPolicy", "disabled"), expect: "malformed" },
    ]);

    policyCases(pack, "azure-acr-premium-sku", REGISTRY, [
        { kind: "violating", title: "Basic", props: { ...compliant, sku: { name: "Basic" } }, expect: "violation", message: /sku.name is "Basic"/ },
        { kind: "violating", title: "Standard (versioned token)", type: V, props: { ...compliant, sku: { name: "Standard" } }, expect: "violation" },
        { kind: "compliant", title: "Premium", props: compliant, expect: "pass" },
        { kind: "absent", title: "no SKU (required by Azure)", props: without(compliant, "sku"), expect: "violation", message: /sku.name is not set/ },
        { kind: "unknown", title: "unknown", props: { ...compliant, sku: { name: UNKNOWN_VALUES.string } }, expect: "unknown" },
        { kind: "malformed", title: "unsupported SKU", props: { ...compliant, sku: { name: "Gold" } }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-acr-quarantine-enabled", REGISTRY, [
        {
            kind: "violating",
            title: '"disabled"',
            props: withPath(compliant, "policies.quarantinePolicy.status", "disabled"),
            expect: "violation",
            message: /quarantinePolicy.status is "disabled"/,
        },
        { kind: "compliant", title: '"enabled" (versioned token)', type: V, props: compliant, expect: "pass" },
        {
            kind: "absent",
            title: "not set: disabled by default",
            props: without(compliant, "policies.quarantinePolicy"),
            expect: "violation",
            message: /Azure default: "disabled"/,
        },
        { kind: "unknown", title: "unknown", props: withPath(compliant, "policies.quarantinePolicy.status", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "malformed", title: "a number", props: withPath(compliant, "policies.quarantinePolicy.status", 1), expect: "malformed" },
    ]);

    // One control for soft delete and the untagged-manifest retention policy: Azure rejects both together.
    const retentionOnly = withPath(without(compliant, "policies.softDeletePolicy"), "policies.retentionPolicy", { status: "enabled", days: 7 });
    policyCases(pack, "azure-acr-soft-delete-enabled", REGISTRY, [
        {
            kind: "violating",
            title: "soft delete and retention both enabled: Azure rejects the registry",
            props: withPath(compliant, "policies.retentionPolicy", { status: "Enabled", days: 7 }),
            expect: "violation",
            message: /softDeletePolicy.status is "enabled" and policies.retentionPolicy.status is "enabled": Azure rejects a registry with both/,
        },
        {
            kind: "violating",
            title: "both disabled",
            props: withPath(withPath(compliant, "policies.softDeletePolicy.status", "disabled"), "policies.retentionPolicy", { status: "disabled" }),
            expect: "violation",
            message: /softDeletePolicy.status is "disabled" and policies.retentionPolicy.status is "disabled"/,
        },
        { kind: "compliant", title: "soft delete only (versioned token)", type: V, props: compliant, expect: "pass" },
        { kind: "compliant", title: "retention only (e.g. a geo-replicated registry, where soft delete is not supported)", props: retentionOnly, expect: "pass" },
        {
            kind: "absent",
            title: "neither set: both disabled by default",
            props: without(compliant, "policies.softDeletePolicy"),
            expect: "violation",
            message: /softDeletePolicy.status is not set \(Azure default: "disabled"\) and policies.retentionPolicy.status is not set/,
        },
        { kind: "unknown", title: "soft delete unknown", props: withPath(compliant, "policies.softDeletePolicy", UNKNOWN_VALUES.object), expect: "unknown" },
        {
            kind: "unknown",
            title: "retention unknown next to soft delete (both could be enabled)",
            props: withPath(compliant, "policies.retentionPolicy.status", UNKNOWN_VALUES.string),
            expect: "unknown",
        },
        { kind: "malformed", title: "an unsupported soft-delete status", props: withPath(compliant, "policies.softDeletePolicy.status", "sometimes"), expect: "malformed" },
        { kind: "malformed", title: "a retention status that is a list", props: withPath(compliant, "policies.retentionPolicy.status", ["enabled"]), expect: "malformed" },
    ]);

    describe("azure-acr-untagged-retention-enabled is retired and never reports, even when set to mandatory", () => {
        const mandatory = usePack({ "azure-acr-untagged-retention-enabled": "mandatory" });
        policyCases(mandatory, "azure-acr-untagged-retention-enabled", REGISTRY, [
            { kind: "violating", title: "retention disabled", props: withPath(compliant, "policies.retentionPolicy", { status: "disabled" }), expect: "not-applicable" },
            { kind: "compliant", title: "soft delete only", props: compliant, expect: "not-applicable" },
            { kind: "absent", title: "no policies", props: without(compliant, "policies"), expect: "not-applicable" },
            { kind: "unknown", title: "policies unknown", props: withPath(compliant, "policies", UNKNOWN_VALUES.object), expect: "not-applicable" },
            { kind: "malformed", title: "retention status a list", props: withPath(compliant, "policies.retentionPolicy.status", ["enabled"]), expect: "not-applicable" },
        ]);
        it("is disabled by default", async () => {
            const info = await pack().getAnalyzerInfo();
            assert.strictEqual(info.policies.find((p) => p.name === "azure-acr-untagged-retention-enabled")?.enforcementLevel, "disabled");
        });
    });

    policyCases(pack, "azure-acr-arm-audience-token-disabled", REGISTRY, [
        {
            kind: "violating",
            title: '"enabled"',
            props: withPath(compliant, "policies.azureADAuthenticationAsArmPolicy.status", "enabled"),
            expect: "violation",
            message: /azureADAuthenticationAsArmPolicy.status is "enabled"/,
        },
        { kind: "compliant", title: '"disabled" (versioned token)', type: V, props: compliant, expect: "pass" },
        {
            kind: "absent",
            title: "not set: ARM tokens accepted by default",
            props: without(compliant, "policies.azureADAuthenticationAsArmPolicy"),
            expect: "violation",
            message: /Azure default: "enabled"/,
        },
        { kind: "unknown", title: "unknown", props: withPath(compliant, "policies.azureADAuthenticationAsArmPolicy.status", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "malformed", title: "a boolean", props: withPath(compliant, "policies.azureADAuthenticationAsArmPolicy.status", false), expect: "malformed" },
    ]);
});

remediationTests({
    policy: "azure-acr-admin-user-disabled",
    type: REGISTRY,
    base: compliant,
    path: "adminUserEnabled",
    violating: true,
    fixed: false,
    stricter: false,
    secretPath: "encryption.keyVaultProperties.keyIdentifier",
    unknown: UNKNOWN_VALUES.bool,
});

remediationTests({
    policy: "azure-acr-anonymous-pull-disabled",
    type: REGISTRY,
    base: compliant,
    path: "anonymousPullEnabled",
    violating: true,
    fixed: false,
    stricter: false,
    secretPath: "encryption.keyVaultProperties.keyIdentifier",
    unknown: UNKNOWN_VALUES.bool,
});

/** A registry of a web application's images, in a stack without AI: no AI tag. */
const webRegistry = { ...compliant, registryName: "acrwebapp", tags: { team: "web" } };
scopeCases({ policy: "azure-acr-public-network-disabled", type: REGISTRY, untagged: { ...webRegistry, publicNetworkAccess: "Enabled" } });
scopeCases({
    policy: "azure-acr-network-default-deny",
    type: REGISTRY,
    untagged: { ...webRegistry, publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: "Allow" } },
});
scopeCases({ policy: "azure-acr-admin-user-disabled", type: REGISTRY, untagged: { ...webRegistry, adminUserEnabled: true }, remediable: true });
scopeCases({ policy: "azure-acr-anonymous-pull-disabled", type: REGISTRY, untagged: { ...webRegistry, anonymousPullEnabled: true }, remediable: true });
scopeCases({ policy: "azure-acr-export-disabled", type: REGISTRY, untagged: withPath(webRegistry, "policies.exportPolicy.status", "enabled") });
scopeCases({ policy: "azure-acr-premium-sku", type: REGISTRY, untagged: { ...webRegistry, sku: { name: "Basic" } } });
scopeCases({ policy: "azure-acr-quarantine-enabled", type: REGISTRY, untagged: withPath(webRegistry, "policies.quarantinePolicy.status", "disabled") });
scopeCases({ policy: "azure-acr-soft-delete-enabled", type: REGISTRY, untagged: withPath(webRegistry, "policies.softDeletePolicy.status", "disabled") });
scopeCases({ policy: "azure-acr-arm-audience-token-disabled", type: REGISTRY, untagged: withPath(webRegistry, "policies.azureADAuthenticationAsArmPolicy.status", "enabled") });
