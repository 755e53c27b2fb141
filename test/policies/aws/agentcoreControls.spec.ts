import { UNKNOWN_VALUES } from "../../support/harness";
import { policyCases, usePack } from "../../support/cases";

const GATEWAY = "aws:bedrock/agentcoreGateway:AgentcoreGateway";
const MEMORY = "aws:bedrock/agentcoreMemory:AgentcoreMemory";
const RESOURCE_POLICY = "aws:bedrock/agentcoreResourcePolicy:AgentcoreResourcePolicy";
const API_KEY = "aws:bedrock/agentcoreApiKeyCredentialProvider:AgentcoreApiKeyCredentialProvider";
const OAUTH2 = "aws:bedrock/agentcoreOauth2CredentialProvider:AgentcoreOauth2CredentialProvider";
const ENGINE = "arn:aws:bedrock-agentcore:eu-west-1:111122223333:policy-engine/tool_rules-abc";
const SECRET = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:search-api-key-AbCdEf";

/** A gateway as a careful user's program declares it. */
const gateway = {
    name: "tools",
    roleArn: "arn:aws:iam::111122223333:role/gateway",
    authorizerType: "AWS_IAM",
    protocolType: "MCP",
    policyEngineConfiguration: { arn: ENGINE, mode: "ENFORCE" },
};
const memory = { name: "support_memory", eventExpiryDuration: 30 };
const runtimeArn = "arn:aws:bedrock-agentcore:eu-west-1:111122223333:runtime/support-abc";
const resourcePolicy = (...Statement: unknown[]) => ({ resourceArn: runtimeArn, policy: JSON.stringify({ Version: "2012-10-17", Statement }) });
const invoke = { Effect: "Allow", Action: "bedrock-agentcore:InvokeAgentRuntime", Resource: runtimeArn };
const external = { name: "search", apiKeySecretSource: "EXTERNAL", apiKeySecretConfig: { secretId: SECRET, jsonKey: "apiKey" } };
const github = (config: Record<string, unknown>) => ({
    name: "gh",
    credentialProviderVendor: "GithubOauth2",
    oauth2ProviderConfig: { githubOauth2ProviderConfig: { clientId: "Iv1.abc", ...config } },
});

describe("aws: AgentCore gateways, memories, resource policies and credential providers", function () {
    const pack = usePack();

    policyCases(pack, "aws-bedrock-agentcore-gateway-policy-engine-enforced", GATEWAY, [
        {
            kind: "violating",
            title: "LOG_ONLY",
            props: { ...gateway, policyEngineConfiguration: { arn: ENGINE, mode: "LOG_ONLY" } },
            expect: "violation",
            message: /mode is "LOG_ONLY": denied tool calls are only logged/,
        },
        { kind: "compliant", title: "ENFORCE", props: gateway, expect: "pass" },
        {
            kind: "absent",
            title: "no policy engine",
            props: { ...gateway, policyEngineConfiguration: undefined },
            expect: "violation",
            message: /policyEngineConfiguration is not set/,
        },
        { kind: "unknown", title: "mode from config", props: { ...gateway, policyEngineConfiguration: { arn: ENGINE, mode: UNKNOWN_VALUES.string } }, expect: "unknown" },
        {
            kind: "malformed",
            title: "unsupported mode",
            props: { ...gateway, policyEngineConfiguration: { arn: ENGINE, mode: "AUDIT" } },
            expect: "malformed",
            message: /cannot evaluate policyEngineConfiguration.mode/,
        },
    ]);

    describe("with requirePolicyEngine off", function () {
        const lenient = usePack({ "aws-bedrock-agentcore-gateway-policy-engine-enforced": { requirePolicyEngine: false } });
        policyCases(lenient, "aws-bedrock-agentcore-gateway-policy-engine-enforced", GATEWAY, [
            { kind: "absent", title: "no policy engine is accepted", props: { ...gateway, policyEngineConfiguration: undefined }, expect: "pass" },
        ]);
    });

    policyCases(pack, "aws-bedrock-agentcore-gateway-no-debug-exceptions", GATEWAY, [
        { kind: "violating", title: "DEBUG", props: { ...gateway, exceptionLevel: "DEBUG" }, expect: "violation", message: /exceptionLevel is "DEBUG"/ },
        { kind: "compliant", title: "default error detail", props: gateway, expect: "pass" },
        { kind: "absent", title: "not set", props: { ...gateway, exceptionLevel: undefined }, expect: "pass" },
        { kind: "unknown", title: "from config", props: { ...gateway, exceptionLevel: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "a number", props: { ...gateway, exceptionLevel: 3 }, expect: "malformed", message: /cannot evaluate exceptionLevel/ },
    ]);

    policyCases(pack, "aws-bedrock-agentcore-memory-event-expiry", MEMORY, [
        {
            kind: "violating",
            title: "a year",
            props: { ...memory, eventExpiryDuration: 365 },
            expect: "violation",
            message: /eventExpiryDuration is set above maxEventExpiryDays \(90\)/,
        },
        { kind: "compliant", title: "30 days", props: memory, expect: "pass" },
        { kind: "absent", title: "not set", props: { name: "support_memory" }, expect: "violation", message: /eventExpiryDuration is not set/ },
        { kind: "unknown", title: "from config", props: { ...memory, eventExpiryDuration: UNKNOWN_VALUES.number }, expect: "unknown" },
        { kind: "malformed", title: "a word", props: { ...memory, eventExpiryDuration: "forever" }, expect: "malformed", message: /cannot evaluate eventExpiryDuration/ },
    ]);

    policyCases(pack, "aws-bedrock-agentcore-resource-policy-not-public", RESOURCE_POLICY, [
        {
            kind: "violating",
            title: 'Principal "*"',
            props: resourcePolicy({ ...invoke, Principal: "*" }),
            expect: "violation",
            message: /policy statement 1 allows Principal "\*"/,
        },
        { kind: "compliant", title: "one role", props: resourcePolicy({ ...invoke, Principal: { AWS: "arn:aws:iam::111122223333:role/app" } }), expect: "pass" },
        {
            kind: "compliant",
            title: '"*" narrowed to the organisation',
            props: resourcePolicy({ ...invoke, Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }),
            expect: "pass",
        },
        { kind: "absent", title: "no document", props: { resourceArn: runtimeArn }, expect: "pass" },
        { kind: "unknown", title: "document from outputs", props: { resourceArn: runtimeArn, policy: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "not JSON", props: { resourceArn: runtimeArn, policy: "{" }, expect: "malformed", message: /cannot evaluate policy/ },
    ]);

    policyCases(pack, "aws-bedrock-agentcore-credential-provider-external-secret", API_KEY, [
        {
            kind: "violating",
            title: "API key passed in",
            props: { name: "search", apiKey: "sk-live-abcdef" },
            expect: "violation",
            message: /^(?![\s\S]*sk-live)[\s\S]*apiKey is set: the API key passes through the program/,
        },
        {
            kind: "violating",
            title: "write-only API key passed in",
            props: { name: "search", apiKeyWo: "sk-live-abcdef", apiKeyWoVersion: 1 },
            expect: "violation",
            message: /apiKeyWo is set/,
        },
        {
            kind: "violating",
            title: "EXTERNAL without a secret",
            props: { name: "search", apiKeySecretSource: "EXTERNAL" },
            expect: "violation",
            message: /apiKeySecretConfig is not set/,
        },
        {
            kind: "violating",
            title: "OAuth2 client secret passed in",
            type: OAUTH2,
            props: github({ clientSecret: "gh-secret" }),
            expect: "violation",
            message: /githubOauth2ProviderConfig.clientSecret is set/,
        },
        { kind: "compliant", title: "key in Secrets Manager", props: external, expect: "pass" },
        {
            kind: "compliant",
            title: "OAuth2 secret in Secrets Manager",
            type: OAUTH2,
            props: github({ clientSecretSource: "EXTERNAL", clientSecretConfig: { secretId: SECRET, jsonKey: "secret" } }),
            expect: "pass",
        },
        { kind: "absent", title: "nothing passed in", props: { name: "search" }, expect: "pass" },
        { kind: "unknown", title: "whether a key is passed in", props: { ...external, apiKey: UNKNOWN_VALUES.string }, expect: "unknown" },
        {
            kind: "malformed",
            title: "unsupported source",
            props: { name: "search", apiKeySecretSource: "VAULT" },
            expect: "malformed",
            message: /cannot evaluate apiKeySecretSource/,
        },
    ]);
});
