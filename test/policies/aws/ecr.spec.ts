import { UNKNOWN_VALUES } from "../../support/harness";
import { policyCases, usePack } from "../../support/cases";
import { scopeCases } from "../../support/scope";

const REPO = "aws:ecr/repository:Repository";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** An ECR repository of AI images (tagged as an AI data store), as a careful user's program declares it. */
const compliant = {
    name: "model-serving",
    imageTagMutability: "IMMUTABLE",
    imageScanningConfiguration: { scanOnPush: true },
    encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY }],
    forceDelete: false,
    tags: { "ai-workload": "true" },
};

const ORG_ONLY = {
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "OrgPull",
            Effect: "Allow",
            Principal: "*",
            Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
            Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
        },
    ],
};
const PUBLIC = {
    Version: "2012-10-17",
    Statement: { Sid: "Everyone", Effect: "Allow", Principal: { AWS: "*" }, Action: "ecr:*" },
};

describe("aws: ECR repositories and their policies", function () {
    const pack = usePack();

    policyCases(pack, "aws-ecr-repository-scan-on-push", REPO, [
        {
            kind: "violating",
            title: "scanOnPush false",
            props: { ...compliant, imageScanningConfiguration: { scanOnPush: false } },
            expect: "violation",
            message: /scanOnPush is false/,
        },
        { kind: "compliant", title: "scanOnPush true", props: compliant, expect: "pass" },
        {
            kind: "absent",
            title: "no scanning configuration: AWS does not scan",
            props: { ...compliant, imageScanningConfiguration: undefined },
            expect: "violation",
            message: /not set \(AWS default: false\)/,
        },
        { kind: "unknown", title: "scanOnPush unknown", props: { ...compliant, imageScanningConfiguration: { scanOnPush: UNKNOWN_VALUES.bool } }, expect: "unknown" },
        {
            kind: "malformed",
            title: "scanOnPush is a number",
            props: { ...compliant, imageScanningConfiguration: { scanOnPush: 1 } },
            expect: "malformed",
            message: /imageScanningConfiguration.scanOnPush/,
        },
        { kind: "compliant", title: 'string "true" as some programs send it', props: { ...compliant, imageScanningConfiguration: { scanOnPush: "true" } }, expect: "pass" },
    ]);

    policyCases(pack, "aws-ecr-repository-immutable-tags", REPO, [
        { kind: "violating", title: "MUTABLE", props: { ...compliant, imageTagMutability: "MUTABLE" }, expect: "violation", message: /imageTagMutability is "MUTABLE"/ },
        { kind: "violating", title: "IMMUTABLE_WITH_EXCLUSION without the knob", props: { ...compliant, imageTagMutability: "IMMUTABLE_WITH_EXCLUSION" }, expect: "violation" },
        { kind: "compliant", title: "IMMUTABLE", props: compliant, expect: "pass" },
        {
            kind: "absent",
            title: "not set: AWS defaults to MUTABLE",
            props: { ...compliant, imageTagMutability: undefined },
            expect: "violation",
            message: /AWS default: "MUTABLE"/,
        },
        { kind: "unknown", title: "unknown", props: { ...compliant, imageTagMutability: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "boolean", props: { ...compliant, imageTagMutability: true }, expect: "malformed" },
    ]);

    policyCases(pack, "aws-ecr-repository-kms", REPO, [
        { kind: "violating", title: "AES256", props: { ...compliant, encryptionConfigurations: [{ encryptionType: "AES256" }] }, expect: "violation", message: /"AES256"/ },
        {
            kind: "violating",
            title: "KMS with the AWS-managed key",
            props: { ...compliant, encryptionConfigurations: [{ encryptionType: "KMS" }] },
            expect: "violation",
            message: /kmsKey is not set/,
        },
        { kind: "compliant", title: "KMS with a customer-managed key", props: compliant, expect: "pass" },
        { kind: "absent", title: "no encryption configuration: AES256", props: { ...compliant, encryptionConfigurations: undefined }, expect: "violation", message: /AES256/ },
        {
            kind: "unknown",
            title: "key ARN from a key in the same program",
            props: { ...compliant, encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: UNKNOWN_VALUES.string }] },
            expect: "unknown",
        },
        { kind: "unknown", title: "whole list unknown", props: { ...compliant, encryptionConfigurations: UNKNOWN_VALUES.array }, expect: "unknown" },
        { kind: "malformed", title: "list of strings", props: { ...compliant, encryptionConfigurations: ["KMS"] }, expect: "malformed" },
    ]);

    policyCases(pack, "aws-ecr-repository-no-force-delete", REPO, [
        { kind: "violating", title: "forceDelete true on an AI repository", props: { ...compliant, forceDelete: true }, expect: "violation", message: /forceDelete is true/ },
        { kind: "compliant", title: "forceDelete false", props: compliant, expect: "pass" },
        { kind: "absent", title: "not set: AWS refuses to delete a repository with images", props: { ...compliant, forceDelete: undefined }, expect: "pass" },
        { kind: "compliant", title: "untagged repository is not an AI data store", props: { ...compliant, forceDelete: true, tags: { team: "web" } }, expect: "not-applicable" },
        { kind: "unknown", title: "forceDelete unknown", props: { ...compliant, forceDelete: UNKNOWN_VALUES.bool }, expect: "unknown" },
        { kind: "unknown", title: "tags unknown", props: { ...compliant, forceDelete: true, tags: UNKNOWN_VALUES.object }, expect: "unknown" },
        { kind: "malformed", title: "forceDelete is a number", props: { ...compliant, forceDelete: 1 }, expect: "malformed" },
    ]);

    const POLICY = "aws:ecr/repositoryPolicy:RepositoryPolicy";
    policyCases(pack, "aws-ecr-policy-no-public-access", POLICY, [
        {
            kind: "violating",
            title: "AWS:* as an object",
            props: { repository: "model-serving", policy: PUBLIC },
            expect: "violation",
            message: /statement 1 allows Principal "\*"/,
        },
        {
            kind: "violating",
            title: "Principal * as JSON.stringify output",
            props: { repository: "model-serving", policy: JSON.stringify({ ...ORG_ONLY, Statement: [{ ...ORG_ONLY.Statement[0], Condition: undefined }] }) },
            expect: "violation",
        },
        {
            kind: "violating",
            title: "a condition that narrows nothing",
            props: {
                repository: "m",
                policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "ecr:*", Condition: { StringLike: { "aws:PrincipalOrgID": "*" } } }] }),
            },
            expect: "violation",
        },
        { kind: "compliant", title: "* narrowed to the organisation", props: { repository: "model-serving", policy: JSON.stringify(ORG_ONLY) }, expect: "pass" },
        {
            kind: "compliant",
            title: "a named account",
            props: { repository: "m", policy: { Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "ecr:BatchGetImage" }] } },
            expect: "pass",
        },
        {
            kind: "compliant",
            title: "a public Deny",
            props: { repository: "m", policy: { Statement: [{ Effect: "Deny", Principal: "*", Action: "ecr:DeleteRepository" }] } },
            expect: "pass",
        },
        { kind: "absent", title: "registry policy without a document", props: {}, expect: "pass", type: "aws:ecr/registryPolicy:RegistryPolicy" },
        { kind: "unknown", title: "policy string from pulumi.jsonStringify over outputs", props: { repository: "m", policy: UNKNOWN_VALUES.string }, expect: "unknown" },
        {
            kind: "unknown",
            title: "principal unknown inside an object document",
            props: { repository: "m", policy: { Statement: [{ Effect: "Allow", Principal: { AWS: UNKNOWN_VALUES.string }, Action: "ecr:BatchGetImage" }] } },
            expect: "unknown",
        },
        {
            kind: "malformed",
            title: "unparsable JSON",
            props: { repository: "m", policy: '{"Statement": [' },
            expect: "malformed",
            message: /policy: the policy document is not valid JSON/,
        },
        {
            kind: "malformed",
            title: "Effect missing",
            props: { repository: "m", policy: { Statement: [{ Principal: "*", Action: "ecr:*" }] } },
            expect: "malformed",
            message: /Effect/,
        },
        {
            kind: "violating",
            title: "registry policy open to everyone",
            type: "aws:ecr/registryPolicy:RegistryPolicy",
            props: { policy: JSON.stringify(PUBLIC) },
            expect: "violation",
        },
        {
            kind: "violating",
            title: "creation template handing new repositories a public policy",
            type: "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate",
            props: { prefix: "ml", appliedFors: ["PULL_THROUGH_CACHE"], repositoryPolicy: JSON.stringify(PUBLIC) },
            expect: "violation",
            message: /repositoryPolicy/,
        },
    ]);
});

/** A repository of a web application's images: no AI tag. */
const webRepository = { name: "web-frontend", tags: { team: "web" } };
scopeCases({ policy: "aws-ecr-repository-scan-on-push", type: REPO, untagged: { ...webRepository, imageScanningConfiguration: { scanOnPush: false } }, remediable: true });
scopeCases({ policy: "aws-ecr-repository-immutable-tags", type: REPO, untagged: { ...webRepository, imageTagMutability: "MUTABLE" }, remediable: true });
scopeCases({ policy: "aws-ecr-repository-kms", type: REPO, untagged: { ...webRepository, encryptionConfigurations: [{ encryptionType: "AES256" }] } });
