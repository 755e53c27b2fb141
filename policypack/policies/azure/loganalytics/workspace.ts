/**
 * Log Analytics workspaces (`azure-native:operationalinsights:Workspace`): where diagnostic logs of
 * the AI estate land. Kept long enough for an investigation, written only by Entra-authenticated
 * agents, and reachable only from your networks.
 *
 * Which workspaces are judged: those holding AI logs, i.e. tagged as AI data stores, or every
 * workspace with allDataStores (lib/scope.ts). A workspace of a stack without AI (an application's
 * own logs) is not this pack's to judge.
 *
 * Shape (API 2023-09-01, the default of azure-native 3.28): `retentionInDays`,
 * `features.disableLocalAuth`, `publicNetworkAccessForIngestion`, `publicNetworkAccessForQuery`.
 */
import { resourcePolicy } from "../../../lib/policy";
import { inAiScope, scopeKnobs, ScopeKnobs } from "../../../lib/scope";
import { requireBoolean, requireEnum } from "../common";

const WORKSPACE = "azure-native:operationalinsights:Workspace";
const DOCS = "https://learn.microsoft.com/azure/azure-monitor/logs/";

export const logAnalyticsRetention = resourcePolicy<ScopeKnobs & { minimumRetentionDays: number }>({
    name: "azure-loganalytics-retention",
    description: "Log Analytics workspaces holding AI logs must keep logs for at least the configured number of days.",
    severity: "medium",
    guidelines: ["DEV-2", "DEP-3"],
    controls: ["LOG-Z05"],
    theme: "logging",
    resourceTypes: [WORKSPACE],
    config: {
        ...scopeKnobs,
        minimumRetentionDays: {
            type: "integer",
            minimum: 30,
            maximum: 730,
            default: 90,
            description: "The shortest interactive retention accepted, in days (Azure allows 30 to 730).",
        },
    },
    remediationSteps: "Set `retentionInDays` to at least the configured minimum (e.g. 90 or 365).",
    url: `${DOCS}data-retention-configure`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: 30 days.
        const days = r.number("retentionInDays", { absent: 30 });
        if (days?.value !== undefined && days.value < r.config.minimumRetentionDays) {
            r.violation(
                `${days.absent ? days.text : `${r.path("retentionInDays")} is below ${r.config.minimumRetentionDays}`}: logs of an incident may be gone before it is found. Keep them at least ${r.config.minimumRetentionDays} days.`,
            );
        }
    },
});

export const logAnalyticsEntraOnlyIngestion = resourcePolicy<ScopeKnobs>({
    name: "azure-loganalytics-entra-only-ingestion",
    description: "Log Analytics workspaces holding AI logs must accept only Entra-authenticated ingestion.",
    severity: "low",
    guidelines: ["DEV-2"],
    controls: ["LOG-Z06"],
    theme: "logging",
    resourceTypes: [WORKSPACE],
    config: scopeKnobs,
    remediationSteps: "Set `features: { disableLocalAuth: true }` and send logs with the Azure Monitor Agent or managed identities.",
    url: `${DOCS}azure-ad-authentication-logs`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: workspace keys accepted.
        requireBoolean(r, "features.disableLocalAuth", true, false, "anyone with the shared workspace key can inject forged log entries");
    },
});

export const logAnalyticsPrivateIngestion = resourcePolicy<ScopeKnobs>({
    name: "azure-loganalytics-private-ingestion",
    description: "Log Analytics workspaces holding AI logs must not accept log ingestion from public networks.",
    severity: "low",
    guidelines: ["DEV-2", "DEP-1"],
    controls: ["LOG-Z06"],
    theme: "logging",
    resourceTypes: [WORKSPACE],
    config: scopeKnobs,
    remediationSteps: 'Set `publicNetworkAccessForIngestion: "Disabled"` and ingest through an Azure Monitor private link scope.',
    url: `${DOCS}private-link-security`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: "Enabled".
        requireEnum(r, "publicNetworkAccessForIngestion", ["Enabled", "Disabled"], ["Disabled"], "Enabled", "logs can be sent to the workspace from any network");
    },
});

export const logAnalyticsPrivateQuery = resourcePolicy<ScopeKnobs>({
    name: "azure-loganalytics-private-query",
    description: "Log Analytics workspaces holding AI logs must not accept queries from public networks.",
    severity: "low",
    guidelines: ["DEV-2", "DEP-1"],
    controls: ["LOG-Z06"],
    theme: "logging",
    resourceTypes: [WORKSPACE],
    config: scopeKnobs,
    remediationSteps: 'Set `publicNetworkAccessForQuery: "Disabled"` and query through an Azure Monitor private link scope.',
    url: `${DOCS}private-link-security`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        // Azure default: "Enabled".
        requireEnum(
            r,
            "publicNetworkAccessForQuery",
            ["Enabled", "Disabled"],
            ["Disabled"],
            "Enabled",
            "logs, which may contain prompts and personal data, can be queried from any network",
        );
    },
});

export const workspacePolicies = [logAnalyticsRetention, logAnalyticsEntraOnlyIngestion, logAnalyticsPrivateIngestion, logAnalyticsPrivateQuery];
