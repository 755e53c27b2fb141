import { domainPolicies } from "./domain";
import { serverlessPolicies } from "./serverless";

export const opensearchPolicies = [...domainPolicies, ...serverlessPolicies];
