/**
 * Azure Key Vaults: hold the customer-managed keys and secrets of the AI estate. Deleted keys stay
 * recoverable and cannot be purged early, access is governed by Azure RBAC, and the vault is
 * reachable only from your networks.
 *
 * Which vaults are judged: those holding the keys and secrets of AI data, i.e. tagged as AI data
 * stores, or every vault with allDataStores (lib/scope.ts); a vault that only an AI resource's
 * dependency makes AI (an ML workspace's `keyVault`) gets the high and critical controls in the
 * stack pass (lib/handover.ts).
 *
 * Shape (API 2024-11-01, the default of azure-native 3.28): settings sit under `properties`.
 * `properties.publicNetworkAccess` is a free string documented lower-case ("enabled"/"disabled");
 * Azure treats it case-insensitively, and so do these policies.
 */
import { resourcePolicy } from "../../../lib/policy";
import { inAiScope, scopeKnobs, ScopeKnobs } from "../../../lib/scope";
import { apiVersionOf } from "../../../lib/types";
import { publicOrDefaultDeny, requireBoolean } from "../common";

const VAULT = "azure-native:keyvault:Vault";
const DOCS = "https://learn.microsoft.com/azure/key-vault/general/";

export const keyVaultSoftDeleteEnabled = resourcePolicy<ScopeKnobs>({
    name: "azure-keyvault-soft-delete-enabled",
    description: "Key vaults holding AI keys and secrets must keep soft delete on.",
    severity: "high",
    guidelines: ["DEP-2", "DEP-3"],
    controls: ["ENC-Z11"],
    theme: "resilience",
    resourceTypes: [VAULT],
    config: scopeKnobs,
    remediationSteps: "Remove `properties.enableSoftDelete: false` (soft delete is on by default and cannot be turned off once on).",
    url: `${DOCS}soft-delete-overview`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: true ("if it's not set ... it will be set to true by default").
        requireBoolean(r, "properties.enableSoftDelete", true, true, "a deleted key or secret is gone at once, and with it every model and dataset it encrypts");
    },
});

export const keyVaultPurgeProtection = resourcePolicy<ScopeKnobs>({
    name: "azure-keyvault-purge-protection",
    description: "Key vaults holding AI keys and secrets must enable purge protection.",
    severity: "high",
    guidelines: ["DEP-2", "DEP-3"],
    controls: ["ENC-Z11"],
    theme: "resilience",
    resourceTypes: [VAULT],
    config: scopeKnobs,
    // No automatic remediation: enabling purge protection is irreversible, and it keeps the vault's
    // name reserved for the retention period after deletion, which breaks short-lived stacks.
    remediationSteps: "Set `properties.enablePurgeProtection: true` (irreversible: deleted vaults and keys are then kept for the whole retention period).",
    url: `${DOCS}soft-delete-overview#purge-protection`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: purge protection off.
        requireBoolean(
            r,
            "properties.enablePurgeProtection",
            true,
            false,
            "an attacker or a mistake can purge soft-deleted keys at once, making data encrypted with them unrecoverable",
        );
    },
});

export const keyVaultRbacAuthorization = resourcePolicy<ScopeKnobs>({
    name: "azure-keyvault-rbac-authorization",
    description: "Key vaults holding AI keys and secrets must use the Azure RBAC permission model.",
    severity: "medium",
    guidelines: ["DES-3j"],
    controls: ["ENC-Z12"],
    theme: "access",
    resourceTypes: [VAULT],
    config: scopeKnobs,
    remediationSteps: "Set `properties.enableRbacAuthorization: true` and replace `accessPolicies` with role assignments (Key Vault Crypto User, Secrets User, ...).",
    url: `${DOCS}rbac-guide`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: false (access policies) up to API 2024-11-01, which azure-native 3.x uses and
        // fills in; true (RBAC) for vaults created with API 2026-02-01 or later (versioned tokens).
        requireBoolean(
            r,
            "properties.enableRbacAuthorization",
            true,
            apiVersionOf(r.type) >= "20260201",
            "access policies grant vault-wide permissions that Privileged Identity Management and conditional access cannot govern",
        );
    },
});

export const keyVaultNetworkRestricted = resourcePolicy<ScopeKnobs>({
    name: "azure-keyvault-network-restricted",
    description: "Key vaults holding AI keys and secrets must disable public network access or deny it by default in their firewall.",
    severity: "medium",
    guidelines: ["DEP-1", "DEP-2"],
    controls: ["ACC-Z19"],
    theme: "network",
    resourceTypes: [VAULT],
    config: scopeKnobs,
    remediationSteps:
        'Set `properties.publicNetworkAccess: "disabled"` and use private endpoints, or set `properties.networkAcls: { defaultAction: "Deny", bypass: "AzureServices", ... }`.',
    url: `${DOCS}network-security`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure defaults: public access "enabled" (the SDK fills it in), firewall default action "Allow".
        publicOrDefaultDeny(
            r,
            {
                publicPath: "properties.publicNetworkAccess",
                publicValues: ["enabled", "disabled"],
                publicAbsent: "enabled",
                closed: ["disabled"],
                aclPath: "properties.networkAcls.defaultAction",
            },
            "keys and secrets can be requested from any network by anyone who obtains a token",
        );
    },
});

export const vaultPolicies = [keyVaultSoftDeleteEnabled, keyVaultPurgeProtection, keyVaultRbacAuthorization, keyVaultNetworkRestricted];
