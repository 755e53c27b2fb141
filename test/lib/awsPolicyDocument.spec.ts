import * as assert from "assert";
import {
    actionMatches,
    describeStatement,
    grantsAllOf,
    hasNarrowingCondition,
    isPublicAllow,
    narrowRange,
    parsePolicyDocument,
    pinnedKeys,
    Statement,
    UNKNOWN_PART,
    whoIsUnknown,
} from "../../policypack/lib/awsPolicyDocument";

const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(t: T): T };

function statements(input: unknown): Statement[] {
    const doc = parsePolicyDocument(input);
    assert.ok(doc.ok, JSON.stringify(doc));
    return doc.statements;
}

describe("lib/awsPolicyDocument", () => {
    const doc = {
        Version: "2012-10-17",
        Statement: [
            { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: ["arn:aws:s3:::b/*"] },
            { Effect: "Deny", NotAction: ["s3:Get*"], NotResource: "arn:aws:s3:::b", Principal: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
    };

    it("parses the same document given as a JSON string, an object, and a proxied object", () => {
        const fromString = statements(JSON.stringify(doc));
        assert.deepStrictEqual(statements(doc), fromString);
        assert.deepStrictEqual(statements(unknownCheckingProxy(doc)), fromString);
        assert.deepStrictEqual(fromString[0].action, ["s3:GetObject"]);
        assert.deepStrictEqual(fromString[1].notAction, ["s3:Get*"]);
        assert.deepStrictEqual(fromString[1].notResource, ["arn:aws:s3:::b"]);
        assert.strictEqual(fromString[1].principal?.anyone, true);
        assert.deepStrictEqual(fromString[1].condition, { Bool: { "aws:securetransport": ["false"] } });
    });
    it("accepts a single Statement object and every Principal form", () => {
        const [s] = statements({ Statement: { Effect: "Allow", Principal: { AWS: ["arn:aws:iam::1:root", "*"], Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" } });
        assert.strictEqual(s.principal?.anyone, true);
        assert.deepStrictEqual(s.principal?.service, ["sagemaker.amazonaws.com"]);
        const [t] = statements({ Statement: { Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity" } });
        assert.deepStrictEqual(t.principal?.federated, ["cognito-identity.amazonaws.com"]);
    });
    it("says why a document cannot be read, and never throws", () => {
        for (const [input, reason] of [
            ['{"Statement": [', "is not valid JSON"],
            ["", "is empty"],
            ["[]", "is not a JSON object"],
            [42, "is neither a JSON string nor an object"],
            [{ Version: "2012-10-17" }, "has no Statement"],
            [{ Statement: [{ Effect: "Maybe" }] }, 'has a statement 1 whose Effect is neither "Allow" nor "Deny"'],
            [{ Statement: [{ Effect: "Allow", Action: 3 }] }, "has a Action that is not a string or a list of strings"],
            [{ Statement: [{ Effect: "Allow", Principal: ["*"] }] }, 'has a Principal that is neither "*" nor a map'],
            [{ Statement: [{ Effect: "Allow", Condition: "x" }] }, "has a Condition that is not a map"],
            // A value that is not a string, number or boolean narrows nothing: it is not read as a narrowing condition.
            [
                { Statement: [{ Effect: "Allow", Condition: { StringEquals: { "aws:SourceAccount": { any: "1" } } } }] },
                "has a Condition value that is not a string, number or boolean",
            ],
            [{ Statement: [{ Effect: "Allow", Condition: { StringEquals: { "aws:SourceAccount": [["1"]] } } }] }, "has a Condition value that is not a string, number or boolean"],
        ] as const) {
            assert.deepStrictEqual(parsePolicyDocument(input), { ok: false, unknown: false, reason }, JSON.stringify(input));
        }
    });
    it("keeps parts unknown during preview as UNKNOWN_PART", () => {
        const parsed = parsePolicyDocument(unknownCheckingProxy({ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }] }));
        assert.ok(parsed.ok && parsed.hasUnknowns);
        assert.deepStrictEqual(parsed.ok && parsed.statements[0].resource, [UNKNOWN_PART]);
        assert.deepStrictEqual(parsePolicyDocument(unknownCheckingProxy({ Statement: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2" })), { ok: false, unknown: true });
    });
    it("keeps a Condition operator block unknown during preview as unknown, not malformed", () => {
        const parsed = parsePolicyDocument(
            unknownCheckingProxy({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Condition: { StringEquals: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff" } }] }),
        );
        assert.ok(parsed.ok, JSON.stringify(parsed));
        assert.deepStrictEqual(parsed.ok && parsed.statements[0].condition, { StringEquals: { [UNKNOWN_PART]: [UNKNOWN_PART] } });
        assert.ok(parsed.ok && whoIsUnknown(parsed.statements[0]));
    });
    it("never keeps a Sid: statements are described by position (a document may be a secret)", () => {
        const [s] = statements({ Statement: [{ Sid: "s3cr3t-label", Effect: "Allow", Principal: "*", Action: "s3:GetObject" }] });
        assert.strictEqual(describeStatement(s), "statement 1");
        assert.doesNotMatch(JSON.stringify(s), /s3cr3t/);
    });
    it("matches IAM action wildcards case-insensitively", () => {
        assert.ok(grantsAllOf("*", "sagemaker"));
        assert.ok(grantsAllOf("SageMaker:*", "sagemaker"));
        assert.ok(grantsAllOf("bedrock*:*", "bedrock-agentcore"));
        assert.ok(!grantsAllOf("sagemaker:Create*", "sagemaker"));
        assert.ok(actionMatches("iam:Pass*", "iam:PassRole"));
        assert.ok(!actionMatches("iam:Get*", "iam:PassRole"));
    });
    it("treats a * principal as public unless a condition narrows it to concrete callers", () => {
        const open: Statement = statements({ Statement: { Effect: "Allow", Principal: "*", Action: "s3:GetObject" } })[0];
        assert.ok(isPublicAllow(open));
        const org = { ...open, condition: { StringEquals: { "aws:principalorgid": ["o-abc"] } } };
        assert.ok(hasNarrowingCondition(org) && !isPublicAllow(org));
        assert.ok(isPublicAllow({ ...open, condition: { StringLike: { "aws:principalorgid": ["*"] } } }));
        assert.ok(isPublicAllow({ ...open, condition: { StringNotEquals: { "aws:principalorgid": ["o-abc"] } } }));
        assert.ok(isPublicAllow({ ...open, condition: { IpAddress: { "aws:sourceip": ["0.0.0.0/0"] } } }));
        assert.ok(!isPublicAllow({ ...open, effect: "Deny" }));
    });
    it("reads the width of aws:SourceIp ranges in IPv4, IPv6 and IPv4-mapped IPv6", () => {
        for (const wide of ["0.0.0.0/0", "0.0.0.0/1", "10.0.0.0/7", "::/0", "::/1", "2000::/3", "2001::/15", "::ffff:0:0/96", "::ffff:0.0.0.0/97", "0:0:0:0:0:ffff:0:0/100"]) {
            assert.ok(!narrowRange(wide), wide);
        }
        for (const narrow of ["10.0.0.0/8", "203.0.113.0/24", "198.51.100.7", "2001:db8::/32", "2001:db8::1", "::ffff:203.0.113.0/120", "fe80::/16"]) {
            assert.ok(narrowRange(narrow), narrow);
        }
        for (const junk of ["", "office", "300.0.0.0/24", "10.0.0.0/33", "1:2:3/64", "::1::/64", "10.0.0.0/8/8", "2001:db8::/129", "10.0.0.0/x"]) {
            assert.ok(!narrowRange(junk), junk);
        }
    });
    it("names the keys a statement pins, whatever the operator's case or set prefix", () => {
        const [s] = statements({
            Statement: {
                Effect: "Allow",
                Principal: "*",
                Condition: {
                    stringequals: { "aws:SourceAccount": "111122223333" },
                    "ForAnyValue:ArnLike": { "aws:SourceArn": "arn:aws:bedrock:eu-west-1:111122223333:agent/*" },
                    StringLike: { "aws:PrincipalOrgID": "o-*" },
                },
            },
        });
        assert.deepStrictEqual([...pinnedKeys(s)].sort(), ["aws:sourceaccount", "aws:sourcearn"]);
    });
});
