import { publicRepositoryPolicies } from "./publicRepository";
import { repositoryPolicies } from "./repository";
import { repositoryCreationTemplatePolicies } from "./repositoryCreationTemplate";
import { repositoryPolicyPolicies } from "./repositoryPolicy";

export const ecrPolicies = [...repositoryPolicies, ...repositoryPolicyPolicies, ...repositoryCreationTemplatePolicies, ...publicRepositoryPolicies];
