/**
 * CodeBuild projects that push to an AI repository build AI images even when nothing tags them:
 * the project is linked to the repository through the dependency graph (its environment or
 * buildspec is computed from the repository's URL or name). Such untagged projects get the check of
 * `aws-codebuild-ai-project-no-plaintext-secrets` here; tagged ones are judged by that policy.
 */
import { StackResource, stackPolicy } from "../../../lib/stack";
import { CODEBUILD_DOCS, CODEBUILD_REMEDIATION, codebuildSecretsCheck, PROJECT } from "../../aws/codebuild/project";
import { secretKnobs, SecretKnobs } from "../../aws/sagemaker/util";
import { ScopeKnobs, stackScopeKnobs } from "../common";

const REPOSITORY = "aws:ecr/repository:Repository";

export const codebuildAiRepositoryBuildNoPlaintextSecrets = stackPolicy<ScopeKnobs & SecretKnobs>({
    name: "aws-codebuild-ai-repository-build-no-plaintext-secrets",
    description: "CodeBuild projects that build images for an AI repository must not hold tokens in plain-text environment variables.",
    severity: "high",
    guidelines: ["DEV-1", "DEV-2"],
    controls: ["REG-A16"],
    theme: "supply-chain",
    resourceTypes: [PROJECT],
    config: { ...stackScopeKnobs, ...secretKnobs },
    remediationSteps: CODEBUILD_REMEDIATION,
    url: CODEBUILD_DOCS,
    validate(s) {
        if (s.config.allDataStores) {
            return; // every project is judged by the resource policy
        }
        const scope = s.index.aiScope(s.config.aiTagKeys);
        for (const project of s.ofType(PROJECT)) {
            if (scope.tagState(project) !== "untagged") {
                continue; // tagged (judged by the resource policy), or its tags are unknown or malformed (reported there)
            }
            const repo: StackResource | undefined = s.index.dependenciesOf(project).find((d) => d.canonical === REPOSITORY && scope.isAi(d));
            if (repo !== undefined) {
                codebuildSecretsCheck(s.read(project), s.config);
            }
        }
    },
});

export const codebuildStackPolicies = [codebuildAiRepositoryBuildNoPlaintextSecrets];
