/**
 * Least privilege in identity policies (the documents of iam.Policy, RolePolicy, UserPolicy,
 * GroupPolicy and Role inline policies). An AI component's role is what a prompt injection or a
 * compromised notebook gets to use, so it must not hold administrator rights, whole-service
 * wildcards on AI and data services, or the right to pass any role.
 *
 * ACC-A12 is split in two policies because severity is per policy: `Action: "*"` on every resource
 * (administrator access) is critical; whole-service wildcards on the AI and data services are high.
 */
import { describeStatement, hasUnknownPart, Statement } from "../../../lib/awsPolicyDocument";
import { resourcePolicy } from "../../../lib/policy";
import { Answer, both, forEachIdentityDocument, grantsAction, grantsWholeService, IAM_DOCS, IDENTITY_POLICY_TYPES, isAllow, onAllResources } from "./documents";

/** `Action: "*"` (or `"*:*"`). NotAction statements are judged per service by the next policy. */
function grantsEverything(s: Statement): Answer {
    if (s.action.includes("*") || s.action.includes("*:*")) {
        return "yes";
    }
    return hasUnknownPart(s.action) ? "unknown" : "no";
}

export const iamNoAdminWildcard = resourcePolicy({
    name: "aws-iam-policy-no-admin-wildcard",
    description: 'IAM policies must not allow every action ("*") on every resource.',
    severity: "critical",
    guidelines: ["DES-3j", "DES-3f", "DEP-1"],
    controls: ["ACC-A12"],
    theme: "access",
    resourceTypes: IDENTITY_POLICY_TYPES,
    remediationSteps: 'Replace `Action: "*"` with the specific actions the workload calls (e.g. `"sagemaker:InvokeEndpoint"`) and `Resource: "*"` with the ARNs it needs.',
    url: `${IAM_DOCS}best-practices.html#grant-least-privilege`,
    validate(r) {
        forEachIdentityDocument(r, (where, path, statements) => {
            for (const s of statements) {
                const answer = both(isAllow(s), both(grantsEverything(s), onAllResources(s)));
                if (answer === "unknown") {
                    where.unknown(`${path} (${describeStatement(s)})`);
                } else if (answer === "yes") {
                    where.violation(
                        `${where.path(path)} ${describeStatement(s)} allows Action "*" on Resource "*": full administrator access, so anyone who controls this identity controls the account. Grant only the actions and resources it needs.`,
                    );
                }
            }
        });
    },
});

interface WildcardKnobs {
    services: string[];
}

export const iamNoWildcardAiActions = resourcePolicy<WildcardKnobs>({
    name: "aws-iam-policy-no-wildcard-ai-actions",
    description: "IAM policies must not allow every action of an AI or data service on every resource.",
    severity: "high",
    guidelines: ["DES-3j", "DES-3f", "DEP-1"],
    controls: ["ACC-A12"],
    theme: "access",
    resourceTypes: IDENTITY_POLICY_TYPES,
    config: {
        services: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: ["sagemaker", "bedrock", "bedrock-agentcore", "s3", "s3vectors", "kms", "ecr"],
            description: 'IAM service prefixes whose whole-service wildcard (e.g. "sagemaker:*") on Resource "*" is a violation.',
        },
    },
    remediationSteps:
        'Replace wildcards such as `"bedrock:*"` or `"s3:*"` with the actions the workload calls (e.g. `"bedrock:InvokeModel"`, `"s3:GetObject"`) and scope `Resource` to the model, bucket or key ARNs it uses.',
    url: `${IAM_DOCS}best-practices.html#grant-least-privilege`,
    validate(r) {
        forEachIdentityDocument(r, (where, path, statements) => {
            for (const s of statements) {
                const granted: string[] = [];
                let unknown = false;
                for (const service of r.config.services) {
                    const answer = both(isAllow(s), both(grantsWholeService(s, service), onAllResources(s)));
                    granted.push(...(answer === "yes" ? [service] : []));
                    unknown ||= answer === "unknown";
                }
                if (granted.length > 0) {
                    const how = s.action.length > 0 ? "allows" : "allows (through NotAction)";
                    where.violation(
                        `${where.path(path)} ${describeStatement(s)} ${how} every action of ${granted.map((g) => `"${g}"`).join(", ")} on Resource "*". Grant only the actions the workload calls, on the resources it uses.`,
                    );
                } else if (unknown) {
                    where.unknown(`${path} (${describeStatement(s)})`);
                }
            }
        });
    },
});

export const iamNoPassRoleWildcard = resourcePolicy({
    name: "aws-iam-policy-no-passrole-wildcard",
    description: "IAM policies must not allow iam:PassRole on every resource.",
    severity: "high",
    guidelines: ["DES-3f", "DES-3j"],
    controls: ["ACC-A15"],
    theme: "access",
    resourceTypes: IDENTITY_POLICY_TYPES,
    remediationSteps:
        'List the execution role ARNs the workload may pass in `Resource` (e.g. `arn:aws:iam::<account>:role/sagemaker-training`) and add `Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } }`.',
    url: `${IAM_DOCS}id_roles_use_passrole.html`,
    validate(r) {
        forEachIdentityDocument(r, (where, path, statements) => {
            for (const s of statements) {
                const answer = both(isAllow(s), both(grantsAction(s, "iam:PassRole"), onAllResources(s)));
                if (answer === "unknown") {
                    where.unknown(`${path} (${describeStatement(s)})`);
                } else if (answer === "yes") {
                    where.violation(
                        `${where.path(path)} ${describeStatement(s)} allows iam:PassRole on Resource "*": this identity can hand any role, including administrator roles, to a training job, notebook or agent and act with its rights. Restrict Resource to the execution roles it needs.`,
                    );
                }
            }
        });
    },
});

export const permissionPolicies = [iamNoAdminWildcard, iamNoWildcardAiActions, iamNoPassRoleWildcard];
