/**
 * Bedrock jobs that read your data in bulk (model customisation, batch inference) run inside your
 * VPC, so the data they read from S3 and the results they write stay on your network path.
 */
import { resourcePolicy } from "../../../lib/policy";
import type { Section } from "../../../lib/check";
import { optionalObject } from "../sagemaker/util";
import { CUSTOM_MODEL, DOCS, INVOCATION_JOB } from "./util";

function vpcCheck(r: Section, what: string): void {
    // Presence is all this needs: subnet and group ids computed from other resources count.
    const vpc = optionalObject(r, "vpcConfig");
    const subnets = vpc === null ? 0 : vpc?.count("subnetIds");
    const groups = vpc === null ? 0 : vpc?.count("securityGroupIds");
    if (subnets === 0) {
        r.violation(`vpcConfig.subnetIds is not set: ${what} outside your VPC, beyond your network controls. Set vpcConfig with private subnets and security groups.`);
    } else if (subnets !== undefined && groups === 0) {
        r.violation("vpcConfig.securityGroupIds is not set: a job in your VPC needs security groups to limit its traffic.");
    }
}

export const customModelInVpc = resourcePolicy({
    name: "aws-bedrock-custom-model-in-vpc",
    description: "Bedrock model customisation jobs should run in your VPC.",
    severity: "low",
    guidelines: ["DEP-1"],
    controls: ["ACC-A20"],
    theme: "network",
    resourceTypes: [CUSTOM_MODEL],
    remediationSteps: "Set `vpcConfig: { subnetIds: [...private subnet ids], securityGroupIds: [...] }` and reach the training data bucket through an S3 VPC endpoint.",
    url: `${DOCS}vpc-model-customization.html`,
    validate(r) {
        vpcCheck(r, "the customisation job reads your training data");
    },
});

export const invocationJobInVpc = resourcePolicy({
    name: "aws-bedrock-invocation-job-in-vpc",
    description: "Bedrock batch inference jobs should run in your VPC.",
    severity: "low",
    guidelines: ["DEP-1"],
    controls: ["ACC-A20"],
    theme: "network",
    resourceTypes: [INVOCATION_JOB],
    remediationSteps: "Set `vpcConfig: { subnetIds: [...private subnet ids], securityGroupIds: [...] }` and reach the input and output buckets through an S3 VPC endpoint.",
    url: `${DOCS}batch-vpc.html`,
    validate(r) {
        vpcCheck(r, "the batch job reads your prompts and writes the answers");
    },
});

export const networkPolicies = [customModelInVpc, invocationJobInVpc];
