/** Every Azure resource policy, by service. */
import type { Policy } from "@pulumi/policy";
import { cognitiveServicesPolicies } from "./cognitiveservices";
import { containerRegistryPolicies } from "./containerregistry";
import { keyvaultPolicies } from "./keyvault";
import { logAnalyticsPolicies } from "./loganalytics";
import { machineLearningPolicies } from "./machinelearning";
import { searchPolicies } from "./search";
import { storagePolicies } from "./storage";

export const azurePolicies: Policy[] = [
    ...machineLearningPolicies,
    ...cognitiveServicesPolicies,
    ...containerRegistryPolicies,
    ...storagePolicies,
    ...keyvaultPolicies,
    ...searchPolicies,
    ...logAnalyticsPolicies,
];
