/**
 * Azure Machine Learning registries: share models, environments and components across workspaces,
 * so they are private and their system-created storage never serves blobs anonymously.
 *
 * Shape (API 2025-12-01): `publicNetworkAccess` is a free string ("Enabled"/"Disabled") at the top
 * level; storage settings sit in `regionDetails[].storageAccountDetails[].systemCreatedStorageAccount`.
 */
import { resourcePolicy } from "../../../lib/policy";
import { requireEnum } from "../common";

const REGISTRY = "azure-native:machinelearningservices:Registry";
const URL = "https://learn.microsoft.com/azure/machine-learning/how-to-registry-network-isolation";

export const mlRegistryPublicNetworkDisabled = resourcePolicy({
    name: "azure-ml-registry-public-network-disabled",
    description: "Machine Learning registries must disable public network access.",
    severity: "high",
    guidelines: ["DEP-1"],
    controls: ["REG-Z11"],
    theme: "network",
    resourceTypes: [REGISTRY],
    remediationSteps: 'Set `publicNetworkAccess: "Disabled"` and reach the registry through private endpoints from the workspaces\' networks.',
    url: URL,
    validate(r) {
        // Azure default: "Enabled".
        requireEnum(r, "publicNetworkAccess", ["Enabled", "Disabled"], ["Disabled"], "Enabled", "shared models and environments can be read and changed from the internet");
    },
});

export const mlRegistryStorageNoPublicBlob = resourcePolicy({
    name: "azure-ml-registry-storage-no-public-blob",
    description: "Machine Learning registries must not allow anonymous blob access on their system-created storage accounts.",
    severity: "high",
    guidelines: ["DEP-1", "DEV-2"],
    controls: ["REG-Z12"],
    theme: "access",
    resourceTypes: [REGISTRY],
    remediationSteps: "Set `allowBlobPublicAccess: false` (or leave it unset) in every `regionDetails[].storageAccountDetails[].systemCreatedStorageAccount`.",
    url: URL,
    validate(r) {
        const regions = r.list("regionDetails");
        for (const region of regions ?? []) {
            for (const account of region.list("storageAccountDetails") ?? []) {
                // Azure default: false (anonymous access off for new storage accounts).
                const open = account.boolean("systemCreatedStorageAccount.allowBlobPublicAccess", { absent: false });
                if (open?.value === true) {
                    r.violation(`${open.text}: model weights and artefacts in the registry's storage can be made readable by anyone. Set it to false.`);
                }
            }
        }
    },
});

export const registryPolicies = [mlRegistryPublicNetworkDisabled, mlRegistryStorageNoPublicBlob];
