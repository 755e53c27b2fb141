import { UNKNOWN_VALUES } from "../../support/harness";
import { policyCases, usePack } from "../../support/cases";
import { scopeCases } from "../../support/scope";

const TEMPLATE = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate";
const PUBLIC_REPOSITORY = "aws:ecrpublic/repository:Repository";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** A creation template as a careful user's program declares it. */
const template = {
    prefix: "ml-cache",
    appliedFors: ["PULL_THROUGH_CACHE", "REPLICATION"],
    imageTagMutability: "IMMUTABLE",
    encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY }],
    customRoleArn: "arn:aws:iam::111122223333:role/ecr-templates",
};

function omit(o: Record<string, unknown>, key: string): Record<string, unknown> {
    const copy = { ...o };
    delete copy[key];
    return copy;
}

describe("aws: ECR repository creation templates and ECR Public", function () {
    const pack = usePack({ "aws-ecr-public-repository-not-allowed": { allowedRepositoryNames: ["open-tokenizer"] } });

    policyCases(pack, "aws-ecr-creation-template-immutable-tags", TEMPLATE, [
        { kind: "violating", title: "MUTABLE", props: { ...template, imageTagMutability: "MUTABLE" }, expect: "violation", message: /imageTagMutability is "MUTABLE"/ },
        {
            kind: "violating",
            title: "IMMUTABLE_WITH_EXCLUSION (not allowed by default)",
            props: { ...template, imageTagMutability: "IMMUTABLE_WITH_EXCLUSION" },
            expect: "violation",
        },
        { kind: "compliant", title: "IMMUTABLE", props: template, expect: "pass" },
        { kind: "absent", title: "not set: AWS defaults to MUTABLE", props: omit(template, "imageTagMutability"), expect: "violation", message: /AWS default: "MUTABLE"/ },
        { kind: "unknown", title: "unknown", props: { ...template, imageTagMutability: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "unsupported value", props: { ...template, imageTagMutability: "FROZEN" }, expect: "malformed", message: /cannot evaluate imageTagMutability/ },
    ]);

    policyCases(pack, "aws-ecr-creation-template-kms", TEMPLATE, [
        {
            kind: "violating",
            title: "AES256",
            props: { ...template, encryptionConfigurations: [{ encryptionType: "AES256" }] },
            expect: "violation",
            message: /encryptionType is "AES256"/,
        },
        {
            kind: "violating",
            title: "KMS with the AWS-managed key",
            props: { ...template, encryptionConfigurations: [{ encryptionType: "KMS" }] },
            expect: "violation",
            message: /kmsKey is not set: new repositories use the AWS-managed aws\/ecr key/,
        },
        { kind: "compliant", title: "KMS with a customer-managed key", props: template, expect: "pass" },
        {
            kind: "absent",
            title: "no encryption configuration: AES256",
            props: omit(template, "encryptionConfigurations"),
            expect: "violation",
            message: /encryptionConfigurations is not set \(AWS default: "AES256"\)/,
        },
        { kind: "unknown", title: "key unknown", props: { ...template, encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: UNKNOWN_VALUES.string }] }, expect: "unknown" },
        {
            kind: "malformed",
            title: "unsupported type",
            props: { ...template, encryptionConfigurations: [{ encryptionType: "ROT13" }] },
            expect: "malformed",
            message: /cannot evaluate encryptionConfigurations\[0\]\.encryptionType/,
        },
    ]);

    const aiTags = { "ai-workload": "true" };
    policyCases(pack, "aws-ecr-public-repository-not-allowed", PUBLIC_REPOSITORY, [
        {
            kind: "violating",
            title: "a public repository of AI images not on the list",
            props: { repositoryName: "fraud-model-serving", tags: aiTags },
            expect: "violation",
            message: /not in allowedRepositoryNames/,
        },
        {
            kind: "compliant",
            title: "a repository meant to be public",
            props: { repositoryName: "open-tokenizer", catalogData: { description: "Open-source tokenizer" }, tags: aiTags },
            expect: "pass",
        },
        { kind: "absent", title: "no name", props: { catalogData: { description: "x" }, tags: aiTags }, expect: "violation" },
        { kind: "unknown", title: "name unknown", props: { repositoryName: UNKNOWN_VALUES.string, tags: aiTags }, expect: "unknown" },
        { kind: "malformed", title: "name is a number", props: { repositoryName: 5, tags: aiTags }, expect: "malformed", message: /cannot evaluate repositoryName/ },
    ]);
});

scopeCases({ policy: "aws-ecr-public-repository-not-allowed", type: PUBLIC_REPOSITORY, untagged: { repositoryName: "open-source-cli", tags: { team: "tools" } } });
