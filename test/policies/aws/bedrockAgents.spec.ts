import * as assert from "assert";
import { startPack, UNKNOWN_VALUES } from "../../support/harness";
import { judge, policyCases, usePack } from "../../support/cases";

const CUSTOM_MODEL = "aws:bedrock/customModel:CustomModel";
const AGENT = "aws:bedrock/agentAgent:AgentAgent";
const THROUGHPUT = "aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput";
const INVOCATION_JOB = "aws:bedrockmodel/invocationJob:InvocationJob";
const RUNTIME = "aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime";
const CODE_INTERPRETER = "aws:bedrock/agentcoreCodeInterpreter:AgentcoreCodeInterpreter";
const BROWSER = "aws:bedrock/agentcoreBrowser:AgentcoreBrowser";
const GATEWAY = "aws:bedrock/agentcoreGateway:AgentcoreGateway";
const ROLE = "arn:aws:iam::111122223333:role/bedrock";

const customModel = {
    customModelName: "support-ft",
    jobName: "support-ft-1",
    baseModelIdentifier: "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-text-express-v1",
    roleArn: ROLE,
    hyperparameters: { epochCount: "2" },
    trainingDataConfig: { s3Uri: "s3://training/data.jsonl" },
    outputDataConfig: { s3Uri: "s3://training/output/" },
    vpcConfig: { subnetIds: ["subnet-0abc"], securityGroupIds: ["sg-0abc"] },
};
const agent = { agentName: "support", agentResourceRoleArn: ROLE, foundationModel: "eu.anthropic.claude-3-5-sonnet-20240620-v1:0" };
const invocationJob = {
    jobName: "batch-1",
    modelId: "anthropic.claude-3-haiku-20240307-v1:0",
    roleArn: ROLE,
    inputDataConfig: { s3InputDataConfig: { s3Uri: "s3://batch/in/" } },
    outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://batch/out/" } },
    vpcConfig: { subnetIds: ["subnet-0abc"], securityGroupIds: ["sg-0abc"] },
};

function omit(o: Record<string, unknown>, key: string): Record<string, unknown> {
    const copy = { ...o };
    delete copy[key];
    return copy;
}

describe("aws: Bedrock models, jobs and AgentCore", function () {
    const pack = usePack({
        "aws-bedrock-approved-models": { approvedModelIds: ["amazon.titan-text-*", "anthropic.claude-3-5-sonnet-20240620-v1:0", "anthropic.claude-3-haiku-20240307-v1:0"] },
    });

    policyCases(pack, "aws-bedrock-approved-models", CUSTOM_MODEL, [
        {
            kind: "violating",
            title: "unapproved base model",
            props: { ...customModel, baseModelIdentifier: "meta.llama3-8b-instruct-v1:0" },
            expect: "violation",
            message: /baseModelIdentifier names a model that is not in approvedModelIds/,
        },
        {
            kind: "violating",
            title: "agent on an unapproved model",
            type: AGENT,
            props: { ...agent, foundationModel: "mistral.mistral-large-2402-v1:0" },
            expect: "violation",
            message: /foundationModel/,
        },
        { kind: "compliant", title: "approved by pattern, given as an ARN", props: customModel, expect: "pass" },
        { kind: "compliant", title: "agent through a cross-Region inference profile", type: AGENT, props: agent, expect: "pass" },
        { kind: "compliant", title: "batch job", type: INVOCATION_JOB, props: invocationJob, expect: "pass" },
        {
            kind: "compliant",
            title: "provisioned throughput for a custom model",
            type: THROUGHPUT,
            props: { provisionedModelName: "p", modelUnits: 1, modelArn: "arn:aws:bedrock:eu-west-1:111122223333:custom-model/amazon.titan-text-express-v1:0:8k/abc" },
            expect: "pass",
        },
        {
            kind: "absent",
            title: "provisioned throughput without a model",
            type: THROUGHPUT,
            props: { provisionedModelName: "p", modelUnits: 1 },
            expect: "violation",
            message: /modelArn is not set/,
        },
        {
            kind: "unknown",
            title: "model ARN from another resource",
            type: THROUGHPUT,
            props: { provisionedModelName: "p", modelUnits: 1, modelArn: UNKNOWN_VALUES.string },
            expect: "unknown",
        },
        {
            kind: "malformed",
            title: "model id is a list",
            type: INVOCATION_JOB,
            props: { ...invocationJob, modelId: ["a"] },
            expect: "malformed",
            message: /cannot evaluate modelId/,
        },
    ]);

    it("does not run until approvedModelIds is configured", async function () {
        this.timeout(120000);
        const unconfigured = await startPack();
        try {
            const { outcome } = await judge(unconfigured, "aws-bedrock-approved-models", AGENT, agent);
            assert.strictEqual(outcome, "not-applicable");
        } finally {
            await unconfigured.stop();
        }
    });

    policyCases(pack, "aws-bedrock-custom-model-in-vpc", CUSTOM_MODEL, [
        {
            kind: "violating",
            title: "no security groups",
            props: { ...customModel, vpcConfig: { subnetIds: ["subnet-0abc"], securityGroupIds: [] } },
            expect: "violation",
            message: /securityGroupIds is not set/,
        },
        { kind: "compliant", title: "in a VPC", props: customModel, expect: "pass" },
        { kind: "absent", title: "no vpcConfig", props: omit(customModel, "vpcConfig"), expect: "violation", message: /vpcConfig.subnetIds is not set/ },
        { kind: "unknown", title: "subnets unknown", props: { ...customModel, vpcConfig: { subnetIds: UNKNOWN_VALUES.array, securityGroupIds: ["sg-0abc"] } }, expect: "unknown" },
        { kind: "malformed", title: "vpcConfig is a string", props: { ...customModel, vpcConfig: "vpc-0abc" }, expect: "malformed", message: /cannot evaluate vpcConfig/ },
    ]);

    policyCases(pack, "aws-bedrock-invocation-job-in-vpc", INVOCATION_JOB, [
        {
            kind: "violating",
            title: "no subnets",
            props: { ...invocationJob, vpcConfig: { subnetIds: [], securityGroupIds: ["sg-0abc"] } },
            expect: "violation",
            message: /vpcConfig.subnetIds is not set/,
        },
        { kind: "compliant", title: "in a VPC", props: invocationJob, expect: "pass" },
        { kind: "absent", title: "no vpcConfig", props: omit(invocationJob, "vpcConfig"), expect: "violation", message: /vpcConfig.subnetIds is not set/ },
        { kind: "unknown", title: "vpcConfig unknown", props: { ...invocationJob, vpcConfig: UNKNOWN_VALUES.object }, expect: "unknown" },
        {
            kind: "malformed",
            title: "subnets is a number",
            props: { ...invocationJob, vpcConfig: { subnetIds: 1, securityGroupIds: ["sg-0abc"] } },
            expect: "malformed",
            message: /cannot evaluate vpcConfig.subnetIds/,
        },
    ]);

    const runtime = {
        agentRuntimeName: "support_agent",
        roleArn: ROLE,
        agentRuntimeArtifact: { containerConfiguration: { containerUri: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/agent:1" } },
        networkConfiguration: { networkMode: "VPC", networkModeConfig: { subnets: ["subnet-0abc"], securityGroups: ["sg-0abc"] } },
        environmentVariables: { LOG_LEVEL: "info", MODEL_ID: "anthropic.claude-3-5-sonnet-20240620-v1:0" },
    };
    policyCases(pack, "aws-bedrock-agentcore-runtime-private-network", RUNTIME, [
        { kind: "violating", title: "PUBLIC", props: { ...runtime, networkConfiguration: { networkMode: "PUBLIC" } }, expect: "violation", message: /networkMode is "PUBLIC"/ },
        { kind: "compliant", title: "VPC", props: runtime, expect: "pass" },
        { kind: "absent", title: "mode not set (required)", props: { ...runtime, networkConfiguration: {} }, expect: "violation", message: /networkMode is not set/ },
        { kind: "unknown", title: "unknown", props: { ...runtime, networkConfiguration: { networkMode: UNKNOWN_VALUES.string } }, expect: "unknown" },
        {
            kind: "malformed",
            title: "SANDBOX is not a runtime mode",
            props: { ...runtime, networkConfiguration: { networkMode: "SANDBOX" } },
            expect: "malformed",
            message: /cannot evaluate networkConfiguration.networkMode/,
        },
    ]);

    policyCases(pack, "aws-bedrock-agentcore-code-interpreter-private-network", CODE_INTERPRETER, [
        { kind: "violating", title: "PUBLIC", props: { name: "ci", networkConfiguration: { networkMode: "PUBLIC" } }, expect: "violation", message: /networkMode is "PUBLIC"/ },
        { kind: "compliant", title: "SANDBOX", props: { name: "ci", networkConfiguration: { networkMode: "SANDBOX" } }, expect: "pass" },
        {
            kind: "compliant",
            title: "VPC",
            props: { name: "ci", networkConfiguration: { networkMode: "VPC", vpcConfig: { subnets: ["subnet-0abc"], securityGroups: ["sg-0abc"] } } },
            expect: "pass",
        },
        { kind: "absent", title: "no network configuration", props: { name: "ci" }, expect: "violation", message: /networkMode is not set/ },
        { kind: "unknown", title: "unknown", props: { name: "ci", networkConfiguration: { networkMode: UNKNOWN_VALUES.string } }, expect: "unknown" },
        { kind: "malformed", title: "a boolean", props: { name: "ci", networkConfiguration: { networkMode: true } }, expect: "malformed" },
    ]);

    policyCases(pack, "aws-bedrock-agentcore-browser-private-network", BROWSER, [
        { kind: "violating", title: "PUBLIC", props: { name: "b", networkConfiguration: { networkMode: "PUBLIC" } }, expect: "violation", message: /networkMode is "PUBLIC"/ },
        {
            kind: "compliant",
            title: "VPC",
            props: { name: "b", networkConfiguration: { networkMode: "VPC", vpcConfig: { subnets: ["subnet-0abc"], securityGroups: ["sg-0abc"] } } },
            expect: "pass",
        },
        { kind: "absent", title: "no network configuration", props: { name: "b" }, expect: "violation", message: /networkMode is not set/ },
        { kind: "unknown", title: "unknown", props: { name: "b", networkConfiguration: UNKNOWN_VALUES.object }, expect: "unknown" },
        { kind: "malformed", title: "networkConfiguration is a string", props: { name: "b", networkConfiguration: "VPC" }, expect: "malformed", message: /networkConfiguration/ },
    ]);

    const gateway = {
        name: "tools",
        roleArn: ROLE,
        protocolType: "MCP",
        authorizerType: "CUSTOM_JWT",
        authorizerConfiguration: { customJwtAuthorizer: { discoveryUrl: "https://idp.example.com/.well-known/openid-configuration", allowedAudiences: ["tools"] } },
    };
    policyCases(pack, "aws-bedrock-agentcore-gateway-authorizer", GATEWAY, [
        { kind: "violating", title: "NONE", props: { ...gateway, authorizerType: "NONE" }, expect: "violation", message: /authorizerType is "NONE"/ },
        {
            kind: "violating",
            title: "AUTHENTICATE_ONLY",
            props: { ...gateway, authorizerType: "AUTHENTICATE_ONLY" },
            expect: "violation",
            message: /authenticated but not authorised/,
        },
        {
            kind: "violating",
            title: "JWT without its configuration",
            props: omit(gateway, "authorizerConfiguration"),
            expect: "violation",
            message: /customJwtAuthorizer is not set/,
        },
        { kind: "compliant", title: "CUSTOM_JWT", props: gateway, expect: "pass" },
        { kind: "compliant", title: "AWS_IAM", props: { ...omit(gateway, "authorizerConfiguration"), authorizerType: "AWS_IAM" }, expect: "pass" },
        { kind: "absent", title: "not set (required)", props: omit(gateway, "authorizerType"), expect: "violation", message: /authorizerType is not set/ },
        { kind: "unknown", title: "unknown", props: { ...gateway, authorizerType: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "unsupported value", props: { ...gateway, authorizerType: "API_KEY" }, expect: "malformed", message: /cannot evaluate authorizerType/ },
    ]);

    policyCases(pack, "aws-bedrock-agentcore-runtime-no-secrets-in-environment", RUNTIME, [
        {
            kind: "violating",
            title: "Slack token",
            props: { ...runtime, environmentVariables: { SLACK_BOT: "xoxb-" + "1234567890-abcdefghij" } },
            expect: "violation",
            message: /environmentVariables.SLACK_BOT looks like a Slack token/,
        },
        {
            kind: "violating",
            title: "client secret by name",
            props: { ...runtime, environmentVariables: { OAUTH_CLIENT_SECRET: "Zm9vYmFyYmF6cXV4" } },
            expect: "violation",
            message: /its name says so/,
        },
        { kind: "compliant", title: "plain settings", props: runtime, expect: "pass" },
        { kind: "absent", title: "no environment", props: omit(runtime, "environmentVariables"), expect: "pass" },
        { kind: "unknown", title: "value from another resource", props: { ...runtime, environmentVariables: { API_KEY: UNKNOWN_VALUES.string } }, expect: "unknown" },
        {
            kind: "malformed",
            title: "environment is a list",
            props: { ...runtime, environmentVariables: ["A=B"] },
            expect: "malformed",
            message: /cannot evaluate environmentVariables/,
        },
    ]);
});
