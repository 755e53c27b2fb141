/** Stack policies: controls that judge how resources relate, and what an AI stack must contain. */
import type { Policy } from "@pulumi/policy";
import { bedrockStackPolicies } from "./aws/bedrock";
import { bedrockGuardrailIamPolicies } from "./aws/bedrockGuardrailIam";
import { cloudtrailStackPolicies } from "./aws/cloudtrail";
import { codebuildStackPolicies } from "./aws/codebuild";
import { ecrStackPolicies } from "./aws/ecr";
import { networkStackPolicies } from "./aws/network";
import { organizationsStackPolicies } from "./aws/organizations";
import { resilienceStackPolicies } from "./aws/resilience";
import { s3StackPolicies } from "./aws/s3";
import { sagemakerStackPolicies } from "./aws/sagemaker";
import { defenderStackPolicies } from "./azure/defender";
import { foundryStackPolicies } from "./azure/foundry";
import { monitorStackPolicies } from "./azure/monitor";
import { privateEndpointStackPolicies } from "./azure/privateEndpoints";
import { previewUnknownsPolicies } from "./previewUnknowns";
import { storageStackPolicies } from "./azure/storage";
import { tagStackPolicies } from "./tags";

export const stackPolicies: Policy[] = [
    ...s3StackPolicies,
    ...sagemakerStackPolicies,
    ...bedrockStackPolicies,
    ...cloudtrailStackPolicies,
    ...ecrStackPolicies,
    ...networkStackPolicies,
    ...resilienceStackPolicies,
    ...monitorStackPolicies,
    ...storageStackPolicies,
    ...tagStackPolicies,
    ...organizationsStackPolicies,
    ...codebuildStackPolicies,
    ...defenderStackPolicies,
    ...foundryStackPolicies,
    ...privateEndpointStackPolicies,
    ...bedrockGuardrailIamPolicies,
    // Last: it reports what every other policy, of both passes, could not know in a preview.
    ...previewUnknownsPolicies,
];
