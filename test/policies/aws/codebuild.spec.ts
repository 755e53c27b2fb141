import { UNKNOWN_VALUES } from "../../support/harness";
import { policyCases, usePack } from "../../support/cases";

const PROJECT = "aws:codebuild/project:Project";
const HF = "hf_" + "a".repeat(34);

/** A model-serving image build as a careful user's program declares it (tagged as AI). */
const project = (...environmentVariables: unknown[]) => ({
    name: "serving-image",
    serviceRole: "arn:aws:iam::111122223333:role/codebuild",
    artifacts: { type: "NO_ARTIFACTS" },
    source: { type: "CODECOMMIT", location: "https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/serving" },
    environment: { computeType: "BUILD_GENERAL1_SMALL", image: "aws/codebuild/standard:7.0", type: "LINUX_CONTAINER", privilegedMode: true, environmentVariables },
    tags: { "ai-workload": "model-serving" },
});
const repoVar = { name: "IMAGE_REPO", value: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/serving" };

describe("aws: CodeBuild projects that build AI images", function () {
    const pack = usePack();

    policyCases(pack, "aws-codebuild-ai-project-no-plaintext-secrets", PROJECT, [
        {
            kind: "violating",
            title: "Hugging Face token in plain text",
            props: project(repoVar, { name: "HF_TOKEN", value: HF }),
            expect: "violation",
            message: /^(?![\s\S]*hf_a{10})[\s\S]*environmentVariables\[1\]\.value looks like a Hugging Face token/,
        },
        {
            kind: "violating",
            title: "a password named as such, type PLAINTEXT",
            props: project({ name: "REGISTRY_PASSWORD", value: "correct-horse-battery", type: "PLAINTEXT" }),
            expect: "violation",
            message: /its name says so/,
        },
        {
            kind: "compliant",
            title: "token from Secrets Manager",
            props: project(repoVar, { name: "HF_TOKEN", type: "SECRETS_MANAGER", value: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:hf-AbCdEf:token" }),
            expect: "pass",
        },
        {
            kind: "compliant",
            title: "untagged projects are judged by the stack policy",
            props: { ...project({ name: "HF_TOKEN", value: HF }), tags: { team: "web" } },
            expect: "not-applicable",
        },
        { kind: "absent", title: "no environment variables", props: project(), expect: "pass" },
        { kind: "unknown", title: "value from an output", props: project({ name: "HF_TOKEN", value: UNKNOWN_VALUES.string }), expect: "unknown" },
        {
            kind: "malformed",
            title: "unsupported variable type",
            props: project({ name: "HF_TOKEN", value: HF, type: "VAULT" }),
            expect: "malformed",
            message: /cannot evaluate environment.environmentVariables\[0\]\.type/,
        },
    ]);
});
