/**
 * Azure Machine Learning serverless endpoints (models as a service): Entra authentication and
 * Azure AI Content Safety in front of the model.
 *
 * Shape (API 2025-12-01): `properties.authMode` ("Key", "AAD", "KeyAndAAD") and
 * `properties.contentSafety.contentSafetyStatus` ("Enabled", "Disabled").
 */
import { resourcePolicy } from "../../../lib/policy";
import { requireEnum } from "../common";

const SERVERLESS = "azure-native:machinelearningservices:ServerlessEndpoint";
const AUTH = ["Key", "AAD", "KeyAndAAD"] as const;

export const mlServerlessEndpointEntraAuth = resourcePolicy<{ acceptedAuthModes: string[] }>({
    name: "azure-ml-serverless-endpoint-entra-auth",
    description: "Machine Learning serverless endpoints must authenticate callers with Entra ID only.",
    severity: "medium",
    guidelines: ["DES-3h", "DES-3j"],
    controls: ["ACC-Z11"],
    theme: "access",
    resourceTypes: [SERVERLESS],
    config: {
        acceptedAuthModes: {
            type: "array",
            items: { type: "string", enum: [...AUTH] },
            minItems: 1,
            default: ["AAD"],
            description: 'Authentication modes to accept; add "KeyAndAAD" for models that do not support Entra-only access yet.',
        },
    },
    remediationSteps: 'Set `properties.authMode: "AAD"` and grant callers access through Azure RBAC.',
    url: "https://learn.microsoft.com/azure/ai-foundry/how-to/deploy-models-serverless",
    validate(r) {
        // authMode is required by the API; not set is reported as such.
        requireEnum(
            r,
            "properties.authMode",
            AUTH,
            r.config.acceptedAuthModes,
            undefined,
            "the model can be called with static keys that never expire and cannot be tied to a caller",
        );
    },
});

export const mlServerlessEndpointContentSafety = resourcePolicy({
    name: "azure-ml-serverless-endpoint-content-safety",
    description: "Machine Learning serverless endpoints must keep Azure AI Content Safety filtering on.",
    severity: "medium",
    guidelines: ["DES-3g", "DEP-5"],
    controls: ["SUP-Z03"],
    theme: "guardrails",
    resourceTypes: [SERVERLESS],
    remediationSteps: 'Remove `properties.contentSafety` or set `properties.contentSafety: { contentSafetyStatus: "Enabled" }`.',
    url: "https://learn.microsoft.com/azure/ai-foundry/concepts/content-filtering",
    validate(r) {
        // Azure default: "if omitted, the default content safety settings will be configured" (on).
        requireEnum(
            r,
            "properties.contentSafety.contentSafetyStatus",
            ["Enabled", "Disabled"],
            ["Enabled"],
            "Enabled",
            "harmful prompts and completions reach the model and its users unfiltered",
        );
    },
});

export const serverlessEndpointPolicies = [mlServerlessEndpointEntraAuth, mlServerlessEndpointContentSafety];
