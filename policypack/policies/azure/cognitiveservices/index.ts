import { accountPolicies } from "./account";
import { connectionPolicies } from "./connection";
import { deploymentPolicies } from "./deployment";
import { raiPolicyPolicies } from "./raiPolicy";

export const cognitiveServicesPolicies = [...accountPolicies, ...deploymentPolicies, ...raiPolicyPolicies, ...connectionPolicies];
