/**
 * The pack's own metadata, which `pulumi policy publish` sends to Pulumi Cloud (PolicyPackArgs of
 * @pulumi/policy 1.18+): display name, readme, tags and repository. The description stays in
 * PulumiPolicy.yaml. `provider` is left unset: the pack covers AWS and Azure, and the field names
 * one cloud. The repository is package.json's `repository` (npm's field, one place), unset while
 * the package has none. Pure: importing it starts nothing (examples/policy-groups reads it too).
 */
import * as fs from "fs";
import * as path from "path";

export const PACK_NAME = "secure-ai-policies";

export const PACK_DISPLAY_NAME = "Secure AI System Development (NCSC/CISA) for AWS and Azure";

export const PACK_TAGS: readonly string[] = [
    "ai",
    "machine-learning",
    "security",
    "aws",
    "azure",
    "ncsc",
    "cisa",
    "secure-ai-guidelines",
    "owasp-llm-top-10",
    "nist-ai-rmf",
    "mitre-atlas",
];

export const PACK_README = `# ${PACK_DISPLAY_NAME}

Enforces the *Guidelines for Secure AI System Development* (UK NCSC and US CISA with 21 partner agencies, November 2023) on AWS and Azure AI infrastructure: private and scanned model registries; encrypted training data, model artefacts and logs; isolated notebooks, training jobs and endpoints; authenticated AI services; logging and monitoring of inputs and behaviour; a pinned and verified supply chain; and data that survives incidents.

- Every policy cites the guideline items it serves (the \`framework\` of each policy) and the OWASP, NIST AI RMF and MITRE ATLAS items where the mapping is real (its tags).
- Default enforcement follows severity: critical and high are mandatory, medium and low advisory.
- Policies judge only AI resources and the data stores, keys, logs and roles they use; set each policy's settings (allow-lists, scope) in the policy group's config.
- Exemptions: the \`exemptions\` setting of each policy (resources, reason, expiry date, ticket) is the administrator's route; the \`secure-ai-policies/exempt\` resource tag is the developer's. Exempted resources show as not applicable, with the reason.
- Values only known after \`pulumi up\` are reported as "cannot verify until the values are known" (advisory), never as violations.
`;

/** package.json's `repository` as a URL, when it has one. */
export function repositoryOf(packageJson: unknown): string | undefined {
    const r = (packageJson as { repository?: unknown } | null)?.repository;
    const url = typeof r === "string" ? r : typeof (r as { url?: unknown } | undefined)?.url === "string" ? (r as { url: string }).url : undefined;
    return url?.replace(/^git\+/, "").replace(/\.git$/, "");
}

/** The PolicyPackArgs metadata fields, read once when the pack starts. */
export function packMetadata(): { displayName: string; readme: string; tags: string[]; repository?: string } {
    let repository: string | undefined;
    try {
        repository = repositoryOf(JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")));
    } catch {
        repository = undefined;
    }
    return { displayName: PACK_DISPLAY_NAME, readme: PACK_README, tags: [...PACK_TAGS], ...(repository ? { repository } : {}) };
}
