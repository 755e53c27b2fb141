/**
 * Microsoft Defender for Cloud's AI threat protection ("Defender for AI Services", the pricing plan
 * named "AI"): alerts on jailbreak and prompt-injection attempts, sensitive data leaks and
 * credential theft against Azure OpenAI and AI Foundry accounts. It is enabled per subscription
 * (or per resource) by a `security:Pricing` named "AI" with tier "Standard"; Azure's default is
 * "Free", which has no AI threat protection.
 *
 * Shape (API 2024-01-01): `pricingName` (output `name`), `pricingTier` ("Free", "Standard"),
 * `scopeId` (a subscription or resource id).
 */
import { StackCheck, StackResource, stackPolicy } from "../../../lib/stack";

const PRICING = "azure-native:security:Pricing";
const COGNITIVE_ACCOUNT = "azure-native:cognitiveservices:Account";

interface DefenderKnobs {
    /** Defender for AI Services is enabled outside this stack (by a platform team or Azure Policy). */
    enabledOutsideStack: boolean;
    /** The Defender plan that protects AI services. */
    planName: string;
}

/** Whether the pricing `p` enables the plan: true, false, or undefined when unknown (recorded on it). */
function enablesPlan(s: StackCheck<DefenderKnobs>, p: StackResource): boolean | undefined {
    const sec = s.read(p);
    const name = readName(s, p);
    if (name === false) {
        return false;
    }
    const tier = sec.enum("pricingTier", ["Free", "Standard"], { absent: "Free" });
    if (name === undefined || tier === undefined) {
        return undefined;
    }
    return tier.value === "Standard";
}

/** Whether the pricing names the plan (input `pricingName`, output `name`); undefined when unknown (recorded). */
function readName(s: StackCheck<DefenderKnobs>, p: StackResource): boolean | undefined {
    const quiet = s.quiet(p);
    const wanted = s.config.planName.toLowerCase();
    let open = false;
    for (const path of ["pricingName", "name"]) {
        const got = quiet.string(path);
        if (got === undefined) {
            open = true;
        } else if (got.value !== undefined) {
            return got.value.toLowerCase() === wanted;
        }
    }
    if (open) {
        s.unknown(p, "pricingName (which Defender plan it sets)");
        return undefined;
    }
    return false;
}

export const defenderForAi = stackPolicy<DefenderKnobs>({
    name: "azure-defender-ai-services",
    description: 'A stack with Azure AI services accounts must enable Microsoft Defender for AI Services (the Defender for Cloud plan "AI" at tier Standard).',
    severity: "medium",
    guidelines: ["OPS-1", "OPS-2", "DEP-2"],
    controls: ["LOG-Z09"],
    theme: "monitoring",
    resourceTypes: [PRICING, COGNITIVE_ACCOUNT],
    config: {
        enabledOutsideStack: {
            type: "boolean",
            default: false,
            description: "Defender for AI Services is enabled on the subscription outside this stack (by a platform team or Azure Policy).",
        },
        planName: {
            type: "string",
            minLength: 1,
            default: "AI",
            description: "The name of the Defender for Cloud plan that protects AI services.",
        },
    },
    remediationSteps:
        'Add `new azure_native.security.Pricing("defender-ai", { pricingName: "AI", pricingTier: "Standard", scopeId: "/subscriptions/<id>" })`, or set `enabledOutsideStack: true` when the subscription\'s plan is managed elsewhere.',
    url: "https://learn.microsoft.com/azure/defender-for-cloud/ai-onboarding",
    validate(s) {
        const accounts = s.ofType(COGNITIVE_ACCOUNT);
        if (s.config.enabledOutsideStack || accounts.length === 0) {
            return;
        }
        let verdict: boolean | undefined = false;
        const pricings = s.ofType(PRICING);
        for (const p of pricings) {
            const v = enablesPlan(s, p);
            if (v === true) {
                return;
            }
            verdict = verdict === undefined || v === undefined ? undefined : false;
        }
        if (verdict === undefined) {
            return; // a pricing whose plan or tier is unknown: reported on it as "cannot verify"
        }
        s.violation(
            accounts[0],
            `the stack has ${accounts.length === 1 ? "an Azure AI services account" : `${accounts.length} Azure AI services accounts`} but ${pricings.length === 0 ? "no Defender for Cloud pricing" : "no Defender for Cloud pricing that sets"} plan "${s.config.planName}" to "Standard": jailbreak attempts, prompt injection and data leaks through the models raise no security alert. Add a security.Pricing named "${s.config.planName}" with pricingTier "Standard", or set enabledOutsideStack when the subscription's plan is managed elsewhere.`,
        );
    },
});

export const defenderStackPolicies = [defenderForAi];
