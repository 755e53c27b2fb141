/**
 * Frameworks beside the NCSC/CISA guidelines (which stay on each policy's SDK `framework` field):
 * the OWASP Top 10 for LLM Applications (2025), the NIST AI Risk Management Framework and MITRE
 * ATLAS mitigations. A policy serves an item of these when the mapping below says so for its theme
 * (the mission area), one of its guideline ids, or one of its control catalogue rows; it carries the
 * items as tags (`OWASP-LLM03:2025`, `NIST-AI-RMF-MANAGE-4.3`, `MITRE-ATLAS-AML.M0024`), which
 * Pulumi Cloud shows and filters on, and docs/FRAMEWORKS.md is the coverage matrix per framework.
 *
 * One table, {@link FRAMEWORK_MAPPING}, keyed by concept. An entry belongs here only when every
 * policy the key reaches really serves the item; where only some do, key the entry by their
 * control row instead (test/lib/frameworks.spec.ts checks every key and item exists).
 */
import type { GuidelineId } from "./guidelines";
import type { Theme } from "./policy";

export interface Framework {
    name: string;
    version: string;
    /** Where the items are defined. */
    source: string;
    /** Prefix of the policy tags for this framework's items. */
    tagPrefix: string;
    /** The items the matrix lists: id -> name. */
    items: Readonly<Record<string, string>>;
    /** What the matrix says about items no policy serves. */
    uncovered: string;
    /** Said under the framework's heading, when its item list needs explaining. */
    note?: string;
}

export const FRAMEWORKS = {
    "owasp-llm": {
        name: "OWASP Top 10 for LLM Applications",
        version: "2025",
        source: "https://genai.owasp.org/llm-top-10/",
        tagPrefix: "OWASP-",
        items: {
            "LLM01:2025": "Prompt Injection",
            "LLM02:2025": "Sensitive Information Disclosure",
            "LLM03:2025": "Supply Chain",
            "LLM04:2025": "Data and Model Poisoning",
            "LLM05:2025": "Improper Output Handling",
            "LLM06:2025": "Excessive Agency",
            "LLM07:2025": "System Prompt Leakage",
            "LLM08:2025": "Vector and Embedding Weaknesses",
            "LLM09:2025": "Misinformation",
            "LLM10:2025": "Unbounded Consumption",
        },
        uncovered: "none: a matter of the application's code, prompts and model behaviour, not of its infrastructure",
    },
    "nist-ai-rmf": {
        name: "NIST AI Risk Management Framework",
        version: "1.0, NIST AI 100-1, January 2023",
        source: "https://doi.org/10.6028/NIST.AI.100-1",
        tagPrefix: "NIST-AI-RMF-",
        note: "Only the subcategories some policy serves are listed: the others are organisational processes (governance, context mapping, measurement practice) that infrastructure code cannot show. Tags replace the space of an id with `-` (`NIST-AI-RMF-MANAGE-4.3`).",
        items: {
            "GOVERN 1.6": "Mechanisms are in place to inventory AI systems and are resourced according to organizational risk priorities",
            "GOVERN 6.1": "Policies and procedures are in place that address AI risks associated with third-party entities",
            "MEASURE 2.4": "The functionality and behavior of the AI system and its components are monitored when in production",
            "MEASURE 2.7": "AI system security and resilience are evaluated and documented",
            "MEASURE 2.9": "The AI model is explained, validated, and documented",
            "MANAGE 3.1": "AI risks and benefits from third-party resources are regularly monitored, and risk controls are applied and documented",
            "MANAGE 4.1": "Post-deployment AI system monitoring plans are implemented",
            "MANAGE 4.3": "Processes for tracking, responding to, and recovering from incidents and errors are followed and documented",
        },
        uncovered: "none",
    },
    "mitre-atlas": {
        name: "MITRE ATLAS mitigations",
        version: "5.6.0",
        source: "https://atlas.mitre.org/mitigations",
        tagPrefix: "MITRE-ATLAS-",
        items: {
            "AML.M0000": "Limit Public Release of Information",
            "AML.M0001": "Limit Model Artifact Release",
            "AML.M0002": "Passive AI Output Obfuscation",
            "AML.M0003": "Model Hardening",
            "AML.M0004": "Restrict Number of AI Model Queries",
            "AML.M0005": "Control Access to AI Models and Data at Rest",
            "AML.M0006": "Use Ensemble Methods",
            "AML.M0007": "Sanitize Training Data",
            "AML.M0008": "Validate AI Model",
            "AML.M0009": "Use Multi-Modal Sensors",
            "AML.M0010": "Input Restoration",
            "AML.M0011": "Restrict Library Loading",
            "AML.M0012": "Encrypt Sensitive Information",
            "AML.M0013": "Code Signing",
            "AML.M0014": "Verify AI Artifacts",
            "AML.M0015": "Adversarial Input Detection",
            "AML.M0016": "Vulnerability Scanning",
            "AML.M0017": "AI Model Distribution Methods",
            "AML.M0018": "User Training",
            "AML.M0019": "Control Access to AI Models and Data in Production",
            "AML.M0020": "Generative AI Guardrails",
            "AML.M0021": "Generative AI Guidelines",
            "AML.M0022": "Generative AI Model Alignment",
            "AML.M0023": "AI Bill of Materials",
            "AML.M0024": "AI Telemetry Logging",
            "AML.M0025": "Maintain AI Dataset Provenance",
            "AML.M0026": "Privileged AI Agent Permissions Configuration",
            "AML.M0027": "Single-User AI Agent Permissions Configuration",
            "AML.M0028": "AI Agent Tools Permissions Configuration",
            "AML.M0029": "Human In-the-Loop for AI Agent Actions",
            "AML.M0030": "Restrict AI Agent Tool Invocation on Untrusted Data",
            "AML.M0031": "Memory Hardening",
            "AML.M0032": "Segmentation of AI Agent Components",
            "AML.M0033": "Input and Output Validation for AI Agent Components",
            "AML.M0034": "Deepfake Detection",
        },
        uncovered: "none: a matter of the model, its training or the application, not of its infrastructure",
    },
} as const satisfies Record<string, Framework>;

export type FrameworkId = keyof typeof FRAMEWORKS;

/** An item of a framework, as `<framework>:<id>` (e.g. `owasp-llm:LLM03:2025`). */
type ItemOf<F extends FrameworkId> = `${F}:${Extract<keyof (typeof FRAMEWORKS)[F]["items"], string>}`;
export type FrameworkItem = { [F in FrameworkId]: ItemOf<F> }[FrameworkId];

/**
 * What each concept serves. Keys: a theme, a guideline id, or a control catalogue row
 * (`ENC-A17`); a policy serves the union over its theme, guidelines and controls.
 */
export const FRAMEWORK_MAPPING: Readonly<Partial<Record<Theme | GuidelineId, readonly FrameworkItem[]>> & Record<string, readonly FrameworkItem[]>> = {
    // Themes.
    encryption: ["mitre-atlas:AML.M0012", "mitre-atlas:AML.M0005", "nist-ai-rmf:MEASURE 2.7"],
    access: ["mitre-atlas:AML.M0005", "mitre-atlas:AML.M0019", "nist-ai-rmf:MEASURE 2.7"],
    network: ["mitre-atlas:AML.M0019", "nist-ai-rmf:MEASURE 2.7"],
    // Model registries and their access: "access controls on internal model registries".
    registry: ["mitre-atlas:AML.M0005", "nist-ai-rmf:MEASURE 2.7"],
    "supply-chain": ["owasp-llm:LLM03:2025", "nist-ai-rmf:MANAGE 3.1", "nist-ai-rmf:MEASURE 2.7"],
    resilience: ["nist-ai-rmf:MEASURE 2.7"],
    logging: ["mitre-atlas:AML.M0024"],
    monitoring: ["mitre-atlas:AML.M0024"],
    guardrails: ["mitre-atlas:AML.M0020"],
    inventory: ["nist-ai-rmf:GOVERN 1.6"],

    // Guideline items.
    "DES-3a": ["owasp-llm:LLM03:2025", "nist-ai-rmf:GOVERN 6.1", "nist-ai-rmf:MANAGE 3.1"],
    // Scanning and sandboxing imported models: third-party models, and poisoned ones.
    "DES-3b": ["owasp-llm:LLM03:2025", "owasp-llm:LLM04:2025"],
    // Controlling what data leaves for external services.
    "DES-3c": ["owasp-llm:LLM02:2025"],
    "DES-3d": ["owasp-llm:LLM01:2025", "mitre-atlas:AML.M0015"],
    "DES-3f": ["owasp-llm:LLM06:2025"],
    // Authenticated, private APIs: access control in production, and no anonymous consumption.
    "DES-3h": ["mitre-atlas:AML.M0019", "owasp-llm:LLM10:2025"],
    "DES-4": ["owasp-llm:LLM03:2025"],
    "DEV-1": ["owasp-llm:LLM03:2025", "nist-ai-rmf:GOVERN 6.1", "nist-ai-rmf:MANAGE 3.1"],
    "DEP-3": ["nist-ai-rmf:MANAGE 4.3"],
    "OPS-1": ["nist-ai-rmf:MEASURE 2.4", "nist-ai-rmf:MANAGE 4.1", "mitre-atlas:AML.M0024"],
    "OPS-2": ["nist-ai-rmf:MEASURE 2.4", "nist-ai-rmf:MANAGE 4.1", "mitre-atlas:AML.M0024"],

    // Control rows, where only some policies of a theme or guideline serve the item.
    "REG-A01": ["mitre-atlas:AML.M0016"], // ECR scan on push
    "REG-A02": ["mitre-atlas:AML.M0016"], // ECR enhanced scanning
    "REG-Z08": ["mitre-atlas:AML.M0016"], // ACR quarantine until scanned
    "REG-A14": ["mitre-atlas:AML.M0013"], // image signing profile
    "ENC-A05": ["mitre-atlas:AML.M0025"], // versioned AI data buckets: the dataset's history
    "ENC-A15": ["owasp-llm:LLM08:2025"], // knowledge-base data sources
    "ENC-A17": ["owasp-llm:LLM08:2025"], // vector stores (S3 Vectors, OpenSearch Serverless)
    "ACC-A16": ["mitre-atlas:AML.M0026"], // a dedicated, scoped role per Bedrock agent
    "SUP-A03": ["owasp-llm:LLM02:2025"], // guardrail sensitive-information filter
    "SUP-A04": ["owasp-llm:LLM09:2025"], // guardrail contextual grounding
    "STK-02": ["nist-ai-rmf:MEASURE 2.9"], // model cards
};

/** The items a policy serves, in framework order then item order. */
export function frameworkItemsOf(theme: string, guidelines: readonly string[], controls: readonly string[]): FrameworkItem[] {
    const found = new Set<FrameworkItem>();
    for (const key of [theme, ...guidelines, ...controls]) {
        for (const item of FRAMEWORK_MAPPING[key] ?? []) {
            found.add(item);
        }
    }
    const order = allItems();
    return [...found].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** Every item of every framework, in order. */
export function allItems(): FrameworkItem[] {
    return (Object.keys(FRAMEWORKS) as FrameworkId[]).flatMap((f) => Object.keys(FRAMEWORKS[f].items).map((id) => `${f}:${id}` as FrameworkItem));
}

/** `owasp-llm:LLM03:2025` -> its framework and id. */
export function splitItem(item: FrameworkItem): { framework: FrameworkId; id: string } {
    const i = item.indexOf(":");
    return { framework: item.slice(0, i) as FrameworkId, id: item.slice(i + 1) };
}

/** The policy tag of an item: `OWASP-LLM03:2025`, `NIST-AI-RMF-MANAGE-4.3`, `MITRE-ATLAS-AML.M0024`. */
export function tagOf(item: FrameworkItem): string {
    const { framework, id } = splitItem(item);
    return FRAMEWORKS[framework].tagPrefix + id.replace(/ /g, "-");
}
