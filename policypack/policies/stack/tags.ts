/**
 * Inventory across both clouds: AI assets carry the tags that say who owns them and how sensitive
 * their data is, and data stores that AI resources use carry the AI tag, so that the single-resource
 * data-store controls (which see one resource and therefore only its tags) judge them too.
 */
import { registerConfigCheck } from "../../lib/configValidation";
import { readKey } from "../../lib/props";
import { compileSafePattern, safeTest, unsafePatternReason } from "../../lib/safePattern";
import { DATA_STORE_TYPES, dataStoreInScope, isDataStoreType, shortType, stackPolicy, whyAi } from "../../lib/stack";
import { tagKeys, tagsOf } from "../../lib/tags";
import { ScopeKnobs, stackScopeKnobs } from "./common";

/** AI service resources that always accept tags, even when a program sets none. */
const TAGGABLE_ROOTS = new Set([
    "aws:sagemaker/notebookInstance:NotebookInstance",
    "aws:sagemaker/domain:Domain",
    "aws:sagemaker/model:Model",
    "aws:sagemaker/endpoint:Endpoint",
    "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
    "aws:sagemaker/trainingJob:TrainingJob",
    "aws:bedrock/agentAgent:AgentAgent",
    "aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase",
    "aws:bedrock/customModel:CustomModel",
    "aws:bedrock/guardrail:Guardrail",
    "aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime",
    "aws:bedrock/agentcoreGateway:AgentcoreGateway",
    "aws:bedrock/agentcoreMemory:AgentcoreMemory",
    "aws:bedrock/agentcoreBrowser:AgentcoreBrowser",
    "aws:bedrock/agentcoreCodeInterpreter:AgentcoreCodeInterpreter",
    "aws:agentregistry/registry:Registry",
    "azure-native:machinelearningservices:Workspace",
    "azure-native:machinelearningservices:Registry",
    "azure-native:machinelearningservices:OnlineEndpoint",
    "azure-native:cognitiveservices:Account",
    "azure-native:search:Service",
]);

interface RequiredTagKnobs extends ScopeKnobs {
    requiredTagKeys: string[];
}

export const aiAssetsRequiredTags = stackPolicy<RequiredTagKnobs>({
    name: "ai-assets-required-tags",
    description: "AI service resources and AI data stores must carry the required inventory tags.",
    severity: "low",
    guidelines: ["DEV-3", "DEV-2", "DES-2"],
    controls: ["STK-01"],
    theme: "inventory",
    resourceTypes: [...TAGGABLE_ROOTS],
    appliesTo: (t) => TAGGABLE_ROOTS.has(t) || isDataStoreType(t),
    config: {
        ...stackScopeKnobs,
        requiredTagKeys: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: ["owner", "data-classification"],
            description: "Tag keys every AI asset must carry (compared without regard to case).",
        },
    },
    remediationSteps: "Add the required tags (by default `owner` and `data-classification`) to the resource's `tags`, or to the AWS provider's `defaultTags`.",
    url: "https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html",
    validate(s) {
        const required = s.config.requiredTagKeys;
        if (required.length === 0) {
            return;
        }
        const scope = s.index.aiScope(s.config.aiTagKeys);
        for (const r of s.index.resources) {
            const reason = scope.reason(r);
            const asset =
                reason?.kind === "service"
                    ? TAGGABLE_ROOTS.has(r.canonical) || readKey(r.resource.props, "tags") !== undefined
                    : isDataStoreType(r.canonical) && reason !== undefined;
            if (!asset) {
                continue;
            }
            const { keys, unknown, malformed } = tagKeys(tagsOf(r.resource.props, r.resource.provider), s.read(r));
            const missing = required.filter((k) => !keys.has(k.toLowerCase()));
            if (malformed) {
                continue; // reported: a malformed tag container shows no keys
            }
            if (missing.length > 0 && unknown) {
                s.unknown(r, "tags");
            } else if (missing.length > 0) {
                s.violation(
                    r,
                    `this ${shortType(r.type)} is ${reason?.kind === "service" ? "an AI service resource" : whyAi(s, r)} but lacks the tag${missing.length === 1 ? "" : "s"} ${missing.map((k) => `"${k}"`).join(", ")}: nobody can tell who owns it or how sensitive its data is. Add ${missing.length === 1 ? "it" : "them"}.`,
                );
            }
        }
    },
});

export const aiDataStoresTagged = stackPolicy<ScopeKnobs>({
    name: "ai-data-stores-tagged",
    description: "Data stores that AI resources use must carry the AI tag, so the data-store controls judge them.",
    severity: "medium",
    guidelines: ["DEV-2", "DEV-3"],
    controls: ["STK-01"],
    theme: "inventory",
    resourceTypes: DATA_STORE_TYPES,
    config: stackScopeKnobs,
    remediationSteps:
        'Tag the data store with the AI tag (by default `"ai-workload": "true"`), or set `allDataStores: true` for every data-store policy to judge every bucket, key, log group, repository, storage account and vault.',
    url: "https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources",
    validate(s) {
        if (s.config.allDataStores) {
            return;
        }
        const scope = s.index.aiScope(s.config.aiTagKeys);
        const tag = s.config.aiTagKeys[0] ?? "ai-workload";
        for (const r of s.index.resources) {
            if (!isDataStoreType(r.canonical) || scope.reason(r)?.kind !== "graph") {
                continue;
            }
            const state = scope.tagState(r);
            const malformed = scope.malformedTagsOf(r);
            if (state === "malformed" && malformed !== undefined) {
                s.read(r).malformed(malformed.path, malformed.expected, malformed.got);
            } else if (state === "unknown") {
                s.unknown(r, "tags (whether it carries the AI tag)");
            } else if (state === "untagged") {
                s.violation(
                    r,
                    `this ${shortType(r.type)} is ${whyAi(s, r)} but is not tagged "${tag}": the single-resource data-store controls (encryption, public access, network, deletion protection) do not judge it. Tag it "${tag}", or set allDataStores.`,
                );
            }
        }
    },
});

interface ProtectKnobs extends ScopeKnobs {
    protectedStacks: string;
}

registerConfigCheck("protectedStacks", (value) => {
    const reason = typeof value === "string" ? unsafePatternReason(value) : undefined;
    return reason === undefined ? [] : [{ message: `${reason}; give a simpler regular expression` }];
});

/** The stack name of a URN (`urn:pulumi:<stack>::<project>::...`). */
function stackOf(urn: string): string {
    const m = /^urn:pulumi:([^:]*)::/.exec(urn);
    return m ? m[1] : "";
}

export const aiDataStoresProtected = stackPolicy<ProtectKnobs>({
    name: "ai-data-stores-protected",
    description: "In production stacks, AI data stores and ML workspaces must be protected from deletion by Pulumi's protect option.",
    severity: "medium",
    guidelines: ["DEP-3", "DEV-2"],
    controls: ["RES-X01"],
    theme: "resilience",
    resourceTypes: ["azure-native:machinelearningservices:Workspace"],
    appliesTo: (t) => isDataStoreType(t) || t === "azure-native:machinelearningservices:Workspace",
    config: {
        ...stackScopeKnobs,
        protectedStacks: {
            type: "string",
            default: "prod",
            description: "Regular expression (case-insensitive) matched against the stack name: stacks where protection is required. Empty: every stack.",
        },
    },
    remediationSteps: "Pass `{ protect: true }` as a resource option to the data store (and `retainOnDelete: true` where losing it would lose training data or models).",
    url: "https://www.pulumi.com/docs/iac/concepts/options/protect/",
    validate(s) {
        // Configure refuses a pattern that could take unbounded time (safePattern.ts); this is for direct callers.
        const pattern = compileSafePattern(s.config.protectedStacks);
        if (typeof pattern === "string") {
            s.violation(undefined, `cannot evaluate protectedStacks: ${pattern}.`);
            return;
        }
        for (const r of s.index.resources) {
            const workspace = r.canonical === "azure-native:machinelearningservices:Workspace";
            if (!workspace && !isDataStoreType(r.canonical)) {
                continue;
            }
            if (!safeTest(pattern, stackOf(r.urn))) {
                return; // every resource of a request belongs to the same stack
            }
            if (!workspace && dataStoreInScope(s, r) !== true) {
                continue; // unknown or malformed tags are reported on the data store
            }
            if (r.resource.opts?.protect !== true) {
                s.violation(
                    r,
                    `this ${shortType(r.type)} is ${workspace ? "an ML workspace" : whyAi(s, r)} in a production stack but is not protected: a mistaken \`pulumi destroy\` or a replacement deletes it with its data. Set the protect resource option.`,
                );
            }
        }
    },
});

export const tagStackPolicies = [aiAssetsRequiredTags, aiDataStoresTagged, aiDataStoresProtected];
