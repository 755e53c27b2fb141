/**
 * Bedrock AgentCore: runtimes, code interpreters and browsers where agents run code and browse,
 * and gateways that expose tools to agents. They run in your VPC (or the code interpreter's
 * sandbox), gateways authorise every caller, and runtimes carry no secrets in their environment.
 */
import type { Section } from "../../../lib/check";
import { resourcePolicy } from "../../../lib/policy";
import { publicStatementCheck } from "../policyDocuments";
import { environmentSecretsCheck, secretKnobs, SecretKnobs } from "../sagemaker/util";
import {
    AGENTCORE_API,
    AGENTCORE_API_KEY_PROVIDER,
    AGENTCORE_BROWSER,
    AGENTCORE_CODE_INTERPRETER,
    AGENTCORE_GATEWAY,
    AGENTCORE_MEMORY,
    AGENTCORE_OAUTH2_PROVIDER,
    AGENTCORE_RESOURCE_POLICY,
    AGENTCORE_RUNTIME,
} from "./util";

export const agentcoreRuntimePrivateNetwork = resourcePolicy({
    name: "aws-bedrock-agentcore-runtime-private-network",
    description: "Bedrock AgentCore agent runtimes must run in your VPC.",
    severity: "medium",
    guidelines: ["DEP-1", "DES-3c"],
    controls: ["ACC-A17"],
    theme: "network",
    resourceTypes: [AGENTCORE_RUNTIME],
    remediationSteps: 'Set `networkConfiguration: { networkMode: "VPC", networkModeConfig: { subnets: [...], securityGroups: [...] } }`.',
    url: `${AGENTCORE_API}API_NetworkConfiguration.html`,
    validate(r) {
        const mode = r.enum("networkConfiguration.networkMode", ["PUBLIC", "VPC"]);
        if (mode && mode.value !== "VPC") {
            r.violation(`${mode.text}: the agent reaches the internet directly, past your network controls, and can send data anywhere. Set it to "VPC".`);
        }
    },
});

export const agentcoreCodeInterpreterPrivateNetwork = resourcePolicy({
    name: "aws-bedrock-agentcore-code-interpreter-private-network",
    description: "Bedrock AgentCore code interpreters must run in a sandbox or in your VPC, not on the public network.",
    severity: "medium",
    guidelines: ["DEP-1", "DES-3c"],
    controls: ["ACC-A17"],
    theme: "network",
    resourceTypes: [AGENTCORE_CODE_INTERPRETER],
    remediationSteps: 'Set `networkConfiguration: { networkMode: "SANDBOX" }`, or "VPC" with a `vpcConfig` when the code must reach your resources.',
    url: `${AGENTCORE_API}API_CodeInterpreterNetworkConfiguration.html`,
    validate(r) {
        const mode = r.enum("networkConfiguration.networkMode", ["PUBLIC", "SANDBOX", "VPC"]);
        if (mode && (mode.value === undefined || mode.value === "PUBLIC")) {
            r.violation(`${mode.text}: code the model writes can reach the internet, download tools and leak data. Set it to "SANDBOX" or "VPC".`);
        }
    },
});

export const agentcoreBrowserPrivateNetwork = resourcePolicy({
    name: "aws-bedrock-agentcore-browser-private-network",
    description: "Bedrock AgentCore browsers must run in your VPC.",
    severity: "medium",
    guidelines: ["DEP-1", "DES-3c"],
    controls: ["ACC-A17"],
    theme: "network",
    resourceTypes: [AGENTCORE_BROWSER],
    remediationSteps: 'Set `networkConfiguration: { networkMode: "VPC", vpcConfig: { subnets: [...], securityGroups: [...] } }` and control its egress there.',
    url: `${AGENTCORE_API}API_BrowserNetworkConfiguration.html`,
    validate(r) {
        const mode = r.enum("networkConfiguration.networkMode", ["PUBLIC", "VPC"]);
        if (mode && mode.value !== "VPC") {
            r.violation(`${mode.text}: the agent's browser reaches any website outside your egress controls. Set it to "VPC".`);
        }
    },
});

export const agentcoreGatewayAuthorizer = resourcePolicy<{ allowAuthenticateOnly: boolean }>({
    name: "aws-bedrock-agentcore-gateway-authorizer",
    description: "Bedrock AgentCore gateways must authorise callers with IAM or a JWT authorizer.",
    severity: "high",
    guidelines: ["DES-3h", "DES-3f"],
    controls: ["ACC-A18"],
    theme: "access",
    resourceTypes: [AGENTCORE_GATEWAY],
    config: {
        allowAuthenticateOnly: {
            type: "boolean",
            default: false,
            description: 'Accept authorizerType "AUTHENTICATE_ONLY".',
        },
    },
    remediationSteps: 'Set `authorizerType: "AWS_IAM"`, or `"CUSTOM_JWT"` with `authorizerConfiguration: { customJwtAuthorizer: { discoveryUrl: ..., allowedAudiences: [...] } }`.',
    url: `${AGENTCORE_API}API_CreateGateway.html`,
    validate(r) {
        const type = r.enum("authorizerType", ["CUSTOM_JWT", "AWS_IAM", "NONE", "AUTHENTICATE_ONLY"]);
        if (!type) {
            return;
        }
        if (type.value === undefined || type.value === "NONE") {
            r.violation(`${type.text}: anyone who finds the gateway can call every tool behind it. Set it to "AWS_IAM" or "CUSTOM_JWT".`);
        } else if (type.value === "AUTHENTICATE_ONLY" && !r.config.allowAuthenticateOnly) {
            r.violation(`${type.text}: callers are authenticated but not authorised per tool. Set it to "AWS_IAM" or "CUSTOM_JWT".`);
        } else if (type.value === "CUSTOM_JWT") {
            const jwt = r.isSet("authorizerConfiguration.customJwtAuthorizer");
            if (jwt === false) {
                r.violation(
                    'authorizerConfiguration.customJwtAuthorizer is not set: authorizerType "CUSTOM_JWT" needs the identity provider and audiences to check tokens against.',
                );
            }
        }
    },
});

export const agentcoreRuntimeNoSecretsInEnvironment = resourcePolicy<SecretKnobs>({
    name: "aws-bedrock-agentcore-runtime-no-secrets-in-environment",
    description: "Bedrock AgentCore agent runtime environments must not hold plain-text secrets.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ACC-A21"],
    theme: "access",
    resourceTypes: [AGENTCORE_RUNTIME],
    config: secretKnobs,
    remediationSteps:
        "Remove the secret from `environmentVariables`; keep API keys and OAuth credentials in AgentCore Identity credential providers (or AWS Secrets Manager) and fetch them at run time.",
    url: `${AGENTCORE_API}API_CreateAgentRuntime.html`,
    validate(r) {
        environmentSecretsCheck(r, r.config, "environmentVariables", "Keep it in an AgentCore Identity credential provider or AWS Secrets Manager.");
    },
});

export const agentcoreGatewayPolicyEngineEnforced = resourcePolicy<{ requirePolicyEngine: boolean }>({
    name: "aws-bedrock-agentcore-gateway-policy-engine-enforced",
    description: "Bedrock AgentCore gateways must enforce a policy engine's decisions on every tool call, not only log them.",
    severity: "medium",
    guidelines: ["DES-3f", "DES-3j"],
    controls: ["ACC-A30"],
    theme: "access",
    resourceTypes: [AGENTCORE_GATEWAY],
    config: {
        requirePolicyEngine: {
            type: "boolean",
            default: true,
            description: "Report gateways without a policyEngineConfiguration (every authorised caller may then call every tool).",
        },
    },
    remediationSteps:
        'Set `policyEngineConfiguration: { arn: policyEngine.policyEngineArn, mode: "ENFORCE" }` with an aws.bedrock.AgentcorePolicyEngine whose Cedar policies say which agent may call which tool (start in "LOG_ONLY", then enforce).',
    url: `${AGENTCORE_API}API_CreateGateway.html`,
    validate(r) {
        const engine = r.isSet("policyEngineConfiguration", "object");
        if (engine === undefined) {
            return;
        }
        if (engine === false) {
            if (r.config.requirePolicyEngine) {
                r.violation(
                    "policyEngineConfiguration is not set: any caller the authorizer lets in may call every tool behind the gateway with any arguments. Attach a policy engine in ENFORCE mode.",
                );
            }
            return;
        }
        const mode = r.enum("policyEngineConfiguration.mode", ["ENFORCE", "LOG_ONLY"]);
        if (mode && mode.value !== "ENFORCE") {
            const what = mode.value === undefined ? mode.text : `${mode.text}: denied tool calls are only logged and still run`;
            r.violation(`${what}. Set it to "ENFORCE".`);
        }
    },
});

export const agentcoreGatewayNoDebugExceptions = resourcePolicy({
    name: "aws-bedrock-agentcore-gateway-no-debug-exceptions",
    description: "Bedrock AgentCore gateways must not return debug-level error details to callers.",
    severity: "low",
    guidelines: ["DES-3h", "DEP-1"],
    controls: ["ACC-A31"],
    theme: "access",
    resourceTypes: [AGENTCORE_GATEWAY],
    remediationSteps: "Remove `exceptionLevel` (the default returns generic errors); read detailed errors in the gateway's logs instead.",
    url: `${AGENTCORE_API}API_CreateGateway.html`,
    validate(r) {
        const level = r.enum("exceptionLevel", ["DEBUG"]);
        if (level?.value === "DEBUG") {
            r.violation(`${level.text}: callers, including prompt-injected agents, receive internal error details about targets and credentials. Remove it outside development.`);
        }
    },
});

export const agentcoreMemoryEventExpiry = resourcePolicy<{ maxEventExpiryDays: number }>({
    name: "aws-bedrock-agentcore-memory-event-expiry",
    description: "Bedrock AgentCore memories must expire conversation events within a bounded number of days.",
    severity: "low",
    guidelines: ["DEV-2"],
    controls: ["ENC-A25"],
    theme: "encryption",
    resourceTypes: [AGENTCORE_MEMORY],
    config: {
        maxEventExpiryDays: {
            type: "number",
            minimum: 7,
            maximum: 365,
            default: 90,
            description: "Longest acceptable eventExpiryDuration (days; AgentCore accepts 7 to 365).",
        },
    },
    remediationSteps: "Set `eventExpiryDuration` to the fewest days the agent needs to remember conversations (e.g. 30).",
    url: `${AGENTCORE_API}API_CreateMemory.html`,
    validate(r) {
        const days = r.number("eventExpiryDuration");
        if (!days) {
            return;
        }
        if (days.value === undefined) {
            r.violation(`${days.text}: AgentCore requires an expiry; set it to the fewest days the agent needs (at most ${r.config.maxEventExpiryDays}).`);
        } else if (days.value > r.config.maxEventExpiryDays) {
            r.violation(
                `${days.text} above maxEventExpiryDays (${r.config.maxEventExpiryDays}): users' conversations are kept longer than needed, to be leaked or replayed into prompts. Lower it.`,
            );
        }
    },
});

export const agentcoreResourcePolicyNotPublic = resourcePolicy({
    name: "aws-bedrock-agentcore-resource-policy-not-public",
    description: "Bedrock AgentCore resource policies (on runtimes, gateways and memories) must not grant access to everyone.",
    severity: "critical",
    guidelines: ["DEP-1", "DES-3h", "DES-3j"],
    controls: ["ACC-A32"],
    theme: "access",
    resourceTypes: [AGENTCORE_RESOURCE_POLICY],
    remediationSteps:
        'Replace `"Principal": "*"` with the roles or accounts that call the agent, or add a condition such as `"StringEquals": {"aws:PrincipalOrgID": "o-..."}` or `"aws:SourceVpce"`.',
    url: `${AGENTCORE_API}API_PutResourcePolicy.html`,
    validate(r) {
        publicStatementCheck(r, "policy", "anyone with an AWS account could invoke the agent, its tools or its memory");
    },
});

/** Where each vendor block of an OAuth2 credential provider keeps its client secret. */
const OAUTH2_VENDORS = ["atlassian", "custom", "github", "google", "included", "linkedin", "microsoft", "salesforce", "slack"].map(
    (v) => `oauth2ProviderConfig.${v}Oauth2ProviderConfig`,
);

/**
 * One credential kept by the provider: passed in through the program (`value`, `writeOnly`) or
 * referenced in Secrets Manager (`source` "EXTERNAL" with `config`).
 */
function externalSecretCheck(r: Section, at: Section, names: { value: string; writeOnly: string; source: string; config: string }, what: string): void {
    for (const field of [names.value, names.writeOnly]) {
        const given = at.isSet(field);
        if (given === true) {
            r.violation(
                `${at.path(field)} is set: the ${what} passes through the program, its configuration and the deployment's inputs. Keep it in AWS Secrets Manager and reference it with ${names.source} "EXTERNAL" and ${names.config}.`,
            );
        }
    }
    const source = at.enum(names.source, ["MANAGED", "EXTERNAL"]);
    if (source?.value === "EXTERNAL" && at.isSet(names.config, "object") === false) {
        r.violation(`${at.path(names.source)} is "EXTERNAL" but ${at.path(names.config)} is not set: name the Secrets Manager secret that holds the ${what}.`);
    }
}

export const agentcoreCredentialProviderExternalSecret = resourcePolicy({
    name: "aws-bedrock-agentcore-credential-provider-external-secret",
    description: "Bedrock AgentCore credential providers must reference their API keys and client secrets in AWS Secrets Manager, not receive them from the program.",
    severity: "low",
    guidelines: ["DEV-2", "DES-3j"],
    controls: ["ACC-A33"],
    theme: "access",
    resourceTypes: [AGENTCORE_API_KEY_PROVIDER, AGENTCORE_OAUTH2_PROVIDER],
    remediationSteps:
        'Store the key in an aws.secretsmanager.Secret set outside the program, and set `apiKeySecretSource: "EXTERNAL", apiKeySecretConfig: { secretId, jsonKey }` (OAuth2: `clientSecretSource: "EXTERNAL", clientSecretConfig: { secretId, jsonKey }` in the vendor block) instead of `apiKey`/`apiKeyWo` (`clientSecret`/`clientSecretWo`).',
    url: `${AGENTCORE_API}API_CreateApiKeyCredentialProvider.html`,
    validate(r) {
        if (r.type === AGENTCORE_API_KEY_PROVIDER) {
            externalSecretCheck(r, r, { value: "apiKey", writeOnly: "apiKeyWo", source: "apiKeySecretSource", config: "apiKeySecretConfig" }, "API key");
            return;
        }
        for (const path of OAUTH2_VENDORS) {
            const vendor = r.object(path);
            if (vendor?.root !== undefined) {
                externalSecretCheck(
                    r,
                    vendor,
                    { value: "clientSecret", writeOnly: "clientSecretWo", source: "clientSecretSource", config: "clientSecretConfig" },
                    "OAuth client secret",
                );
            }
        }
    },
});

export const agentcorePolicies = [
    agentcoreRuntimePrivateNetwork,
    agentcoreCodeInterpreterPrivateNetwork,
    agentcoreBrowserPrivateNetwork,
    agentcoreGatewayAuthorizer,
    agentcoreRuntimeNoSecretsInEnvironment,
    agentcoreGatewayPolicyEngineEnforced,
    agentcoreGatewayNoDebugExceptions,
    agentcoreMemoryEventExpiry,
    agentcoreResourcePolicyNotPublic,
    agentcoreCredentialProviderExternalSecret,
];
