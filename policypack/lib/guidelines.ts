/**
 * The items of the *Guidelines for Secure AI System Development* (UK NCSC, US CISA and 21 partner
 * agencies, November 2023) under the ids this project gives them. Every policy cites at least one;
 * the type below makes a typo a compile error, and the coverage document is generated from it.
 */
export const GUIDELINE_DOCUMENT = {
    name: "Guidelines for Secure AI System Development",
    version: "2023-11",
    specification: "UK NCSC and US CISA with 21 partner agencies, November 2023 (ncsc.gov.uk/collection/guidelines-secure-ai-system-development)",
} as const;

export const GUIDELINES = {
    "DES-1": "Raise staff awareness of threats and risks",
    "DES-2": "Model the threats to your system",
    "DES-3": "Design your system for security as well as functionality and performance",
    "DES-3a": "Supply-chain choice and provider due diligence",
    "DES-3b": "Scan and sandbox imported models and weights",
    "DES-3c": "Control data sent to external APIs",
    "DES-3d": "Check and sanitise inputs, including feedback and continuous-learning data",
    "DES-3e": "Use secure development and operations practice and safer languages",
    "DES-3f": "Restrict the actions AI components can trigger",
    "DES-3g": "User-facing outputs and guardrails",
    "DES-3h": "Controls on APIs exposed to customers",
    "DES-3i": "Secure settings by default",
    "DES-3j": "Least privilege",
    "DES-3k": "Explain risky capabilities; opt-in; prohibited uses",
    "DES-4": "Consider security benefits and trade-offs when selecting your AI model",
    "DEV-1": "Secure your supply chain",
    "DEV-2": "Identify, track and protect your assets",
    "DEV-3": "Document your data, models and prompts",
    "DEV-4": "Manage your technical debt",
    "DEP-1": "Secure your infrastructure",
    "DEP-2": "Protect your model continuously",
    "DEP-3": "Develop incident management procedures",
    "DEP-4": "Release AI responsibly",
    "DEP-5": "Make it easy for users to do the right things",
    "OPS-1": "Monitor your system's behaviour",
    "OPS-2": "Monitor your system's inputs",
    "OPS-3": "Follow a secure by design approach to updates",
    "OPS-4": "Collect and share lessons learned",
} as const;

export type GuidelineId = keyof typeof GUIDELINES;

/** The lifecycle section an id belongs to, by its prefix. */
export const SECTIONS: Record<string, string> = {
    DES: "Secure design",
    DEV: "Secure development",
    DEP: "Secure deployment",
    OPS: "Secure operation and maintenance",
};
