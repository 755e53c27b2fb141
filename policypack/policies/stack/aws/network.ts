/**
 * Private paths to AI services: a VPC that runs SageMaker or Bedrock workloads reaches their APIs
 * through interface endpoints, so prompts, inferences and model artefacts never cross the internet
 * and endpoint policies can restrict who uses them.
 */
import { readKey, UNKNOWN } from "../../../lib/props";
import { StackResource, stackPolicy } from "../../../lib/stack";

const VPC = "aws:ec2/vpc:Vpc";
const VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";

interface EndpointKnobs {
    sagemakerServices: string[];
    bedrockServices: string[];
    bedrockAgentServices: string[];
    agentcoreServices: string[];
    agentcoreGatewayServices: string[];
    vpcEndpointsManagedCentrally: boolean;
}

/** Which resources call for which knob's endpoints (canonical token tests). */
const GROUPS: { knob: keyof Omit<EndpointKnobs, "vpcEndpointsManagedCentrally">; uses: (canonical: string) => boolean }[] = [
    { knob: "sagemakerServices", uses: (t) => t.startsWith("aws:sagemaker/") },
    { knob: "bedrockServices", uses: (t) => t.startsWith("aws:bedrock/") || t.startsWith("aws:bedrockmodel/") },
    // Agents, knowledge bases, flows and prompts are called through the agent runtime (InvokeAgent, Retrieve).
    { knob: "bedrockAgentServices", uses: (t) => t.startsWith("aws:bedrock/agent") && !t.startsWith("aws:bedrock/agentcore") },
    { knob: "agentcoreServices", uses: (t) => t.startsWith("aws:bedrock/agentcore") },
    { knob: "agentcoreGatewayServices", uses: (t) => t === "aws:bedrock/agentcoreGateway:AgentcoreGateway" },
];

const services = (def: string[], what: string) => ({
    type: "array" as const,
    items: { type: "string" as const, minLength: 1 },
    default: def,
    description: `Service-name suffixes (after com.amazonaws.<region>.) of the interface endpoints a VPC with ${what} resources needs.`,
});

export const aiVpcEndpoints = stackPolicy<EndpointKnobs>({
    name: "aws-vpc-ai-service-endpoints",
    description:
        "A stack that builds a VPC for SageMaker, Bedrock or AgentCore workloads must give it interface endpoints, with private DNS, for every API of those services it uses.",
    severity: "medium",
    guidelines: ["DEP-1", "DES-3c"],
    controls: ["ACC-A19"],
    theme: "network",
    resourceTypes: [VPC, VPC_ENDPOINT],
    config: {
        sagemakerServices: services(["sagemaker.api", "sagemaker.runtime"], "SageMaker"),
        bedrockServices: services(["bedrock-runtime"], "Bedrock"),
        bedrockAgentServices: services(["bedrock-agent-runtime"], "Bedrock agent, knowledge base or flow"),
        agentcoreServices: services(["bedrock-agentcore"], "Bedrock AgentCore"),
        agentcoreGatewayServices: services(["bedrock-agentcore.gateway"], "AgentCore gateway"),
        vpcEndpointsManagedCentrally: { type: "boolean", default: false, description: "The VPC's endpoints are managed outside this stack (e.g. a shared networking account)." },
    },
    remediationSteps:
        'Add `aws.ec2.VpcEndpoint`s with `vpcEndpointType: "Interface"`, `privateDnsEnabled: true`, private `subnetIds` and `securityGroupIds`, and `serviceName: "com.amazonaws.<region>.<service>"` for each service (e.g. sagemaker.api, sagemaker.runtime, bedrock-runtime, bedrock-agent-runtime, bedrock-agentcore, bedrock-agentcore.gateway).',
    url: "https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html",
    validate(s) {
        if (s.config.vpcEndpointsManagedCentrally || !s.index.has(VPC)) {
            return; // the stack does not build the network its workloads run in
        }
        const needed: { service: string; because: StackResource }[] = [];
        for (const group of GROUPS) {
            const because = s.index.resources.find((r) => group.uses(r.canonical));
            if (because === undefined) {
                continue;
            }
            for (const service of s.config[group.knob]) {
                if (!needed.some((n) => n.service === service)) {
                    needed.push({ service, because });
                }
            }
        }
        if (needed.length === 0) {
            return;
        }
        const present = new Set<string>();
        let unknown = false;
        for (const e of s.ofType(VPC_ENDPOINT)) {
            const name = readKey(e.resource.props, "serviceName");
            if (name === UNKNOWN) {
                unknown = true;
                continue;
            }
            if (typeof name !== "string") {
                continue;
            }
            const match = needed.find((n) => name.toLowerCase().endsWith(`.${n.service.toLowerCase()}`));
            if (match === undefined) {
                continue;
            }
            present.add(match.service);
            const dns = s.read(e).boolean("privateDnsEnabled", { absent: false });
            if (dns?.value === false) {
                s.violation(e, `${dns.text}: callers resolve the public ${match.service} endpoint and bypass this one. Set privateDnsEnabled to true.`);
            }
        }
        const missing = needed.filter((n) => !present.has(n.service));
        if (missing.length === 0) {
            return;
        }
        if (unknown) {
            s.unknown(missing[0].because, "which services the stack's VPC endpoints serve (their service names are only known after `pulumi up`)");
            return;
        }
        const byResource = new Map<StackResource, string[]>();
        for (const m of missing) {
            byResource.set(m.because, [...(byResource.get(m.because) ?? []), m.service]);
        }
        for (const [r, list] of byResource) {
            s.violation(
                r,
                `the stack builds a VPC for AI workloads but has no interface endpoint for ${list.join(", ")}: calls to these services leave the VPC over the internet path. Add VpcEndpoints for them (or set vpcEndpointsManagedCentrally).`,
            );
        }
    },
});

export const networkStackPolicies = [aiVpcEndpoints];
