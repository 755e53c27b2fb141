/**
 * Azure Container Registry: where training and serving images live. Reachable only from your
 * networks, no shared admin password or anonymous pulls, images kept from leaving, and deleted
 * images recoverable.
 *
 * Which registries are judged: those holding AI images, i.e. tagged as AI data stores, or every
 * registry with allDataStores (lib/scope.ts); a registry that only an AI resource's dependency makes
 * AI (an ML workspace's `containerRegistry`) gets the high and critical controls in the stack pass
 * (lib/handover.ts).
 *
 * Shape (API 2023-01-01-preview, the default of azure-native 3.28): settings are top-level
 * (`publicNetworkAccess`, `adminUserEnabled`, `policies.*`). The policy statuses are documented
 * lower-case (`"enabled"`/`"disabled"`); Azure accepts any casing, so they are compared
 * case-insensitively.
 */
import { resourcePolicy } from "../../../lib/policy";
import { fixesInAiScope, inAiScope, scopeKnobs, ScopeKnobs } from "../../../lib/scope";
import { publicOrDefaultDeny, requireBoolean, requireEnum } from "../common";

const REGISTRY = "azure-native:containerregistry:Registry";
const DOCS = "https://learn.microsoft.com/azure/container-registry/";
const STATUS = ["enabled", "disabled"] as const;
const PUBLIC = ["Enabled", "Disabled"] as const;

export const acrPublicNetworkDisabled = resourcePolicy<ScopeKnobs>({
    name: "azure-acr-public-network-disabled",
    description: "Container registries holding AI images must disable public network access.",
    severity: "high",
    guidelines: ["DEP-1"],
    controls: ["REG-Z01"],
    theme: "network",
    resourceTypes: [REGISTRY],
    config: scopeKnobs,
    remediationSteps: 'Set `publicNetworkAccess: "Disabled"` and reach the registry through a private endpoint (Premium SKU).',
    url: `${DOCS}container-registry-private-link`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: public network access "Enabled".
        requireEnum(r, "publicNetworkAccess", PUBLIC, ["Disabled"], "Enabled", "anyone on the internet can reach the registry's login server");
    },
});

export const acrNetworkDefaultDeny = resourcePolicy<ScopeKnobs>({
    name: "azure-acr-network-default-deny",
    description: "Container registries holding AI images must disable public network access or deny it by default in their firewall.",
    severity: "medium",
    guidelines: ["DEP-1"],
    controls: ["REG-Z02"],
    theme: "network",
    resourceTypes: [REGISTRY],
    config: scopeKnobs,
    remediationSteps:
        'Set `publicNetworkAccess: "Disabled"`, or set `networkRuleSet: { defaultAction: "Deny", ipRules: [...] }` listing only the networks that push and pull images (network rules need the Premium SKU).',
    url: `${DOCS}container-registry-access-selected-networks`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        publicOrDefaultDeny(
            r,
            { publicPath: "publicNetworkAccess", publicValues: PUBLIC, publicAbsent: "Enabled", closed: ["Disabled"], aclPath: "networkRuleSet.defaultAction" },
            "the registry accepts requests from any network",
        );
    },
});

export const acrAdminUserDisabled = resourcePolicy<ScopeKnobs>({
    name: "azure-acr-admin-user-disabled",
    description: "Container registries holding AI images must disable the shared admin user.",
    severity: "high",
    guidelines: ["DES-3j", "DEP-1"],
    controls: ["REG-Z03"],
    theme: "access",
    resourceTypes: [REGISTRY],
    config: scopeKnobs,
    remediationSteps: "Set `adminUserEnabled: false`; give pipelines and workloads managed identities or service principals with AcrPush/AcrPull roles.",
    url: `${DOCS}container-registry-authentication#admin-account`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: admin user disabled.
        requireBoolean(r, "adminUserEnabled", false, false, "a single shared password gives full push and pull rights to anyone who holds it");
    },
    remediate(r) {
        if (!fixesInAiScope(r)) {
            return;
        }
        r.ensure("adminUserEnabled", false);
    },
});

export const acrAnonymousPullDisabled = resourcePolicy<ScopeKnobs>({
    name: "azure-acr-anonymous-pull-disabled",
    description: "Container registries holding AI images must not allow anonymous (unauthenticated) pulls.",
    severity: "critical",
    guidelines: ["DEP-1", "DEV-2"],
    controls: ["REG-Z04"],
    theme: "access",
    resourceTypes: [REGISTRY],
    config: scopeKnobs,
    remediationSteps: "Set `anonymousPullEnabled: false` and grant AcrPull to the identities that need images.",
    url: `${DOCS}anonymous-pull-access`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: anonymous pull disabled.
        requireBoolean(r, "anonymousPullEnabled", false, false, "anyone who can reach the registry can download your model and serving images");
    },
    remediate(r) {
        if (!fixesInAiScope(r)) {
            return;
        }
        r.ensure("anonymousPullEnabled", false);
    },
});

export const acrCmkEncryption = resourcePolicy<ScopeKnobs>({
    name: "azure-acr-cmk-encryption",
    description: "Container registries holding AI images must encrypt them with a customer-managed key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["REG-Z05"],
    theme: "encryption",
    resourceTypes: [REGISTRY],
    config: scopeKnobs,
    remediationSteps:
        'Set `encryption: { status: "enabled", keyVaultProperties: { keyIdentifier: <key URI>, identity: <client id of a user-assigned identity> } }` and attach that identity in `identity`. Encryption can only be chosen when the registry is created (Premium SKU).',
    url: `${DOCS}tutorial-enable-customer-managed-keys`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: encryption "disabled" (Microsoft-managed keys).
        const status = r.enum("encryption.status", STATUS, { absent: "disabled" });
        if (!status) {
            return;
        }
        if (status.value === "disabled") {
            r.violation(`${status.text}: images are encrypted only with Microsoft-managed keys you cannot revoke or audit. Set it to "enabled" with a Key Vault key.`);
            return;
        }
        // Presence is all this needs: a key URI or client id computed from another resource counts.
        if (r.present("encryption.keyVaultProperties.keyIdentifier") === false) {
            r.violation("encryption.keyVaultProperties.keyIdentifier is not set: customer-managed encryption needs the Key Vault key's URI. Set it.");
        }
        if (r.present("encryption.keyVaultProperties.identity") === false) {
            r.violation(
                "encryption.keyVaultProperties.identity is not set: the registry needs a user-assigned identity's client id to read the key. Set it and attach the identity.",
            );
        }
    },
});

export const acrExportDisabled = resourcePolicy<ScopeKnobs>({
    name: "azure-acr-export-disabled",
    description: "Container registries holding AI images must not allow images to be exported or imported to other registries.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["REG-Z06"],
    theme: "registry",
    resourceTypes: [REGISTRY],
    config: scopeKnobs,
    remediationSteps: 'Set `policies: { exportPolicy: { status: "disabled" } }` (Azure requires `publicNetworkAccess: "Disabled"` for this, Premium SKU).',
    url: `${DOCS}data-loss-prevention`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: export "enabled".
        requireEnum(r, "policies.exportPolicy.status", STATUS, ["disabled"], "enabled", "anyone with pull rights can copy model images to a registry outside your control");
    },
});

export const acrPremiumSku = resourcePolicy<ScopeKnobs>({
    name: "azure-acr-premium-sku",
    description: "Container registries holding AI images must use the Premium SKU, the only one that supports private endpoints and firewall rules.",
    severity: "low",
    guidelines: ["DEP-1"],
    controls: ["REG-Z07"],
    theme: "network",
    resourceTypes: [REGISTRY],
    config: scopeKnobs,
    remediationSteps: 'Set `sku: { name: "Premium" }`.',
    url: `${DOCS}container-registry-skus`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // sku.name is required by the API: not set is reported as such.
        requireEnum(
            r,
            "sku.name",
            ["Classic", "Basic", "Standard", "Premium"],
            ["Premium"],
            undefined,
            "the registry cannot use private endpoints, firewall rules, export policies or customer-managed keys",
        );
    },
});

export const acrQuarantineEnabled = resourcePolicy<ScopeKnobs>({
    name: "azure-acr-quarantine-enabled",
    description: "Container registries holding AI images must quarantine pushed images until they have been scanned and released.",
    severity: "low",
    guidelines: ["DEV-1", "DEP-2"],
    controls: ["REG-Z08"],
    theme: "supply-chain",
    resourceTypes: [REGISTRY],
    config: scopeKnobs,
    remediationSteps:
        'Set `policies: { quarantinePolicy: { status: "enabled" } }` and have your scanner release images that pass. (The content trust half of the catalogue row is not required: Docker Content Trust is being retired by Azure; sign images with Notation instead.)',
    url: "https://learn.microsoft.com/rest/api/containerregistry/registries/create",
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: quarantine "disabled".
        requireEnum(r, "policies.quarantinePolicy.status", STATUS, ["enabled"], "disabled", "a pushed image can be pulled before anyone has scanned it");
    },
});

/**
 * Soft delete and the retention policy for untagged manifests are one control (REG-Z09): Azure
 * rejects a registry with both enabled (docs: "ACR doesn't allow enabling both the retention policy
 * and the soft delete policy"), so either one satisfies it and both are reported as the
 * configuration Azure rejects. Soft delete is preferred (deleted images stay recoverable); the
 * retention policy is the choice for geo-replicated registries, which soft delete does not support.
 */
export const acrSoftDeleteEnabled = resourcePolicy<ScopeKnobs>({
    name: "azure-acr-soft-delete-enabled",
    description:
        "Container registries holding AI images must enable soft delete (deleted images stay recoverable) or the retention policy for untagged manifests, and not both: Azure rejects the two together.",
    severity: "low",
    guidelines: ["DEP-3", "DEV-2", "DEV-4"],
    controls: ["REG-Z09"],
    theme: "resilience",
    resourceTypes: [REGISTRY],
    config: scopeKnobs,
    remediationSteps:
        'Set `policies: { softDeletePolicy: { status: "enabled", retentionDays: 7 } }` (or longer) and leave `retentionPolicy` disabled; on a geo-replicated registry, where soft delete is not supported, set `policies: { retentionPolicy: { status: "enabled", days: 7 } }` instead.',
    url: `${DOCS}container-registry-soft-delete-policy`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: both "disabled".
        const softDelete = r.enum("policies.softDeletePolicy.status", STATUS, { absent: "disabled" });
        const retention = r.enum("policies.retentionPolicy.status", STATUS, { absent: "disabled" });
        if (!softDelete || !retention) {
            return; // unknown or malformed (recorded)
        }
        if (softDelete.value === "enabled" && retention.value === "enabled") {
            r.violation(
                `${softDelete.text} and ${retention.text}: Azure rejects a registry with both, so this configuration cannot be deployed. Keep soft delete and set retentionPolicy.status to "disabled" (or, on a geo-replicated registry, the reverse).`,
            );
        } else if (softDelete.value !== "enabled" && retention.value !== "enabled") {
            r.violation(
                `${softDelete.text} and ${retention.text}: a deleted or overwritten image cannot be recovered for an investigation or a rollback, and untagged images stay pullable by digest forever. Set softDeletePolicy.status to "enabled" (or retentionPolicy.status, on a geo-replicated registry).`,
            );
        }
    },
});

/**
 * Retired: merged into azure-acr-soft-delete-enabled, because Azure does not allow soft delete and
 * the retention policy together, so no registry could pass both. Kept registered so that configs
 * naming it stay valid; disabled by default, and it never reports (not applicable), even when set to
 * mandatory.
 */
export const acrUntaggedRetention = resourcePolicy({
    name: "azure-acr-untagged-retention-enabled",
    description:
        "Retired in favour of azure-acr-soft-delete-enabled, because Azure does not allow soft delete and the untagged-manifest retention policy together; it never reports.",
    severity: "low",
    guidelines: ["DEV-2", "DEV-4"],
    controls: ["REG-Z09"],
    theme: "registry",
    resourceTypes: [REGISTRY],
    retiredFor: "azure-acr-soft-delete-enabled",
    remediationSteps: "Nothing to do here: configure azure-acr-soft-delete-enabled instead (move any enforcement level you set for this policy there).",
    url: `${DOCS}container-registry-retention-policy`,
    validate(r) {
        r.notApplicable("retired: merged into azure-acr-soft-delete-enabled, which accepts soft delete or the retention policy");
    },
});

export const acrArmAudienceTokenDisabled = resourcePolicy<ScopeKnobs>({
    name: "azure-acr-arm-audience-token-disabled",
    description: "Container registries holding AI images must not accept ARM-audience Entra tokens for registry access.",
    severity: "low",
    guidelines: ["DES-3j"],
    controls: ["REG-Z10"],
    theme: "access",
    resourceTypes: [REGISTRY],
    config: scopeKnobs,
    remediationSteps: 'Set `policies: { azureADAuthenticationAsArmPolicy: { status: "disabled" } }` so only registry-scoped tokens are accepted.',
    url: `${DOCS}container-registry-disable-authentication-as-arm`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: ARM-audience tokens accepted ("enabled").
        requireEnum(r, "policies.azureADAuthenticationAsArmPolicy.status", STATUS, ["disabled"], "enabled", "any token issued for Azure Resource Manager also opens the registry");
    },
});

export const registryPolicies = [
    acrPublicNetworkDisabled,
    acrNetworkDefaultDeny,
    acrAdminUserDisabled,
    acrAnonymousPullDisabled,
    acrCmkEncryption,
    acrExportDisabled,
    acrPremiumSku,
    acrQuarantineEnabled,
    acrSoftDeleteEnabled,
    acrUntaggedRetention,
    acrArmAudienceTokenDisabled,
];
