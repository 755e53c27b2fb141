/**
 * Azure Machine Learning workspaces (also AI Foundry hubs and projects, `kind` "Hub"/"Project"):
 * the control plane for data, models and compute. Private, with approved-only outbound traffic,
 * identity-based data access, and customer-managed keys for sensitive work.
 *
 * Shape (API 2025-12-01, the default of azure-native 3.28): settings are top-level
 * (`publicNetworkAccess`, `managedNetwork.isolationMode`, `encryption.status`, `hbiWorkspace`).
 */
import { resourcePolicy, ResourceCheck } from "../../../lib/policy";
import { UNKNOWN } from "../../../lib/props";
import { tagValue } from "../../../lib/tags";
import { requireBoolean, requireEnum } from "../common";

const WORKSPACE = "azure-native:machinelearningservices:Workspace";
const DOCS = "https://learn.microsoft.com/azure/machine-learning/";

/**
 * Projects of an AI Foundry hub inherit the hub's managed network and encryption and cannot set
 * them (Azure Policy's built-ins exclude them too): ends the evaluation as not-applicable for a
 * project; false when the kind is unknown during preview (recorded), true otherwise.
 */
function judgedKind<C>(r: ResourceCheck<C>, what: string): boolean {
    const kind = r.string("kind");
    if (kind === undefined) {
        return false;
    }
    if (kind.value !== undefined && kind.value.toLowerCase() === "project") {
        r.notApplicable(`hub projects inherit ${what} from their hub workspace`);
    }
    return true;
}

export const mlWorkspacePublicNetworkDisabled = resourcePolicy({
    name: "azure-ml-workspace-public-network-disabled",
    description: "Machine Learning workspaces must disable public network access.",
    severity: "high",
    guidelines: ["DEP-1"],
    controls: ["ACC-Z01"],
    theme: "network",
    resourceTypes: [WORKSPACE],
    remediationSteps: 'Set `publicNetworkAccess: "Disabled"` and reach the workspace through a private endpoint.',
    url: `${DOCS}how-to-configure-private-link`,
    validate(r) {
        // Azure default: "Enabled".
        requireEnum(r, "publicNetworkAccess", ["Enabled", "Disabled"], ["Disabled"], "Enabled", "the workspace API, studio and its data are reachable from the internet");
    },
});

const ISOLATION = ["Disabled", "AllowInternetOutbound", "AllowOnlyApprovedOutbound"] as const;

export const mlWorkspaceApprovedOutbound = resourcePolicy<{ acceptedIsolationModes: string[] }>({
    name: "azure-ml-workspace-approved-outbound",
    description: "Machine Learning workspaces must use a managed network that allows only approved outbound traffic.",
    severity: "high",
    guidelines: ["DES-3b", "DES-3c", "DEP-1"],
    controls: ["ACC-Z02"],
    theme: "network",
    resourceTypes: [WORKSPACE],
    config: {
        acceptedIsolationModes: {
            type: "array",
            items: { type: "string", enum: [...ISOLATION] },
            minItems: 1,
            default: ["AllowOnlyApprovedOutbound"],
            description: 'Managed network isolation modes to accept; add "AllowInternetOutbound" where open egress is an accepted risk.',
        },
    },
    remediationSteps:
        'Set `managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound", outboundRules: { ... } }` with FQDN, service tag or private endpoint rules for the destinations your jobs need.',
    url: `${DOCS}how-to-managed-network`,
    validate(r) {
        if (!judgedKind(r, "the managed network")) {
            return;
        }
        // Azure default: "Disabled" (no managed network: compute has unrestricted egress unless you build your own).
        requireEnum(
            r,
            "managedNetwork.isolationMode",
            ISOLATION,
            r.config.acceptedIsolationModes,
            "Disabled",
            "training jobs, notebooks and endpoints can send data to, and fetch models from, anywhere on the internet",
        );
    },
});

export const mlWorkspaceNoPublicBehindVnet = resourcePolicy({
    name: "azure-ml-workspace-no-public-access-behind-vnet",
    description: "Machine Learning workspaces behind a private endpoint must not also allow public access.",
    severity: "medium",
    guidelines: ["DEP-1"],
    controls: ["ACC-Z03"],
    theme: "network",
    resourceTypes: [WORKSPACE],
    remediationSteps: "Set `allowPublicAccessWhenBehindVnet: false` (or leave it unset).",
    url: `${DOCS}how-to-configure-private-link`,
    validate(r) {
        // Azure default: false.
        requireBoolean(r, "allowPublicAccessWhenBehindVnet", false, false, "the private endpoint is bypassed: the workspace stays reachable from the internet");
    },
    remediate(r) {
        r.ensure("allowPublicAccessWhenBehindVnet", false);
    },
});

const DATASTORE_AUTH = ["AccessKey", "Identity", "UserDelegationSAS"] as const;

export const mlWorkspaceIdentityDatastoreAuth = resourcePolicy<{ acceptedAuthModes: string[] }>({
    name: "azure-ml-workspace-identity-datastore-auth",
    description: "Machine Learning workspaces must reach their system datastores with Entra identities, not storage account keys.",
    severity: "medium",
    guidelines: ["DES-3j"],
    controls: ["ACC-Z04"],
    theme: "access",
    resourceTypes: [WORKSPACE],
    config: {
        acceptedAuthModes: {
            type: "array",
            items: { type: "string", enum: [...DATASTORE_AUTH] },
            minItems: 1,
            default: ["Identity"],
            description: 'System datastore authentication modes to accept; add "UserDelegationSAS" to accept Entra-signed SAS tokens.',
        },
    },
    remediationSteps:
        'Set `systemDatastoresAuthMode: "Identity"` and grant the workspace identity the Storage Blob Data roles it needs; then disable shared keys on the storage account.',
    url: `${DOCS}how-to-identity-based-service-authentication`,
    validate(r) {
        // Azure default: "AccessKey" (the workspace stores the storage account key).
        requireEnum(
            r,
            "systemDatastoresAuthMode",
            DATASTORE_AUTH,
            r.config.acceptedAuthModes,
            "AccessKey",
            "the workspace keeps the storage account key, which grants full access to all of its data",
        );
    },
});

/** Both spellings of the combined type appear in Azure's API specs; Azure accepts either. */
const IDENTITY_TYPES = ["None", "SystemAssigned", "UserAssigned", "SystemAssigned,UserAssigned", "SystemAssigned, UserAssigned"] as const;

export const mlWorkspaceUserAssignedIdentity = resourcePolicy({
    name: "azure-ml-workspace-user-assigned-identity",
    description: "Machine Learning workspaces must run as a user-assigned managed identity.",
    severity: "medium",
    guidelines: ["DES-3j"],
    controls: ["ACC-Z04"],
    theme: "access",
    resourceTypes: [WORKSPACE],
    remediationSteps:
        'Set `identity: { type: "UserAssigned", userAssignedIdentities: [<identity id>] }` and `primaryUserAssignedIdentity: <identity id>`, and grant that identity only the roles the workspace needs.',
    url: `${DOCS}how-to-identity-based-service-authentication#workspace`,
    validate(r) {
        // No default is assumed: tools create workspaces with a system-assigned identity, which
        // fails this policy either way.
        const type = r.enum("identity.type", IDENTITY_TYPES);
        if (!type) {
            return;
        }
        if (type.value === undefined || !type.value.includes("UserAssigned")) {
            r.violation(`${type.text}: the workspace's permissions are granted to an identity you do not manage and cannot scope in advance. Use "UserAssigned".`);
            return;
        }
        // Any user-assigned identity will do, so an id computed from another resource is enough.
        if (r.present("primaryUserAssignedIdentity") === false) {
            r.violation("primaryUserAssignedIdentity is not set: the workspace still acts as its system-assigned identity. Set it to the user-assigned identity's resource id.");
        }
    },
});

export const mlWorkspaceCmk = resourcePolicy({
    name: "azure-ml-workspace-cmk",
    description: "Machine Learning workspaces must encrypt their data with a customer-managed key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-Z06"],
    theme: "encryption",
    resourceTypes: [WORKSPACE],
    remediationSteps:
        'Set `encryption: { status: "Enabled", keyVaultProperties: { keyVaultArmId: <vault id>, keyIdentifier: <key URI> }, identity: { userAssignedIdentity: <identity id> } }`. Encryption can only be chosen when the workspace is created.',
    url: `${DOCS}concept-customer-managed-keys`,
    validate(r) {
        if (!judgedKind(r, "encryption")) {
            return;
        }
        // Azure default: no encryption block (Microsoft-managed keys).
        const status = r.enum("encryption.status", ["Enabled", "Disabled"], { absent: "Disabled" });
        if (!status) {
            return;
        }
        if (status.value === "Disabled") {
            r.violation(`${status.text}: workspace metadata, job data and models are encrypted only with Microsoft-managed keys. Set it to "Enabled" with a Key Vault key.`);
            return;
        }
        // Presence is all this needs: a vault id or key URI computed from another resource counts.
        for (const path of ["encryption.keyVaultProperties.keyVaultArmId", "encryption.keyVaultProperties.keyIdentifier"]) {
            if (r.present(path) === false) {
                r.violation(`${path} is not set: customer-managed encryption needs the Key Vault and key. Set it.`);
            }
        }
    },
});

export const mlWorkspaceHbi = resourcePolicy<{ sensitivityTagKey: string; sensitiveValues: string[] }>({
    name: "azure-ml-workspace-hbi",
    description: "Machine Learning workspaces tagged as handling sensitive data must be high-business-impact workspaces.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-Z07"],
    theme: "encryption",
    resourceTypes: [WORKSPACE],
    config: {
        sensitivityTagKey: {
            type: "string",
            minLength: 1,
            default: "data-classification",
            description: "The tag whose value says how sensitive a workspace's data is (tag names match case-insensitively).",
        },
        sensitiveValues: {
            type: "array",
            items: { type: "string", minLength: 1 },
            minItems: 1,
            default: ["confidential", "highly-confidential", "restricted", "hbi", "high-business-impact"],
            description: "Values of that tag (case-insensitive) that mark a workspace as high business impact.",
        },
    },
    remediationSteps: "Set `hbiWorkspace: true` on workspaces that handle sensitive data (it can only be set when the workspace is created).",
    url: `${DOCS}concept-data-encryption`,
    validate(r) {
        const value = tagValue(r, r.config.sensitivityTagKey);
        if (value === UNKNOWN || value === null) {
            return;
        }
        const sensitive = new Set(r.config.sensitiveValues.map((v) => v.toLowerCase()));
        if (value === undefined || !sensitive.has(value.trim().toLowerCase())) {
            r.notApplicable(`not tagged ${r.config.sensitivityTagKey} with a sensitive value`);
        }
        // Azure default: false.
        requireBoolean(
            r,
            "hbiWorkspace",
            true,
            false,
            "Microsoft limits the diagnostic data it collects and encrypts compute scratch disks only for high-business-impact workspaces",
        );
    },
});

export const mlWorkspaceApplicationInsights = resourcePolicy({
    name: "azure-ml-workspace-application-insights",
    description: "Machine Learning workspaces and AI Foundry hubs must send their endpoints' and agents' telemetry to Application Insights.",
    severity: "low",
    guidelines: ["OPS-1", "DEP-3"],
    controls: ["LOG-Z08"],
    theme: "monitoring",
    resourceTypes: [WORKSPACE],
    remediationSteps: "Set `applicationInsights` to the id of an Application Insights component (workspace-based, in your Log Analytics workspace).",
    url: `${DOCS}how-to-enable-app-insights`,
    validate(r) {
        if (!judgedKind(r, "Application Insights")) {
            return;
        }
        // Azure default: none; without it endpoints and traces emit no application telemetry.
        // Any component will do, so an id computed from another resource is enough.
        if (r.present("applicationInsights") === false) {
            r.violation(
                "applicationInsights is not set: online endpoints, prompt flows and agents of the workspace emit no request, failure or trace telemetry to watch for misuse. Set it to an Application Insights component.",
            );
        }
    },
});

export const workspacePolicies = [
    mlWorkspacePublicNetworkDisabled,
    mlWorkspaceApprovedOutbound,
    mlWorkspaceNoPublicBehindVnet,
    mlWorkspaceIdentityDatastoreAuth,
    mlWorkspaceUserAssignedIdentity,
    mlWorkspaceCmk,
    mlWorkspaceHbi,
    mlWorkspaceApplicationInsights,
];
