/** Type tokens and documentation roots shared by the Bedrock policies. */
export const CUSTOM_MODEL = "aws:bedrock/customModel:CustomModel";
export const AGENT = "aws:bedrock/agentAgent:AgentAgent";
export const PROVISIONED_THROUGHPUT = "aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput";
export const INVOCATION_JOB = "aws:bedrockmodel/invocationJob:InvocationJob";
export const DATA_SOURCE = "aws:bedrock/agentDataSource:AgentDataSource";
export const PROMPT = "aws:bedrock/agentPrompt:AgentPrompt";
export const FLOW = "aws:bedrock/agentFlow:AgentFlow";
export const GUARDRAIL = "aws:bedrock/guardrail:Guardrail";
export const EVALUATION_JOB = "aws:bedrock/evaluationJob:EvaluationJob";
export const AGENTCORE_MEMORY = "aws:bedrock/agentcoreMemory:AgentcoreMemory";
export const AGENTCORE_GATEWAY = "aws:bedrock/agentcoreGateway:AgentcoreGateway";
export const AGENTCORE_TOKEN_VAULT_CMK = "aws:bedrock/agentcoreTokenVaultCmk:AgentcoreTokenVaultCmk";
export const AGENTCORE_RUNTIME = "aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime";
export const AGENTCORE_CODE_INTERPRETER = "aws:bedrock/agentcoreCodeInterpreter:AgentcoreCodeInterpreter";
export const AGENTCORE_BROWSER = "aws:bedrock/agentcoreBrowser:AgentcoreBrowser";
export const AGENTCORE_POLICY_ENGINE = "aws:bedrock/agentcorePolicyEngine:AgentcorePolicyEngine";
export const AGENTCORE_RESOURCE_POLICY = "aws:bedrock/agentcoreResourcePolicy:AgentcoreResourcePolicy";
export const AGENTCORE_API_KEY_PROVIDER = "aws:bedrock/agentcoreApiKeyCredentialProvider:AgentcoreApiKeyCredentialProvider";
export const AGENTCORE_OAUTH2_PROVIDER = "aws:bedrock/agentcoreOauth2CredentialProvider:AgentcoreOauth2CredentialProvider";

export const DOCS = "https://docs.aws.amazon.com/bedrock/latest/userguide/";
export const AGENTCORE_API = "https://docs.aws.amazon.com/bedrock-agentcore-control/latest/APIReference/";
