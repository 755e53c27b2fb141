/** Every AWS resource policy, by service. */
import { ecrPolicies } from "./ecr";
import { s3Policies } from "./s3";
import { sagemakerPolicies } from "./sagemaker";

export const awsPolicies = [...sagemakerPolicies, ...ecrPolicies, ...s3Policies];
