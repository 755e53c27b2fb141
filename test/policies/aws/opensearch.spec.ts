import { UNKNOWN_VALUES } from "../../support/harness";
import * as assert from "assert";
import { judge, policyCases, usePack } from "../../support/cases";

const DOMAIN = "aws:opensearch/domain:Domain";
const ES_DOMAIN = "aws:elasticsearch/domain:Domain";
const NETWORK = "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy";
const DATA = "aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const openPolicy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "es:*", Resource: "arn:aws:es:eu-west-1:111122223333:domain/kb/*" }],
});
const rolePolicy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/kb" }, Action: "es:ESHttp*", Resource: "arn:aws:es:eu-west-1:111122223333:domain/kb/*" }],
});

/** A knowledge-base vector domain as a careful user's program declares it (tagged as an AI data store). */
const domain = {
    domainName: "kb",
    engineVersion: "OpenSearch_2.13",
    tags: { "ai-workload": "vector-store" },
    accessPolicies: openPolicy,
    vpcOptions: { subnetIds: ["subnet-1", "subnet-2"], securityGroupIds: ["sg-1"] },
    encryptAtRest: { enabled: true, kmsKeyId: KEY },
    nodeToNodeEncryption: { enabled: true },
    domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" },
    advancedSecurityOptions: { enabled: true, anonymousAuthEnabled: false, masterUserOptions: { masterUserArn: "arn:aws:iam::111122223333:role/admin" } },
};

function without(o: Record<string, unknown>, key: string): Record<string, unknown> {
    const copy = { ...o };
    delete copy[key];
    return copy;
}

describe("aws: OpenSearch domains and OpenSearch Serverless policies", function () {
    const pack = usePack();

    policyCases(pack, "aws-opensearch-domain-no-public-access", DOMAIN, [
        {
            kind: "violating",
            title: 'Principal "*" on a public endpoint',
            props: without(domain, "vpcOptions"),
            expect: "violation",
            message: /accessPolicies .*allows Principal "\*"/,
        },
        {
            kind: "violating",
            title: "Elasticsearch domain with an open policy object",
            type: ES_DOMAIN,
            props: { ...without(domain, "vpcOptions"), accessPolicies: JSON.parse(openPolicy) },
            expect: "violation",
        },
        { kind: "compliant", title: "open policy inside a VPC", props: domain, expect: "pass" },
        { kind: "compliant", title: "public endpoint, policy names a role", props: { ...without(domain, "vpcOptions"), accessPolicies: rolePolicy }, expect: "pass" },
        { kind: "compliant", title: "untagged domain is not an AI data store", props: { ...without(domain, "vpcOptions"), tags: { team: "web" } }, expect: "not-applicable" },
        { kind: "absent", title: "no access policy", props: without(without(domain, "vpcOptions"), "accessPolicies"), expect: "pass" },
        { kind: "unknown", title: "policy built from outputs", props: { ...without(domain, "vpcOptions"), accessPolicies: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "unknown", title: "subnets unknown", props: { ...domain, vpcOptions: { subnetIds: UNKNOWN_VALUES.array } }, expect: "unknown" },
        {
            kind: "malformed",
            title: "policy is not JSON",
            props: { ...without(domain, "vpcOptions"), accessPolicies: "{" },
            expect: "malformed",
            message: /cannot evaluate accessPolicies/,
        },
    ]);

    it("a policy reports at most 100 violations on one resource, then counts the rest in one message", async () => {
        const statement = JSON.parse(openPolicy).Statement[0];
        const props = { ...without(domain, "vpcOptions"), accessPolicies: { Version: "2012-10-17", Statement: Array.from({ length: 150 }, () => statement) } };
        const { messages } = await judge(pack(), "aws-opensearch-domain-no-public-access", DOMAIN, props);
        assert.strictEqual(messages.length, 101);
        assert.match(messages[100], /and 50 more violations of this policy on the same resource, not shown/);
    });

    policyCases(pack, "aws-opensearch-domain-encrypted-cmk", DOMAIN, [
        { kind: "violating", title: "encryption off", props: { ...domain, encryptAtRest: { enabled: false } }, expect: "violation", message: /encryptAtRest.enabled is false/ },
        { kind: "violating", title: "AWS-managed key", props: { ...domain, encryptAtRest: { enabled: true } }, expect: "violation", message: /encryptAtRest.kmsKeyId is not set/ },
        {
            kind: "violating",
            title: "Elasticsearch domain with aws/es alias",
            type: ES_DOMAIN,
            props: { ...domain, encryptAtRest: { enabled: true, kmsKeyId: "alias/aws/es" } },
            expect: "violation",
        },
        { kind: "compliant", title: "customer-managed key", props: domain, expect: "pass" },
        { kind: "absent", title: "no encryptAtRest block", props: without(domain, "encryptAtRest"), expect: "violation", message: /AWS default: false/ },
        { kind: "unknown", title: "key from a Key resource", props: { ...domain, encryptAtRest: { enabled: true, kmsKeyId: UNKNOWN_VALUES.string } }, expect: "unknown" },
        { kind: "unknown", title: "tags unknown", props: { ...domain, tags: UNKNOWN_VALUES.object }, expect: "unknown" },
        {
            kind: "malformed",
            title: "enabled is a number",
            props: { ...domain, encryptAtRest: { enabled: 1 } },
            expect: "malformed",
            message: /cannot evaluate encryptAtRest.enabled/,
        },
    ]);

    policyCases(pack, "aws-opensearch-domain-node-to-node-encryption", DOMAIN, [
        {
            kind: "violating",
            title: "disabled",
            props: { ...domain, nodeToNodeEncryption: { enabled: false } },
            expect: "violation",
            message: /nodeToNodeEncryption.enabled is false/,
        },
        { kind: "compliant", title: "enabled", props: domain, expect: "pass" },
        { kind: "absent", title: "no block", props: without(domain, "nodeToNodeEncryption"), expect: "violation", message: /AWS default: false/ },
        { kind: "unknown", title: "unknown", props: { ...domain, nodeToNodeEncryption: { enabled: UNKNOWN_VALUES.bool } }, expect: "unknown" },
        { kind: "malformed", title: "block is a string", props: { ...domain, nodeToNodeEncryption: "yes" }, expect: "malformed", message: /cannot evaluate nodeToNodeEncryption/ },
    ]);

    policyCases(pack, "aws-opensearch-domain-https-only", DOMAIN, [
        {
            kind: "violating",
            title: "HTTP allowed",
            props: { ...domain, domainEndpointOptions: { enforceHttps: false, tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" } },
            expect: "violation",
            message: /enforceHttps is false/,
        },
        {
            kind: "violating",
            title: "TLS 1.0 policy",
            props: { ...domain, domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07" } },
            expect: "violation",
            message: /TLS 1.0 and 1.1 are accepted/,
        },
        {
            kind: "violating",
            title: "TLS policy left to the service",
            props: { ...domain, domainEndpointOptions: { enforceHttps: true } },
            expect: "violation",
            message: /tlsSecurityPolicy is not set/,
        },
        { kind: "compliant", title: "HTTPS with TLS 1.2 PFS", props: domain, expect: "pass" },
        {
            kind: "compliant",
            title: "enforceHttps left to the provider default (true)",
            props: { ...domain, domainEndpointOptions: { tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" } },
            expect: "pass",
        },
        { kind: "absent", title: "no endpoint options", props: without(domain, "domainEndpointOptions"), expect: "violation", message: /domainEndpointOptions is not set/ },
        {
            kind: "unknown",
            title: "TLS policy unknown",
            props: { ...domain, domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: UNKNOWN_VALUES.string } },
            expect: "unknown",
        },
        {
            kind: "malformed",
            title: "unsupported TLS policy",
            props: { ...domain, domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "TLS-1-3-ONLY" } },
            expect: "malformed",
            message: /cannot evaluate domainEndpointOptions.tlsSecurityPolicy/,
        },
    ]);

    policyCases(pack, "aws-opensearch-domain-in-vpc", DOMAIN, [
        { kind: "violating", title: "empty subnets", props: { ...domain, vpcOptions: { subnetIds: [] } }, expect: "violation", message: /vpcOptions.subnetIds is not set/ },
        { kind: "compliant", title: "in private subnets", props: domain, expect: "pass" },
        { kind: "compliant", title: "Elasticsearch domain in a VPC", type: ES_DOMAIN, props: domain, expect: "pass" },
        { kind: "absent", title: "no vpcOptions", props: without(domain, "vpcOptions"), expect: "violation", message: /public endpoint/ },
        { kind: "unknown", title: "subnets from a Vpc component", props: { ...domain, vpcOptions: { subnetIds: UNKNOWN_VALUES.array } }, expect: "unknown" },
        {
            kind: "malformed",
            title: "subnetIds is a number",
            props: { ...domain, vpcOptions: { subnetIds: 3 } },
            expect: "malformed",
            message: /cannot evaluate vpcOptions.subnetIds/,
        },
    ]);

    policyCases(pack, "aws-opensearch-domain-fine-grained-access-control", DOMAIN, [
        {
            kind: "violating",
            title: "disabled",
            props: { ...domain, advancedSecurityOptions: { enabled: false } },
            expect: "violation",
            message: /advancedSecurityOptions.enabled is false/,
        },
        {
            kind: "violating",
            title: "anonymous access",
            props: { ...domain, advancedSecurityOptions: { enabled: true, anonymousAuthEnabled: true } },
            expect: "violation",
            message: /anonymousAuthEnabled is true/,
        },
        { kind: "compliant", title: "enabled, no anonymous access", props: domain, expect: "pass" },
        { kind: "absent", title: "no advanced security", props: without(domain, "advancedSecurityOptions"), expect: "violation", message: /AWS default: false/ },
        { kind: "unknown", title: "enabled unknown", props: { ...domain, advancedSecurityOptions: { enabled: UNKNOWN_VALUES.bool } }, expect: "unknown" },
        {
            kind: "malformed",
            title: "anonymous flag is a list",
            props: { ...domain, advancedSecurityOptions: { enabled: true, anonymousAuthEnabled: [true] } },
            expect: "malformed",
        },
    ]);

    const rules = [{ ResourceType: "collection", Resource: ["collection/kb"] }];
    const network = (doc: unknown) => ({ name: "kb-network", type: "network", policy: typeof doc === "string" ? doc : JSON.stringify(doc) });

    policyCases(pack, "aws-opensearch-serverless-network-not-public", NETWORK, [
        {
            kind: "violating",
            title: "AllowFromPublic",
            props: network([{ Rules: rules, AllowFromPublic: true }]),
            expect: "violation",
            message: /policy\[0\]\.AllowFromPublic is true/,
        },
        {
            kind: "violating",
            title: "public dashboards beside a private collection",
            props: network([
                { Rules: rules, AllowFromPublic: false, SourceVPCEs: ["vpce-1"] },
                { Rules: [{ ResourceType: "dashboard", Resource: ["collection/kb"] }], AllowFromPublic: true },
            ]),
            expect: "violation",
            message: /policy\[1\]\.AllowFromPublic/,
        },
        {
            kind: "compliant",
            title: "VPC endpoint and Bedrock only",
            props: network([{ Rules: rules, AllowFromPublic: false, SourceVPCEs: ["vpce-1"], SourceServices: ["bedrock.amazonaws.com"] }]),
            expect: "pass",
        },
        {
            kind: "compliant",
            title: "encryption policies are judged elsewhere",
            props: { name: "kb", type: "encryption", policy: JSON.stringify({ Rules: rules, AWSOwnedKey: true }) },
            expect: "not-applicable",
        },
        { kind: "absent", title: "no document", props: { name: "kb", type: "network" }, expect: "violation", message: /policy is not set/ },
        { kind: "absent", title: "AllowFromPublic left out", props: network([{ Rules: rules, SourceVPCEs: ["vpce-1"] }]), expect: "pass" },
        { kind: "unknown", title: "document built from outputs", props: { name: "kb", type: "network", policy: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "invalid JSON", props: network("["), expect: "malformed", message: /cannot evaluate policy/ },
        {
            kind: "malformed",
            title: "AllowFromPublic is a number",
            props: network([{ Rules: rules, AllowFromPublic: 1 }]),
            expect: "malformed",
            message: /cannot evaluate policy\[0\]\.AllowFromPublic/,
        },
    ]);

    const data = (doc: unknown) => ({ name: "kb-data", type: "data", policy: typeof doc === "string" ? doc : JSON.stringify(doc) });
    const indexRules = [{ ResourceType: "index", Resource: ["index/kb/*"], Permission: ["aoss:*"] }];

    policyCases(pack, "aws-opensearch-serverless-data-access-scoped", DATA, [
        {
            kind: "violating",
            title: 'Principal "*"',
            props: data([{ Rules: indexRules, Principal: ["*"] }]),
            expect: "violation",
            message: /policy\[0\]\.Principal names everyone/,
        },
        { kind: "violating", title: "wildcard account", props: data([{ Rules: indexRules, Principal: ["arn:aws:iam::*:role/kb"] }]), expect: "violation" },
        { kind: "compliant", title: "named roles", props: data([{ Rules: indexRules, Principal: ["arn:aws:iam::111122223333:role/kb"] }]), expect: "pass" },
        { kind: "absent", title: "no document", props: { name: "kb-data", type: "data" }, expect: "violation", message: /policy is not set/ },
        { kind: "absent", title: "a rule set without principals", props: data([{ Rules: indexRules }]), expect: "pass" },
        { kind: "unknown", title: "principal from a role output", props: data([{ Rules: indexRules, Principal: [UNKNOWN_VALUES.string] }]), expect: "unknown" },
        { kind: "unknown", title: "document built from outputs", props: { name: "kb-data", type: "data", policy: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "not JSON", props: data("nope"), expect: "malformed", message: /cannot evaluate policy/ },
        {
            kind: "malformed",
            title: "Principal is a number",
            props: data([{ Rules: indexRules, Principal: 7 }]),
            expect: "malformed",
            message: /cannot evaluate policy\[0\]\.Principal/,
        },
    ]);
});
