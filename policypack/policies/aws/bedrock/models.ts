/**
 * Which foundation models Bedrock resources build on: custom models (fine-tuning), agents,
 * provisioned throughput and batch inference jobs name a base model that must be on the
 * organisation's approved list.
 */
import { globMatch } from "../../../lib/awsPolicyDocument";
import { resourcePolicy } from "../../../lib/policy";
import { AGENT, CUSTOM_MODEL, DOCS, INVOCATION_JOB, PROVISIONED_THROUGHPUT } from "./util";

/** Where each resource names its model. */
const MODEL_FIELD: Readonly<Record<string, string>> = {
    [CUSTOM_MODEL]: "baseModelIdentifier",
    [AGENT]: "foundationModel",
    [PROVISIONED_THROUGHPUT]: "modelArn",
    [INVOCATION_JOB]: "modelId",
};

/** Geographic prefixes of cross-Region inference profiles (`us.anthropic...`). */
const PROFILE_PREFIX = /^(?:us|eu|apac|us-gov|global|jp|au|ca)\./i;

/** The ways a model reference may be matched: as written, the id inside an ARN, and that id without an inference profile prefix. */
function candidates(reference: string): string[] {
    const id = reference.startsWith("arn:") ? reference.slice(reference.lastIndexOf("/") + 1) : reference;
    return [reference, id, id.replace(PROFILE_PREFIX, "")];
}

export const bedrockApprovedModels = resourcePolicy<{ approvedModelIds: string[]; allowCustomModels: boolean }>({
    name: "aws-bedrock-approved-models",
    description: "Bedrock custom models, agents, provisioned throughput and batch inference jobs must use approved foundation models.",
    severity: "medium",
    guidelines: ["DES-3a", "DES-4"],
    controls: ["REG-A13"],
    theme: "supply-chain",
    resourceTypes: Object.keys(MODEL_FIELD),
    config: {
        approvedModelIds: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: [],
            description:
                'Approved model ids, e.g. "anthropic.claude-3-5-sonnet-20240620-v1:0"; `*` matches any characters ("amazon.titan-*"). ARNs and cross-Region inference profiles are matched by the model id they contain. Empty: the policy does not run.',
        },
        allowCustomModels: {
            type: "boolean",
            default: true,
            description: "Accept references to your own custom models (ARNs containing :custom-model/), whose base model this policy checks on the CustomModel resource.",
        },
    },
    remediationSteps: "Use a model from approvedModelIds, or have the model assessed and added to approvedModelIds in the policy pack configuration.",
    url: `${DOCS}models-supported.html`,
    validate(r) {
        const approved = r.config.approvedModelIds;
        if (approved.length === 0) {
            r.notApplicable("no approvedModelIds are configured");
        }
        const field = MODEL_FIELD[r.type];
        const model = r.string(field);
        if (!model) {
            return;
        }
        if (model.value === undefined) {
            r.violation(`${model.text}: the model cannot be checked against approvedModelIds. Name an approved model.`);
            return;
        }
        if (r.config.allowCustomModels && /:custom-model\//.test(model.value)) {
            return;
        }
        const ok = candidates(model.value).some((c) => approved.some((a) => globMatch(a, c)));
        if (!ok) {
            r.violation(`${field} names a model that is not in approvedModelIds: the model has not been assessed for this use. Use an approved model.`);
        }
    },
});

export const modelPolicies = [bedrockApprovedModels];
