/**
 * Azure AI services accounts (`azure-native:cognitiveservices:Account`: Azure OpenAI, AI Foundry
 * "AIServices", Speech, Language, ...; the `kind` tells them apart). Entra-only access, restricted
 * networks inbound and outbound, a managed identity, and customer-managed keys.
 *
 * Shape (API 2025-06-01): unlike most Azure resources here, the settings sit under `properties`
 * (`properties.disableLocalAuth`, `properties.publicNetworkAccess`, `properties.encryption`).
 */
import { resourcePolicy, ResourceCheck } from "../../../lib/policy";
import { publicOrDefaultDeny, requireBoolean } from "../common";

const ACCOUNT = "azure-native:cognitiveservices:Account";
/** AI Foundry projects: children of an AIServices account; their network access is the account's. */
const PROJECT = "azure-native:cognitiveservices:Project";
const DOCS = "https://learn.microsoft.com/azure/ai-services/";

/** Ends the evaluation as not-applicable unless the account's kind is one of `kinds`; false when unknown. */
function kindIn<C>(r: ResourceCheck<C>, kinds: readonly string[], why: string): boolean {
    const kind = r.string("kind");
    if (!kind) {
        return false;
    }
    const wanted = kinds.map((k) => k.toLowerCase());
    if (kind.value === undefined || !wanted.includes(kind.value.toLowerCase())) {
        r.notApplicable(`applies only to accounts of kind ${kinds.join(", ")} (${why})`);
    }
    return true;
}

export const cognitiveLocalAuthDisabled = resourcePolicy({
    name: "azure-cognitive-local-auth-disabled",
    description: "Azure AI services accounts must disable key-based (local) authentication.",
    severity: "high",
    guidelines: ["DES-3j", "DES-3h"],
    controls: ["ACC-Z12"],
    theme: "access",
    resourceTypes: [ACCOUNT],
    remediationSteps: "Set `properties.disableLocalAuth: true` and give callers Entra identities with the Cognitive Services User (or OpenAI User) role.",
    url: `${DOCS}disable-local-auth`,
    validate(r) {
        // Azure default: keys accepted.
        requireBoolean(r, "properties.disableLocalAuth", true, false, "anyone holding an account key can call every model, with no per-caller identity or audit");
    },
});

export const cognitiveNetworkRestricted = resourcePolicy<{ requirePublicNetworkDisabled: boolean }>({
    name: "azure-cognitive-network-restricted",
    description: "Azure AI services accounts must disable public network access or deny it by default in their firewall.",
    severity: "high",
    guidelines: ["DEP-1"],
    controls: ["ACC-Z13"],
    theme: "network",
    resourceTypes: [ACCOUNT],
    config: {
        requirePublicNetworkDisabled: {
            type: "boolean",
            default: false,
            description: 'Strict mode: require publicNetworkAccess "Disabled" (private endpoints only); a default-deny firewall is not enough.',
        },
    },
    remediationSteps:
        'Set `properties.publicNetworkAccess: "Disabled"` and use private endpoints, or set `properties.networkAcls: { defaultAction: "Deny", ipRules: [...], virtualNetworkRules: [...] }`.',
    url: `${DOCS}cognitive-services-virtual-networks`,
    validate(r) {
        const consequence = "the model endpoints accept requests from any network";
        if (r.config.requirePublicNetworkDisabled) {
            const access = r.enum("properties.publicNetworkAccess", ["Enabled", "Disabled"], { absent: "Enabled" });
            if (access?.value === "Enabled") {
                r.violation(`${access.text}: ${consequence}. Set it to "Disabled" and use private endpoints.`);
            }
            return;
        }
        // Azure defaults: public access "Enabled", firewall default action "Allow".
        publicOrDefaultDeny(
            r,
            {
                publicPath: "properties.publicNetworkAccess",
                publicValues: ["Enabled", "Disabled"],
                publicAbsent: "Enabled",
                closed: ["Disabled"],
                aclPath: "properties.networkAcls.defaultAction",
            },
            consequence,
        );
    },
});

export const cognitiveManagedIdentity = resourcePolicy({
    name: "azure-cognitive-managed-identity",
    description: "Azure AI services accounts and AI Foundry projects must have a managed identity.",
    severity: "medium",
    guidelines: ["DES-3j"],
    controls: ["ACC-Z14", "ACC-Z20"],
    theme: "access",
    // A project has no network settings of its own: azure-cognitive-network-restricted judges its account.
    resourceTypes: [ACCOUNT, PROJECT],
    remediationSteps: 'Set `identity: { type: "SystemAssigned" }` (or "UserAssigned" with `userAssignedIdentities`) and grant it the roles it needs on storage and Key Vault.',
    url: `${DOCS}openai/how-to/managed-identity`,
    validate(r) {
        // Azure default: no identity ("None"); both spellings of the combined type are accepted.
        const type = r.enum("identity.type", ["None", "SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned", "SystemAssigned,UserAssigned"], { absent: "None" });
        if (type?.value === "None") {
            const what = r.type.endsWith(":Project") ? "project (and its agents)" : "account";
            r.violation(`${type.text}: the ${what} must then reach storage, Key Vault and search with keys or secrets. Give it a managed identity.`);
        }
    },
});

export const cognitiveOutboundRestricted = resourcePolicy<{ kinds: string[] }>({
    name: "azure-cognitive-outbound-restricted",
    description: "Azure OpenAI and AI Foundry accounts must restrict outbound network access to an allow-list.",
    severity: "medium",
    guidelines: ["DES-3c"],
    controls: ["ACC-Z15"],
    theme: "network",
    resourceTypes: [ACCOUNT],
    config: {
        kinds: {
            type: "array",
            items: { type: "string", minLength: 1 },
            minItems: 1,
            default: ["OpenAI", "AIServices"],
            description: "Account kinds judged (case-insensitive): those whose models can fetch external content (e.g. data sources for grounding).",
        },
    },
    remediationSteps: "Set `properties.restrictOutboundNetworkAccess: true` and list the destinations the account may reach in `properties.allowedFqdnList`.",
    url: `${DOCS}cognitive-services-data-loss-prevention`,
    validate(r) {
        if (!kindIn(r, r.config.kinds, "accounts whose models can reach external data")) {
            return;
        }
        // Azure default: outbound unrestricted. An empty allowedFqdnList with the restriction on
        // allows no destination at all, which is stricter still, so it is not required to be non-empty.
        requireBoolean(r, "properties.restrictOutboundNetworkAccess", true, false, "prompts and data can be sent to any internet destination the service is told to fetch from");
    },
});

export const cognitiveCmk = resourcePolicy<{ excludedKinds: string[] }>({
    name: "azure-cognitive-cmk",
    description: "Azure AI services accounts must encrypt their data with a customer-managed key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-Z08"],
    theme: "encryption",
    resourceTypes: [ACCOUNT],
    config: {
        excludedKinds: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: [],
            description: "Account kinds not judged (case-insensitive), e.g. kinds that store no customer data.",
        },
    },
    remediationSteps:
        'Set `properties.encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: { keyVaultUri, keyName, keyVersion, identityClientId } }` with a key the account\'s managed identity can use.',
    url: `${DOCS}encryption/cognitive-services-encryption-keys-portal`,
    validate(r) {
        const kind = r.string("kind");
        if (kind === undefined && r.config.excludedKinds.length > 0) {
            return; // unknown (recorded) or malformed (reported): it may be an excluded kind
        }
        if (kind?.value !== undefined && r.config.excludedKinds.some((k) => k.toLowerCase() === kind.value?.toLowerCase())) {
            return r.notApplicable("its kind is in excludedKinds");
        }
        // Azure default: "Microsoft.CognitiveServices" (Microsoft-managed keys). Documented spelling
        // here is "Microsoft.KeyVault" (storage documents "Microsoft.Keyvault"); matched case-insensitively.
        const source = r.enum("properties.encryption.keySource", ["Microsoft.CognitiveServices", "Microsoft.KeyVault"], { absent: "Microsoft.CognitiveServices" });
        if (!source) {
            return;
        }
        if (source.value === "Microsoft.CognitiveServices") {
            r.violation(
                `${source.text}: fine-tuning data, uploaded files and stored prompts are encrypted only with Microsoft-managed keys. Set it to "Microsoft.KeyVault" with your key.`,
            );
            return;
        }
        for (const path of ["properties.encryption.keyVaultProperties.keyVaultUri", "properties.encryption.keyVaultProperties.keyName"]) {
            const value = r.string(path);
            if (value && value.value === undefined) {
                r.violation(`${value.text}: customer-managed encryption needs the Key Vault and key. Set it.`);
            }
        }
    },
});

export const cognitiveUserOwnedStorage = resourcePolicy<{ kinds: string[] }>({
    name: "azure-cognitive-user-owned-storage",
    description: "Azure AI services accounts of kinds that support it must keep their data in a customer-owned storage account.",
    severity: "low",
    guidelines: ["DEV-2"],
    controls: ["ENC-Z09"],
    theme: "encryption",
    resourceTypes: [ACCOUNT],
    config: {
        kinds: {
            type: "array",
            items: { type: "string", minLength: 1 },
            minItems: 1,
            default: ["SpeechServices"],
            description: "Account kinds judged (case-insensitive): those that support bring-your-own storage in your estate.",
        },
    },
    remediationSteps: "Set `properties.userOwnedStorage: [{ resourceId: <storage account id> }]` with a storage account you control (and protect with the storage policies).",
    url: `${DOCS}speech-service/bring-your-own-storage-speech-resource`,
    validate(r) {
        if (!kindIn(r, r.config.kinds, "kinds that support customer-owned storage")) {
            return;
        }
        const own = r.some("properties.userOwnedStorage", (s) => {
            const id = s.string("resourceId");
            return id === undefined ? undefined : id.value !== undefined;
        });
        if (own === false) {
            r.violation(
                "properties.userOwnedStorage is not set: audio, transcripts and custom models are kept in Microsoft-managed storage you cannot govern. Add your storage account.",
            );
        }
    },
});

export const accountPolicies = [
    cognitiveLocalAuthDisabled,
    cognitiveNetworkRestricted,
    cognitiveManagedIdentity,
    cognitiveOutboundRestricted,
    cognitiveCmk,
    cognitiveUserOwnedStorage,
];
