/**
 * Azure Machine Learning batch endpoints: callers authenticate with Entra tokens.
 *
 * Shape (API 2025-12-01): `properties.authMode` ("AMLToken", "Key", "AADToken").
 */
import { resourcePolicy } from "../../../lib/policy";
import { requireEnum } from "../common";

export const mlBatchEndpointEntraAuth = resourcePolicy({
    name: "azure-ml-batch-endpoint-entra-auth",
    description: "Machine Learning batch endpoints must authenticate callers with Entra tokens.",
    severity: "medium",
    guidelines: ["DES-3h", "DES-3j"],
    controls: ["ACC-Z11"],
    theme: "access",
    resourceTypes: ["azure-native:machinelearningservices:BatchEndpoint"],
    remediationSteps: 'Set `properties.authMode: "AADToken"`.',
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-authenticate-batch-endpoint",
    validate(r) {
        // authMode is required by the API; not set is reported as such.
        requireEnum(
            r,
            "properties.authMode",
            ["AMLToken", "Key", "AADToken"],
            ["AADToken"],
            undefined,
            "batch jobs can be started by anyone holding a key, outside Entra ID's control and audit",
        );
    },
});

export const batchEndpointPolicies = [mlBatchEndpointEntraAuth];
