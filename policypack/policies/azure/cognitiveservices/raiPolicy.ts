/**
 * Azure AI services RAI policies (content filters): custom filters must keep the prompt shields
 * (jailbreak and indirect prompt-injection detection) on and blocking, and must filter before
 * content is returned.
 *
 * Shape (API 2025-06-01): `properties.contentFilters[].{name,source,enabled,blocking}` and
 * `properties.mode`. Filter names are free strings ("Jailbreak", "Indirect Attack" in Azure's
 * examples), matched case-insensitively.
 */
import { resourcePolicy } from "../../../lib/policy";

const RAI = "azure-native:cognitiveservices:RaiPolicy";
const SOURCES = ["Prompt", "Completion", "PreToolCall", "PostToolCall", "PreRun", "PostRun"] as const;

export const cognitiveRaiPolicyPromptShields = resourcePolicy<{ requiredPromptShields: string[] }>({
    name: "azure-cognitive-rai-policy-prompt-shields",
    description: "Custom content filters must enable and block with the prompt shields on prompts.",
    severity: "medium",
    guidelines: ["DES-3d", "DEP-2"],
    controls: ["SUP-Z02"],
    theme: "guardrails",
    resourceTypes: [RAI],
    config: {
        requiredPromptShields: {
            type: "array",
            items: { type: "string", minLength: 1 },
            minItems: 1,
            default: ["Jailbreak", "Indirect Attack"],
            description: "Content filter names (case-insensitive) that must be enabled and blocking on the Prompt source.",
        },
    },
    remediationSteps:
        'Add `{ name: "Jailbreak", source: "Prompt", enabled: true, blocking: true }` and `{ name: "Indirect Attack", source: "Prompt", enabled: true, blocking: true }` to `properties.contentFilters`.',
    url: "https://learn.microsoft.com/azure/ai-services/content-safety/concepts/jailbreak-detection",
    validate(r) {
        const missing: string[] = [];
        for (const shield of r.config.requiredPromptShields) {
            const wanted = shield.trim().toLowerCase();
            const on = r.some("properties.contentFilters", (f) => {
                const name = f.string("name");
                if (name === undefined || name.value?.trim().toLowerCase() !== wanted) {
                    return name === undefined ? undefined : false;
                }
                const source = f.enum("source", SOURCES);
                if (source === undefined || source.value !== "Prompt") {
                    return source === undefined ? undefined : false;
                }
                // A filter that is listed is on and blocking unless said otherwise.
                const enabled = f.boolean("enabled", { absent: true });
                const blocking = f.boolean("blocking", { absent: true });
                return enabled === undefined || blocking === undefined ? undefined : enabled.value === true && blocking.value === true;
            });
            if (on === false) {
                missing.push(shield);
            }
        }
        if (missing.length > 0) {
            r.violation(
                `properties.contentFilters does not enable and block ${missing.map((m) => `"${m}"`).join(", ")} on the Prompt source: jailbreaks and injected instructions in documents reach the model. Add them with enabled and blocking true.`,
            );
        }
    },
});

export const cognitiveRaiPolicySynchronous = resourcePolicy({
    name: "azure-cognitive-rai-policy-synchronous",
    description: "Custom content filters must not use the asynchronous mode, which returns content before it is filtered.",
    severity: "low",
    guidelines: ["DES-3g", "DEP-5"],
    controls: ["SUP-Z02"],
    theme: "guardrails",
    resourceTypes: [RAI],
    remediationSteps: 'Remove `properties.mode` or set it to "Default" or "Blocking".',
    url: "https://learn.microsoft.com/azure/ai-services/openai/concepts/content-streaming",
    validate(r) {
        // Azure default: "Default" (synchronous filtering).
        const mode = r.enum("properties.mode", ["Default", "Deferred", "Blocking", "Asynchronous_filter"], { absent: "Default" });
        if (mode?.value === "Asynchronous_filter") {
            r.violation(`${mode.text}: completions stream to the user before the filter has judged them. Use "Default" or "Blocking".`);
        }
    },
});

export const raiPolicyPolicies = [cognitiveRaiPolicyPromptShields, cognitiveRaiPolicySynchronous];
