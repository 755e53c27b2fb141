/**
 * CodeBuild projects that build AI images (model-serving and training containers): the tokens they
 * pull base images, models and packages with (Hugging Face, GitHub, registries) must not sit in
 * plain-text environment variables, which anyone who can read the project sees. A project is judged
 * here when it carries the AI tag (or with `allDataStores`); the stack policy
 * `aws-codebuild-ai-repository-build-no-plaintext-secrets` judges the untagged projects that push to
 * an AI repository.
 */
import type { Section } from "../../../lib/check";
import { resourcePolicy } from "../../../lib/policy";
import { isAiDataStore, notAnAiDataStore, scopeKnobs, ScopeKnobs } from "../../../lib/scope";
import { secretKind, secretKnobs, SecretKnobs } from "../sagemaker/util";

export const PROJECT = "aws:codebuild/project:Project";
export const CODEBUILD_DOCS = "https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.env.secrets-manager";
export const CODEBUILD_REMEDIATION =
    'Move the token to AWS Secrets Manager (or SSM Parameter Store as a SecureString) and reference it: `{ name: "HF_TOKEN", type: "SECRETS_MANAGER", value: "<secret-arn>:token" }`.';

const TYPES = ["PLAINTEXT", "PARAMETER_STORE", "SECRETS_MANAGER"] as const;

/** Reports plain-text environment variables of the project that hold secrets, by name and kind only. */
export function codebuildSecretsCheck(s: Section, config: Readonly<SecretKnobs>): void {
    const ignored = new Set(config.ignoredVariableNames.map((n) => n.toLowerCase()));
    for (const v of s.list("environment.environmentVariables") ?? []) {
        const type = v.enum("type", TYPES, { absent: "PLAINTEXT" });
        if (type?.value !== "PLAINTEXT") {
            continue;
        }
        const name = v.string("name");
        const value = v.string("value");
        if (name?.value === undefined || value?.value === undefined || ignored.has(name.value.toLowerCase())) {
            continue;
        }
        const kind = secretKind(value.value, name.value);
        if (kind) {
            s.violation(
                `${v.path("value")} looks like ${kind} in plain text: anyone who can read the project or its build logs can use it to pull or push your models and images. Use type "SECRETS_MANAGER" or "PARAMETER_STORE".`,
            );
        }
    }
}

export const codebuildAiProjectNoPlaintextSecrets = resourcePolicy<ScopeKnobs & SecretKnobs>({
    name: "aws-codebuild-ai-project-no-plaintext-secrets",
    description: "CodeBuild projects that build AI images must not hold tokens in plain-text environment variables.",
    severity: "high",
    guidelines: ["DEV-1", "DEV-2"],
    controls: ["REG-A16"],
    theme: "supply-chain",
    resourceTypes: [PROJECT],
    config: { ...scopeKnobs, ...secretKnobs },
    remediationSteps: CODEBUILD_REMEDIATION,
    url: CODEBUILD_DOCS,
    validate(r) {
        const inScope = isAiDataStore(r, r.config);
        if (inScope === false) {
            r.notApplicable(`${notAnAiDataStore(r.config)} (projects that push to an AI repository are judged by the stack policy)`);
        }
        if (inScope === undefined) {
            return;
        }
        codebuildSecretsCheck(r, r.config);
    },
});

export const codebuildPolicies = [codebuildAiProjectNoPlaintextSecrets];
