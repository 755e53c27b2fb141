/**
 * Azure Machine Learning online endpoints: the HTTPS front door of a served model. Private, and
 * callers authenticate with Entra tokens rather than long-lived keys.
 *
 * Shape (API 2025-12-01): settings sit under `properties` (`publicNetworkAccess`, `authMode`).
 * Online endpoints have no `disableLocalAuth`; `authMode` is the switch.
 */
import { resourcePolicy } from "../../../lib/policy";
import { requireEnum } from "../common";

const ENDPOINT = "azure-native:machinelearningservices:OnlineEndpoint";
const DOCS = "https://learn.microsoft.com/azure/machine-learning/";
const AUTH = ["AMLToken", "Key", "AADToken"] as const;

export const mlOnlineEndpointPublicNetworkDisabled = resourcePolicy({
    name: "azure-ml-online-endpoint-public-network-disabled",
    description: "Machine Learning online endpoints must disable public network access.",
    severity: "high",
    guidelines: ["DEP-1", "DES-3h"],
    controls: ["ACC-Z09"],
    theme: "network",
    resourceTypes: [ENDPOINT],
    remediationSteps: 'Set `properties.publicNetworkAccess: "Disabled"`; clients then call the endpoint through the workspace\'s private endpoint.',
    url: `${DOCS}how-to-secure-online-endpoint`,
    validate(r) {
        // Azure default: "Enabled" (the SDK fills it in).
        requireEnum(r, "properties.publicNetworkAccess", ["Enabled", "Disabled"], ["Disabled"], "Enabled", "anyone on the internet can send requests to the model");
    },
});

export const mlOnlineEndpointEntraAuth = resourcePolicy<{ acceptedAuthModes: string[] }>({
    name: "azure-ml-online-endpoint-entra-auth",
    description: "Machine Learning online endpoints must authenticate callers with Entra-issued tokens, not keys.",
    severity: "high",
    guidelines: ["DES-3h", "DES-3j"],
    controls: ["ACC-Z09"],
    theme: "access",
    resourceTypes: [ENDPOINT],
    config: {
        acceptedAuthModes: {
            type: "array",
            items: { type: "string", enum: [...AUTH] },
            minItems: 1,
            default: ["AADToken", "AMLToken"],
            description: 'Authentication modes to accept. "AMLToken" tokens are short-lived and issued to Entra-authenticated callers; remove it to require Entra tokens only.',
        },
    },
    remediationSteps: 'Set `properties.authMode: "AADToken"` and grant callers the endpoint scoring role.',
    url: `${DOCS}how-to-authenticate-online-endpoint`,
    validate(r) {
        // authMode is required by the API; not set is reported as such.
        requireEnum(r, "properties.authMode", AUTH, r.config.acceptedAuthModes, undefined, "static keys never expire, cannot be tied to a caller and are easily leaked");
    },
});

export const onlineEndpointPolicies = [mlOnlineEndpointPublicNetworkDisabled, mlOnlineEndpointEntraAuth];
