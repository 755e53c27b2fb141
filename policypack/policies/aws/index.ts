/** Every AWS resource policy, by service. */
import { aiServicesPolicies } from "./aiservices";
import { bedrockPolicies } from "./bedrock";
import { cloudtrailPolicies } from "./cloudtrail";
import { cloudwatchPolicies } from "./cloudwatch";
import { codebuildProjectPolicies } from "./codebuild";
import { ecrPolicies } from "./ecr";
import { efsPolicies } from "./efs";
import { iamPolicies } from "./iam";
import { kmsPolicies } from "./kms";
import { opensearchPolicies } from "./opensearch";
import { s3Policies } from "./s3";
import { sagemakerPolicies } from "./sagemaker";

export const awsPolicies = [
    ...sagemakerPolicies,
    ...bedrockPolicies,
    ...ecrPolicies,
    ...aiServicesPolicies,
    ...s3Policies,
    ...iamPolicies,
    ...kmsPolicies,
    ...efsPolicies,
    ...cloudtrailPolicies,
    ...cloudwatchPolicies,
    ...opensearchPolicies,
    ...codebuildProjectPolicies,
];
