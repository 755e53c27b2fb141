/**
 * ECR repository and registry policies, and the policy that repository creation templates give
 * new repositories: none may let anyone (`"*"`) pull or push unless a condition narrows it to
 * your organisation, accounts or network.
 */
import type { Section } from "../../../lib/check";
import { resourcePolicy } from "../../../lib/policy";
import { publicStatementCheck } from "../policyDocuments";

const POLICY_FIELD: Readonly<Record<string, string>> = {
    "aws:ecr/repositoryPolicy:RepositoryPolicy": "policy",
    "aws:ecr/registryPolicy:RegistryPolicy": "policy",
    "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate": "repositoryPolicy",
};

export const ecrNoPublicPolicy = resourcePolicy({
    name: "aws-ecr-policy-no-public-access",
    description: "ECR repository and registry policies must not grant access to everyone.",
    severity: "critical",
    guidelines: ["DEP-1", "DEV-1"],
    controls: ["REG-A05"],
    theme: "registry",
    resourceTypes: Object.keys(POLICY_FIELD),
    remediationSteps:
        'Replace `"Principal": "*"` with the account or role ARNs that need the images, or add a condition such as `"StringEquals": {"aws:PrincipalOrgID": "o-..."}`.',
    url: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html",
    validate(r) {
        publicStatementCheck(r as Section, POLICY_FIELD[r.type] ?? "policy", "anyone on the internet could pull or push images");
    },
});

export const repositoryPolicyPolicies = [ecrNoPublicPolicy];
