import * as assert from "assert";
import { judge, policyCases, usePack } from "../../support/cases";
import { scopeCases } from "../../support/scope";
import { remediationTests, secret, UNKNOWN_VALUES, versioned, withPath, without } from "./helpers";

const ACCOUNT = "azure-native:storage:StorageAccount";
const CONTAINER = "azure-native:storage:BlobContainer";
const V = versioned(ACCOUNT, "v20230101");
const UAI = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-st";

/** A storage account for training data, as a careful user's program declares it. */
const compliant = {
    resourceGroupName: "rg-ai",
    accountName: "sttrainingdata",
    location: "westeurope",
    kind: "StorageV2",
    sku: { name: "Standard_ZRS" },
    accessTier: "Hot",
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
        services: { blob: { enabled: true, keyType: "Account" }, file: { enabled: true, keyType: "Account" } },
    },
    tags: { "ai-workload": "training-data", owner: "ml-platform" },
};

/** A general-purpose account outside the AI scope (e.g. function app storage). */
const general = { ...without(without(compliant, "encryption"), "tags"), accountName: "stfuncapp", publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: "Allow" } };

describe("azure: Storage accounts", function () {
    const pack = usePack();

    policyCases(pack, "azure-storage-https-only", ACCOUNT, [
        { kind: "violating", title: "false", props: { ...compliant, enableHttpsTrafficOnly: false }, expect: "violation", message: /enableHttpsTrafficOnly is false/ },
        { kind: "violating", title: "false (versioned token)", type: V, props: { ...compliant, enableHttpsTrafficOnly: false }, expect: "violation" },
        { kind: "compliant", title: "true", props: compliant, expect: "pass" },
        { kind: "absent", title: "not set: true since API 2019-04-01", props: without(compliant, "enableHttpsTrafficOnly"), expect: "pass" },
        { kind: "unknown", title: "unknown", props: { ...compliant, enableHttpsTrafficOnly: UNKNOWN_VALUES.bool }, expect: "unknown" },
        { kind: "malformed", title: "a number", props: { ...compliant, enableHttpsTrafficOnly: 1 }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-storage-min-tls-1-2", ACCOUNT, [
        {
            kind: "violating",
            title: "TLS1_1",
            props: { ...compliant, minimumTlsVersion: "TLS1_1" },
            expect: "violation",
            message: /minimumTlsVersion is "TLS1_1": .*refused since 3 February 2026/,
        },
        { kind: "violating", title: "TLS1_0 in lower case (versioned token)", type: V, props: { ...compliant, minimumTlsVersion: "tls1_0" }, expect: "violation" },
        { kind: "compliant", title: "TLS1_2", props: compliant, expect: "pass" },
        { kind: "compliant", title: "TLS1_3", props: { ...compliant, minimumTlsVersion: "TLS1_3" }, expect: "pass" },
        { kind: "absent", title: "not set: Azure enforces TLS 1.2 on every account since February 2026", props: without(compliant, "minimumTlsVersion"), expect: "pass" },
        { kind: "unknown", title: "unknown", props: { ...compliant, minimumTlsVersion: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "a number", props: { ...compliant, minimumTlsVersion: 1.2 }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-storage-blob-public-access-disabled", ACCOUNT, [
        { kind: "violating", title: "true", props: { ...compliant, allowBlobPublicAccess: true }, expect: "violation", message: /allowBlobPublicAccess is true/ },
        { kind: "violating", title: "true (versioned token)", type: V, props: { ...compliant, allowBlobPublicAccess: true }, expect: "violation" },
        { kind: "compliant", title: "false", props: compliant, expect: "pass" },
        { kind: "absent", title: "not set: false by default", props: without(compliant, "allowBlobPublicAccess"), expect: "pass" },
        { kind: "unknown", title: "unknown", props: { ...compliant, allowBlobPublicAccess: UNKNOWN_VALUES.bool }, expect: "unknown" },
        { kind: "malformed", title: "a string", props: { ...compliant, allowBlobPublicAccess: "public" }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-storage-cmk", ACCOUNT, [
        {
            kind: "violating",
            title: "Microsoft-managed keys",
            props: withPath(compliant, "encryption.keySource", "Microsoft.Storage"),
            expect: "violation",
            message: /keySource is "Microsoft.Storage"/,
        },
        {
            kind: "violating",
            title: "Key Vault without key name (versioned token)",
            type: V,
            props: without(compliant, "encryption.keyVaultProperties.keyName"),
            expect: "violation",
            message: /keyName is not set/,
        },
        { kind: "compliant", title: "Microsoft.Keyvault with key", props: compliant, expect: "pass" },
        { kind: "compliant", title: 'cognitive-style spelling "Microsoft.KeyVault"', props: withPath(compliant, "encryption.keySource", "Microsoft.KeyVault"), expect: "pass" },
        { kind: "compliant", title: "untagged account: out of scope", props: general, expect: "not-applicable" },
        { kind: "absent", title: "no encryption block", props: without(compliant, "encryption"), expect: "violation", message: /Azure default: "Microsoft.Storage"/ },
        { kind: "unknown", title: "key vault URI unknown", props: withPath(compliant, "encryption.keyVaultProperties.keyVaultUri", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "unknown", title: "AI tag value unknown", props: withPath(without(compliant, "encryption"), "tags", { "ai-workload": UNKNOWN_VALUES.string }), expect: "unknown" },
        { kind: "malformed", title: "unsupported key source", props: withPath(compliant, "encryption.keySource", "HSM"), expect: "malformed" },
    ]);

    policyCases(pack, "azure-storage-infrastructure-encryption", ACCOUNT, [
        {
            kind: "violating",
            title: "false",
            props: withPath(compliant, "encryption.requireInfrastructureEncryption", false),
            expect: "violation",
            message: /requireInfrastructureEncryption is false/,
        },
        { kind: "compliant", title: "true (versioned token)", type: V, props: compliant, expect: "pass" },
        { kind: "compliant", title: "untagged account: out of scope", props: general, expect: "not-applicable" },
        {
            kind: "absent",
            title: "not set: false by default",
            props: without(compliant, "encryption.requireInfrastructureEncryption"),
            expect: "violation",
            message: /Azure default: false/,
        },
        { kind: "unknown", title: "unknown", props: withPath(compliant, "encryption.requireInfrastructureEncryption", UNKNOWN_VALUES.bool), expect: "unknown" },
        { kind: "malformed", title: "encryption is a string", props: { ...compliant, encryption: "double" }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-storage-network-restricted", ACCOUNT, [
        {
            kind: "violating",
            title: "public and Allow",
            props: { ...compliant, publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: "Allow" } },
            expect: "violation",
            message: /publicNetworkAccess is "Enabled" and networkRuleSet.defaultAction is "Allow"/,
        },
        { kind: "compliant", title: "public with default Deny (versioned token)", type: V, props: { ...compliant, publicNetworkAccess: "Enabled" }, expect: "pass" },
        {
            kind: "compliant",
            title: "secured by perimeter",
            props: { ...compliant, publicNetworkAccess: "SecuredByPerimeter", networkRuleSet: { defaultAction: "Allow" } },
            expect: "pass",
        },
        { kind: "compliant", title: "untagged account: out of scope", props: general, expect: "not-applicable" },
        {
            kind: "absent",
            title: "nothing set",
            props: without(without(compliant, "publicNetworkAccess"), "networkRuleSet"),
            expect: "violation",
            message: /Azure default: "Enabled"/,
        },
        {
            kind: "unknown",
            title: "default action unknown",
            props: { ...compliant, publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: UNKNOWN_VALUES.string } },
            expect: "unknown",
        },
        {
            kind: "malformed",
            title: "unsupported default action",
            props: { ...compliant, publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: "Block" } },
            expect: "malformed",
        },
    ]);

    policyCases(pack, "azure-storage-shared-key-disabled", ACCOUNT, [
        {
            kind: "violating",
            title: "AI data store with shared keys, even behind a firewall",
            props: { ...compliant, allowSharedKeyAccess: true },
            expect: "violation",
            message: /allowSharedKeyAccess is true/,
        },
        {
            kind: "violating",
            title: "AI data store reachable from the internet (versioned token)",
            type: V,
            props: { ...compliant, allowSharedKeyAccess: true, publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: "Allow" } },
            expect: "violation",
            message: /allowSharedKeyAccess is true/,
        },
        { kind: "compliant", title: "disabled", props: compliant, expect: "pass" },
        {
            kind: "absent",
            title: "not set: shared keys allowed by default",
            props: without(compliant, "allowSharedKeyAccess"),
            expect: "violation",
            message: /Azure default: true/,
        },
        { kind: "unknown", title: "unknown", props: { ...compliant, allowSharedKeyAccess: UNKNOWN_VALUES.bool }, expect: "unknown" },
        { kind: "malformed", title: "a number", props: { ...compliant, allowSharedKeyAccess: 0 }, expect: "malformed" },
    ]);

    // A container carries no tags of its own (only metadata), so every one is judged, whatever its account.
    policyCases(pack, "azure-storage-container-no-public-access", CONTAINER, [
        {
            kind: "violating",
            title: "Container (no tags: judged whatever its account)",
            props: { resourceGroupName: "rg-ai", accountName: "sttrainingdata", containerName: "datasets", publicAccess: "Container" },
            expect: "violation",
            message: /publicAccess is "Container"/,
        },
        {
            kind: "violating",
            title: "Blob (versioned token)",
            type: versioned(CONTAINER, "v20220901"),
            props: { resourceGroupName: "rg-ai", accountName: "sttrainingdata", containerName: "datasets", publicAccess: "blob" },
            expect: "violation",
        },
        { kind: "compliant", title: "None", props: { resourceGroupName: "rg-ai", accountName: "sttrainingdata", containerName: "datasets", publicAccess: "None" }, expect: "pass" },
        { kind: "absent", title: "not set: None by default", props: { resourceGroupName: "rg-ai", accountName: "sttrainingdata", containerName: "datasets" }, expect: "pass" },
        {
            kind: "unknown",
            title: "unknown",
            props: { resourceGroupName: "rg-ai", accountName: "sttrainingdata", containerName: "datasets", publicAccess: UNKNOWN_VALUES.string },
            expect: "unknown",
        },
        {
            kind: "malformed",
            title: "a boolean",
            props: { resourceGroupName: "rg-ai", accountName: "sttrainingdata", containerName: "datasets", publicAccess: true },
            expect: "malformed",
        },
    ]);

    it("never echoes a secret value in a message", async () => {
        const props = {
            ...general,
            minimumTlsVersion: secret("TLS1_0"),
            tags: { "ai-workload": secret("s3cr3t-project") },
            encryption: { keySource: "Microsoft.Keyvault", keyVaultProperties: { keyVaultUri: secret("") } },
        };
        const all = await Promise.all(["azure-storage-min-tls-1-2", "azure-storage-cmk"].map((p) => judge(pack(), p, ACCOUNT, props)));
        const text = all.flatMap((j) => j.messages).join("\n");
        assert.deepStrictEqual(
            all.map((j) => j.outcome),
            ["violation", "violation"],
            text,
        );
        assert.ok(!text.includes("s3cr3t"), text);
    });
});

describe("azure: Storage accounts, configured", function () {
    const pack = usePack({
        "azure-storage-blob-public-access-disabled": { requireExplicitSetting: true },
        "azure-storage-cmk": { allDataStores: true },
        "azure-storage-network-restricted": { aiTagKeys: ["workload"] },
    });

    policyCases(pack, "azure-storage-blob-public-access-disabled", ACCOUNT, [
        {
            kind: "absent",
            title: "strict: not set is flagged (versioned token)",
            type: V,
            props: without(compliant, "allowBlobPublicAccess"),
            expect: "violation",
            message: /requireExplicitSetting/,
        },
    ]);
    policyCases(pack, "azure-storage-cmk", ACCOUNT, [
        { kind: "violating", title: "allDataStores: untagged account judged (versioned token)", type: V, props: general, expect: "violation" },
    ]);
    policyCases(pack, "azure-storage-network-restricted", ACCOUNT, [
        { kind: "violating", title: "custom AI tag key (versioned token)", type: V, props: { ...general, tags: { Workload: "rag-corpus" } }, expect: "violation" },
        {
            kind: "compliant",
            title: "default tag key no longer counts",
            props: { ...compliant, publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: "Allow" } },
            expect: "not-applicable",
        },
    ]);
});

remediationTests({
    policy: "azure-storage-https-only",
    type: ACCOUNT,
    base: compliant,
    path: "enableHttpsTrafficOnly",
    violating: false,
    fixed: true,
    stricter: true,
    secretPath: "encryption.keyVaultProperties.keyVaultUri",
    unknown: UNKNOWN_VALUES.bool,
});

remediationTests({
    policy: "azure-storage-min-tls-1-2",
    type: ACCOUNT,
    base: compliant,
    path: "minimumTlsVersion",
    violating: "TLS1_0",
    fixed: "TLS1_2",
    stricter: "TLS1_3",
    secretPath: "encryption.keyVaultProperties.keyVaultUri",
    unknown: UNKNOWN_VALUES.string,
});

remediationTests({
    policy: "azure-storage-blob-public-access-disabled",
    type: ACCOUNT,
    base: compliant,
    path: "allowBlobPublicAccess",
    violating: true,
    fixed: false,
    stricter: false,
    secretPath: "encryption.keyVaultProperties.keyVaultUri",
    unknown: UNKNOWN_VALUES.bool,
});

remediationTests({
    policy: "azure-storage-container-no-public-access",
    type: CONTAINER,
    base: { resourceGroupName: "rg-ai", accountName: "sttrainingdata", containerName: "datasets", publicAccess: "None", metadata: { owner: "ml-platform" } },
    path: "publicAccess",
    violating: "Container",
    fixed: "None",
    stricter: "none",
    secretPath: "metadata.owner",
    unknown: UNKNOWN_VALUES.string,
});

// `general` is a storage account of a stack without AI (function app storage): no AI tag.
scopeCases({ policy: "azure-storage-https-only", type: ACCOUNT, untagged: { ...general, enableHttpsTrafficOnly: false }, remediable: true });
scopeCases({ policy: "azure-storage-min-tls-1-2", type: ACCOUNT, untagged: { ...general, minimumTlsVersion: "TLS1_0" }, remediable: true });
scopeCases({ policy: "azure-storage-blob-public-access-disabled", type: ACCOUNT, untagged: { ...general, allowBlobPublicAccess: true }, remediable: true });
scopeCases({ policy: "azure-storage-shared-key-disabled", type: ACCOUNT, untagged: { ...general, allowSharedKeyAccess: true } });
