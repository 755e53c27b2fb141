import { workspacePolicies } from "./workspace";

export const logAnalyticsPolicies = [...workspacePolicies];
