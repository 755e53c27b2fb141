/**
 * Azure AI services model deployments (`azure-native:cognitiveservices:Deployment`: Azure OpenAI and
 * AI Foundry models): only approved models, behind an approved content filter, on a version that
 * does not change under you.
 *
 * Shape (API 2025-06-01): `properties.model.{format,name,version,publisher,source}`,
 * `properties.raiPolicyName`, `properties.versionUpgradeOption`.
 */
import { resourcePolicy } from "../../../lib/policy";

const DEPLOYMENT = "azure-native:cognitiveservices:Deployment";
const DOCS = "https://learn.microsoft.com/azure/ai-services/openai/";

interface ModelKnobs {
    approvedFormats: string[];
    approvedModels: string[];
}

export const cognitiveDeploymentApprovedModels = resourcePolicy<ModelKnobs>({
    name: "azure-cognitive-deployment-approved-models",
    description: "Azure AI services deployments must deploy only approved models.",
    severity: "medium",
    guidelines: ["DES-3a", "DES-4"],
    controls: ["REG-Z14"],
    theme: "supply-chain",
    resourceTypes: [DEPLOYMENT],
    config: {
        approvedFormats: {
            type: "array",
            items: { type: "string", minLength: 1 },
            minItems: 1,
            default: ["OpenAI"],
            description: 'Model formats (providers) that may be deployed, case-insensitive, e.g. "OpenAI", "Microsoft", "Meta", "Mistral AI".',
        },
        approvedModels: {
            type: "array",
            items: { type: "string", minLength: 1, pattern: "^[^@]+(@[^@]+)?$" },
            default: [],
            description: 'Models that may be deployed, as "<name>" (any version) or "<name>@<version>", case-insensitive. Empty: any model of an approved format.',
        },
    },
    remediationSteps:
        "Deploy a model whose `properties.model.format` is in approvedFormats (and name/version in approvedModels, when set), or take the model through your due-diligence process and add it to the lists.",
    url: `${DOCS}concepts/models`,
    validate(r) {
        const format = r.string("properties.model.format");
        const name = r.string("properties.model.name");
        const version = r.string("properties.model.version");
        if (!format || !name || !version) {
            return;
        }
        if (format.value === undefined || name.value === undefined) {
            r.violation(
                `${format.value === undefined ? format.text : name.text}: the deployment does not say which provider's model it serves. Set properties.model.format and name.`,
            );
            return;
        }
        const lower = (s: string) => s.trim().toLowerCase();
        if (!r.config.approvedFormats.some((f) => lower(f) === lower(format.value as string))) {
            r.violation(
                `${r.path("properties.model.format")} names a model provider that is not in approvedFormats. Deploy an approved provider's model, or approve this one after due diligence.`,
            );
            return;
        }
        const approved = r.config.approvedModels;
        if (approved.length === 0) {
            return;
        }
        const ok = approved.some((entry) => {
            const [n, v] = entry.split("@");
            return lower(n) === lower(name.value as string) && (v === undefined || (version.value !== undefined && lower(v) === lower(version.value)));
        });
        if (!ok) {
            r.violation(`${r.path("properties.model")} (name and version) is not in approvedModels. Deploy an approved model version, or approve this one after due diligence.`);
        }
    },
});

export const cognitiveDeploymentContentFilter = resourcePolicy<{ approvedRaiPolicies: string[] }>({
    name: "azure-cognitive-deployment-content-filter",
    description: "Azure AI services deployments must use an approved content filter (RAI policy).",
    severity: "medium",
    guidelines: ["DES-3d", "DES-3g", "DEP-5"],
    controls: ["SUP-Z01"],
    theme: "guardrails",
    resourceTypes: [DEPLOYMENT],
    config: {
        approvedRaiPolicies: {
            type: "array",
            items: { type: "string", minLength: 1 },
            minItems: 1,
            default: ["Microsoft.DefaultV2", "Microsoft.Default"],
            description: "Names of RAI policies (content filters) deployments may use: Microsoft's defaults and your reviewed custom policies.",
        },
    },
    remediationSteps:
        "Set `properties.raiPolicyName` to an approved RAI policy (e.g. one created with azure-native.cognitiveservices.RaiPolicy and reviewed), or add the policy to approvedRaiPolicies after review.",
    url: `${DOCS}how-to/content-filters`,
    validate(r) {
        const policy = r.string("properties.raiPolicyName");
        if (!policy) {
            return;
        }
        // Azure default: a deployment without raiPolicyName gets "Microsoft.DefaultV2".
        const name = policy.value ?? "Microsoft.DefaultV2";
        if (!r.config.approvedRaiPolicies.some((p) => p.toLowerCase() === name.toLowerCase())) {
            const what = policy.value === undefined ? `${policy.text}, so Azure applies "Microsoft.DefaultV2", which is` : `${r.path("properties.raiPolicyName")} names a policy`;
            r.violation(`${what} not in approvedRaiPolicies: unreviewed filters may let harmful prompts or completions through. Use an approved content filter.`);
        }
    },
});

const UPGRADE = ["OnceNewDefaultVersionAvailable", "OnceCurrentVersionExpired", "NoAutoUpgrade"] as const;

export const cognitiveDeploymentVersionPinned = resourcePolicy<{ acceptedUpgradeOptions: string[] }>({
    name: "azure-cognitive-deployment-version-pinned",
    description: "Azure AI services deployments must pin a model version and not upgrade it automatically whenever a new default appears.",
    severity: "low",
    guidelines: ["OPS-3"],
    controls: ["SUP-Z04"],
    theme: "supply-chain",
    resourceTypes: [DEPLOYMENT],
    config: {
        acceptedUpgradeOptions: {
            type: "array",
            items: { type: "string", enum: [...UPGRADE] },
            minItems: 1,
            default: ["OnceCurrentVersionExpired", "NoAutoUpgrade"],
            description: "Version upgrade options to accept.",
        },
    },
    remediationSteps:
        'Set `properties.model.version` and `properties.versionUpgradeOption: "OnceCurrentVersionExpired"` (or "NoAutoUpgrade"), and test new versions before moving to them.',
    url: `${DOCS}concepts/model-versions`,
    validate(r) {
        const version = r.string("properties.model.version");
        if (version && version.value === undefined) {
            r.violation(`${version.text}: Azure picks the current default version, so the model can change without review. Pin a version.`);
        }
        // Azure default: "OnceNewDefaultVersionAvailable".
        const upgrade = r.enum("properties.versionUpgradeOption", UPGRADE, { absent: "OnceNewDefaultVersionAvailable" });
        if (upgrade?.value !== undefined && !r.config.acceptedUpgradeOptions.includes(upgrade.value)) {
            r.violation(
                `${upgrade.text}: the model changes as soon as Azure promotes a new default, before you have tested it. Use "OnceCurrentVersionExpired" or "NoAutoUpgrade".`,
            );
        }
    },
});

export const deploymentPolicies = [cognitiveDeploymentApprovedModels, cognitiveDeploymentContentFilter, cognitiveDeploymentVersionPinned];
