/**
 * Azure Storage accounts: where training data, datasets, model artefacts and ML workspace files live.
 *
 * Which accounts are judged: those that hold AI data, i.e. tagged as AI data stores, or every
 * account with allDataStores (lib/scope.ts); an account that only an AI resource's dependency makes
 * AI gets the high and critical controls in the stack pass (lib/handover.ts). The pack is attached to
 * every stack of an organisation, and a storage account of a stack without AI (function app storage,
 * a static website, diagnostics) is not this pack's to judge.
 *
 * Shape (API 2024-01-01, the default of azure-native 3.28): settings are top-level. Pulumi names
 * differ from the ARM/Azure Policy aliases: `enableHttpsTrafficOnly` (ARM `supportsHttpsTrafficOnly`),
 * `networkRuleSet` (ARM `networkAcls`).
 */
import { resourcePolicy } from "../../../lib/policy";
import { fixesInAiScope, inAiScope, scopeKnobs, ScopeKnobs } from "../../../lib/scope";
import { publicOrDefaultDeny, requireBoolean } from "../common";

const ACCOUNT = "azure-native:storage:StorageAccount";
const DOCS = "https://learn.microsoft.com/azure/storage/";
const TLS = ["TLS1_0", "TLS1_1", "TLS1_2", "TLS1_3"] as const;
const PUBLIC = ["Enabled", "Disabled", "SecuredByPerimeter"] as const;

export const storageHttpsOnly = resourcePolicy<ScopeKnobs>({
    name: "azure-storage-https-only",
    description: "Storage accounts holding AI data must accept only HTTPS traffic.",
    severity: "high",
    guidelines: ["DEP-1"],
    controls: ["ENC-Z01"],
    theme: "encryption",
    resourceTypes: [ACCOUNT],
    config: scopeKnobs,
    remediationSteps: "Set `enableHttpsTrafficOnly: true` (or leave it unset).",
    url: `${DOCS}common/storage-require-secure-transfer`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: true ("the default value is true since API version 2019-04-01").
        requireBoolean(r, "enableHttpsTrafficOnly", true, true, "data and SAS tokens can travel unencrypted over HTTP");
    },
    remediate(r) {
        if (!fixesInAiScope(r)) {
            return;
        }
        r.ensure("enableHttpsTrafficOnly", true, (v) => v === undefined || v === true || (typeof v === "string" && v.toLowerCase() === "true"));
    },
});

/**
 * Since 3 February 2026 Azure Storage refuses TLS 1.0 and 1.1 on every account, whatever
 * `minimumTlsVersion` says (https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-migrate-to-tls2).
 * So an unset value now means TLS 1.2 (the API reference still calls TLS 1.0 "the default
 * interpretation" of the property, but the service no longer honours it), and an explicit
 * "TLS1_0"/"TLS1_1" no longer weakens anything: it records an intent the platform ignores and fails
 * Azure Policy and CIS audits. Hence low severity.
 */
export const storageMinTls12 = resourcePolicy<ScopeKnobs>({
    name: "azure-storage-min-tls-1-2",
    description: "Storage accounts holding AI data must not ask for TLS versions older than 1.2 (Azure has enforced TLS 1.2 on every account since February 2026).",
    severity: "low",
    guidelines: ["DEP-1"],
    controls: ["ENC-Z02"],
    theme: "encryption",
    resourceTypes: [ACCOUNT],
    config: scopeKnobs,
    remediationSteps: 'Set `minimumTlsVersion: "TLS1_2"`.',
    url: `${DOCS}common/transport-layer-security-configure-minimum-version`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default since 3 February 2026: TLS 1.2, enforced by the service on every account.
        const tls = r.enum("minimumTlsVersion", TLS, { absent: "TLS1_2" });
        if (tls && (tls.value === "TLS1_0" || tls.value === "TLS1_1")) {
            r.violation(
                `${tls.text}: it asks Azure to accept TLS versions with known weaknesses, which Azure Storage has refused since 3 February 2026 whatever this says, so the setting misstates the account and fails Azure Policy and CIS audits. Set it to "TLS1_2".`,
            );
        }
    },
    remediate(r) {
        if (!fixesInAiScope(r)) {
            return;
        }
        r.ensure("minimumTlsVersion", "TLS1_2", (v) => typeof v === "string" && ["tls1_2", "tls1_3"].includes(v.toLowerCase()));
    },
});

export const storageBlobPublicAccessDisabled = resourcePolicy<ScopeKnobs & { requireExplicitSetting: boolean }>({
    name: "azure-storage-blob-public-access-disabled",
    description: "Storage accounts holding AI data must not allow anonymous public access to blobs.",
    severity: "critical",
    guidelines: ["DEP-1", "DEV-2"],
    controls: ["ENC-Z03"],
    theme: "access",
    resourceTypes: [ACCOUNT],
    config: {
        ...scopeKnobs,
        requireExplicitSetting: {
            type: "boolean",
            default: false,
            description: "Strict mode (as Azure Policy): also flag accounts that leave allowBlobPublicAccess unset, so the choice is explicit.",
        },
    },
    remediationSteps: "Set `allowBlobPublicAccess: false`; share data through Entra roles or user-delegation SAS instead.",
    url: `${DOCS}blobs/anonymous-read-access-prevent`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: false ("the default interpretation is false for this property").
        const open = r.boolean("allowBlobPublicAccess", { absent: r.config.requireExplicitSetting ? undefined : false });
        if (!open || open.value === false) {
            return;
        }
        if (open.value === undefined) {
            r.violation(`${open.text}: requireExplicitSetting asks for an explicit choice. Set it to false.`);
            return;
        }
        r.violation(`${open.text}: any container can then be made readable by anyone on the internet. Set it to false.`);
    },
    remediate(r) {
        if (!fixesInAiScope(r)) {
            return;
        }
        r.ensure(
            "allowBlobPublicAccess",
            false,
            (v) => (v === undefined && !r.config.requireExplicitSetting) || v === false || (typeof v === "string" && v.toLowerCase() === "false"),
        );
    },
});

export const storageCmk = resourcePolicy<ScopeKnobs>({
    name: "azure-storage-cmk",
    description: "Storage accounts holding AI data must encrypt it with a customer-managed key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-Z04"],
    theme: "encryption",
    resourceTypes: [ACCOUNT],
    config: scopeKnobs,
    remediationSteps:
        'Set `encryption: { keySource: "Microsoft.Keyvault", keyVaultProperties: { keyVaultUri, keyName }, encryptionIdentity: { encryptionUserAssignedIdentity } }` with a key the account\'s identity can use.',
    url: `${DOCS}common/customer-managed-keys-overview`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: "Microsoft.Storage" (Microsoft-managed keys). The documented spelling is
        // "Microsoft.Keyvault" (cognitive services documents "Microsoft.KeyVault"); case-insensitive.
        const source = r.enum("encryption.keySource", ["Microsoft.Storage", "Microsoft.Keyvault"], { absent: "Microsoft.Storage" });
        if (!source) {
            return;
        }
        if (source.value === "Microsoft.Storage") {
            r.violation(
                `${source.text}: training data and models are encrypted only with Microsoft-managed keys you cannot revoke or audit. Set it to "Microsoft.Keyvault" with your key.`,
            );
            return;
        }
        for (const path of ["encryption.keyVaultProperties.keyVaultUri", "encryption.keyVaultProperties.keyName"]) {
            const value = r.string(path);
            if (value && value.value === undefined) {
                r.violation(`${value.text}: customer-managed encryption needs the Key Vault and key. Set it.`);
            }
        }
    },
});

export const storageInfrastructureEncryption = resourcePolicy<ScopeKnobs>({
    name: "azure-storage-infrastructure-encryption",
    description: "Storage accounts holding AI data must add infrastructure (double) encryption.",
    severity: "low",
    guidelines: ["DEV-2"],
    controls: ["ENC-Z05"],
    theme: "encryption",
    resourceTypes: [ACCOUNT],
    config: scopeKnobs,
    remediationSteps: "Set `encryption: { requireInfrastructureEncryption: true, ... }`. It can only be chosen when the account is created.",
    url: `${DOCS}common/infrastructure-encryption-enable`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: false.
        requireBoolean(r, "encryption.requireInfrastructureEncryption", true, false, "data is encrypted once, so a flaw in one encryption layer exposes it");
    },
});

export const storageNetworkRestricted = resourcePolicy<ScopeKnobs>({
    name: "azure-storage-network-restricted",
    description: "Storage accounts holding AI data must disable public network access or deny it by default in their firewall.",
    severity: "high",
    guidelines: ["DEP-1"],
    controls: ["ACC-Z17"],
    theme: "network",
    resourceTypes: [ACCOUNT],
    config: scopeKnobs,
    remediationSteps:
        'Set `publicNetworkAccess: "Disabled"` and use private endpoints, or set `networkRuleSet: { defaultAction: "Deny", ipRules: [...], virtualNetworkRules: [...] }`.',
    url: `${DOCS}common/storage-network-security`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure defaults: public access "Enabled", firewall default action "Allow".
        publicOrDefaultDeny(
            r,
            {
                publicPath: "publicNetworkAccess",
                publicValues: PUBLIC,
                publicAbsent: "Enabled",
                closed: ["Disabled", "SecuredByPerimeter"],
                aclPath: "networkRuleSet.defaultAction",
            },
            "training data and models can be reached from any network by anyone holding a key or token",
        );
    },
});

export const storageSharedKeyDisabled = resourcePolicy<ScopeKnobs>({
    name: "azure-storage-shared-key-disabled",
    description: "Storage accounts holding AI data must disable shared key access.",
    severity: "medium",
    guidelines: ["DES-3j"],
    controls: ["ACC-Z18"],
    theme: "access",
    resourceTypes: [ACCOUNT],
    config: scopeKnobs,
    remediationSteps: "Set `allowSharedKeyAccess: false` and authorise access with Entra roles (set `defaultToOAuthAuthentication: true` for the portal).",
    url: `${DOCS}common/shared-key-authorization-prevent`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: null, "equivalent to true". Refused even behind a firewall: a leaked key
        // works from any network the account accepts.
        requireBoolean(r, "allowSharedKeyAccess", false, true, "an account key gives full, unaudited access to every container, and keys are easily leaked");
    },
});

export const storageAccountPolicies = [
    storageHttpsOnly,
    storageMinTls12,
    storageBlobPublicAccessDisabled,
    storageCmk,
    storageInfrastructureEncryption,
    storageNetworkRestricted,
    storageSharedKeyDisabled,
];
