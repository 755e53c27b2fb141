import * as assert from "assert";
import { secret, UNKNOWN_VALUES } from "../../support/harness";
import { policyCases, usePack } from "../../support/cases";

const NOTEBOOK = "aws:sagemaker/notebookInstance:NotebookInstance";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** A notebook as a careful user's program declares it. */
const compliant = {
    instanceType: "ml.t3.medium",
    roleArn: "arn:aws:iam::111122223333:role/notebook",
    directInternetAccess: "Disabled",
    subnetId: "subnet-0abc",
    securityGroups: ["sg-0abc"],
    rootAccess: "Disabled",
    kmsKeyId: KEY,
    platformIdentifier: "notebook-al2023-v1",
    instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" },
};

function without<T extends Record<string, unknown>>(o: T, key: string): Record<string, unknown> {
    const copy: Record<string, unknown> = { ...o };
    delete copy[key];
    return copy;
}

describe("aws: SageMaker notebook instances", function () {
    const pack = usePack();

    policyCases(pack, "aws-sagemaker-notebook-no-direct-internet", NOTEBOOK, [
        { kind: "violating", title: '"Enabled"', props: { ...compliant, directInternetAccess: "Enabled" }, expect: "violation", message: /directInternetAccess is "Enabled"/ },
        { kind: "violating", title: 'lower-case "enabled"', props: { ...compliant, directInternetAccess: "enabled" }, expect: "violation" },
        { kind: "compliant", title: '"Disabled"', props: compliant, expect: "pass" },
        {
            kind: "absent",
            title: "not set: AWS defaults to Enabled",
            props: without(compliant, "directInternetAccess"),
            expect: "violation",
            message: /not set \(AWS default: "Enabled"\)/,
        },
        {
            kind: "unknown",
            title: "computed during preview",
            props: { ...compliant, directInternetAccess: UNKNOWN_VALUES.string },
            expect: "unknown",
            message: /directInternetAccess/,
        },
        { kind: "malformed", title: "a number", props: { ...compliant, directInternetAccess: 1 }, expect: "malformed", message: /cannot evaluate directInternetAccess/ },
        { kind: "malformed", title: "an unsupported string", props: { ...compliant, directInternetAccess: "Sometimes" }, expect: "malformed" },
    ]);

    policyCases(pack, "aws-sagemaker-notebook-in-vpc", NOTEBOOK, [
        { kind: "violating", title: "no subnet", props: without(without(compliant, "subnetId"), "securityGroups"), expect: "violation", message: /subnetId is not set/ },
        { kind: "violating", title: "subnet without security groups", props: without(compliant, "securityGroups"), expect: "violation", message: /securityGroups/ },
        { kind: "compliant", title: "subnet and security groups", props: compliant, expect: "pass" },
        { kind: "absent", title: "empty subnet id", props: { ...compliant, subnetId: "" }, expect: "violation" },
        { kind: "unknown", title: "subnet id from another resource: set", props: { ...compliant, subnetId: UNKNOWN_VALUES.string }, expect: "pass" },
        { kind: "unknown", title: "security groups from another resource: set", props: { ...compliant, securityGroups: UNKNOWN_VALUES.array }, expect: "pass" },
        {
            kind: "unknown",
            title: "security group ids from another resource: set",
            props: { ...compliant, subnetId: UNKNOWN_VALUES.string, securityGroups: [UNKNOWN_VALUES.string] },
            expect: "pass",
        },
        { kind: "malformed", title: "security groups is a string", props: { ...compliant, securityGroups: "sg-1" }, expect: "malformed" },
        {
            kind: "unknown",
            title: "subnet id from another resource, no security groups: still a violation",
            props: without({ ...compliant, subnetId: UNKNOWN_VALUES.string }, "securityGroups"),
            expect: "violation",
            message: /securityGroups is not set/,
        },
        { kind: "malformed", title: "subnet id is a list", props: { ...compliant, subnetId: ["subnet-1"] }, expect: "malformed" },
    ]);

    policyCases(pack, "aws-sagemaker-notebook-root-disabled", NOTEBOOK, [
        { kind: "violating", title: '"Enabled"', props: { ...compliant, rootAccess: "Enabled" }, expect: "violation" },
        { kind: "compliant", title: '"Disabled"', props: compliant, expect: "pass" },
        { kind: "absent", title: "not set: AWS defaults to Enabled", props: without(compliant, "rootAccess"), expect: "violation", message: /AWS default: "Enabled"/ },
        { kind: "unknown", title: "unknown", props: { ...compliant, rootAccess: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "a boolean", props: { ...compliant, rootAccess: false }, expect: "malformed" },
    ]);

    policyCases(pack, "aws-sagemaker-notebook-kms", NOTEBOOK, [
        { kind: "violating", title: "AWS-managed alias", props: { ...compliant, kmsKeyId: "alias/aws/sagemaker" }, expect: "violation", message: /AWS-managed key/ },
        { kind: "compliant", title: "customer-managed key ARN", props: compliant, expect: "pass" },
        { kind: "compliant", title: "customer-managed key as a secret", props: { ...compliant, kmsKeyId: secret(KEY) }, expect: "pass" },
        { kind: "absent", title: "not set", props: without(compliant, "kmsKeyId"), expect: "violation", message: /kmsKeyId is not set/ },
        { kind: "unknown", title: "key created in the same program", props: { ...compliant, kmsKeyId: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "an object", props: { ...compliant, kmsKeyId: { arn: KEY } }, expect: "malformed" },
    ]);

    policyCases(pack, "aws-sagemaker-notebook-imdsv2", NOTEBOOK, [
        {
            kind: "violating",
            title: 'version "1"',
            props: { ...compliant, instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "1" } },
            expect: "violation",
        },
        { kind: "compliant", title: 'version "2"', props: compliant, expect: "pass" },
        {
            kind: "absent",
            title: "no IMDS configuration: AWS allows IMDSv1",
            props: without(compliant, "instanceMetadataServiceConfiguration"),
            expect: "violation",
            message: /AWS default: "1"/,
        },
        { kind: "unknown", title: "configuration object unknown", props: { ...compliant, instanceMetadataServiceConfiguration: UNKNOWN_VALUES.object }, expect: "unknown" },
        {
            kind: "malformed",
            title: "configuration is a string",
            props: { ...compliant, instanceMetadataServiceConfiguration: "2" },
            expect: "malformed",
            message: /instanceMetadataServiceConfiguration/,
        },
    ]);

    it("never echoes a secret value in a message", async () => {
        const result = await pack().analyze({
            type: NOTEBOOK,
            name: "r",
            properties: { ...compliant, directInternetAccess: secret("s3cr3t-value"), kmsKeyId: secret("alias/aws/s3cr3t") },
        });
        const text = result.diagnostics.map((d) => d.message).join("\n");
        assert.ok(result.diagnostics.length >= 2, text);
        assert.ok(!text.includes("s3cr3t"), text);
    });

    it("is not applicable to other resource types, and says so", async () => {
        const result = await pack().analyze({ type: "aws:s3/bucket:Bucket", name: "b", properties: {} });
        const na = result.notApplicable.find((n) => n.policyName === "aws-sagemaker-notebook-root-disabled");
        assert.ok(na, "expected a not-applicable entry");
        assert.match(na.reason, /NotebookInstance/);
    });
});
