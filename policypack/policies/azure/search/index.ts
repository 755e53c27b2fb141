import { servicePolicies } from "./service";

export const searchPolicies = [...servicePolicies];
