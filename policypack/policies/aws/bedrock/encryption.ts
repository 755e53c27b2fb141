/**
 * Customer-managed keys for what Bedrock stores on your behalf: fine-tuned model weights,
 * knowledge base ingestion data, agents, prompts, flows, guardrails, evaluation and batch inference
 * results, and AgentCore memory, gateways and the token vault. Without a key of your own, keys that AWS
 * manages protect them, which you cannot restrict, disable or audit.
 */
import { resourcePolicy } from "../../../lib/policy";
import { kmsKeyCheck, KmsKnobs, kmsKnobs } from "../common";
import {
    AGENT,
    AGENTCORE_API,
    AGENTCORE_GATEWAY,
    AGENTCORE_MEMORY,
    AGENTCORE_POLICY_ENGINE,
    AGENTCORE_TOKEN_VAULT_CMK,
    CUSTOM_MODEL,
    DATA_SOURCE,
    DOCS,
    EVALUATION_JOB,
    FLOW,
    GUARDRAIL,
    INVOCATION_JOB,
    PROMPT,
} from "./util";

export const customModelKms = resourcePolicy<KmsKnobs>({
    name: "aws-bedrock-custom-model-kms",
    description: "Bedrock custom models must encrypt the fine-tuned model with a customer-managed KMS key.",
    severity: "high",
    guidelines: ["DEV-2", "DEP-2"],
    controls: ["ENC-A14"],
    theme: "encryption",
    resourceTypes: [CUSTOM_MODEL],
    config: kmsKnobs,
    remediationSteps: "Set `customModelKmsKeyId` to the ARN of a customer-managed KMS key (it can only be chosen when the model is created).",
    url: `${DOCS}encryption-custom-job.html`,
    validate(r) {
        kmsKeyCheck(r, r.config, "customModelKmsKeyId", "the fine-tuned weights, which embed your training data, are encrypted only with a key AWS manages");
    },
});

export const knowledgeBaseDataSourceKms = resourcePolicy<KmsKnobs>({
    name: "aws-bedrock-knowledge-base-data-source-kms",
    description: "Bedrock knowledge base data sources must encrypt ingestion data with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A15"],
    theme: "encryption",
    resourceTypes: [DATA_SOURCE],
    config: kmsKnobs,
    remediationSteps: "Set `serverSideEncryptionConfiguration: { kmsKeyArn: <customer-managed key ARN> }`.",
    url: `${DOCS}encryption-kb.html`,
    validate(r) {
        kmsKeyCheck(r, r.config, "serverSideEncryptionConfiguration.kmsKeyArn", "documents held transiently during ingestion are encrypted only with a key AWS manages");
    },
});

export const agentKms = resourcePolicy<KmsKnobs>({
    name: "aws-bedrock-agent-kms",
    description: "Bedrock agents must encrypt their configuration and sessions with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A16"],
    theme: "encryption",
    resourceTypes: [AGENT],
    config: kmsKnobs,
    remediationSteps: "Set `customerEncryptionKeyArn` to the ARN of a customer-managed KMS key.",
    url: `${DOCS}encryption-agents.html`,
    validate(r) {
        kmsKeyCheck(r, r.config, "customerEncryptionKeyArn", "the agent's instructions and session data are encrypted only with a key AWS manages");
    },
});

export const promptKms = resourcePolicy<KmsKnobs>({
    name: "aws-bedrock-prompt-kms",
    description: "Bedrock Prompt Management prompts must be encrypted with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A16"],
    theme: "encryption",
    resourceTypes: [PROMPT],
    config: kmsKnobs,
    remediationSteps: "Set `customerEncryptionKeyArn` to the ARN of a customer-managed KMS key.",
    url: `${DOCS}prompt-management-prereq.html`,
    validate(r) {
        kmsKeyCheck(r, r.config, "customerEncryptionKeyArn", "the prompt templates, valuable assets of the system, are encrypted only with a key AWS manages");
    },
});

export const flowKms = resourcePolicy<KmsKnobs>({
    name: "aws-bedrock-flow-kms",
    description: "Bedrock flows must be encrypted with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A16"],
    theme: "encryption",
    resourceTypes: [FLOW],
    config: kmsKnobs,
    remediationSteps: "Set `customerEncryptionKeyArn` to the ARN of a customer-managed KMS key.",
    url: `${DOCS}encryption-flows.html`,
    validate(r) {
        kmsKeyCheck(r, r.config, "customerEncryptionKeyArn", "the flow definition and its prompts are encrypted only with a key AWS manages");
    },
});

export const guardrailKms = resourcePolicy<KmsKnobs>({
    name: "aws-bedrock-guardrail-kms",
    description: "Bedrock guardrails must be encrypted with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A16"],
    theme: "encryption",
    resourceTypes: [GUARDRAIL],
    config: kmsKnobs,
    remediationSteps: "Set `kmsKeyArn` to the ARN of a customer-managed KMS key.",
    url: `${DOCS}guardrails-permissions-kms.html`,
    validate(r) {
        kmsKeyCheck(r, r.config, "kmsKeyArn", "the guardrail's filters, denied topics and word lists are encrypted only with a key AWS manages");
    },
});

export const evaluationJobKms = resourcePolicy<KmsKnobs>({
    name: "aws-bedrock-evaluation-job-kms",
    description: "Bedrock model evaluation jobs must encrypt their data with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A16"],
    theme: "encryption",
    resourceTypes: [EVALUATION_JOB],
    config: kmsKnobs,
    remediationSteps: "Set `customerEncryptionKeyId` to the ARN of a customer-managed KMS key.",
    url: `${DOCS}model-evaluation-security.html`,
    validate(r) {
        kmsKeyCheck(r, r.config, "customerEncryptionKeyId", "evaluation prompts and model answers are encrypted only with a key AWS manages");
    },
});

export const invocationJobOutputKms = resourcePolicy<KmsKnobs>({
    name: "aws-bedrock-invocation-job-output-kms",
    description: "Bedrock batch inference jobs must encrypt their results with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A16"],
    theme: "encryption",
    resourceTypes: [INVOCATION_JOB],
    config: kmsKnobs,
    remediationSteps: "Set `outputDataConfig.s3OutputDataConfig.s3EncryptionKeyId` to the ARN of a customer-managed KMS key.",
    url: `${DOCS}batch-inference-data.html`,
    validate(r) {
        kmsKeyCheck(r, r.config, "outputDataConfig.s3OutputDataConfig.s3EncryptionKeyId", "the model's answers to the whole batch are written to S3 without a key you control");
    },
});

export const agentcoreMemoryKms = resourcePolicy<KmsKnobs>({
    name: "aws-bedrock-agentcore-memory-kms",
    description: "Bedrock AgentCore memories must be encrypted with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A16"],
    theme: "encryption",
    resourceTypes: [AGENTCORE_MEMORY],
    config: kmsKnobs,
    remediationSteps: "Set `encryptionKeyArn` to the ARN of a customer-managed KMS key.",
    url: `${AGENTCORE_API}API_CreateMemory.html`,
    validate(r) {
        kmsKeyCheck(r, r.config, "encryptionKeyArn", "conversation history and what the agent remembers about users are encrypted only with a key AWS manages");
    },
});

export const agentcoreGatewayKms = resourcePolicy<KmsKnobs>({
    name: "aws-bedrock-agentcore-gateway-kms",
    description: "Bedrock AgentCore gateways must be encrypted with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A16"],
    theme: "encryption",
    resourceTypes: [AGENTCORE_GATEWAY],
    config: kmsKnobs,
    remediationSteps: "Set `kmsKeyArn` to the ARN of a customer-managed KMS key.",
    url: `${AGENTCORE_API}API_CreateGateway.html`,
    validate(r) {
        kmsKeyCheck(r, r.config, "kmsKeyArn", "the gateway's configuration and tool credentials are encrypted only with a key AWS manages");
    },
});

export const agentcorePolicyEngineKms = resourcePolicy<KmsKnobs>({
    name: "aws-bedrock-agentcore-policy-engine-kms",
    description: "Bedrock AgentCore policy engines must be encrypted with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2", "DES-3f"],
    controls: ["ENC-A16"],
    theme: "encryption",
    resourceTypes: [AGENTCORE_POLICY_ENGINE],
    config: kmsKnobs,
    remediationSteps: "Set `encryptionKeyArn` to the ARN of a customer-managed KMS key.",
    url: `${AGENTCORE_API}API_CreatePolicyEngine.html`,
    validate(r) {
        kmsKeyCheck(r, r.config, "encryptionKeyArn", "the Cedar policies that decide what agents may do are encrypted only with a key AWS manages");
    },
});

export const agentcoreTokenVaultCmk = resourcePolicy<KmsKnobs>({
    name: "aws-bedrock-agentcore-token-vault-cmk",
    description: "The Bedrock AgentCore token vault must encrypt stored credentials with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A16"],
    theme: "encryption",
    resourceTypes: [AGENTCORE_TOKEN_VAULT_CMK],
    config: kmsKnobs,
    remediationSteps: 'Set `kmsConfiguration: { keyType: "CustomerManagedKey", kmsKeyArn: <customer-managed key ARN> }`.',
    url: `${AGENTCORE_API}API_SetTokenVaultCMK.html`,
    validate(r) {
        const type = r.enum("kmsConfiguration.keyType", ["CustomerManagedKey", "ServiceManagedKey"], { absent: "ServiceManagedKey" });
        if (type?.value === "ServiceManagedKey") {
            r.violation(`${type.text}: the OAuth tokens and API keys agents use are encrypted with a key you cannot control. Use "CustomerManagedKey" with kmsKeyArn.`);
        } else if (type) {
            kmsKeyCheck(r, r.config, "kmsConfiguration.kmsKeyArn", "no customer-managed key is named for the token vault");
        }
    },
});

export const encryptionPolicies = [
    customModelKms,
    knowledgeBaseDataSourceKms,
    agentKms,
    promptKms,
    flowKms,
    guardrailKms,
    evaluationJobKms,
    invocationJobOutputKms,
    agentcoreMemoryKms,
    agentcoreGatewayKms,
    agentcoreTokenVaultCmk,
    agentcorePolicyEngineKms,
];
