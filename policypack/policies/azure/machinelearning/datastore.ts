/**
 * Machine Learning datastores (`machinelearningservices:Datastore`): the links from a workspace (or AI
 * Foundry hub) to the storage holding training data. A datastore that stores an account key, SAS
 * token or service principal secret gives every workspace user that storage access; an
 * identity-based datastore (credentials of type "None") makes each job and user reach the storage
 * with their own Entra identity.
 *
 * Shape (API 2025-12-01): `properties.datastoreType` ("AzureBlob", "AzureDataLakeGen1",
 * "AzureDataLakeGen2", "AzureFile", "OneLake") and `properties.credentials.credentialsType`, which is
 * required (Azure rejects a datastore without credentials).
 */
import { resourcePolicy } from "../../../lib/policy";

const DATASTORE = "azure-native:machinelearningservices:Datastore";
const CREDENTIALS = ["AccountKey", "Certificate", "None", "Sas", "ServicePrincipal"] as const;

export const mlDatastoreIdentityAuth = resourcePolicy<{ acceptedCredentialTypes: string[] }>({
    name: "azure-ml-datastore-identity-auth",
    description: "Machine Learning datastores must use identity-based (Entra ID) access, not account keys, SAS tokens or service principal secrets.",
    severity: "medium",
    guidelines: ["DES-3j", "DEV-2"],
    controls: ["ACC-Z22"],
    theme: "access",
    resourceTypes: [DATASTORE],
    config: {
        acceptedCredentialTypes: {
            type: "array",
            items: { type: "string", enum: [...CREDENTIALS] },
            minItems: 1,
            default: ["None"],
            description: "Datastore credential types to accept; \"None\" is identity-based access (the caller's or the workspace's Entra identity).",
        },
    },
    remediationSteps:
        'Set `properties.credentials: { credentialsType: "None" }` (identity-based access), grant the workspace identity and users the Storage Blob Data roles they need, and disable shared keys on the storage account.',
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-identity-based-data-access",
    validate(r) {
        // No Azure default: credentials are required.
        const type = r.enum("properties.credentials.credentialsType", CREDENTIALS);
        if (!type || (type.value !== undefined && r.config.acceptedCredentialTypes.includes(type.value))) {
            return;
        }
        const accepted = r.config.acceptedCredentialTypes.map((t) => `"${t}"`).join(", ");
        r.violation(
            `${type.text}: ${type.value === undefined ? "the datastore does not say how it reaches the storage" : "the workspace keeps a storage secret that every user and job can use, with no per-caller identity"}. Set it to one of ${accepted}.`,
        );
    },
});

export const datastorePolicies = [mlDatastoreIdentityAuth];
