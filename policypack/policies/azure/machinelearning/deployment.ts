/**
 * Azure Machine Learning deployments: the model behind an online or batch endpoint. Online
 * deployments send nothing to the internet and record their inputs and outputs; every deployment
 * serves a model from an approved registry.
 *
 * Shape (API 2025-12-01): settings sit under `properties`. OnlineDeployment (managed or
 * Kubernetes) has `egressPublicNetworkAccess`, `appInsightsEnabled`, `dataCollector` and `model`
 * (a string: an `azureml://` URI or an ARM id); BatchDeployment has `model` as an asset reference
 * object (`referenceType` "Id" with `assetId`, or "DataPath"/"OutputPath").
 */
import type { Section } from "../../../lib/check";
import { resourcePolicy } from "../../../lib/policy";
import { requireBoolean, requireEnum } from "../common";

const ONLINE = "azure-native:machinelearningservices:OnlineDeployment";
const BATCH = "azure-native:machinelearningservices:BatchDeployment";
const DOCS = "https://learn.microsoft.com/azure/machine-learning/";

export const mlDeploymentEgressDisabled = resourcePolicy({
    name: "azure-ml-online-deployment-egress-disabled",
    description: "Machine Learning online deployments must not have public outbound network access.",
    severity: "medium",
    guidelines: ["DES-3b", "DES-3c"],
    controls: ["ACC-Z10"],
    theme: "network",
    resourceTypes: [ONLINE],
    remediationSteps: 'Set `properties.egressPublicNetworkAccess: "Disabled"`; the deployment then reaches the workspace, registry and storage through private endpoints only.',
    url: `${DOCS}how-to-secure-online-endpoint`,
    validate(r) {
        // Azure default: "Enabled" (the SDK fills it in).
        requireEnum(
            r,
            "properties.egressPublicNetworkAccess",
            ["Enabled", "Disabled"],
            ["Disabled"],
            "Enabled",
            "the model's container can send inputs and outputs to any internet destination",
        );
    },
});

export const mlDeploymentDataCollection = resourcePolicy<{ requiredCollections: string[] }>({
    name: "azure-ml-online-deployment-data-collection",
    description: "Machine Learning online deployments must collect the model's inputs and outputs.",
    severity: "medium",
    guidelines: ["OPS-1", "OPS-2"],
    controls: ["LOG-Z07"],
    theme: "monitoring",
    resourceTypes: [ONLINE],
    config: {
        requiredCollections: {
            type: "array",
            items: { type: "string", minLength: 1, pattern: "^[^.]+$" },
            minItems: 1,
            default: ["model_inputs", "model_outputs"],
            description: "Data collector collections that must be enabled (the names your scoring script logs to).",
        },
    },
    remediationSteps:
        'Set `properties.dataCollector: { collections: { model_inputs: { dataCollectionMode: "Enabled" }, model_outputs: { dataCollectionMode: "Enabled" } } }` and log to those collections from the scoring script.',
    url: `${DOCS}how-to-collect-production-data`,
    validate(r) {
        const missing: string[] = [];
        for (const name of r.config.requiredCollections) {
            // Azure default: no data collector ("we disable mdc when it's null"); a collection's mode defaults to "Disabled".
            const mode = r.enum(`properties.dataCollector.collections.${name}.dataCollectionMode`, ["Enabled", "Disabled"], { absent: "Disabled" });
            if (mode?.value === "Disabled") {
                missing.push(mode.text);
            }
        }
        if (missing.length > 0) {
            r.violation(`${missing.join("; ")}: without the model's inputs and outputs you cannot spot abuse, drift or data leaks. Enable these collections.`);
        }
    },
});

export const mlDeploymentAppInsights = resourcePolicy({
    name: "azure-ml-online-deployment-app-insights",
    description: "Machine Learning online deployments must send their logs and metrics to Application Insights.",
    severity: "low",
    guidelines: ["OPS-1"],
    controls: ["LOG-Z07"],
    theme: "monitoring",
    resourceTypes: [ONLINE],
    remediationSteps: "Set `properties.appInsightsEnabled: true`.",
    url: `${DOCS}how-to-monitor-online-endpoints`,
    validate(r) {
        // Azure default: false (the SDK fills it in).
        requireBoolean(r, "properties.appInsightsEnabled", true, false, "the deployment's request logs and errors are not kept anywhere you can search");
    },
});

type Source = { registry: string } | "workspace" | "other";

/** Where a model reference points: a registry (by name), the workspace itself, or elsewhere. */
function modelSource(ref: string): Source {
    const registry = /^azureml:\/\/registries\/([^/]+)\//i.exec(ref) ?? /\/providers\/Microsoft\.MachineLearningServices\/registries\/([^/]+)\//i.exec(ref);
    if (registry) {
        return { registry: registry[1] };
    }
    if (/\/providers\/Microsoft\.MachineLearningServices\/workspaces\/[^/]+\/models\//i.test(ref) || /^azureml:\/\/.*\/workspaces\/[^/]+\/models\//i.test(ref)) {
        return "workspace";
    }
    // Short form of a workspace model: "azureml:<name>:<version>" or "azureml:<name>@latest".
    if (/^azureml:[^/]/i.test(ref)) {
        return "workspace";
    }
    return "other";
}

interface ModelKnobs {
    approvedRegistries: string[];
    allowWorkspaceModels: boolean;
}

function judgeModel(r: Section, config: Readonly<ModelKnobs>, path: string, ref: string): void {
    const source = modelSource(ref);
    if (source === "workspace") {
        if (!config.allowWorkspaceModels) {
            r.violation(
                `${r.path(path)} names a model registered in the workspace, and allowWorkspaceModels is false. Promote the model to an approved registry and deploy it from there.`,
            );
        }
        return;
    }
    if (source === "other") {
        r.violation(
            `${r.path(path)} does not name a registered model (a registry or workspace model asset): its provenance cannot be checked. Register the model in an approved registry.`,
        );
        return;
    }
    const approved = config.approvedRegistries.map((a) => a.toLowerCase());
    if (!approved.includes(source.registry.toLowerCase())) {
        r.violation(`${r.path(path)} names a model from a registry that is not in approvedRegistries. Deploy models only from approved registries.`);
    }
}

export const mlDeploymentApprovedRegistryModels = resourcePolicy<ModelKnobs>({
    name: "azure-ml-deployment-approved-registry-models",
    description: "Machine Learning online and batch deployments must serve models from approved registries.",
    severity: "medium",
    guidelines: ["DES-3a", "DEP-4", "DEV-1"],
    controls: ["REG-Z13"],
    theme: "supply-chain",
    resourceTypes: [ONLINE, BATCH],
    config: {
        approvedRegistries: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: ["azureml"],
            description:
                "Names of Machine Learning registries whose models may be deployed (\"azureml\" is Microsoft's curated model catalogue). Add your organisation's registries.",
        },
        allowWorkspaceModels: {
            type: "boolean",
            default: true,
            description: "Accept models registered in the deploying workspace itself; set false to require every model to come through a registry.",
        },
    },
    remediationSteps:
        'Set `properties.model` to a model in an approved registry, e.g. `azureml://registries/<registry>/models/<name>/versions/<version>` (batch: `{ referenceType: "Id", assetId: ... }`), and add your registries to approvedRegistries.',
    url: `${DOCS}how-to-share-models-pipelines-across-workspaces-with-registries`,
    validate(r) {
        const online = r.type.includes(":OnlineDeployment");
        if (online) {
            const model = r.string("properties.model");
            if (!model) {
                return;
            }
            if (model.value === undefined) {
                // No model asset: the container image carries the model (judged by the registry policies).
                return r.notApplicable("the deployment names no model asset (the model is in the container image)");
            }
            judgeModel(r, r.config, "properties.model", model.value);
            return;
        }
        const type = r.enum("properties.model.referenceType", ["Id", "DataPath", "OutputPath"]);
        if (!type) {
            return;
        }
        if (type.value === undefined) {
            return r.notApplicable("the deployment names no model asset");
        }
        if (type.value !== "Id") {
            r.violation(
                `${type.text}: the model is read from a storage path or job output, not from a registered model whose provenance can be checked. Use "Id" with a model from an approved registry.`,
            );
            return;
        }
        const asset = r.string("properties.model.assetId");
        if (!asset) {
            return;
        }
        if (asset.value === undefined) {
            r.violation(`${asset.text}: the deployment does not say which model it serves. Set it to a model in an approved registry.`);
            return;
        }
        judgeModel(r, r.config, "properties.model.assetId", asset.value);
    },
});

export const deploymentPolicies = [mlDeploymentEgressDisabled, mlDeploymentDataCollection, mlDeploymentAppInsights, mlDeploymentApprovedRegistryModels];
