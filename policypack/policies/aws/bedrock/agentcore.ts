/**
 * Bedrock AgentCore: runtimes, code interpreters and browsers where agents run code and browse,
 * and gateways that expose tools to agents. They run in your VPC (or the code interpreter's
 * sandbox), gateways authorise every caller, and runtimes carry no secrets in their environment.
 */
import { resourcePolicy } from "../../../lib/policy";
import { environmentSecretsCheck, secretKnobs, SecretKnobs } from "../sagemaker/util";
import { AGENTCORE_API, AGENTCORE_BROWSER, AGENTCORE_CODE_INTERPRETER, AGENTCORE_GATEWAY, AGENTCORE_RUNTIME } from "./util";

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

export const agentcorePolicies = [
    agentcoreRuntimePrivateNetwork,
    agentcoreCodeInterpreterPrivateNetwork,
    agentcoreBrowserPrivateNetwork,
    agentcoreGatewayAuthorizer,
    agentcoreRuntimeNoSecretsInEnvironment,
];
