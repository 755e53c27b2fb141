/**
 * AWS Organizations policies for AI, judged in the stack that manages the organisation (one with an
 * `aws.organizations.Organization` or organisation policies): an AI services opt-out policy, so AWS
 * AI services do not store or use the organisation's content to improve themselves, and, where the
 * organisation uses one, a Bedrock policy that enforces a guardrail on every model call. A policy
 * only takes effect when its type is enabled on the organisation and it is attached to a target.
 */
import { Section } from "../../../lib/check";
import { UNKNOWN } from "../../../lib/props";
import { StackCheck, StackResource, stackPolicy } from "../../../lib/stack";

const ORGANIZATION = "aws:organizations/organization:Organization";
const POLICY = "aws:organizations/policy:Policy";
const ATTACHMENT = "aws:organizations/policyAttachment:PolicyAttachment";
const DOCS = "https://docs.aws.amazon.com/organizations/latest/userguide/";
const OPT_OUT = "AISERVICES_OPT_OUT_POLICY";
const BEDROCK = "BEDROCK_POLICY";

/** The type of an organisation policy (AWS default "SERVICE_CONTROL_POLICY"); undefined when unknown or malformed. */
function typeOf(s: StackCheck<unknown>, p: StackResource): string | undefined {
    const t = s.read(p).string("type");
    return t === undefined ? undefined : (t.value ?? "SERVICE_CONTROL_POLICY").toUpperCase();
}

/** Whether some attachment of the stack attaches `p`: "yes", "no", or "unknown" (an attachment's policy id is unknown and unlinked). */
function attached(s: StackCheck<unknown>, p: StackResource): "yes" | "no" | "unknown" {
    if (s.index.referrers(p, [ATTACHMENT], "policyId").length > 0) {
        return "yes";
    }
    const id = s.peek(p, "id");
    let unknown = false;
    for (const a of s.ofType(ATTACHMENT)) {
        const policyId = s.peek(a, "policyId");
        if (policyId === UNKNOWN && s.index.propertyDependencies(a, "policyId") === undefined) {
            unknown = true;
        } else if (typeof policyId === "string" && typeof id === "string" && policyId === id) {
            return "yes";
        }
    }
    return unknown ? "unknown" : "no";
}

/** The policy's JSON content as a section, or undefined after recording why it cannot be judged. */
function content(s: StackCheck<unknown>, p: StackResource): Section | undefined {
    const sec = s.read(p);
    const text = sec.string("content");
    if (text === undefined) {
        return undefined;
    }
    if (text.value === undefined) {
        sec.violation(`${text.text}: the policy has no content. Give it its JSON document.`);
        return undefined;
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text.value);
    } catch {
        parsed = undefined;
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        sec.violation("cannot evaluate content: the policy content is not a JSON object.");
        return undefined;
    }
    return new Section({ cloud: "AWS", violation: (m) => sec.violation(m), unknown: (path) => sec.unknown(path) }, parsed, "content");
}

/** Reports the organisation when the policy type is not in its enabledPolicyTypes. */
function typeEnabledCheck(s: StackCheck<unknown>, type: string, what: string): void {
    for (const org of s.ofType(ORGANIZATION)) {
        const enabled = s.read(org).someString("enabledPolicyTypes", (t) => t.toUpperCase() === type);
        if (enabled === false) {
            s.violation(org, `enabledPolicyTypes does not include "${type}": ${what} cannot be attached or take effect. Add it.`);
        }
    }
}

interface OptOutKnobs {
    optOutManagedElsewhere: boolean;
}

export const aiServicesOptOut = stackPolicy<OptOutKnobs>({
    name: "aws-organizations-ai-services-opt-out",
    description: "An organisation managed by the stack must attach an AI services opt-out policy that opts every AI service out by default.",
    severity: "medium",
    guidelines: ["DEV-2", "DES-3c"],
    controls: ["ACC-A34"],
    theme: "access",
    resourceTypes: [ORGANIZATION, POLICY],
    config: {
        optOutManagedElsewhere: {
            type: "boolean",
            default: false,
            description: "The organisation's AI services opt-out policy is managed in another stack.",
        },
    },
    remediationSteps:
        'Enable "AISERVICES_OPT_OUT_POLICY" in the Organization\'s `enabledPolicyTypes`, add an `aws.organizations.Policy` of that type with content `{"services":{"default":{"opt_out_policy":{"@@assign":"optOut"}}}}` and attach it to the root with an `aws.organizations.PolicyAttachment`.',
    url: `${DOCS}orgs_manage_policies_ai-opt-out.html`,
    validate(s) {
        const orgs = s.ofType(ORGANIZATION);
        const policies = s.ofType(POLICY);
        if (s.config.optOutManagedElsewhere) {
            return;
        }
        const optOuts = policies.filter((p) => typeOf(s, p) === OPT_OUT);
        if (policies.some((p) => typeOf(s, p) === undefined) && optOuts.length === 0) {
            return; // a policy's type is unknown (recorded) or malformed (reported): it may be the opt-out policy
        }
        if (optOuts.length === 0) {
            if (orgs.length > 0) {
                s.violation(
                    orgs[0],
                    "the organisation has no AI services opt-out policy: AWS AI services may store and use its content (prompts, documents, recordings) to improve themselves. Add and attach one, or set optOutManagedElsewhere.",
                );
            }
            return;
        }
        typeEnabledCheck(s, OPT_OUT, "the AI services opt-out policy");
        for (const p of optOuts) {
            const doc = content(s, p);
            const assign = doc?.string("services.default.opt_out_policy.@@assign");
            if (assign !== undefined && assign.value?.toLowerCase() !== "optout") {
                s.violation(
                    p,
                    `content.services.default.opt_out_policy.@@assign is ${assign.value === undefined ? "not set" : 'not "optOut"'}: AI services not named in the policy keep using the organisation's content. Assign "optOut" to "default".`,
                );
            }
            const state = attached(s, p);
            if (state === "unknown") {
                s.unknown(p, "whether a policy attachment attaches it (attachment policy ids are only known after `pulumi up`)");
            } else if (state === "no") {
                s.violation(p, "no PolicyAttachment attaches this opt-out policy: it has no effect. Attach it to the organisation's root.");
            }
        }
    },
});

export const bedrockPolicyEnforced = stackPolicy<{ requireBedrockPolicy: boolean }>({
    name: "aws-organizations-bedrock-guardrail-policy",
    description:
        "An organisation's Bedrock policy (which enforces a guardrail on model calls) must be enabled and attached; with requireBedrockPolicy, the organisation must have one.",
    severity: "medium",
    guidelines: ["DES-3g", "DEP-5", "DES-3d"],
    controls: ["SUP-A07"],
    theme: "guardrails",
    resourceTypes: [ORGANIZATION, POLICY],
    config: {
        requireBedrockPolicy: {
            type: "boolean",
            default: false,
            description: "Report an organisation managed by the stack that has no BEDROCK_POLICY (an organisation-wide enforced guardrail).",
        },
    },
    remediationSteps:
        'Enable "BEDROCK_POLICY" in the Organization\'s `enabledPolicyTypes`, add an `aws.organizations.Policy` of that type naming the guardrail (and version) to enforce, and attach it with an `aws.organizations.PolicyAttachment`.',
    url: `${DOCS}orgs_manage_policies_bedrock.html`,
    validate(s) {
        const orgs = s.ofType(ORGANIZATION);
        const policies = s.ofType(POLICY).filter((p) => typeOf(s, p) === BEDROCK);
        if (policies.length === 0) {
            if (s.config.requireBedrockPolicy && orgs.length > 0 && !s.ofType(POLICY).some((p) => typeOf(s, p) === undefined)) {
                s.violation(orgs[0], "the organisation has no Bedrock policy: no guardrail is enforced on the model calls of its accounts. Add and attach a BEDROCK_POLICY.");
            }
            return;
        }
        typeEnabledCheck(s, BEDROCK, "the Bedrock guardrail policy");
        for (const p of policies) {
            const doc = content(s, p);
            if (doc !== undefined && doc.isSet("bedrock", "object") === false) {
                s.violation(p, 'content has no "bedrock" section: the policy enforces no guardrail. Name the guardrail to enforce.');
            }
            const state = attached(s, p);
            if (state === "unknown") {
                s.unknown(p, "whether a policy attachment attaches it (attachment policy ids are only known after `pulumi up`)");
            } else if (state === "no") {
                s.violation(
                    p,
                    "no PolicyAttachment attaches this Bedrock policy: the guardrail is not enforced anywhere. Attach it to the root or the AI accounts' organisational unit.",
                );
            }
        }
    },
});

export const organizationsStackPolicies = [aiServicesOptOut, bedrockPolicyEnforced];
