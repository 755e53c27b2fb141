import { registryPolicies } from "./registry";

export const containerRegistryPolicies = [...registryPolicies];
