import { repositoryPolicies } from "./repository";
import { repositoryPolicyPolicies } from "./repositoryPolicy";

export const ecrPolicies = [...repositoryPolicies, ...repositoryPolicyPolicies];
