/**
 * Stack policies for agentic AI on AWS (issue 14): VPC endpoints for every Bedrock and AgentCore API
 * the stack uses, and the AgentCore browser's recording bucket. Built on the compliant AWS stack of
 * ./support. The five kinds of input of the other new stack policies are in ./agenticKinds.ts.
 */
import * as assert from "assert";
import { usePack } from "../../support/cases";
import { awsStack, findings, OmissionCase, omissionCases, res, T, without } from "./support";

const REGION = "eu-west-1";
const gateway = res("aws:bedrock/agentcoreGateway:AgentcoreGateway", "tools-gateway", {
    name: "tools",
    authorizerType: "AWS_IAM",
    protocolType: "MCP",
    roleArn: "arn:aws:iam::111122223333:role/gw",
    tags: { owner: "ml-platform", "data-classification": "confidential" },
});
const endpoint = (svc: string) =>
    res("aws:ec2/vpcEndpoint:VpcEndpoint", `vpce-${svc.replace(/\./g, "-")}`, {
        serviceName: `com.amazonaws.${REGION}.${svc}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: ["subnet-0a"],
    });

describe("stack: AWS agentic AI", function () {
    const pack = usePack();
    const base = awsStack();

    describe("aws-vpc-ai-service-endpoints covers every Bedrock and AgentCore API", () => {
        const withGateway = [...base, gateway, endpoint("bedrock-agentcore"), endpoint("bedrock-agentcore.gateway")];
        const cases: OmissionCase[] = [
            { title: "agents and an AgentCore gateway with all their endpoints", stack: () => withGateway, expect: [] },
            {
                title: "agents without the agent runtime endpoint",
                stack: () => without(base, "vpce-bedrock-agent-runtime"),
                expect: [{ policy: "aws-vpc-ai-service-endpoints", on: "support-agent", message: /no interface endpoint for bedrock-agent-runtime/ }],
            },
            {
                title: "an AgentCore gateway without the AgentCore endpoints",
                stack: () => without(withGateway, "vpce-bedrock-agentcore", "vpce-bedrock-agentcore-gateway"),
                expect: [{ policy: "aws-vpc-ai-service-endpoints", on: "tools-gateway", message: /no interface endpoint for bedrock-agentcore, bedrock-agentcore\.gateway/ }],
            },
        ];
        omissionCases(pack, cases);
    });

    describe("an AgentCore browser's recording bucket is an AI data store (catalogue row ENC-A26)", () => {
        const recordings = res(T.bucket, "browser-recordings", {
            bucket: "browser-recordings-111122223333",
            arn: "arn:aws:s3:::browser-recordings-111122223333",
            tags: { owner: "ml-platform" },
        });
        const browser = res(
            "aws:bedrock/agentcoreBrowser:AgentcoreBrowser",
            "research-browser",
            {
                name: "research",
                networkConfiguration: { networkMode: "VPC" },
                recording: { enabled: true, s3Location: { bucket: recordings.properties.bucket, prefix: "sessions/" } },
            },
            { recording: recordings },
        );
        it("the S3 stack controls judge the untagged bucket the browser records to", async () => {
            const onBucket = findings(await pack().analyzeStack([...base, recordings, browser])).filter((f) => f.urn === recordings.urn);
            const policies = new Set(onBucket.map((f) => f.policy));
            for (const p of [
                "aws-s3-ai-bucket-public-access-block",
                "aws-s3-ai-bucket-kms-encryption",
                "aws-s3-ai-bucket-versioning",
                "aws-s3-ai-bucket-tls-only",
                "ai-data-stores-tagged",
            ]) {
                assert.ok(policies.has(p), `${p} should judge the recording bucket: ${JSON.stringify([...policies])}`);
            }
            assert.ok(onBucket.some((f) => /used by the AI resource "research-browser"/.test(f.message)));
        });
    });
});
