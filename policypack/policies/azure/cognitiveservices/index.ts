import { accountPolicies } from "./account";
import { deploymentPolicies } from "./deployment";
import { raiPolicyPolicies } from "./raiPolicy";

export const cognitiveServicesPolicies = [...accountPolicies, ...deploymentPolicies, ...raiPolicyPolicies];
