import { batchEndpointPolicies } from "./batchEndpoint";
import { computePolicies } from "./compute";
import { datastorePolicies } from "./datastore";
import { deploymentPolicies } from "./deployment";
import { onlineEndpointPolicies } from "./onlineEndpoint";
import { registryPolicies } from "./registry";
import { serverlessEndpointPolicies } from "./serverlessEndpoint";
import { workspacePolicies } from "./workspace";

export const machineLearningPolicies = [
    ...workspacePolicies,
    ...registryPolicies,
    ...computePolicies,
    ...onlineEndpointPolicies,
    ...deploymentPolicies,
    ...batchEndpointPolicies,
    ...serverlessEndpointPolicies,
    ...datastorePolicies,
];
