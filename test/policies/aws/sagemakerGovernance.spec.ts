import * as assert from "assert";
import { secret, UNKNOWN_VALUES } from "../../support/harness";
import { judge, policyCases, usePack } from "../../support/cases";

const GROUP_POLICY = "aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy";
const NOTEBOOK_LCC = "aws:sagemaker/notebookInstanceLifecycleConfiguration:NotebookInstanceLifecycleConfiguration";
const STUDIO_LCC = "aws:sagemaker/studioLifecycleConfig:StudioLifecycleConfig";
const NOTEBOOK = "aws:sagemaker/notebookInstance:NotebookInstance";

function doc(...statements: Record<string, unknown>[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
const read = { Action: ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"], Resource: "arn:aws:sagemaker:eu-west-1:111122223333:model-package/fraud/*" };
const crossAccount = { Sid: "Prod", Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, ...read };

function base64(script: string): string {
    return Buffer.from(script, "utf8").toString("base64");
}
const cleanScript = base64(
    ["#!/bin/bash", "set -e", "TOKEN=$(aws secretsmanager get-secret-value --secret-id hf --query SecretString --output text)", "pip install -q transformers"].join("\n"),
);

describe("aws: SageMaker model registry policies, lifecycle scripts and notebook platforms", function () {
    const pack = usePack({ "aws-sagemaker-model-package-group-policy-no-public-access": { trustedAccountIds: ["111122223333", "444455556666"] } });

    const groupPolicy = { modelPackageGroupName: "fraud", resourcePolicy: doc(crossAccount) };
    policyCases(pack, "aws-sagemaker-model-package-group-policy-no-public-access", GROUP_POLICY, [
        {
            kind: "violating",
            title: "Principal *",
            props: { ...groupPolicy, resourcePolicy: doc({ Sid: "All", Effect: "Allow", Principal: "*", ...read }) },
            expect: "violation",
            message: /statement 1 allows Principal "\*"/,
        },
        {
            kind: "violating",
            title: "an untrusted account",
            props: { ...groupPolicy, resourcePolicy: doc({ Effect: "Allow", Principal: { AWS: "999988887777" }, ...read }) },
            expect: "violation",
            message: /not in trustedAccountIds/,
        },
        { kind: "compliant", title: "trusted account", props: groupPolicy, expect: "pass" },
        {
            kind: "compliant",
            title: "Principal * narrowed to the organisation",
            props: { ...groupPolicy, resourcePolicy: doc({ Effect: "Allow", Principal: "*", ...read, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }) },
            expect: "pass",
        },
        { kind: "compliant", title: "document as an object", props: { ...groupPolicy, resourcePolicy: { Version: "2012-10-17", Statement: [crossAccount] } }, expect: "pass" },
        { kind: "absent", title: "no statements", props: { ...groupPolicy, resourcePolicy: doc() }, expect: "pass" },
        { kind: "unknown", title: "policy computed from another resource", props: { ...groupPolicy, resourcePolicy: UNKNOWN_VALUES.string }, expect: "unknown" },
        {
            kind: "unknown",
            title: "principal ARN unknown",
            props: { ...groupPolicy, resourcePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: UNKNOWN_VALUES.string }, ...read }] } },
            expect: "unknown",
        },
        { kind: "malformed", title: "not JSON", props: { ...groupPolicy, resourcePolicy: "{not json" }, expect: "malformed", message: /cannot evaluate resourcePolicy/ },
    ]);

    policyCases(pack, "aws-sagemaker-lifecycle-config-no-secrets", NOTEBOOK_LCC, [
        {
            kind: "violating",
            title: "AWS keys exported in onStart",
            props: { name: "lcc", onStart: base64(["#!/bin/bash", "export AWS_ACCESS_KEY_ID=AKIA" + "Q".repeat(16)].join("\n")) },
            expect: "violation",
            message: /onStart line 2 looks like it holds an AWS access key id/,
        },
        {
            kind: "violating",
            title: "password assigned in onCreate",
            props: { name: "lcc", onCreate: base64('DB_PASSWORD="s3cure-Passw0rd!"') },
            expect: "violation",
            message: /onCreate line 1/,
        },
        {
            kind: "violating",
            title: "Studio script with a Hugging Face token",
            type: STUDIO_LCC,
            props: {
                studioLifecycleConfigName: "s",
                studioLifecycleConfigAppType: "JupyterLab",
                studioLifecycleConfigContent: base64("huggingface-cli login --token hf_" + "x".repeat(34)),
            },
            expect: "violation",
            message: /studioLifecycleConfigContent line 1/,
        },
        { kind: "compliant", title: "fetches secrets at run time", props: { name: "lcc", onCreate: cleanScript, onStart: cleanScript }, expect: "pass" },
        { kind: "absent", title: "no scripts", props: { name: "lcc" }, expect: "pass" },
        { kind: "unknown", title: "script built from other outputs", props: { name: "lcc", onStart: UNKNOWN_VALUES.string }, expect: "unknown", message: /onStart/ },
        {
            kind: "malformed",
            title: "not base64",
            props: { name: "lcc", onStart: "#!/bin/bash\necho hi" },
            expect: "malformed",
            message: /cannot evaluate onStart: expected a base64-encoded script/,
        },
        { kind: "malformed", title: "a number", props: { name: "lcc", onStart: 12 }, expect: "malformed" },
    ]);

    it("never echoes the secret found in a script, even when the script is a Pulumi secret", async () => {
        const key = "AKIA" + "W".repeat(16);
        const { outcome, messages } = await judge(pack(), "aws-sagemaker-lifecycle-config-no-secrets", NOTEBOOK_LCC, {
            name: "lcc",
            onStart: secret(base64(`export AWS_ACCESS_KEY_ID=${key}`)),
        });
        assert.strictEqual(outcome, "violation");
        assert.ok(!messages.join("\n").includes("WWWW"), messages.join("\n"));
    });

    const notebook = { instanceType: "ml.t3.medium", roleArn: "arn:aws:iam::111122223333:role/notebook", platformIdentifier: "notebook-al2023-v1" };
    policyCases(pack, "aws-sagemaker-notebook-supported-platform", NOTEBOOK, [
        {
            kind: "violating",
            title: "deprecated AL2 v2",
            props: { ...notebook, platformIdentifier: "notebook-al2-v2" },
            expect: "violation",
            message: /platformIdentifier is not one of allowedPlatforms/,
        },
        { kind: "violating", title: "Amazon Linux 2 v3", props: { ...notebook, platformIdentifier: "notebook-al2-v3" }, expect: "violation" },
        { kind: "compliant", title: "Amazon Linux 2023", props: notebook, expect: "pass" },
        {
            kind: "absent",
            title: "not set: SDK default notebook-al2-v3",
            props: { instanceType: notebook.instanceType, roleArn: notebook.roleArn },
            expect: "violation",
            message: /not set \(AWS default: "notebook-al2-v3"\)/,
        },
        { kind: "unknown", title: "unknown", props: { ...notebook, platformIdentifier: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "a number", props: { ...notebook, platformIdentifier: 2023 }, expect: "malformed", message: /cannot evaluate platformIdentifier/ },
    ]);
});
