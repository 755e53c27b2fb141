/**
 * Bedrock guardrails: agents answer only through a guardrail, and guardrails block prompt attacks,
 * mask or block sensitive information, and check answers against their sources. Filter type
 * values follow the Bedrock API reference (GuardrailContentFilterConfig: PROMPT_ATTACK;
 * GuardrailContextualGroundingFilterConfig: GROUNDING, RELEVANCE); the SDK's docstring for the
 * content filter `type` wrongly calls it a contextual grounding filter.
 */
import type { Section } from "../../../lib/check";
import { resourcePolicy } from "../../../lib/policy";
import { AGENT, DOCS, GUARDRAIL } from "./util";

const STRENGTHS = ["NONE", "LOW", "MEDIUM", "HIGH"] as const;
type Strength = (typeof STRENGTHS)[number];

export const agentGuardrail = resourcePolicy<{ allowDraftVersion: boolean }>({
    name: "aws-bedrock-agent-guardrail",
    description: "Bedrock agents must be associated with a guardrail pinned to a numbered version.",
    severity: "high",
    guidelines: ["DES-3d", "DES-3g", "DEP-5"],
    controls: ["SUP-A01"],
    theme: "guardrails",
    resourceTypes: [AGENT],
    config: {
        allowDraftVersion: {
            type: "boolean",
            default: false,
            description: 'Accept guardrailVersion "DRAFT", the working copy that changes whenever someone edits the guardrail.',
        },
    },
    remediationSteps:
        'Set `guardrailConfigurations: [{ guardrailIdentifier: version.guardrailArn, guardrailVersion: version.version }]`, where `version` is an aws.bedrock.GuardrailVersion (a numbered version rather than "DRAFT"); taking both from it lets a preview verify the version.',
    url: `${DOCS}agents-guardrail.html`,
    validate(r) {
        const configs = r.list("guardrailConfigurations");
        if (!configs) {
            return;
        }
        if (configs.length === 0) {
            r.violation(
                "guardrailConfigurations is not set: the agent passes prompts and answers through without any content, prompt-attack or sensitive-information filter. Associate a guardrail.",
            );
            return;
        }
        for (const c of configs) {
            // Any guardrail will do, so an id computed from another resource is enough.
            if (c.present("guardrailIdentifier") === false) {
                r.violation(`${c.path("guardrailIdentifier")} is not set: the agent has no guardrail to apply. Name the guardrail.`);
            }
            const version = c.string("guardrailVersion");
            if (!version && c.setToUnknown("guardrailVersion")) {
                c.claim("guardrailVersion", "numbered-guardrail-version");
            }
            if (version && version.value === undefined) {
                r.violation(`${version.text}: name a numbered guardrail version.`);
            } else if (version?.value !== undefined && version.value.toUpperCase() === "DRAFT" && !r.config.allowDraftVersion) {
                r.violation(
                    `${c.path("guardrailVersion")} is "DRAFT": the guardrail the agent uses changes, untested, whenever someone edits it. Pin a numbered version (aws.bedrock.GuardrailVersion).`,
                );
            }
        }
    },
});

/**
 * The filters at `listPath` of the given type; undefined when only unknown values could say whether
 * there is one (recorded as "cannot verify") or the list is malformed (reported).
 */
function filtersOfType(r: Section, listPath: string, type: string): Section[] | undefined {
    return r.find(listPath, (f) => {
        const t = f.string("type");
        return t === undefined ? undefined : t.value?.toUpperCase() === type;
    });
}

export const guardrailPromptAttackFilter = resourcePolicy<{ minInputStrength: Strength }>({
    name: "aws-bedrock-guardrail-prompt-attack-filter",
    description: "Bedrock guardrails must block prompt attacks (jailbreaks and prompt injection) on input.",
    severity: "high",
    guidelines: ["DES-3d", "DEP-2"],
    controls: ["SUP-A02"],
    theme: "guardrails",
    resourceTypes: [GUARDRAIL],
    config: {
        minInputStrength: {
            type: "string",
            enum: ["LOW", "MEDIUM", "HIGH"],
            default: "HIGH",
            description: "Lowest acceptable inputStrength of the PROMPT_ATTACK filter.",
        },
    },
    remediationSteps:
        'Add `{ type: "PROMPT_ATTACK", inputStrength: "HIGH", outputStrength: "NONE" }` to `contentPolicyConfig.filtersConfigs` (with `inputAction` "BLOCK", the default), and tag user input in prompts so the filter can tell it from your instructions.',
    url: `${DOCS}guardrails-prompt-attack.html`,
    validate(r) {
        const filters = filtersOfType(r, "contentPolicyConfig.filtersConfigs", "PROMPT_ATTACK");
        if (!filters) {
            return;
        }
        if (filters.length === 0) {
            r.violation(
                'contentPolicyConfig.filtersConfigs has no "PROMPT_ATTACK" filter: jailbreaks and injected instructions reach the model unchecked. Add one at inputStrength "HIGH".',
            );
            return;
        }
        const min = STRENGTHS.indexOf(r.config.minInputStrength);
        for (const f of filters) {
            const strength = f.enum("inputStrength", STRENGTHS);
            if (strength && (strength.value === undefined || STRENGTHS.indexOf(strength.value) < min)) {
                r.violation(`${strength.text}: weaker than minInputStrength "${r.config.minInputStrength}", so more prompt attacks get through. Raise it.`);
            }
            const enabled = f.boolean("inputEnabled", { absent: true });
            if (enabled?.value === false) {
                r.violation(`${enabled.text}: the prompt-attack filter does not evaluate input at all. Set it to true.`);
            }
            const action = f.enum("inputAction", ["BLOCK", "NONE"], { absent: "BLOCK" });
            if (action?.value === "NONE") {
                r.violation(`${action.text}: detected prompt attacks are only reported, not blocked. Set it to "BLOCK".`);
            }
        }
    },
});

const PII_ACTIONS = ["BLOCK", "ANONYMIZE", "NONE"] as const;

export const guardrailSensitiveInformationFilter = resourcePolicy({
    name: "aws-bedrock-guardrail-sensitive-information-filter",
    description: "Bedrock guardrails must block or mask sensitive information (PII entities or custom patterns).",
    severity: "medium",
    guidelines: ["DEV-2", "DES-3g"],
    controls: ["SUP-A03"],
    theme: "guardrails",
    resourceTypes: [GUARDRAIL],
    remediationSteps:
        'Set `sensitiveInformationPolicyConfig: { piiEntitiesConfigs: [{ type: "EMAIL", action: "ANONYMIZE" }, ...], regexesConfigs: [...] }` with action "BLOCK" or "ANONYMIZE" for the information your system must not reveal.',
    url: `${DOCS}guardrails-sensitive-filters.html`,
    validate(r) {
        const lists = ["sensitiveInformationPolicyConfig.piiEntitiesConfigs", "sensitiveInformationPolicyConfig.regexesConfigs"];
        const acting = r.some(lists, (e) => {
            const action = e.enum("action", PII_ACTIONS);
            return action === undefined ? undefined : action.value === "BLOCK" || action.value === "ANONYMIZE";
        });
        if (acting !== false) {
            return;
        }
        const any = lists.some((l) => r.isSet(l));
        const what = any ? 'every sensitive information filter has action "NONE"' : "sensitiveInformationPolicyConfig has no PII entity or regex filter";
        r.violation(`${what}: personal data and secrets pass through prompts and answers unmasked. Add filters with action "BLOCK" or "ANONYMIZE".`);
    },
});

export const guardrailContextualGrounding = resourcePolicy<{ minThreshold: number }>({
    name: "aws-bedrock-guardrail-contextual-grounding",
    description: "Bedrock guardrails should check that answers are grounded in their sources and relevant to the query.",
    severity: "low",
    guidelines: ["DES-3g"],
    controls: ["SUP-A04"],
    theme: "guardrails",
    resourceTypes: [GUARDRAIL],
    config: {
        minThreshold: {
            type: "number",
            minimum: 0,
            maximum: 0.99,
            default: 0,
            description: "Lowest acceptable threshold of each grounding filter (a threshold of 0 blocks nothing and always fails the check).",
        },
    },
    remediationSteps:
        'Set `contextualGroundingPolicyConfig: { filtersConfigs: [{ type: "GROUNDING", threshold: 0.7 }, { type: "RELEVANCE", threshold: 0.7 }] }`, tuned to your application.',
    url: `${DOCS}guardrails-contextual-grounding-check.html`,
    validate(r) {
        for (const type of ["GROUNDING", "RELEVANCE"]) {
            const filters = filtersOfType(r, "contextualGroundingPolicyConfig.filtersConfigs", type);
            if (!filters) {
                continue;
            }
            if (filters.length === 0) {
                r.violation(`contextualGroundingPolicyConfig.filtersConfigs has no "${type}" filter: made-up or off-topic answers reach users unchecked. Add one.`);
            }
            for (const f of filters) {
                const threshold = f.number("threshold");
                if (threshold && (threshold.value === undefined || threshold.value <= 0 || threshold.value < r.config.minThreshold)) {
                    if (threshold.absent || (threshold.value ?? 0) <= 0) {
                        const what = threshold.absent ? threshold.text : `${threshold.text} to 0`;
                        r.violation(`${what}: the "${type}" filter blocks nothing. Raise the threshold.`);
                    } else {
                        r.violation(`${threshold.text} below minThreshold (${r.config.minThreshold}): the "${type}" filter lets weakly supported answers through. Raise it.`);
                    }
                }
            }
        }
    },
});

const HARMFUL_CATEGORIES = ["HATE", "INSULTS", "SEXUAL", "VIOLENCE", "MISCONDUCT"] as const;

interface ContentFilterKnobs {
    categories: string[];
    minStrength: Strength;
    requireStandardTier: boolean;
}

export const guardrailContentFilters = resourcePolicy<ContentFilterKnobs>({
    name: "aws-bedrock-guardrail-content-filters",
    description: "Bedrock guardrails must block hate, insults, sexual content, violence and misconduct on input and output, on the STANDARD tier where it is available.",
    severity: "high",
    guidelines: ["DES-3g", "DES-3d", "DEP-5"],
    controls: ["SUP-A06"],
    theme: "guardrails",
    resourceTypes: [GUARDRAIL],
    config: {
        categories: {
            type: "array",
            items: { type: "string", enum: [...HARMFUL_CATEGORIES] },
            default: [...HARMFUL_CATEGORIES],
            description: "Content filter types every guardrail must have.",
        },
        minStrength: {
            type: "string",
            enum: ["LOW", "MEDIUM", "HIGH"],
            default: "MEDIUM",
            description: "Lowest acceptable inputStrength and outputStrength of each of those filters.",
        },
        requireStandardTier: {
            type: "boolean",
            default: true,
            description:
                'Require tierName "STANDARD" (more accurate, multilingual filters) on guardrails with a crossRegionConfig; the STANDARD tier needs cross-Region inference, so guardrails without one are not asked.',
        },
    },
    remediationSteps:
        'Add `{ type: "HATE", inputStrength: "HIGH", outputStrength: "HIGH" }` (and the same for "INSULTS", "SEXUAL", "VIOLENCE", "MISCONDUCT") to `contentPolicyConfig.filtersConfigs`, with actions "BLOCK" (the default); with a `crossRegionConfig`, set `contentPolicyConfig.tierConfigs: [{ tierName: "STANDARD" }]`.',
    url: `${DOCS}guardrails-content-filters.html`,
    validate(r) {
        const min = STRENGTHS.indexOf(r.config.minStrength);
        for (const category of r.config.categories) {
            const filters = filtersOfType(r, "contentPolicyConfig.filtersConfigs", category);
            if (!filters) {
                continue;
            }
            if (filters.length === 0) {
                r.violation(
                    `contentPolicyConfig.filtersConfigs has no "${category}" filter: such prompts and answers pass unfiltered. Add one at strength "${r.config.minStrength}" or higher.`,
                );
            }
            for (const f of filters) {
                for (const side of ["input", "output"] as const) {
                    const strength = f.enum(`${side}Strength`, STRENGTHS);
                    if (strength && (strength.value === undefined || STRENGTHS.indexOf(strength.value) < min)) {
                        r.violation(`${strength.text}: the "${category}" filter is weaker than minStrength "${r.config.minStrength}" on ${side}. Raise it.`);
                    }
                    const enabled = f.boolean(`${side}Enabled`, { absent: true });
                    if (enabled?.value === false) {
                        r.violation(`${enabled.text}: the "${category}" filter does not evaluate ${side} at all. Set it to true.`);
                    }
                    const action = f.enum(`${side}Action`, ["BLOCK", "NONE"], { absent: "BLOCK" });
                    if (action?.value === "NONE") {
                        r.violation(`${action.text}: "${category}" content on ${side} is only reported, not blocked. Set it to "BLOCK".`);
                    }
                }
            }
        }
        if (!r.config.requireStandardTier) {
            return;
        }
        const crossRegion = r.string("crossRegionConfig.guardrailProfileIdentifier");
        if (crossRegion === undefined || crossRegion.value === undefined) {
            return;
        }
        const tiers = r.list("contentPolicyConfig.tierConfigs");
        if (tiers === undefined) {
            return;
        }
        if (tiers.length === 0) {
            r.violation(
                'contentPolicyConfig.tierConfigs is not set (AWS default: "CLASSIC"): the guardrail uses cross-Region inference but not the STANDARD tier\'s more robust filters. Set tierName "STANDARD".',
            );
        }
        for (const t of tiers) {
            const tier = t.enum("tierName", ["STANDARD", "CLASSIC"], { absent: "CLASSIC" });
            if (tier?.value === "CLASSIC") {
                r.violation(`${tier.text}: the guardrail uses cross-Region inference but not the STANDARD tier's more robust filters. Set it to "STANDARD".`);
            }
        }
    },
});

export const guardrailPolicies = [agentGuardrail, guardrailPromptAttackFilter, guardrailSensitiveInformationFilter, guardrailContextualGrounding, guardrailContentFilters];
