import { bedrockIamPolicies } from "./bedrock";
import { managedPolicyPolicies } from "./managedPolicies";
import { permissionPolicies } from "./permissions";
import { trustPolicies } from "./trust";

export const iamPolicies = [...permissionPolicies, ...managedPolicyPolicies, ...trustPolicies, ...bedrockIamPolicies];
