import { secret, UNKNOWN_VALUES } from "../../support/harness";
import { Case, policyCases, usePack } from "../../support/cases";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ROLE = "arn:aws:iam::111122223333:role/bedrock";

/** Sets a dotted path in a copy of `o` (undefined removes it). */
function set(o: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
    const copy = JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
    const parts = path.split(".");
    let cur = copy;
    for (const p of parts.slice(0, -1)) {
        cur[p] = { ...((cur[p] as Record<string, unknown>) ?? {}) };
        cur = cur[p] as Record<string, unknown>;
    }
    const last = parts[parts.length - 1];
    if (value === undefined) {
        delete cur[last];
    } else {
        cur[last] = value;
    }
    return copy;
}

/** The five kinds of input for a policy that requires a customer-managed key at `path`. */
function kmsCases(compliant: Record<string, unknown>, path: string): Case[] {
    const escaped = path.replace(/\./g, "\\.");
    return [
        { kind: "violating", title: "AWS-managed alias", props: set(compliant, path, "alias/aws/bedrock"), expect: "violation", message: /AWS-managed key \(alias\/aws\/\.\.\.\)/ },
        { kind: "compliant", title: "customer-managed key", props: compliant, expect: "pass" },
        { kind: "compliant", title: "customer-managed key as a secret", props: set(compliant, path, secret(KEY)), expect: "pass" },
        { kind: "absent", title: "no key", props: set(compliant, path, undefined), expect: "violation", message: new RegExp(`${escaped} is not set`) },
        { kind: "unknown", title: "key created in the same program", props: set(compliant, path, UNKNOWN_VALUES.string), expect: "unknown", message: new RegExp(escaped) },
        { kind: "malformed", title: "a number", props: set(compliant, path, 7), expect: "malformed", message: new RegExp(`cannot evaluate ${escaped}`) },
    ];
}

describe("aws: Bedrock customer-managed keys", function () {
    const pack = usePack({ "aws-bedrock-agentcore-token-vault-cmk": { approvedKmsKeyArns: [KEY] } });

    const customModel = {
        customModelName: "support-ft",
        jobName: "support-ft-1",
        baseModelIdentifier: "amazon.titan-text-express-v1",
        roleArn: ROLE,
        hyperparameters: { epochCount: "2" },
        trainingDataConfig: { s3Uri: "s3://training/data.jsonl" },
        outputDataConfig: { s3Uri: "s3://training/output/" },
        customModelKmsKeyId: KEY,
        vpcConfig: { subnetIds: ["subnet-0abc"], securityGroupIds: ["sg-0abc"] },
    };
    policyCases(pack, "aws-bedrock-custom-model-kms", "aws:bedrock/customModel:CustomModel", kmsCases(customModel, "customModelKmsKeyId"));

    const dataSource = {
        knowledgeBaseId: "KB12345678",
        name: "docs",
        dataSourceConfiguration: { type: "S3", s3Configuration: { bucketArn: "arn:aws:s3:::docs" } },
        serverSideEncryptionConfiguration: { kmsKeyArn: KEY },
    };
    policyCases(
        pack,
        "aws-bedrock-knowledge-base-data-source-kms",
        "aws:bedrock/agentDataSource:AgentDataSource",
        kmsCases(dataSource, "serverSideEncryptionConfiguration.kmsKeyArn"),
    );

    const agent = { agentName: "support", agentResourceRoleArn: ROLE, foundationModel: "anthropic.claude-3-5-sonnet-20240620-v1:0", customerEncryptionKeyArn: KEY };
    policyCases(pack, "aws-bedrock-agent-kms", "aws:bedrock/agentAgent:AgentAgent", kmsCases(agent, "customerEncryptionKeyArn"));

    const prompt = { name: "summarise", customerEncryptionKeyArn: KEY, variants: [{ name: "v1", templateType: "TEXT", modelId: "amazon.titan-text-express-v1" }] };
    policyCases(pack, "aws-bedrock-prompt-kms", "aws:bedrock/agentPrompt:AgentPrompt", kmsCases(prompt, "customerEncryptionKeyArn"));

    const flow = { name: "triage", executionRoleArn: ROLE, customerEncryptionKeyArn: KEY };
    policyCases(pack, "aws-bedrock-flow-kms", "aws:bedrock/agentFlow:AgentFlow", kmsCases(flow, "customerEncryptionKeyArn"));

    const guardrail = { name: "support", blockedInputMessaging: "Sorry.", blockedOutputsMessaging: "Sorry.", kmsKeyArn: KEY };
    policyCases(pack, "aws-bedrock-guardrail-kms", "aws:bedrock/guardrail:Guardrail", kmsCases(guardrail, "kmsKeyArn"));

    const evaluation = {
        jobName: "eval-1",
        roleArn: ROLE,
        customerEncryptionKeyId: KEY,
        evaluationConfig: { automated: { datasetMetricConfigs: [{ taskType: "Summarization", metricNames: ["Builtin.Accuracy"], dataset: { name: "Builtin.Gigaword" } }] } },
        inferenceConfig: { models: [{ bedrockModel: { modelIdentifier: "amazon.titan-text-express-v1", inferenceParams: "{}" } }] },
        outputDataConfig: { s3Uri: "s3://eval/out/" },
    };
    policyCases(pack, "aws-bedrock-evaluation-job-kms", "aws:bedrock/evaluationJob:EvaluationJob", kmsCases(evaluation, "customerEncryptionKeyId"));

    const invocationJob = {
        jobName: "batch-1",
        modelId: "anthropic.claude-3-haiku-20240307-v1:0",
        roleArn: ROLE,
        inputDataConfig: { s3InputDataConfig: { s3Uri: "s3://batch/in/" } },
        outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://batch/out/", s3EncryptionKeyId: KEY } },
        vpcConfig: { subnetIds: ["subnet-0abc"], securityGroupIds: ["sg-0abc"] },
    };
    policyCases(
        pack,
        "aws-bedrock-invocation-job-output-kms",
        "aws:bedrockmodel/invocationJob:InvocationJob",
        kmsCases(invocationJob, "outputDataConfig.s3OutputDataConfig.s3EncryptionKeyId"),
    );

    const memory = { name: "support_memory", eventExpiryDuration: 30, encryptionKeyArn: KEY };
    policyCases(pack, "aws-bedrock-agentcore-memory-kms", "aws:bedrock/agentcoreMemory:AgentcoreMemory", kmsCases(memory, "encryptionKeyArn"));

    const policyEngine = { name: "tool_rules", encryptionKeyArn: KEY };
    policyCases(pack, "aws-bedrock-agentcore-policy-engine-kms", "aws:bedrock/agentcorePolicyEngine:AgentcorePolicyEngine", kmsCases(policyEngine, "encryptionKeyArn"));

    const gateway = { name: "tools", roleArn: ROLE, authorizerType: "AWS_IAM", protocolType: "MCP", kmsKeyArn: KEY };
    policyCases(pack, "aws-bedrock-agentcore-gateway-kms", "aws:bedrock/agentcoreGateway:AgentcoreGateway", kmsCases(gateway, "kmsKeyArn"));

    const vault = { kmsConfiguration: { keyType: "CustomerManagedKey", kmsKeyArn: KEY } };
    const VAULT = "aws:bedrock/agentcoreTokenVaultCmk:AgentcoreTokenVaultCmk";
    policyCases(pack, "aws-bedrock-agentcore-token-vault-cmk", VAULT, [
        {
            kind: "violating",
            title: "service-managed key",
            props: { kmsConfiguration: { keyType: "ServiceManagedKey" } },
            expect: "violation",
            message: /keyType is "ServiceManagedKey"/,
        },
        {
            kind: "violating",
            title: "customer-managed key not in the approved list",
            props: { kmsConfiguration: { keyType: "CustomerManagedKey", kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/other" } },
            expect: "violation",
            message: /not in approvedKmsKeyArns/,
        },
        {
            kind: "violating",
            title: "customer-managed without a key ARN",
            props: { kmsConfiguration: { keyType: "CustomerManagedKey" } },
            expect: "violation",
            message: /kmsConfiguration.kmsKeyArn is not set/,
        },
        { kind: "compliant", title: "approved customer-managed key", props: vault, expect: "pass" },
        { kind: "absent", title: "no key type: service-managed", props: { kmsConfiguration: {} }, expect: "violation", message: /not set \(AWS default: "ServiceManagedKey"\)/ },
        { kind: "unknown", title: "key ARN unknown", props: { kmsConfiguration: { keyType: "CustomerManagedKey", kmsKeyArn: UNKNOWN_VALUES.string } }, expect: "unknown" },
        {
            kind: "malformed",
            title: "unsupported key type",
            props: { kmsConfiguration: { keyType: "HSM" } },
            expect: "malformed",
            message: /cannot evaluate kmsConfiguration.keyType/,
        },
    ]);
});
