/**
 * Connections of AI Foundry accounts and projects (`cognitiveservices:AccountConnection`,
 * `ProjectConnection`) and of Machine Learning / hub workspaces (`machinelearningservices:
 * WorkspaceConnection`): how agents, prompt flows and the portal reach storage, AI Search, Cosmos DB
 * and other models. A connection that stores a key, SAS token or password hands that secret to every
 * user of the project; one that authenticates with Entra ID (the account's or project's managed
 * identity, or the caller's token) keeps access per identity, auditable and revocable.
 *
 * Shape (API 2025-06-01 / 2025-12-01): `properties.authType` discriminates the union of connection
 * properties; it is required (Azure rejects a connection without it).
 */
import { resourcePolicy } from "../../../lib/policy";

const ACCOUNT_CONNECTION = "azure-native:cognitiveservices:AccountConnection";
const PROJECT_CONNECTION = "azure-native:cognitiveservices:ProjectConnection";
const WORKSPACE_CONNECTION = "azure-native:machinelearningservices:WorkspaceConnection";

/** Every auth type of both SDK modules (the Machine Learning one adds the last four). */
const AUTH_TYPES = [
    "PAT",
    "ManagedIdentity",
    "UsernamePassword",
    "None",
    "SAS",
    "AccountKey",
    "ServicePrincipal",
    "AccessKey",
    "ApiKey",
    "CustomKeys",
    "OAuth2",
    "AAD",
    "DelegatedSAS",
    "ProjectManagedIdentity",
    "AccountManagedIdentity",
    "UserEntraToken",
] as const;

export const connectionEntraAuth = resourcePolicy<{ acceptedAuthTypes: string[] }>({
    name: "azure-cognitive-connection-entra-auth",
    description: "AI Foundry account and project connections, and Machine Learning workspace connections, must authenticate with Entra ID, not keys or passwords.",
    severity: "medium",
    guidelines: ["DES-3j", "DEV-2"],
    controls: ["ACC-Z21"],
    theme: "access",
    resourceTypes: [ACCOUNT_CONNECTION, PROJECT_CONNECTION, WORKSPACE_CONNECTION],
    config: {
        acceptedAuthTypes: {
            type: "array",
            items: { type: "string", enum: [...AUTH_TYPES] },
            minItems: 1,
            default: ["AAD", "ManagedIdentity", "ProjectManagedIdentity", "AccountManagedIdentity", "UserEntraToken"],
            description: 'Connection auth types to accept (all authenticate with Entra ID by default); add others, such as "None" for public package feeds, deliberately.',
        },
    },
    remediationSteps:
        'Set `properties.authType: "AAD"` (or "ManagedIdentity") and remove `properties.credentials`; grant the account\'s or project\'s managed identity (or the users) the data-plane roles the target needs, and disable key access on the target.',
    url: "https://learn.microsoft.com/azure/ai-foundry/how-to/connections-add",
    validate(r) {
        // No Azure default: authType is required.
        const auth = r.enum("properties.authType", AUTH_TYPES);
        if (!auth || (auth.value !== undefined && r.config.acceptedAuthTypes.includes(auth.value))) {
            return;
        }
        const accepted = r.config.acceptedAuthTypes.map((t) => `"${t}"`).join(", ");
        r.violation(
            `${auth.text}: the connection ${auth.value === undefined ? "does not say how it authenticates" : "stores a secret that every user of the project can use, with no per-caller identity"}. Set it to one of ${accepted}.`,
        );
    },
});

export const connectionPolicies = [connectionEntraAuth];
