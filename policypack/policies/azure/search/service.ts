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

export const servicePolicies = [searchPublicNetworkDisabled, searchLocalAuthDisabled, searchCmkEnforcement];
