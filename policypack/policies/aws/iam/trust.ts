/**
 * Trust policies (`assumeRolePolicy`) of roles: who may become the role. Nobody may be allowed in
 * as `"*"` without a narrowing condition, and roles that AI services assume must pin the calling
 * account or resource (`aws:SourceAccount` / `aws:SourceArn`), so that another customer's SageMaker
 * job or Bedrock agent cannot be pointed at your role (the confused-deputy problem).
 */
import { describeStatement, pinnedKeys, Statement, whoIsUnknown } from "../../../lib/awsPolicyDocument";
import { resourcePolicy } from "../../../lib/policy";
import { publicStatementCheck, readPolicyDocument } from "../policyDocuments";
import { IAM_DOCS, ROLE } from "./documents";

// Critical, above the catalogue's suggested "high": a role anyone can assume is as open as a public bucket.
export const iamRoleTrustNotPublic = resourcePolicy({
    name: "aws-iam-role-trust-not-public",
    description: 'IAM role trust policies must not let any principal ("*") assume the role.',
    severity: "critical",
    guidelines: ["DES-3j", "DEP-1"],
    controls: ["ACC-A14"],
    theme: "access",
    resourceTypes: [ROLE],
    remediationSteps:
        'Name the service (`Principal: { Service: "sagemaker.amazonaws.com" }`) or the account and role ARNs that may assume the role, or add a condition such as `"StringEquals": {"aws:PrincipalOrgID": "o-..."}`.',
    url: `${IAM_DOCS}id_roles_terms-and-concepts.html#iam-term-trust-policy`,
    validate(r) {
        publicStatementCheck(r, "assumeRolePolicy", "any AWS identity in any account could assume this role and use its permissions");
    },
});

interface TrustKnobs {
    aiServicePrincipals: string[];
}

/** Condition keys that pin the calling account, organisation or resource for a service principal. */
const DEPUTY_KEYS = ["aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths"];

/** True when a deputy key is pinned to fixed values, by the same rule that narrows `"*"` (pinnedKeys). */
function pinsTheCaller(s: Statement): boolean {
    const pinned = pinnedKeys(s);
    return DEPUTY_KEYS.some((k) => pinned.has(k));
}

export const iamAiServiceRoleConfusedDeputy = resourcePolicy<TrustKnobs>({
    name: "aws-iam-ai-service-role-confused-deputy",
    description: "IAM roles that AI services assume must limit their trust to your account or resources with aws:SourceAccount or aws:SourceArn.",
    severity: "high",
    guidelines: ["DES-3j", "DEP-1"],
    controls: ["ACC-A14"],
    theme: "access",
    resourceTypes: [ROLE],
    config: {
        aiServicePrincipals: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: ["sagemaker.amazonaws.com", "bedrock.amazonaws.com", "bedrock-agentcore.amazonaws.com"],
            description: "Service principals of AI services whose trust statements must carry aws:SourceAccount or aws:SourceArn.",
        },
    },
    remediationSteps:
        'Add to the trust statement `Condition: { StringEquals: { "aws:SourceAccount": "<your account id>" }, ArnLike: { "aws:SourceArn": "arn:aws:bedrock:<region>:<account>:agent/*" } }`.',
    url: `${IAM_DOCS}confused-deputy.html`,
    validate(r) {
        const doc = readPolicyDocument(r, "assumeRolePolicy");
        const wanted = new Set(r.config.aiServicePrincipals.map((p) => p.toLowerCase()));
        for (const s of doc?.statements ?? []) {
            if (s.effect === "Deny") {
                continue;
            }
            if (whoIsUnknown(s)) {
                r.unknown(`assumeRolePolicy (${describeStatement(s)}: its principal or condition)`);
                continue;
            }
            const services = (s.principal?.service ?? []).filter((p) => wanted.has(p.toLowerCase()));
            if (s.effect === "Allow" && services.length > 0 && !pinsTheCaller(s)) {
                r.violation(
                    `assumeRolePolicy ${describeStatement(s)} lets ${services.map((x) => `"${x}"`).join(", ")} assume the role without an aws:SourceAccount or aws:SourceArn condition: another account's job or agent could be made to act with this role. Add one of these conditions.`,
                );
            }
        }
    },
});

export const trustPolicies = [iamRoleTrustNotPublic, iamAiServiceRoleConfusedDeputy];
