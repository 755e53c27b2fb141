import { domainPolicies } from "./domain";
import { endpointConfigurationPolicies } from "./endpointConfiguration";
import { featureGroupPolicies } from "./featureGroup";
import { lifecycleConfigPolicies } from "./lifecycleConfig";
import { modelPolicies } from "./model";
import { modelPackageGroupPolicyPolicies } from "./modelPackageGroupPolicy";
import { monitoringPolicies } from "./monitoring";
import { notebookInstancePolicies } from "./notebookInstance";
import { notebookPlatformPolicies } from "./notebookPlatform";
import { trainingPolicies } from "./training";

export const sagemakerPolicies = [
    ...notebookInstancePolicies,
    ...notebookPlatformPolicies,
    ...lifecycleConfigPolicies,
    ...domainPolicies,
    ...trainingPolicies,
    ...modelPolicies,
    ...modelPackageGroupPolicyPolicies,
    ...endpointConfigurationPolicies,
    ...monitoringPolicies,
    ...featureGroupPolicies,
];
