/**
 * One table of resource-policy statements, run through every policy that judges whether a policy
 * document lets anyone in (S3 bucket policies, ECR repository policies, KMS key policies, SageMaker
 * model package group policies and IAM trust policies), through the Analyzer protocol: a condition
 * narrows `Principal: "*"` only with fixed values (README: "Policy documents").
 */
import { Case, policyCases, usePack } from "../../support/cases";

const ACCOUNT = "111122223333";

interface Row {
    title: string;
    /** The statement's Principal/NotPrincipal and Condition (Effect, Action and Resource are added per policy). */
    statement: Record<string, unknown>;
    /** True when the statement lets anyone in. */
    open: boolean;
}

const anyone = (condition?: Record<string, unknown>) => ({ Principal: "*", ...(condition ? { Condition: condition } : {}) });

/** Statements that leave `"*"` open: wildcards, policy variables, any-address ranges, operators that do not narrow. */
const OPEN: Row[] = [
    { title: "no condition", statement: anyone(), open: true },
    { title: '{AWS: "*"} with no condition', statement: { Principal: { AWS: ["*"] } }, open: true },
    {
        title: "ArnEquals aws:PrincipalArn with a wildcard account (ArnEquals reads wildcards)",
        statement: anyone({ ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::*" } }),
        open: true,
    },
    { title: "ArnLike aws:PrincipalArn arn:aws:iam::*:role/*", statement: anyone({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/*" } }), open: true },
    { title: "StringLike aws:PrincipalArn with a wildcard inside the account", statement: anyone({ StringLike: { "aws:PrincipalArn": "arn:aws:iam::1111*:root" } }), open: true },
    { title: "StringLike aws:PrincipalOrgID o-*", statement: anyone({ StringLike: { "aws:PrincipalOrgID": "o-*" } }), open: true },
    { title: "StringLike aws:PrincipalAccount ????????????", statement: anyone({ StringLike: { "aws:PrincipalAccount": "????????????" } }), open: true },
    { title: "StringLike aws:PrincipalOrgPaths with a wildcard organisation", statement: anyone({ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-*/*" } }), open: true },
    { title: "StringLike aws:SourceVpce vpce-*", statement: anyone({ StringLike: { "aws:SourceVpce": "vpce-*" } }), open: true },
    { title: "ArnLike aws:SourceArn with a wildcard S3 bucket (no account to pin)", statement: anyone({ ArnLike: { "aws:SourceArn": "arn:aws:s3:::ml-*" } }), open: true },
    { title: "StringLike aws:userid with a wildcard unique id", statement: anyone({ StringLike: { "aws:userid": "*:ci-session" } }), open: true },
    { title: "a policy variable: aws:SourceVpce equal to itself", statement: anyone({ StringEquals: { "aws:SourceVpce": "${aws:SourceVpce}" } }), open: true },
    { title: "a policy variable in an ARN", statement: anyone({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::${aws:PrincipalAccount}:role/x" } }), open: true },
    { title: "one open value among fixed ones", statement: anyone({ StringEquals: { "aws:PrincipalOrgID": ["o-abc123", "${aws:PrincipalOrgID}"] } }), open: true },
    { title: "aws:SourceIp ::/0", statement: anyone({ IpAddress: { "aws:SourceIp": "::/0" } }), open: true },
    { title: "aws:SourceIp 0.0.0.0/0", statement: anyone({ IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }), open: true },
    {
        title: "aws:SourceIp 0.0.0.0/1 and 128.0.0.0/1 (every address in two halves)",
        statement: anyone({ IpAddress: { "aws:SourceIp": ["0.0.0.0/1", "128.0.0.0/1"] } }),
        open: true,
    },
    { title: "aws:SourceIp 2000::/3 (every public IPv6 address)", statement: anyone({ IpAddress: { "aws:SourceIp": "2000::/3" } }), open: true },
    { title: "aws:SourceIp ::ffff:0:0/96 (every IPv4 address, IPv4-mapped)", statement: anyone({ IpAddress: { "aws:SourceIp": "::ffff:0:0/96" } }), open: true },
    { title: "aws:SourceIp that is not a range", statement: anyone({ IpAddress: { "aws:SourceIp": "the office" } }), open: true },
    { title: "aws:SourceIp with a string operator", statement: anyone({ StringEquals: { "aws:SourceIp": "203.0.113.0/24" } }), open: true },
    { title: "StringNotEquals aws:PrincipalOrgID (everyone else)", statement: anyone({ StringNotEquals: { "aws:PrincipalOrgID": "o-abc123" } }), open: true },
    { title: "NotIpAddress aws:SourceIp", statement: anyone({ NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } }), open: true },
    {
        title: "StringEqualsIfExists aws:PrincipalOrgID (anonymous callers have no org)",
        statement: anyone({ StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc123" } }),
        open: true,
    },
    { title: "IpAddressIfExists aws:SourceIp (absent through VPC endpoints)", statement: anyone({ IpAddressIfExists: { "aws:SourceIp": "203.0.113.0/24" } }), open: true },
    {
        title: "ForAllValues:StringEquals aws:PrincipalOrgID (true when the key is absent)",
        statement: anyone({ "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-abc123" } }),
        open: true,
    },
    { title: 'Null aws:PrincipalOrgID "false" (any organisation)', statement: anyone({ Null: { "aws:PrincipalOrgID": "false" } }), open: true },
    { title: "a key that says nothing about the caller (aws:SecureTransport)", statement: anyone({ Bool: { "aws:SecureTransport": "true" } }), open: true },
    { title: "Allow with NotPrincipal (everyone but the named principal)", statement: { NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }, open: true },
];

/** Statements narrowed to fixed callers. */
const NARROWED: Row[] = [
    { title: "StringEquals aws:PrincipalOrgID", statement: anyone({ StringEquals: { "aws:PrincipalOrgID": "o-abc123" } }), open: false },
    {
        title: "ForAnyValue:StringLike aws:PrincipalOrgPaths under a fixed organisation",
        statement: anyone({ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*" } }),
        open: false,
    },
    { title: "ArnLike aws:PrincipalArn with a fixed account", statement: anyone({ ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/ml-*` } }), open: false },
    { title: "ArnEquals aws:SourceArn of one bucket", statement: anyone({ ArnEquals: { "aws:SourceArn": "arn:aws:s3:::ml-training-data" } }), open: false },
    { title: "StringEquals aws:PrincipalAccount", statement: anyone({ StringEquals: { "aws:PrincipalAccount": ACCOUNT } }), open: false },
    { title: "StringEquals aws:SourceVpce", statement: anyone({ StringEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } }), open: false },
    { title: "StringEquals aws:SourceVpc", statement: anyone({ StringEquals: { "aws:SourceVpc": "vpc-0123456789abcdef0" } }), open: false },
    { title: "StringEquals aws:VpceAccount", statement: anyone({ StringEquals: { "aws:VpceAccount": ACCOUNT } }), open: false },
    { title: "StringEquals aws:VpceOrgID", statement: anyone({ StringEquals: { "aws:VpceOrgID": "o-abc123" } }), open: false },
    {
        title: "ForAnyValue:StringLike aws:VpceOrgPaths under a fixed organisation",
        statement: anyone({ "ForAnyValue:StringLike": { "aws:VpceOrgPaths": "o-abc123/r-ab12/*" } }),
        open: false,
    },
    { title: "aws:SourceIp of an office range", statement: anyone({ IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "198.51.100.7"] } }), open: false },
    { title: "aws:SourceIp of an IPv6 range", statement: anyone({ IpAddress: { "aws:SourceIp": "2001:db8::/32" } }), open: false },
    { title: 'StringEquals compares literally: "*" is a character no caller has', statement: anyone({ StringEquals: { "aws:PrincipalAccount": "*" } }), open: false },
    { title: "StringLike aws:userid of one role's sessions", statement: anyone({ StringLike: { "aws:userid": "AROAEXAMPLEROLEID:*" } }), open: false },
    { title: "StringEquals kms:CallerAccount", statement: anyone({ StringEquals: { "kms:CallerAccount": ACCOUNT } }), open: false },
    {
        title: "an open key next to a pinned one (conditions are all required)",
        statement: anyone({ StringLike: { "aws:PrincipalOrgID": "o-*" }, StringEquals: { "aws:PrincipalAccount": ACCOUNT } }),
        open: false,
    },
    { title: "a fixed account principal, no condition", statement: { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }, open: false },
];

/** The policies that share the public-statement check, each with where its document lives. */
const POLICIES: { policy: string; type: string; field: string; props: Record<string, unknown>; action: string }[] = [
    { policy: "aws-s3-bucket-policy-no-public-access", type: "aws:s3/bucketPolicy:BucketPolicy", field: "policy", props: { bucket: "ml-data" }, action: "s3:GetObject" },
    { policy: "aws-ecr-policy-no-public-access", type: "aws:ecr/repositoryPolicy:RepositoryPolicy", field: "policy", props: { repository: "models" }, action: "ecr:BatchGetImage" },
    {
        policy: "aws-kms-key-policy-no-public-access",
        type: "aws:kms/key:Key",
        field: "policy",
        props: { enableKeyRotation: true, tags: { "ai-workload": "training-data" } },
        action: "kms:Decrypt",
    },
    {
        policy: "aws-sagemaker-model-package-group-policy-no-public-access",
        type: "aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy",
        field: "resourcePolicy",
        props: { modelPackageGroupName: "fraud" },
        action: "sagemaker:DescribeModelPackage",
    },
    { policy: "aws-iam-role-trust-not-public", type: "aws:iam/role:Role", field: "assumeRolePolicy", props: { name: "r" }, action: "sts:AssumeRole" },
];

describe("policy documents: one table through every policy that judges public statements", () => {
    const pack = usePack();
    for (const p of POLICIES) {
        describe(p.policy, () => {
            const cases: Case[] = [...OPEN, ...NARROWED].map((row) => ({
                kind: row.open ? "violating" : "compliant",
                title: row.title,
                props: { ...p.props, [p.field]: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "S", Effect: "Allow", Action: p.action, ...row.statement }] }) },
                expect: row.open ? "violation" : "pass",
                message: row.open ? new RegExp(`${p.field} statement 1 allows (Principal "\\*"|everyone but its NotPrincipal) with no condition`) : undefined,
            }));
            // A Deny of everyone is the opposite of public.
            cases.push({
                kind: "compliant",
                title: 'a Deny of "*"',
                props: { ...p.props, [p.field]: JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: p.action }] }) },
                expect: "pass",
            });
            policyCases(pack, p.policy, p.type, cases);
        });
    }

    describe("aws-iam-ai-service-role-confused-deputy: the same rule pins the calling account or resource", () => {
        const trust = (condition?: Record<string, unknown>) =>
            JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }],
            });
        const row = (title: string, condition: Record<string, unknown>, pinned: boolean): Case => ({
            kind: pinned ? "compliant" : "violating",
            title,
            props: { name: "r", assumeRolePolicy: trust(condition) },
            expect: pinned ? "pass" : "violation",
        });
        policyCases(pack, "aws-iam-ai-service-role-confused-deputy", "aws:iam/role:Role", [
            row("StringEquals aws:SourceAccount", { StringEquals: { "aws:SourceAccount": ACCOUNT } }, true),
            row("ArnLike aws:SourceArn with a fixed account", { ArnLike: { "aws:SourceArn": `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:training-job/*` } }, true),
            row("ForAnyValue:StringLike aws:SourceOrgPaths under a fixed organisation", { "ForAnyValue:StringLike": { "aws:SourceOrgPaths": "o-abc123/*" } }, true),
            row("ArnLike aws:SourceArn with a wildcard account", { ArnLike: { "aws:SourceArn": "arn:aws:sagemaker:*:*:training-job/*" } }, false),
            row("StringLike aws:SourceAccount ????????????", { StringLike: { "aws:SourceAccount": "????????????" } }, false),
            row("a policy variable", { StringEquals: { "aws:SourceAccount": "${aws:PrincipalAccount}" } }, false),
            row("StringEqualsIfExists aws:SourceAccount", { StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } }, false),
            row("ForAllValues:StringEquals aws:SourceAccount", { "ForAllValues:StringEquals": { "aws:SourceAccount": ACCOUNT } }, false),
            row("a key that does not name the caller's account (aws:PrincipalOrgID)", { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } }, false),
        ]);
    });
});
