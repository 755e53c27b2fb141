/**
 * Azure AI services RAI policies (content filters): custom filters must block harmful content
 * (hate, sexual, violence, self-harm) on prompts and completions at a strict enough severity
 * threshold, block protected material in completions, keep the prompt shields (jailbreak and
 * indirect prompt-injection detection) on and blocking, and filter before content is returned.
 *
 * Shape (API 2025-06-01): `properties.contentFilters[].{name,source,enabled,blocking,severityThreshold}`
 * and `properties.mode`. Filter names are free strings ("Hate", "Sexual", "Violence", "Selfharm",
 * "Jailbreak", "Indirect Attack", "Protected Material Text", "Protected Material Code" in Azure's
 * examples), matched without regard to case, spaces, hyphens or underscores ("SelfHarm", "self-harm").
 * `severityThreshold` is the lowest severity that is filtered: "Low" filters low, medium and high.
 * A filter that is listed is on and blocking unless it says otherwise.
 */
import { Section } from "../../../lib/check";
import { resourcePolicy, ResourceCheck } from "../../../lib/policy";

const RAI = "azure-native:cognitiveservices:RaiPolicy";
const SOURCES = ["Prompt", "Completion", "PreToolCall", "PostToolCall", "PreRun", "PostRun"] as const;
type Source = (typeof SOURCES)[number];
const LEVELS = ["Low", "Medium", "High"] as const;
type Level = (typeof LEVELS)[number];
const FILTERS = "properties.contentFilters";

/** A filter name as Azure compares it, for matching: case, spaces, hyphens and underscores ignored. */
function filterKey(name: string): string {
    return name.toLowerCase().replace(/[\s_-]+/g, "");
}

/** Whether filter `f` is the filter `name` on `source`; undefined when its name or source is unknown. */
function isFilter(f: Section, name: string, source: Source): boolean | undefined {
    const got = f.string("name");
    if (got === undefined || got.value === undefined || filterKey(got.value) !== filterKey(name)) {
        return got === undefined ? undefined : false;
    }
    const src = f.enum("source", SOURCES);
    return src === undefined ? undefined : src.value === source;
}

/**
 * Why the listed filter does not block (a value-free phrase), "" when it blocks at `threshold` or
 * stricter (any threshold when `threshold` is undefined); undefined when unknown or malformed.
 */
function weakness(f: Section, threshold: Level | undefined): string | undefined {
    const enabled = f.boolean("enabled", { absent: true });
    const blocking = f.boolean("blocking", { absent: true });
    const level = threshold === undefined ? undefined : f.enum("severityThreshold", LEVELS);
    if (enabled === undefined || blocking === undefined || (threshold !== undefined && level === undefined)) {
        return undefined;
    }
    if (enabled.value === false) {
        return `${enabled.text}`;
    }
    if (blocking.value === false) {
        return `${blocking.text}`;
    }
    if (threshold !== undefined && level !== undefined) {
        if (level.value === undefined) {
            return `${level.text}, so the level it filters at is not stated`;
        }
        if (LEVELS.indexOf(level.value) > LEVELS.indexOf(threshold)) {
            return `${level.text}, which lets content of lower severity through`;
        }
    }
    return "";
}

/** Whether `f` is the filter `name` on `source` and blocks (at `threshold` or stricter); undefined when unknown. */
function blocks(f: Section, name: string, source: Source, threshold: Level | undefined): boolean | undefined {
    const is = isFilter(f, name, source);
    if (is !== true) {
        return is;
    }
    const weak = weakness(f, threshold);
    return weak === undefined ? undefined : weak === "";
}

/**
 * The filters of `names` x `sources` that are not listed, enabled and blocking (at `threshold` or
 * stricter when given), each as a phrase saying why. The shared rule for lists with unknown
 * elements decides: a known filter that blocks settles it; otherwise an unknown filter (or an
 * unknown value of the filter) leaves it open, reported as "cannot verify", never as a violation.
 */
function unblocked<C>(r: ResourceCheck<C>, names: readonly string[], sources: readonly Source[], threshold: Level | undefined): string[] {
    // Reads again, without recording anything, only to say why a filter that is listed does not count.
    const quiet = new Section({ cloud: "Azure", violation: () => undefined, unknown: () => undefined }, r.root, r.base);
    const problems: string[] = [];
    for (const name of names) {
        for (const source of sources) {
            if (r.some(FILTERS, (f) => blocks(f, name, source, threshold)) !== false) {
                continue;
            }
            const listed = quiet.find(FILTERS, (f) => isFilter(f, name, source)) ?? [];
            const why = listed.length > 0 ? weakness(listed[0], threshold) : undefined;
            problems.push(`"${name}" on ${source}${listed.length === 0 ? " is not listed" : why ? ` (${why})` : ""}`);
        }
    }
    return problems;
}

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
        const problems = unblocked(r, r.config.requiredPromptShields, ["Prompt"], undefined);
        if (problems.length > 0) {
            r.violation(
                `${r.path(FILTERS)} does not enable and block every prompt shield (${problems.join("; ")}): jailbreaks and injected instructions in documents reach the model. Add them with enabled and blocking true.`,
            );
        }
    },
});

export const cognitiveRaiPolicyHarmFilters = resourcePolicy<{ harmCategories: string[]; maxSeverityThreshold: Level }>({
    name: "azure-cognitive-rai-policy-harm-filters",
    description: "Custom content filters must block hate, sexual, violence and self-harm content on prompts and completions at severity threshold Medium or stricter.",
    severity: "medium",
    guidelines: ["DES-3g", "DES-3d", "DEP-5"],
    controls: ["SUP-Z05"],
    theme: "guardrails",
    resourceTypes: [RAI],
    config: {
        harmCategories: {
            type: "array",
            items: { type: "string", minLength: 1 },
            minItems: 1,
            default: ["Hate", "Sexual", "Violence", "Selfharm"],
            description: "Content filter names (case, spaces and hyphens ignored) that must be enabled and blocking on both the Prompt and the Completion source.",
        },
        maxSeverityThreshold: {
            type: "string",
            enum: [...LEVELS],
            default: "Medium",
            description: 'The least strict severityThreshold accepted: "Low" filters low, medium and high severity; "Medium" filters medium and high; "High" filters only high.',
        },
    },
    remediationSteps:
        'For each of "Hate", "Sexual", "Violence" and "Selfharm", add `{ name, source: "Prompt", severityThreshold: "Medium", enabled: true, blocking: true }` and the same with `source: "Completion"` to `properties.contentFilters`.',
    url: "https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-filter",
    validate(r) {
        // A custom filter is judged by what it lists: a category it does not list is not shown to be blocked.
        const problems = unblocked(r, r.config.harmCategories, ["Prompt", "Completion"], r.config.maxSeverityThreshold);
        if (problems.length > 0) {
            r.violation(
                `${r.path(FILTERS)} does not block every harm category on prompts and completions at severityThreshold "${r.config.maxSeverityThreshold}" or stricter (${problems.join("; ")}): harmful requests reach the model and harmful output reaches users. List each with enabled and blocking true and severityThreshold "${r.config.maxSeverityThreshold}" or "Low".`,
            );
        }
    },
});

export const cognitiveRaiPolicyProtectedMaterial = resourcePolicy<{ requiredCompletionFilters: string[] }>({
    name: "azure-cognitive-rai-policy-protected-material",
    description: "Custom content filters must block protected material (known text and licensed code) in completions.",
    severity: "low",
    guidelines: ["DES-3g", "DEP-4"],
    controls: ["SUP-Z06"],
    theme: "guardrails",
    resourceTypes: [RAI],
    config: {
        requiredCompletionFilters: {
            type: "array",
            items: { type: "string", minLength: 1 },
            minItems: 1,
            default: ["Protected Material Text", "Protected Material Code"],
            description: "Content filter names (case, spaces and hyphens ignored) that must be enabled and blocking on the Completion source.",
        },
    },
    remediationSteps:
        'Add `{ name: "Protected Material Text", source: "Completion", enabled: true, blocking: true }` and `{ name: "Protected Material Code", source: "Completion", enabled: true, blocking: true }` to `properties.contentFilters`.',
    url: "https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-filter",
    validate(r) {
        const problems = unblocked(r, r.config.requiredCompletionFilters, ["Completion"], undefined);
        if (problems.length > 0) {
            r.violation(
                `${r.path(FILTERS)} does not block protected material in completions (${problems.join("; ")}): the model can return copyrighted text or licensed code verbatim to users. Add each with enabled and blocking true.`,
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

export const raiPolicyPolicies = [cognitiveRaiPolicyPromptShields, cognitiveRaiPolicySynchronous, cognitiveRaiPolicyHarmFilters, cognitiveRaiPolicyProtectedMaterial];
