import * as assert from "assert";
import { secret, UNKNOWN_VALUES } from "../../support/harness";
import { policyCases, usePack } from "../../support/cases";

const POLICY = "aws:iam/policy:Policy";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const USER_POLICY = "aws:iam/userPolicy:UserPolicy";
const GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
const ROLE = "aws:iam/role:Role";
const ROLE_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";
const USER_ATTACHMENT = "aws:iam/userPolicyAttachment:UserPolicyAttachment";
const GROUP_ATTACHMENT = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment";
const ACCOUNT = "111122223333";

function doc(...statements: Record<string, unknown>[]) {
    return { Version: "2012-10-17", Statement: statements };
}

/** A least-privilege statement for an inference workload. */
const invoke = {
    Sid: "Invoke",
    Effect: "Allow",
    Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
    Resource: `arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`,
};
const readData = {
    Sid: "ReadData",
    Effect: "Allow",
    Action: ["s3:GetObject", "s3:ListBucket"],
    Resource: ["arn:aws:s3:::acme-training-data", "arn:aws:s3:::acme-training-data/*"],
};
const passTraining = {
    Sid: "PassTraining",
    Effect: "Allow",
    Action: "iam:PassRole",
    Resource: `arn:aws:iam::${ACCOUNT}:role/sagemaker-training`,
    Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } },
};
const leastPrivilege = doc(invoke, readData, passTraining);
const admin = { Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" };
const denyAll = { Sid: "DenyOutsideRegion", Effect: "Deny", Action: "*", Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": "eu-west-1" } } };

const trust = (service: string, condition?: Record<string, unknown>) =>
    doc({ Sid: "Service", Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) });
const pinned = { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:*` } };
/** A SageMaker execution role as a careful program declares it. */
const role = {
    name: "sagemaker-training",
    assumeRolePolicy: JSON.stringify(trust("sagemaker.amazonaws.com", pinned)),
    inlinePolicies: [{ name: "least-privilege", policy: JSON.stringify(leastPrivilege) }],
    managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonSageMakerReadOnly"],
};

describe("aws: IAM least privilege", function () {
    const pack = usePack();

    policyCases(pack, "aws-iam-policy-no-admin-wildcard", POLICY, [
        {
            kind: "violating",
            title: 'Action "*" on "*" (JSON string)',
            props: { name: "p", policy: JSON.stringify(doc(invoke, admin)) },
            expect: "violation",
            message: /policy statement 2 allows Action "\*" on Resource "\*"/,
        },
        { kind: "violating", title: "object document, Statement as one object", props: { name: "p", policy: { Version: "2012-10-17", Statement: admin } }, expect: "violation" },
        {
            kind: "violating",
            title: '"*:*" on a RolePolicy',
            type: ROLE_POLICY,
            props: { role: "r", policy: JSON.stringify(doc({ Effect: "Allow", Action: ["*:*"], Resource: ["*"] })) },
            expect: "violation",
        },
        { kind: "violating", title: "UserPolicy", type: USER_POLICY, props: { user: "u", policy: JSON.stringify(doc(admin)) }, expect: "violation" },
        { kind: "violating", title: "GroupPolicy", type: GROUP_POLICY, props: { group: "g", policy: doc(admin) }, expect: "violation" },
        {
            kind: "violating",
            title: "Role inline policy",
            type: ROLE,
            props: {
                ...role,
                inlinePolicies: [
                    { name: "ok", policy: JSON.stringify(leastPrivilege) },
                    { name: "admin", policy: JSON.stringify(doc(admin)) },
                ],
            },
            expect: "violation",
            message: /inlinePolicies\[1\]\.policy statement 1/,
        },
        { kind: "compliant", title: "least privilege (JSON string)", props: { name: "p", policy: JSON.stringify(leastPrivilege) }, expect: "pass" },
        { kind: "compliant", title: "least privilege (object)", props: { name: "p", policy: leastPrivilege }, expect: "pass" },
        { kind: "compliant", title: 'a Deny on "*"', props: { name: "p", policy: JSON.stringify(doc(invoke, denyAll)) }, expect: "pass" },
        {
            kind: "compliant",
            title: 'Action "*" on one bucket',
            props: { name: "p", policy: JSON.stringify(doc({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b/*" })) },
            expect: "pass",
        },
        { kind: "compliant", title: "a role with least-privilege inline policies", type: ROLE, props: role, expect: "pass" },
        { kind: "absent", title: "a role without inline policies", type: ROLE, props: { name: "r", assumeRolePolicy: role.assumeRolePolicy }, expect: "pass" },
        { kind: "unknown", title: "document built from outputs", props: { name: "p", policy: UNKNOWN_VALUES.string }, expect: "unknown" },
        {
            kind: "unknown",
            title: "resource unknown in an object document",
            props: { name: "p", policy: doc({ Effect: "Allow", Action: "*", Resource: UNKNOWN_VALUES.string }) },
            expect: "unknown",
        },
        { kind: "unknown", title: "inline policies unknown", type: ROLE, props: { ...role, inlinePolicies: UNKNOWN_VALUES.array }, expect: "unknown" },
        {
            kind: "malformed",
            title: "invalid JSON",
            props: { name: "p", policy: '{"Statement": [' },
            expect: "malformed",
            message: /cannot evaluate policy: the policy document is not valid JSON/,
        },
        {
            kind: "malformed",
            title: "Effect misspelt",
            props: { name: "p", policy: JSON.stringify(doc({ Effect: "Permit", Action: "*", Resource: "*" })) },
            expect: "malformed",
            message: /Effect is neither/,
        },
        {
            kind: "malformed",
            title: "inline policy is not JSON",
            type: ROLE,
            props: { ...role, inlinePolicies: [{ name: "x", policy: "allow everything" }] },
            expect: "malformed",
            message: /inlinePolicies\[0\]\.policy/,
        },
    ]);

    policyCases(pack, "aws-iam-policy-no-wildcard-ai-actions", POLICY, [
        {
            kind: "violating",
            title: '"sagemaker:*" on "*"',
            props: { name: "p", policy: JSON.stringify(doc({ Sid: "Sm", Effect: "Allow", Action: "sagemaker:*", Resource: "*" })) },
            expect: "violation",
            message: /every action of "sagemaker" on Resource "\*"/,
        },
        {
            kind: "violating",
            title: '"bedrock*:*" covers bedrock and bedrock-agentcore',
            props: { name: "p", policy: doc({ Effect: "Allow", Action: ["bedrock*:*"], Resource: "*" }) },
            expect: "violation",
            message: /"bedrock", "bedrock-agentcore"/,
        },
        {
            kind: "violating",
            title: 'NotAction on "*" grants whole services',
            type: ROLE_POLICY,
            props: { role: "r", policy: JSON.stringify(doc({ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" })) },
            expect: "violation",
            message: /through NotAction/,
        },
        {
            kind: "violating",
            title: '"s3:*" with NotResource',
            type: ROLE,
            props: { ...role, inlinePolicies: [{ name: "s3", policy: JSON.stringify(doc({ Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::audit/*" })) }] },
            expect: "violation",
        },
        { kind: "compliant", title: "specific actions", props: { name: "p", policy: JSON.stringify(leastPrivilege) }, expect: "pass" },
        {
            kind: "compliant",
            title: '"s3:*" on one bucket',
            props: { name: "p", policy: JSON.stringify(doc({ Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"] })) },
            expect: "pass",
        },
        {
            kind: "compliant",
            title: 'a service not in the list ("logs:*")',
            props: { name: "p", policy: JSON.stringify(doc({ Effect: "Allow", Action: "logs:*", Resource: "*" })) },
            expect: "pass",
        },
        {
            kind: "compliant",
            title: "NotAction that excludes every listed service",
            props: { name: "p", policy: doc({ Effect: "Allow", NotAction: ["sagemaker:*", "bedrock*", "s3*:*", "kms:*", "ecr:*"], Resource: "*" }) },
            expect: "pass",
        },
        { kind: "absent", title: "a role without inline policies", type: ROLE, props: { name: "r", assumeRolePolicy: role.assumeRolePolicy }, expect: "pass" },
        { kind: "unknown", title: "action unknown", props: { name: "p", policy: doc({ Effect: "Allow", Action: UNKNOWN_VALUES.string, Resource: "*" }) }, expect: "unknown" },
        {
            kind: "malformed",
            title: "Action is a number",
            props: { name: "p", policy: JSON.stringify(doc({ Effect: "Allow", Action: 5, Resource: "*" })) },
            expect: "malformed",
            message: /Action that is not a string/,
        },
        { kind: "malformed", title: "document is a list", props: { name: "p", policy: JSON.stringify([admin]) }, expect: "malformed" },
    ]);

    describe("with a narrower service list", () => {
        const narrow = usePack({ "aws-iam-policy-no-wildcard-ai-actions": { services: ["sagemaker"] } });
        policyCases(narrow, "aws-iam-policy-no-wildcard-ai-actions", POLICY, [
            {
                kind: "compliant",
                title: '"s3:*" on "*" is allowed by the configuration',
                props: { name: "p", policy: JSON.stringify(doc({ Effect: "Allow", Action: "s3:*", Resource: "*" })) },
                expect: "pass",
            },
            {
                kind: "violating",
                title: '"sagemaker:*" is still reported',
                props: { name: "p", policy: JSON.stringify(doc({ Effect: "Allow", Action: "sagemaker:*", Resource: "*" })) },
                expect: "violation",
            },
        ]);
    });

    policyCases(pack, "aws-iam-policy-no-passrole-wildcard", POLICY, [
        {
            kind: "violating",
            title: 'iam:PassRole on "*"',
            props: { name: "p", policy: JSON.stringify(doc({ Sid: "Pass", Effect: "Allow", Action: "iam:PassRole", Resource: "*" })) },
            expect: "violation",
            message: /statement 1 allows iam:PassRole on Resource "\*"/,
        },
        {
            kind: "violating",
            title: '"iam:*" on "*"',
            type: USER_POLICY,
            props: { user: "u", policy: doc({ Effect: "Allow", Action: ["iam:*"], Resource: "*" }) },
            expect: "violation",
        },
        {
            kind: "violating",
            title: '"iam:Pass*" on "*" in a Role inline policy',
            type: ROLE,
            props: {
                ...role,
                inlinePolicies: [
                    {
                        name: "p",
                        policy: JSON.stringify(
                            doc({ Effect: "Allow", Action: "iam:Pass*", Resource: "*", Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } } }),
                        ),
                    },
                ],
            },
            expect: "violation",
        },
        {
            kind: "violating",
            title: 'NotAction without iam on "*"',
            type: GROUP_POLICY,
            props: { group: "g", policy: JSON.stringify(doc({ Effect: "Allow", NotAction: "s3:*", Resource: "*" })) },
            expect: "violation",
        },
        { kind: "compliant", title: "PassRole on a named role", props: { name: "p", policy: JSON.stringify(leastPrivilege) }, expect: "pass" },
        {
            kind: "compliant",
            title: "NotAction that excludes iam",
            props: { name: "p", policy: JSON.stringify(doc({ Effect: "Allow", NotAction: ["iam:*"], Resource: "*" })) },
            expect: "pass",
        },
        { kind: "absent", title: "no Action and no NotAction", props: { name: "p", policy: JSON.stringify(doc({ Effect: "Allow", Resource: "*" })) }, expect: "pass" },
        {
            kind: "unknown",
            title: "resource unknown",
            props: { name: "p", policy: doc({ Effect: "Allow", Action: "iam:PassRole", Resource: [UNKNOWN_VALUES.string] }) },
            expect: "unknown",
        },
        { kind: "malformed", title: "Statement is a string", props: { name: "p", policy: JSON.stringify({ Version: "2012-10-17", Statement: "allow" }) }, expect: "malformed" },
    ]);

    policyCases(pack, "aws-iam-no-ai-full-access-managed-policies", ROLE_ATTACHMENT, [
        {
            kind: "violating",
            title: "AmazonSageMakerFullAccess",
            props: { role: "r", policyArn: "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess" },
            expect: "violation",
            message: /policyArn attaches the AWS-managed policy AmazonSageMakerFullAccess/,
        },
        {
            kind: "violating",
            title: "AdministratorAccess in the GovCloud partition, on a user",
            type: USER_ATTACHMENT,
            props: { user: "u", policyArn: "arn:aws-us-gov:iam::aws:policy/AdministratorAccess" },
            expect: "violation",
        },
        {
            kind: "violating",
            title: "BedrockAgentCoreFullAccess (AgentCore's own full-access policy)",
            props: { role: "r", policyArn: "arn:aws:iam::aws:policy/BedrockAgentCoreFullAccess" },
            expect: "violation",
            message: /the AWS-managed policy BedrockAgentCoreFullAccess/,
        },
        {
            kind: "violating",
            title: "AgentRegistryFullAccess and ComprehendFullAccess in an exclusive list",
            type: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
            props: { roleName: "r", policyArns: ["arn:aws:iam::aws:policy/AgentRegistryFullAccess", "arn:aws:iam::aws:policy/ComprehendFullAccess"] },
            expect: "violation",
            message: /policyArns\[[01]\] attaches the AWS-managed policy (AgentRegistryFullAccess|ComprehendFullAccess)/,
        },
        {
            kind: "violating",
            title: "AmazonBedrockFullAccess on a group",
            type: GROUP_ATTACHMENT,
            props: { group: "g", policyArn: "arn:aws:iam::aws:policy/AmazonBedrockFullAccess" },
            expect: "violation",
        },
        {
            kind: "violating",
            title: "AmazonS3FullAccess through a PolicyAttachment",
            type: POLICY_ATTACHMENT,
            props: { name: "a", roles: ["r"], policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" },
            expect: "violation",
        },
        {
            kind: "violating",
            title: "Role managedPolicyArns",
            type: ROLE,
            props: { ...role, managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonSageMakerReadOnly", "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"] },
            expect: "violation",
            message: /managedPolicyArns\[1\]/,
        },
        {
            kind: "violating",
            title: "RolePolicyAttachmentsExclusive",
            type: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
            props: { roleName: "r", policyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] },
            expect: "violation",
            message: /policyArns\[0\] attaches the AWS-managed policy AdministratorAccess/,
        },
        {
            kind: "compliant",
            title: "GroupPolicyAttachmentsExclusive with a read-only policy",
            type: "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
            props: { groupName: "g", policyArns: ["arn:aws:iam::aws:policy/AmazonSageMakerReadOnly"] },
            expect: "pass",
        },
        {
            kind: "malformed",
            title: "UserPolicyAttachmentsExclusive policyArns is a number",
            type: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
            props: { userName: "u", policyArns: 3 },
            expect: "malformed",
        },
        { kind: "compliant", title: "a read-only managed policy", props: { role: "r", policyArn: "arn:aws:iam::aws:policy/AmazonSageMakerReadOnly" }, expect: "pass" },
        {
            kind: "compliant",
            title: "a customer-managed policy of the same name",
            props: { role: "r", policyArn: `arn:aws:iam::${ACCOUNT}:policy/AmazonSageMakerFullAccess` },
            expect: "pass",
        },
        { kind: "compliant", title: "a role with allowed managed policies", type: ROLE, props: role, expect: "pass" },
        { kind: "absent", title: "a role without managed policies", type: ROLE, props: { name: "r", assumeRolePolicy: role.assumeRolePolicy }, expect: "pass" },
        { kind: "unknown", title: "policy ARN from another resource", props: { role: "r", policyArn: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "unknown", title: "managed policy ARNs unknown", type: ROLE, props: { ...role, managedPolicyArns: UNKNOWN_VALUES.array }, expect: "unknown" },
        { kind: "malformed", title: "policyArn is a list", props: { role: "r", policyArn: ["arn:aws:iam::aws:policy/AdministratorAccess"] }, expect: "malformed" },
    ]);

    describe("with a custom deny-list", () => {
        const custom = usePack({ "aws-iam-no-ai-full-access-managed-policies": { deniedPolicies: [`arn:aws:iam::${ACCOUNT}:policy/legacy-ml-admin`] } });
        policyCases(custom, "aws-iam-no-ai-full-access-managed-policies", ROLE_ATTACHMENT, [
            {
                kind: "violating",
                title: "an exact customer-managed ARN",
                props: { role: "r", policyArn: `arn:aws:iam::${ACCOUNT}:policy/legacy-ml-admin` },
                expect: "violation",
                message: /a denied policy/,
            },
            { kind: "compliant", title: "defaults are replaced", props: { role: "r", policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }, expect: "pass" },
        ]);
    });

    policyCases(pack, "aws-iam-role-trust-not-public", ROLE, [
        {
            kind: "violating",
            title: 'Principal "*" (JSON string)',
            props: { ...role, assumeRolePolicy: JSON.stringify(doc({ Sid: "Anyone", Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" })) },
            expect: "violation",
            message: /assumeRolePolicy statement 1 allows Principal "\*"/,
        },
        {
            kind: "violating",
            title: '{AWS: "*"} (object)',
            props: { ...role, assumeRolePolicy: doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }) },
            expect: "violation",
        },
        { kind: "compliant", title: "a service principal", props: role, expect: "pass" },
        {
            kind: "compliant",
            title: '"*" narrowed to the organisation',
            props: {
                ...role,
                assumeRolePolicy: JSON.stringify(
                    doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }),
                ),
            },
            expect: "pass",
        },
        { kind: "absent", title: "no trust policy: nobody can assume the role", props: { name: "r" }, expect: "pass" },
        { kind: "unknown", title: "trust policy from outputs", props: { ...role, assumeRolePolicy: UNKNOWN_VALUES.string }, expect: "unknown" },
        {
            kind: "malformed",
            title: "Principal is a number",
            props: { ...role, assumeRolePolicy: JSON.stringify(doc({ Effect: "Allow", Principal: 7, Action: "sts:AssumeRole" })) },
            expect: "malformed",
            message: /cannot evaluate assumeRolePolicy/,
        },
    ]);

    policyCases(pack, "aws-iam-ai-service-role-confused-deputy", ROLE, [
        {
            kind: "violating",
            title: "sagemaker.amazonaws.com without conditions",
            props: { ...role, assumeRolePolicy: JSON.stringify(trust("sagemaker.amazonaws.com")) },
            expect: "violation",
            message: /"sagemaker\.amazonaws\.com" assume the role without an aws:SourceAccount/,
        },
        {
            kind: "violating",
            title: "bedrock in a service list (object)",
            props: { ...role, assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com", "bedrock.amazonaws.com"] }, Action: "sts:AssumeRole" }) },
            expect: "violation",
            message: /"bedrock\.amazonaws\.com"/,
        },
        {
            kind: "violating",
            title: "bedrock-agentcore with a negated condition",
            props: { ...role, assumeRolePolicy: JSON.stringify(trust("bedrock-agentcore.amazonaws.com", { StringNotEquals: { "aws:SourceAccount": "999999999999" } })) },
            expect: "violation",
        },
        {
            kind: "violating",
            title: "a wildcard SourceAccount does not pin",
            props: { ...role, assumeRolePolicy: JSON.stringify(trust("sagemaker.amazonaws.com", { StringLike: { "aws:SourceAccount": "*" } })) },
            expect: "violation",
        },
        { kind: "compliant", title: "SourceAccount and SourceArn", props: role, expect: "pass" },
        {
            kind: "compliant",
            title: "SourceArn only (ArnLike)",
            props: { ...role, assumeRolePolicy: JSON.stringify(trust("bedrock.amazonaws.com", { ArnLike: { "aws:SourceArn": `arn:aws:bedrock:eu-west-1:${ACCOUNT}:agent/*` } })) },
            expect: "pass",
        },
        { kind: "compliant", title: "a non-AI service principal", props: { ...role, assumeRolePolicy: JSON.stringify(trust("lambda.amazonaws.com")) }, expect: "pass" },
        { kind: "absent", title: "no trust policy", props: { name: "r" }, expect: "pass" },
        {
            kind: "unknown",
            title: "account id unknown during preview",
            props: {
                ...role,
                assumeRolePolicy: doc({
                    Effect: "Allow",
                    Principal: { Service: "sagemaker.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": UNKNOWN_VALUES.string } },
                }),
            },
            expect: "unknown",
        },
        { kind: "malformed", title: "not JSON", props: { ...role, assumeRolePolicy: "sagemaker" }, expect: "malformed" },
    ]);

    it("judges a document given as a secret without echoing it", async () => {
        const result = await pack().analyze({
            type: POLICY,
            name: "p",
            properties: {
                name: "p",
                policy: secret(
                    JSON.stringify(
                        doc({ Effect: "Allow", Action: ["sagemaker:*", "iam:PassRole"], Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/s3cr3t": "v4lue" } } }),
                    ),
                ),
            },
        });
        const mine = result.diagnostics.filter((d) => d.policyName.startsWith("aws-iam-policy-"));
        assert.deepStrictEqual(mine.map((d) => d.policyName).sort(), ["aws-iam-policy-no-passrole-wildcard", "aws-iam-policy-no-wildcard-ai-actions"]);
        const text = mine.map((d) => d.message).join("\n");
        assert.ok(!text.includes("s3cr3t") && !text.includes("v4lue"), text);
    });

    it('does not report "*:*" as a whole-service wildcard (the admin policy does)', async () => {
        const result = await pack().analyze({ type: POLICY, name: "p", properties: { name: "p", policy: JSON.stringify(doc({ Effect: "Allow", Action: "*:*", Resource: "*" })) } });
        assert.deepStrictEqual(
            result.diagnostics
                .filter((d) => d.policyName.startsWith("aws-iam-policy-"))
                .map((d) => d.policyName)
                .sort(),
            ["aws-iam-policy-no-admin-wildcard", "aws-iam-policy-no-passrole-wildcard"],
        );
    });

    it("does not throw on any of the documents above when the whole document is garbage", async () => {
        for (const policy of ["", "null", "[]", '{"Statement": null}', '{"Statement": [null]}', '{"Statement": [{"Effect": "Allow", "Condition": "x"}]}']) {
            const result = await pack().analyze({ type: POLICY, name: "p", properties: { name: "p", policy } });
            const messages = result.diagnostics.filter((d) => d.policyName.startsWith("aws-iam-policy-")).map((d) => d.message);
            assert.ok(messages.length > 0 && messages.every((m) => m.includes("cannot evaluate policy") && !m.includes("policy failed")), `${policy}: ${JSON.stringify(messages)}`);
        }
    });
});
