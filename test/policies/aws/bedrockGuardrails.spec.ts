import { UNKNOWN_VALUES } from "../../support/harness";
import { policyCases, usePack } from "../../support/cases";

const AGENT = "aws:bedrock/agentAgent:AgentAgent";
const GUARDRAIL = "aws:bedrock/guardrail:Guardrail";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** An agent as a careful user's program declares it. */
const agent = {
    agentName: "support",
    agentResourceRoleArn: "arn:aws:iam::111122223333:role/agent",
    foundationModel: "anthropic.claude-3-5-sonnet-20240620-v1:0",
    customerEncryptionKeyArn: KEY,
    instruction: "Answer questions about orders.",
    guardrailConfigurations: [{ guardrailIdentifier: "gr-abc123", guardrailVersion: "3" }],
};

const promptAttack = { type: "PROMPT_ATTACK", inputStrength: "HIGH", outputStrength: "NONE" };
const hate = { type: "HATE", inputStrength: "MEDIUM", outputStrength: "MEDIUM" };

/** A guardrail as a careful user's program declares it. */
const guardrail = {
    name: "support",
    blockedInputMessaging: "Sorry.",
    blockedOutputsMessaging: "Sorry.",
    kmsKeyArn: KEY,
    contentPolicyConfig: { filtersConfigs: [hate, promptAttack] },
    sensitiveInformationPolicyConfig: {
        piiEntitiesConfigs: [{ type: "EMAIL", action: "ANONYMIZE" }],
        regexesConfigs: [{ name: "order-id", pattern: "ORD-[0-9]{8}", action: "BLOCK" }],
    },
    contextualGroundingPolicyConfig: {
        filtersConfigs: [
            { type: "GROUNDING", threshold: 0.7 },
            { type: "RELEVANCE", threshold: 0.7 },
        ],
    },
};

function withFilters(...filtersConfigs: unknown[]): Record<string, unknown> {
    return { ...guardrail, contentPolicyConfig: { filtersConfigs } };
}
function withGrounding(...filtersConfigs: unknown[]): Record<string, unknown> {
    return { ...guardrail, contextualGroundingPolicyConfig: { filtersConfigs } };
}
function omit(o: Record<string, unknown>, key: string): Record<string, unknown> {
    const copy = { ...o };
    delete copy[key];
    return copy;
}

describe("aws: Bedrock agent guardrails and guardrail filters", function () {
    const pack = usePack({ "aws-bedrock-guardrail-contextual-grounding": { minThreshold: 0.5 } });

    policyCases(pack, "aws-bedrock-agent-guardrail", AGENT, [
        {
            kind: "violating",
            title: "DRAFT version",
            props: { ...agent, guardrailConfigurations: [{ guardrailIdentifier: "gr-abc123", guardrailVersion: "DRAFT" }] },
            expect: "violation",
            message: /guardrailVersion is "DRAFT"/,
        },
        { kind: "violating", title: "empty list", props: { ...agent, guardrailConfigurations: [] }, expect: "violation", message: /guardrailConfigurations is not set/ },
        { kind: "compliant", title: "numbered version", props: agent, expect: "pass" },
        { kind: "absent", title: "no guardrail", props: omit(agent, "guardrailConfigurations"), expect: "violation", message: /guardrailConfigurations is not set/ },
        {
            kind: "unknown",
            title: "version from a GuardrailVersion resource",
            props: { ...agent, guardrailConfigurations: [{ guardrailIdentifier: "gr-abc123", guardrailVersion: UNKNOWN_VALUES.string }] },
            expect: "unknown",
        },
        { kind: "unknown", title: "whole list unknown", props: { ...agent, guardrailConfigurations: UNKNOWN_VALUES.array }, expect: "unknown" },
        {
            kind: "malformed",
            title: "version is a number",
            props: { ...agent, guardrailConfigurations: [{ guardrailIdentifier: "gr-abc123", guardrailVersion: 3 }] },
            expect: "malformed",
            message: /cannot evaluate guardrailConfigurations\[0\]\.guardrailVersion/,
        },
    ]);

    policyCases(pack, "aws-bedrock-guardrail-prompt-attack-filter", GUARDRAIL, [
        {
            kind: "violating",
            title: "MEDIUM strength",
            props: withFilters(hate, { ...promptAttack, inputStrength: "MEDIUM" }),
            expect: "violation",
            message: /inputStrength is "MEDIUM": weaker than minInputStrength "HIGH"/,
        },
        { kind: "violating", title: "detect only", props: withFilters({ ...promptAttack, inputAction: "NONE" }), expect: "violation", message: /inputAction is "NONE"/ },
        { kind: "violating", title: "input evaluation off", props: withFilters({ ...promptAttack, inputEnabled: false }), expect: "violation", message: /inputEnabled is false/ },
        { kind: "violating", title: "no prompt attack filter", props: withFilters(hate), expect: "violation", message: /no "PROMPT_ATTACK" filter/ },
        { kind: "compliant", title: "HIGH, blocking", props: guardrail, expect: "pass" },
        { kind: "absent", title: "no content policy", props: omit(guardrail, "contentPolicyConfig"), expect: "violation", message: /no "PROMPT_ATTACK" filter/ },
        { kind: "unknown", title: "strength unknown", props: withFilters({ ...promptAttack, inputStrength: UNKNOWN_VALUES.string }), expect: "unknown" },
        { kind: "unknown", title: "filter type unknown", props: withFilters(hate, { ...promptAttack, type: UNKNOWN_VALUES.string }), expect: "unknown" },
        { kind: "unknown", title: "no known PROMPT_ATTACK filter beside an unknown one", props: withFilters(hate, UNKNOWN_VALUES.object), expect: "unknown" },
        { kind: "compliant", title: "a known PROMPT_ATTACK filter beside an unknown one settles it", props: withFilters(UNKNOWN_VALUES.object, promptAttack), expect: "pass" },
        { kind: "unknown", title: "the whole content policy unknown", props: { ...guardrail, contentPolicyConfig: UNKNOWN_VALUES.object }, expect: "unknown" },
        {
            kind: "malformed",
            title: "unsupported strength",
            props: withFilters({ ...promptAttack, inputStrength: "MAXIMUM" }),
            expect: "malformed",
            message: /cannot evaluate contentPolicyConfig.filtersConfigs\[0\]\.inputStrength/,
        },
    ]);

    policyCases(pack, "aws-bedrock-guardrail-sensitive-information-filter", GUARDRAIL, [
        {
            kind: "violating",
            title: "all actions NONE",
            props: { ...guardrail, sensitiveInformationPolicyConfig: { piiEntitiesConfigs: [{ type: "EMAIL", action: "NONE" }] } },
            expect: "violation",
            message: /every sensitive information filter has action "NONE"/,
        },
        { kind: "compliant", title: "anonymise and block", props: guardrail, expect: "pass" },
        {
            kind: "compliant",
            title: "a regex that blocks",
            props: { ...guardrail, sensitiveInformationPolicyConfig: { regexesConfigs: [{ name: "key", pattern: "sk-[a-z]+", action: "BLOCK" }] } },
            expect: "pass",
        },
        {
            kind: "absent",
            title: "no sensitive information policy",
            props: omit(guardrail, "sensitiveInformationPolicyConfig"),
            expect: "violation",
            message: /no PII entity or regex filter/,
        },
        {
            kind: "unknown",
            title: "action unknown",
            props: { ...guardrail, sensitiveInformationPolicyConfig: { piiEntitiesConfigs: [{ type: "EMAIL", action: UNKNOWN_VALUES.string }] } },
            expect: "unknown",
        },
        { kind: "unknown", title: "the whole block unknown", props: { ...guardrail, sensitiveInformationPolicyConfig: UNKNOWN_VALUES.object }, expect: "unknown" },
        {
            kind: "unknown",
            title: "one list unknown, the other without a blocking entry",
            props: { ...guardrail, sensitiveInformationPolicyConfig: { piiEntitiesConfigs: [{ type: "EMAIL", action: "NONE" }], regexesConfigs: UNKNOWN_VALUES.array } },
            expect: "unknown",
        },
        {
            kind: "compliant",
            title: "one list unknown, the other blocks: settled",
            props: { ...guardrail, sensitiveInformationPolicyConfig: { piiEntitiesConfigs: UNKNOWN_VALUES.array, regexesConfigs: [{ name: "k", pattern: "k", action: "BLOCK" }] } },
            expect: "pass",
        },
        {
            kind: "malformed",
            title: "unsupported action",
            props: { ...guardrail, sensitiveInformationPolicyConfig: { piiEntitiesConfigs: [{ type: "EMAIL", action: "REDACT" }] } },
            expect: "malformed",
            message: /cannot evaluate sensitiveInformationPolicyConfig.piiEntitiesConfigs\[0\]\.action/,
        },
    ]);

    policyCases(pack, "aws-bedrock-guardrail-contextual-grounding", GUARDRAIL, [
        { kind: "violating", title: "relevance missing", props: withGrounding({ type: "GROUNDING", threshold: 0.7 }), expect: "violation", message: /no "RELEVANCE" filter/ },
        {
            kind: "violating",
            title: "threshold 0",
            props: withGrounding({ type: "GROUNDING", threshold: 0 }, { type: "RELEVANCE", threshold: 0.5 }),
            expect: "violation",
            message: /"GROUNDING" filter blocks nothing/,
        },
        {
            kind: "violating",
            title: "threshold below minThreshold",
            props: withGrounding({ type: "GROUNDING", threshold: 0.7 }, { type: "RELEVANCE", threshold: 0.3 }),
            expect: "violation",
            message: /threshold is set below minThreshold \(0.5\)/,
        },
        { kind: "compliant", title: "both filters", props: guardrail, expect: "pass" },
        {
            kind: "absent",
            title: "no grounding policy",
            props: omit(guardrail, "contextualGroundingPolicyConfig"),
            expect: "violation",
            message: /no "(GROUNDING|RELEVANCE)" filter/,
        },
        {
            kind: "unknown",
            title: "threshold unknown",
            props: withGrounding({ type: "GROUNDING", threshold: UNKNOWN_VALUES.number }, { type: "RELEVANCE", threshold: 0.5 }),
            expect: "unknown",
        },
        {
            kind: "unknown",
            title: "a RELEVANCE filter could be the unknown element",
            props: withGrounding({ type: "GROUNDING", threshold: 0.7 }, UNKNOWN_VALUES.object),
            expect: "unknown",
        },
        {
            kind: "violating",
            title: "an unknown element does not hide a known weak filter",
            props: withGrounding({ type: "GROUNDING", threshold: 0 }, UNKNOWN_VALUES.object),
            expect: "violation",
            message: /"GROUNDING" filter blocks nothing/,
        },
        {
            kind: "malformed",
            title: "threshold is a word",
            props: withGrounding({ type: "GROUNDING", threshold: "high" }, { type: "RELEVANCE", threshold: 0.5 }),
            expect: "malformed",
            message: /cannot evaluate contextualGroundingPolicyConfig.filtersConfigs\[0\]\.threshold/,
        },
    ]);
});
