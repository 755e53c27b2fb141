import { logGroupPolicies } from "./logGroup";

export const cloudwatchPolicies = [...logGroupPolicies];
