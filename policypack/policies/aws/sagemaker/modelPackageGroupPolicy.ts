/**
 * SageMaker model package group policies: who may read or register versions in a model registry
 * group. Nobody outside your organisation may, and cross-account access is limited to accounts you
 * trust.
 */
import { describeStatement, hasUnknownPart, parsePolicyDocument } from "../../../lib/awsPolicyDocument";
import { resourcePolicy } from "../../../lib/policy";
import { UNKNOWN } from "../../../lib/props";
import { publicStatementCheck } from "../policyDocuments";
import { DOCS } from "./util";

const GROUP_POLICY = "aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy";

/** The account id an AWS principal names (an account id, a root ARN or a role/user ARN). */
function accountOf(principal: string): string | undefined {
    const m = /^(?:arn:aws[a-z-]*:(?:iam|sts)::)?([0-9]{12})(?::|$)/.exec(principal);
    return m?.[1];
}

export const modelPackageGroupPolicyNoPublicAccess = resourcePolicy<{ trustedAccountIds: string[] }>({
    name: "aws-sagemaker-model-package-group-policy-no-public-access",
    description: "SageMaker model package group policies must not grant access to everyone or to untrusted accounts.",
    severity: "high",
    guidelines: ["DEP-1", "DEV-2"],
    controls: ["REG-A12"],
    theme: "registry",
    resourceTypes: [GROUP_POLICY],
    config: {
        trustedAccountIds: {
            type: "array",
            items: { type: "string", pattern: "^[0-9]{12}$" },
            default: [],
            description: "Accounts that may be granted access (include your own). Empty: only public access is checked.",
        },
    },
    remediationSteps:
        'Replace `"Principal": "*"` with the account or role ARNs that need the models, or add a condition such as `"StringEquals": {"aws:PrincipalOrgID": "o-..."}`; grant only accounts listed in trustedAccountIds.',
    url: `${DOCS}model-registry-ram.html`,
    validate(r) {
        publicStatementCheck(r, "resourcePolicy", "anyone could read or register model versions");
        const trusted = r.config.trustedAccountIds;
        if (trusted.length === 0) {
            return;
        }
        // publicStatementCheck has already reported a document that is unknown or cannot be read.
        const raw = r.raw("resourcePolicy");
        const doc = raw === undefined || raw === UNKNOWN ? undefined : parsePolicyDocument(raw);
        for (const s of doc?.ok ? doc.statements : []) {
            if (s.effect === "Deny" || !s.principal || s.principal.anyone) {
                continue;
            }
            if (hasUnknownPart(s.principal.aws)) {
                r.unknown(`resourcePolicy (${describeStatement(s)}: its principal)`);
                continue;
            }
            if (s.principal.aws.some((p) => !trusted.includes(accountOf(p) ?? ""))) {
                r.violation(
                    `resourcePolicy ${describeStatement(s)} grants access to an account that is not in trustedAccountIds: models could be copied or replaced from outside. Grant only trusted accounts.`,
                );
            }
        }
    },
});

export const modelPackageGroupPolicyPolicies = [modelPackageGroupPolicyNoPublicAccess];
