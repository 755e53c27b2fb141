/**
 * ECR Public repositories: anything pushed there can be pulled by anyone on the internet. In a
 * stack this pack governs, a public repository is usually a mistake (a model-serving image, with
 * its code and sometimes its weights, published to the world), so each one must be named on an
 * allow-list of repositories meant to be public.
 *
 * A public repository carries tags of its own, so it is scoped like a data store (lib/scope.ts):
 * repositories tagged as AI data stores, or every one with allDataStores. A public repository of a
 * stack without AI (an open-source project's images) is not this pack's to judge.
 */
import { resourcePolicy } from "../../../lib/policy";
import { inAiScope, scopeKnobs, ScopeKnobs } from "../../../lib/scope";

const PUBLIC_REPOSITORY = "aws:ecrpublic/repository:Repository";

export const noPublicRepositories = resourcePolicy<ScopeKnobs & { allowedRepositoryNames: string[] }>({
    name: "aws-ecr-public-repository-not-allowed",
    description: "ECR Public repositories holding AI images must be on the allow-list of repositories meant to be public.",
    severity: "medium",
    guidelines: ["DEP-1"],
    controls: ["REG-A08"],
    theme: "registry",
    resourceTypes: [PUBLIC_REPOSITORY],
    config: {
        ...scopeKnobs,
        allowedRepositoryNames: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: [],
            description: "Names of ECR Public repositories that are meant to be public.",
        },
    },
    remediationSteps:
        "Use a private repository (aws.ecr.Repository) and share it with the accounts that need it through its repository policy; if the repository is meant to be public, add its name to allowedRepositoryNames.",
    url: "https://docs.aws.amazon.com/AmazonECR/latest/public/public-repositories.html",
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        const allowed = r.config.allowedRepositoryNames;
        if (allowed.length > 0) {
            const name = r.string("repositoryName");
            if (!name) {
                return;
            }
            if (name.value !== undefined && allowed.includes(name.value)) {
                return;
            }
        }
        r.violation(
            "this ECR Public repository is not in allowedRepositoryNames: every image pushed to it, with its code and any model weights inside, can be pulled by anyone. Use a private repository.",
        );
    },
});

export const publicRepositoryPolicies = [noPublicRepositories];
