/**
 * Azure AI Search services: the retrieval index of RAG applications, often holding copies of
 * sensitive documents. Private, Entra-only, and encrypted with customer-managed keys.
 *
 * Shape (API 2025-05-01, the default of azure-native 3.28): settings are top-level
 * (`publicNetworkAccess`, `disableLocalAuth`, `encryptionWithCmk.enforcement`).
 */
import { resourcePolicy } from "../../../lib/policy";
import { readKey } from "../../../lib/props";
import { requireBoolean, requireEnum } from "../common";

const SERVICE = "azure-native:search:Service";
const DOCS = "https://learn.microsoft.com/azure/search/";

export const searchPublicNetworkDisabled = resourcePolicy<{ acceptIpFirewall: boolean }>({
    name: "azure-search-public-network-disabled",
    description: "AI Search services must disable public network access.",
    severity: "high",
    guidelines: ["DEP-1"],
    controls: ["ACC-Z16"],
    theme: "network",
    resourceTypes: [SERVICE],
    config: {
        acceptIpFirewall: {
            type: "boolean",
            default: false,
            description: "Accept public access restricted by IP rules (networkRuleSet.ipRules) instead of requiring it disabled.",
        },
    },
    remediationSteps: 'Set `publicNetworkAccess: "Disabled"` (or "SecuredByPerimeter") and query the index through a private endpoint.',
    url: `${DOCS}service-configure-firewall`,
    validate(r) {
        // Azure default: "Enabled".
        const access = r.enum("publicNetworkAccess", ["Enabled", "Disabled", "SecuredByPerimeter"], { absent: "Enabled" });
        if (!access || access.value !== "Enabled") {
            return;
        }
        if (r.config.acceptIpFirewall) {
            const firewall = r.some("networkRuleSet.ipRules", (rule) => {
                const ip = rule.string("value");
                return ip === undefined ? undefined : ip.value !== undefined;
            });
            if (firewall !== false) {
                return;
            }
        }
        r.violation(`${access.text}: the index, and the documents copied into it, can be queried from the internet. Set it to "Disabled".`);
    },
});

export const searchLocalAuthDisabled = resourcePolicy({
    name: "azure-search-local-auth-disabled",
    description: "AI Search services must disable API-key authentication.",
    severity: "high",
    guidelines: ["DES-3j"],
    controls: ["ACC-Z16"],
    theme: "access",
    resourceTypes: [SERVICE],
    remediationSteps: "Set `disableLocalAuth: true` (and remove `authOptions`), then grant callers Search Index Data Reader/Contributor roles.",
    url: `${DOCS}search-security-enable-roles`,
    validate(r) {
        // Azure default: API keys accepted.
        requireBoolean(r, "disableLocalAuth", true, false, "admin and query keys give access to every index with no per-caller identity or audit");
        // Azure rejects authOptions next to disableLocalAuth true ("This cannot be set if 'disableLocalAuth' is set to true").
        if (readKey(r.root, "disableLocalAuth") === true && r.isSet("authOptions") === true) {
            r.violation(
                "disableLocalAuth is true and authOptions is set: Azure rejects a search service with both. Remove authOptions (it only chooses how API keys are accepted).",
            );
        }
    },
});

export const searchCmkEnforcement = resourcePolicy({
    name: "azure-search-cmk-enforcement",
    description: "AI Search services must enforce customer-managed key encryption of their indexes.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-Z10"],
    theme: "encryption",
    resourceTypes: [SERVICE],
    remediationSteps: 'Set `encryptionWithCmk: { enforcement: "Enabled" }` and create indexes and synonym maps with an encryptionKey.',
    url: `${DOCS}search-security-manage-encryption-keys`,
    validate(r) {
        // Azure default: "Unspecified", which behaves as "Disabled".
        requireEnum(
            r,
            "encryptionWithCmk.enforcement",
            ["Disabled", "Enabled", "Unspecified"],
            ["Enabled"],
            "Unspecified",
            "indexes holding copies of your documents may be encrypted only with Microsoft-managed keys",
        );
    },
});

export const searchManagedIdentity = resourcePolicy({
    name: "azure-search-managed-identity",
    description: "AI Search services must have a managed identity, so that indexers and vectorizers reach data sources and models with Entra ID rather than keys.",
    severity: "medium",
    guidelines: ["DES-3j"],
    controls: ["ACC-Z25"],
    theme: "access",
    resourceTypes: [SERVICE],
    remediationSteps:
        'Set `identity: { type: "SystemAssigned" }` (or "UserAssigned" with `userAssignedIdentities`), grant it data-plane roles on the sources and models it uses, and use identity-based data source connections.',
    url: `${DOCS}search-howto-managed-identities-data-sources`,
    validate(r) {
        // Azure default: no identity ("None").
        requireEnum(
            r,
            "identity.type",
            ["None", "SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned", "SystemAssigned,UserAssigned"],
            ["SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned", "SystemAssigned,UserAssigned"],
            "None",
            "indexers, skillsets and vectorizers must then reach storage, databases and embedding models with connection strings or keys",
        );
    },
});

/** SKUs, as the SDK spells them; "free" runs on shared infrastructure and supports no private endpoint. */
const SKUS = ["free", "basic", "standard", "standard2", "standard3", "storage_optimized_l1", "storage_optimized_l2"] as const;

export const searchPrivateLinkSku = resourcePolicy({
    name: "azure-search-private-link-sku",
    description: "AI Search services must use a SKU that supports private endpoints (any but free).",
    severity: "low",
    guidelines: ["DEP-1"],
    controls: ["ACC-Z26"],
    theme: "network",
    resourceTypes: [SERVICE],
    remediationSteps: 'Set `sku: { name: "basic" }` or higher ("standard", ...); the free tier cannot be reached through a private endpoint or be upgraded in place.',
    url: `${DOCS}service-create-private-endpoint`,
    validate(r) {
        // No Azure default: the SKU is required when a service is created.
        const sku = r.enum("sku.name", SKUS);
        if (sku && (sku.value === undefined || sku.value === "free")) {
            r.violation(
                `${sku.text}: ${sku.value === undefined ? "the service's tier is not stated" : "the free tier runs on shared infrastructure and cannot be reached through a private endpoint, so the index stays on the public network"}. Use "basic" or a higher tier.`,
            );
        }
    },
});

export const servicePolicies = [searchPublicNetworkDisabled, searchLocalAuthDisabled, searchCmkEnforcement, searchManagedIdentity, searchPrivateLinkSku];
