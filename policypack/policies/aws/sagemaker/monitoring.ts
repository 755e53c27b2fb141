/**
 * SageMaker model monitoring (data quality job definitions, monitoring schedules with an inline
 * job definition) and human review workflows (flow definitions). Monitoring jobs read captured
 * inference data, so they run isolated, encrypt traffic between instances, and encrypt their
 * reports and volumes with customer-managed keys.
 */
import { resourcePolicy, ResourceCheck } from "../../../lib/policy";
import { kmsKeyCheck, KmsKnobs, kmsKnobs } from "../common";
import { API, localStorageKnobs, LocalStorageKnobs, usesLocalStorage } from "./util";

const DATA_QUALITY = "aws:sagemaker/dataQualityJobDefinition:DataQualityJobDefinition";
const SCHEDULE = "aws:sagemaker/monitoringSchedule:MonitoringSchedule";
const FLOW = "aws:sagemaker/flowDefinition:FlowDefinition";

/** Where each monitoring resource keeps its network, output and cluster settings. */
const PATHS: Readonly<Record<string, { network: string; output: string; cluster: string }>> = {
    [DATA_QUALITY]: { network: "networkConfig", output: "dataQualityJobOutputConfig", cluster: "jobResources.clusterConfig" },
    [SCHEDULE]: {
        network: "monitoringScheduleConfig.monitoringJobDefinition.networkConfig",
        output: "monitoringScheduleConfig.monitoringJobDefinition.monitoringOutputConfig",
        cluster: "monitoringScheduleConfig.monitoringJobDefinition.monitoringResources.clusterConfig",
    },
};

/**
 * The paths for this resource, or not applicable for a schedule that runs a separately declared
 * job definition (that resource is judged on its own). Undefined when that cannot be known yet.
 */
function monitoringPaths<C>(r: ResourceCheck<C>): { network: string; output: string; cluster: string } | undefined {
    if (r.type === SCHEDULE) {
        const inline = r.isSet("monitoringScheduleConfig.monitoringJobDefinition");
        if (inline === undefined) {
            return undefined;
        }
        if (!inline) {
            r.notApplicable("the schedule runs a separately declared job definition (monitoringJobDefinitionName), which is judged on its own");
        }
    }
    return PATHS[r.type];
}

function networkFlag<C>(r: ResourceCheck<C>, flag: string, consequence: string): void {
    const paths = monitoringPaths(r);
    if (!paths) {
        return;
    }
    const value = r.boolean(`${paths.network}.${flag}`, { absent: false });
    if (value?.value === false) {
        r.violation(`${value.text}: ${consequence}. Set it to true.`);
    }
}

export const monitoringNetworkIsolation = resourcePolicy({
    name: "aws-sagemaker-monitoring-network-isolation",
    description: "SageMaker model monitoring jobs must run their containers with network isolation.",
    severity: "medium",
    guidelines: ["DEP-1"],
    controls: ["ACC-A10"],
    theme: "network",
    resourceTypes: [DATA_QUALITY, SCHEDULE],
    remediationSteps: "Set `networkConfig.enableNetworkIsolation: true` (on a monitoring schedule: in `monitoringScheduleConfig.monitoringJobDefinition.networkConfig`).",
    url: `${API}API_MonitoringNetworkConfig.html`,
    validate(r) {
        networkFlag(r, "enableNetworkIsolation", "the monitoring container, which reads captured inference data, can reach the internet");
    },
});

export const monitoringInterContainerEncryption = resourcePolicy({
    name: "aws-sagemaker-monitoring-inter-container-encryption",
    description: "SageMaker model monitoring jobs must encrypt the traffic between their instances.",
    severity: "medium",
    guidelines: ["DEP-1", "DEV-2"],
    controls: ["ACC-A10"],
    theme: "encryption",
    resourceTypes: [DATA_QUALITY, SCHEDULE],
    remediationSteps:
        "Set `networkConfig.enableInterContainerTrafficEncryption: true` (on a monitoring schedule: in `monitoringScheduleConfig.monitoringJobDefinition.networkConfig`).",
    url: `${API}API_MonitoringNetworkConfig.html`,
    validate(r) {
        networkFlag(r, "enableInterContainerTrafficEncryption", "captured inference data crosses the network between instances in clear text");
    },
});

export const monitoringOutputKms = resourcePolicy<KmsKnobs>({
    name: "aws-sagemaker-monitoring-output-kms",
    description: "SageMaker model monitoring jobs must encrypt their reports with a customer-managed KMS key.",
    severity: "low",
    guidelines: ["DEV-2"],
    controls: ["ENC-A13"],
    theme: "encryption",
    resourceTypes: [DATA_QUALITY, SCHEDULE],
    config: kmsKnobs,
    remediationSteps:
        "Set `dataQualityJobOutputConfig.kmsKeyId` (on a monitoring schedule: `monitoringScheduleConfig.monitoringJobDefinition.monitoringOutputConfig.kmsKeyId`) to the ARN of a customer-managed KMS key.",
    url: `${API}API_MonitoringOutputConfig.html`,
    validate(r) {
        const paths = monitoringPaths(r);
        if (paths) {
            kmsKeyCheck(r, r.config, `${paths.output}.kmsKeyId`, "monitoring reports, which quote inference data, are encrypted with an AWS-managed key only");
        }
    },
});

export const monitoringVolumeKms = resourcePolicy<KmsKnobs & LocalStorageKnobs>({
    name: "aws-sagemaker-monitoring-volume-kms",
    description: "SageMaker model monitoring jobs must encrypt their instances' storage volumes with a customer-managed KMS key.",
    severity: "low",
    guidelines: ["DEV-2"],
    controls: ["ENC-A13"],
    theme: "encryption",
    resourceTypes: [DATA_QUALITY, SCHEDULE],
    config: { ...kmsKnobs, ...localStorageKnobs },
    remediationSteps:
        "Set `jobResources.clusterConfig.volumeKmsKeyId` (on a monitoring schedule: `monitoringScheduleConfig.monitoringJobDefinition.monitoringResources.clusterConfig.volumeKmsKeyId`) to the ARN of a customer-managed KMS key.",
    url: `${API}API_MonitoringClusterConfig.html`,
    validate(r) {
        const paths = monitoringPaths(r);
        if (!paths) {
            return;
        }
        const local = usesLocalStorage(r, [`${paths.cluster}.instanceType`], r.config);
        if (local) {
            r.notApplicable("the job runs on an instance type with local NVMe storage, which its hardware encrypts and for which SageMaker rejects a volume key");
        }
        if (local === false) {
            kmsKeyCheck(r, r.config, `${paths.cluster}.volumeKmsKeyId`, "captured data on the monitoring instances' volumes is encrypted with an AWS-managed key only");
        }
    },
});

export const flowDefinitionOutputKms = resourcePolicy<KmsKnobs>({
    name: "aws-sagemaker-flow-definition-output-kms",
    description: "SageMaker human review workflows (flow definitions) must encrypt reviewers' output with a customer-managed KMS key.",
    severity: "low",
    guidelines: ["DEV-2"],
    controls: ["ENC-A13"],
    theme: "encryption",
    resourceTypes: [FLOW],
    config: kmsKnobs,
    remediationSteps: "Set `outputConfig.kmsKeyId` to the ARN of a customer-managed KMS key.",
    url: `${API}API_FlowDefinitionOutputConfig.html`,
    validate(r) {
        kmsKeyCheck(r, r.config, "outputConfig.kmsKeyId", "the reviewed inputs and human answers are stored in S3 without a key you control");
    },
});

export const monitoringPolicies = [monitoringNetworkIsolation, monitoringInterContainerEncryption, monitoringOutputKms, monitoringVolumeKms, flowDefinitionOutputKms];
