import * as assert from "assert";
import { secret, startPack, UNKNOWN_VALUES } from "../../support/harness";
import { judge, policyCases, usePack } from "../../support/cases";

const MODEL = "aws:sagemaker/model:Model";
const IMAGE = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/serving@sha256:" + "a".repeat(64);
const PACKAGE = "arn:aws:sagemaker:eu-west-1:111122223333:model-package/fraud/3";

/** A model as a careful user's program declares it. */
const compliant = {
    executionRoleArn: "arn:aws:iam::111122223333:role/model",
    enableNetworkIsolation: true,
    vpcConfig: { subnets: ["subnet-0abc"], securityGroupIds: ["sg-0abc"] },
    primaryContainer: {
        image: IMAGE,
        imageConfig: { repositoryAccessMode: "Vpc" },
        modelPackageName: PACKAGE,
        environment: { SAGEMAKER_PROGRAM: "inference.py", MAX_NEW_TOKENS: "1024", SECRET_ARN: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:hf-token" },
    },
};

/** The compliant model with container fields replaced (undefined removes a field). */
function withContainer(container: Record<string, unknown>): Record<string, unknown> {
    const merged: Record<string, unknown> = { ...compliant.primaryContainer, ...container };
    for (const key of Object.keys(merged)) {
        if (merged[key] === undefined) {
            delete merged[key];
        }
    }
    return { ...compliant, primaryContainer: merged };
}

function without<T extends Record<string, unknown>>(o: T, key: string): Record<string, unknown> {
    const copy: Record<string, unknown> = { ...o };
    delete copy[key];
    return copy;
}

describe("aws: SageMaker models", function () {
    const pack = usePack({
        "aws-sagemaker-model-approved-image": { approvedAccountIds: ["111122223333"], approvedImagePrefixes: ["registry.example.com/ml/"], requireDigest: true },
    });

    policyCases(pack, "aws-sagemaker-model-network-isolation", MODEL, [
        { kind: "violating", title: "false", props: { ...compliant, enableNetworkIsolation: false }, expect: "violation", message: /enableNetworkIsolation is false/ },
        { kind: "compliant", title: "true", props: compliant, expect: "pass" },
        {
            kind: "absent",
            title: "not set: AWS defaults to false",
            props: without(compliant, "enableNetworkIsolation"),
            expect: "violation",
            message: /not set \(AWS default: false\)/,
        },
        { kind: "unknown", title: "computed", props: { ...compliant, enableNetworkIsolation: UNKNOWN_VALUES.bool }, expect: "unknown", message: /enableNetworkIsolation/ },
        { kind: "malformed", title: "a number", props: { ...compliant, enableNetworkIsolation: 1 }, expect: "malformed", message: /cannot evaluate enableNetworkIsolation/ },
    ]);

    policyCases(pack, "aws-sagemaker-model-in-vpc", MODEL, [
        {
            kind: "violating",
            title: "security groups missing",
            props: { ...compliant, vpcConfig: { subnets: ["subnet-0abc"], securityGroupIds: [] } },
            expect: "violation",
            message: /securityGroupIds is not set/,
        },
        { kind: "compliant", title: "subnets and security groups", props: compliant, expect: "pass" },
        { kind: "absent", title: "no vpcConfig", props: without(compliant, "vpcConfig"), expect: "violation", message: /vpcConfig.subnets is not set/ },
        {
            kind: "unknown",
            title: "subnets from another resource",
            props: { ...compliant, vpcConfig: { subnets: UNKNOWN_VALUES.array, securityGroupIds: ["sg-0abc"] } },
            expect: "unknown",
        },
        { kind: "malformed", title: "vpcConfig is a string", props: { ...compliant, vpcConfig: "subnet-0abc" }, expect: "malformed", message: /cannot evaluate vpcConfig/ },
    ]);

    policyCases(pack, "aws-sagemaker-model-approved-image", MODEL, [
        {
            kind: "violating",
            title: "Docker Hub image",
            props: withContainer({ image: "docker.io/someone/llm@sha256:" + "c".repeat(64) }),
            expect: "violation",
            message: /not an image in a private Amazon ECR registry/,
        },
        {
            kind: "violating",
            title: "ECR image of another account",
            props: withContainer({ image: "999988887777.dkr.ecr.us-east-1.amazonaws.com/x@sha256:" + "d".repeat(64) }),
            expect: "violation",
            message: /approvedAccountIds/,
        },
        {
            kind: "violating",
            title: "second container from an unapproved registry",
            props: { ...compliant, containers: [{ image: "ghcr.io/x/y:1" }] },
            expect: "violation",
            message: /containers\[0\]\.image/,
        },
        { kind: "compliant", title: "approved account", props: compliant, expect: "pass" },
        { kind: "compliant", title: "approved private registry prefix", props: withContainer({ image: "registry.example.com/ml/serve@sha256:" + "b".repeat(64) }), expect: "pass" },
        {
            kind: "violating",
            title: "approved account but tag only (requireDigest)",
            props: withContainer({ image: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/serving:2" }),
            expect: "violation",
            message: /by tag only/,
        },
        { kind: "absent", title: "no image: taken from the model package", props: { ...compliant, primaryContainer: { modelPackageName: PACKAGE } }, expect: "pass" },
        {
            kind: "unknown",
            title: "image URI from an ECR repository resource",
            props: withContainer({ image: UNKNOWN_VALUES.string }),
            expect: "unknown",
            message: /primaryContainer.image/,
        },
        { kind: "malformed", title: "image is an object", props: withContainer({ image: { uri: IMAGE } }), expect: "malformed", message: /cannot evaluate primaryContainer.image/ },
    ]);

    policyCases(pack, "aws-sagemaker-model-private-registry-vpc-mode", MODEL, [
        {
            kind: "violating",
            title: "Platform",
            props: withContainer({ imageConfig: { repositoryAccessMode: "Platform" } }),
            expect: "violation",
            message: /repositoryAccessMode is "Platform"/,
        },
        { kind: "compliant", title: "Vpc", props: compliant, expect: "pass" },
        { kind: "compliant", title: "no image (model package)", props: { ...compliant, primaryContainer: { modelPackageName: PACKAGE } }, expect: "pass" },
        {
            kind: "absent",
            title: "no imageConfig: AWS defaults to Platform",
            props: withContainer({ imageConfig: undefined }),
            expect: "violation",
            message: /not set \(AWS default: "Platform"\)/,
        },
        { kind: "unknown", title: "access mode unknown", props: withContainer({ imageConfig: { repositoryAccessMode: UNKNOWN_VALUES.string } }), expect: "unknown" },
        {
            kind: "malformed",
            title: "unsupported mode",
            props: withContainer({ imageConfig: { repositoryAccessMode: "Internet" } }),
            expect: "malformed",
            message: /cannot evaluate primaryContainer.imageConfig.repositoryAccessMode/,
        },
    ]);

    policyCases(pack, "aws-sagemaker-model-from-model-registry", MODEL, [
        {
            kind: "violating",
            title: "raw model data",
            props: withContainer({ modelPackageName: undefined, modelDataUrl: "s3://models/model.tar.gz" }),
            expect: "violation",
            message: /modelPackageName is not set/,
        },
        { kind: "compliant", title: "model package version", props: compliant, expect: "pass" },
        {
            kind: "absent",
            title: "second container without a package",
            props: { ...compliant, containers: [{ image: IMAGE }] },
            expect: "violation",
            message: /containers\[0\]\.modelPackageName/,
        },
        { kind: "unknown", title: "package ARN from another resource", props: withContainer({ modelPackageName: UNKNOWN_VALUES.string }), expect: "unknown" },
        { kind: "malformed", title: "containers is a string", props: { ...compliant, containers: "all" }, expect: "malformed", message: /cannot evaluate containers/ },
    ]);

    policyCases(pack, "aws-sagemaker-model-no-secrets-in-environment", MODEL, [
        {
            kind: "violating",
            title: "Hugging Face token",
            props: withContainer({ environment: { HF_TOKEN: "hf_" + "A".repeat(34) } }),
            expect: "violation",
            message: /environment.HF_TOKEN looks like a Hugging Face token/,
        },
        {
            kind: "violating",
            title: "AWS access key in a second container",
            props: { ...compliant, containers: [{ image: IMAGE, environment: { AWS_ACCESS_KEY_ID: "AKIA" + "B".repeat(16) } }] },
            expect: "violation",
            message: /containers\[0\]\.environment.AWS_ACCESS_KEY_ID/,
        },
        {
            kind: "violating",
            title: "password by its name",
            props: withContainer({ environment: { DB_PASSWORD: "correct-horse-battery" } }),
            expect: "violation",
            message: /its name says so/,
        },
        {
            kind: "violating",
            title: "a secret marked as a Pulumi secret is still in the environment",
            props: withContainer({ environment: { OPENAI_API_KEY: secret("sk-" + "c".repeat(40)) } }),
            expect: "violation",
        },
        { kind: "compliant", title: "only references and settings", props: compliant, expect: "pass" },
        { kind: "absent", title: "no environment", props: withContainer({ environment: undefined }), expect: "pass" },
        {
            kind: "unknown",
            title: "a value from another resource",
            props: withContainer({ environment: { DB_PASSWORD: UNKNOWN_VALUES.string } }),
            expect: "unknown",
            message: /environment.DB_PASSWORD/,
        },
        {
            kind: "malformed",
            title: "environment is a list",
            props: withContainer({ environment: ["A=B"] }),
            expect: "malformed",
            message: /cannot evaluate primaryContainer.environment/,
        },
        { kind: "malformed", title: "a value is a number", props: withContainer({ environment: { PORT: 8080 } }), expect: "malformed" },
    ]);

    it("never echoes the secret it found", async () => {
        const token = "ghp_" + "Z".repeat(36);
        const { outcome, messages } = await judge(pack(), "aws-sagemaker-model-no-secrets-in-environment", MODEL, withContainer({ environment: { GITHUB: token } }));
        assert.strictEqual(outcome, "violation");
        assert.ok(!messages.join("\n").includes("ZZZZ"), messages.join("\n"));
    });

    it("accepts Platform access for private ECR images only when allowPlatformAccessForEcrImages is set", async function () {
        this.timeout(120000);
        const configured = await startPack({ "aws-sagemaker-model-private-registry-vpc-mode": { allowPlatformAccessForEcrImages: true } });
        try {
            const policy = "aws-sagemaker-model-private-registry-vpc-mode";
            const ecr = await judge(configured, policy, MODEL, withContainer({ imageConfig: { repositoryAccessMode: "Platform" } }));
            assert.strictEqual(ecr.outcome, "pass");
            const other = await judge(configured, policy, MODEL, withContainer({ image: "registry.example.com/ml/serve:2", imageConfig: { repositoryAccessMode: "Platform" } }));
            assert.strictEqual(other.outcome, "violation");
        } finally {
            await configured.stop();
        }
    });

    it("ignores variables listed in ignoredVariableNames", async function () {
        this.timeout(120000);
        const configured = await startPack({ "aws-sagemaker-model-no-secrets-in-environment": { ignoredVariableNames: ["db_password"] } });
        try {
            const { outcome } = await judge(
                configured,
                "aws-sagemaker-model-no-secrets-in-environment",
                MODEL,
                withContainer({ environment: { DB_PASSWORD: "correct-horse-battery" } }),
            );
            assert.strictEqual(outcome, "pass");
        } finally {
            await configured.stop();
        }
    });
});
