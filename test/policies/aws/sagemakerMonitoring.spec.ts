import { UNKNOWN_VALUES } from "../../support/harness";
import { policyCases, usePack } from "../../support/cases";

const DATA_QUALITY = "aws:sagemaker/dataQualityJobDefinition:DataQualityJobDefinition";
const SCHEDULE = "aws:sagemaker/monitoringSchedule:MonitoringSchedule";
const FLOW = "aws:sagemaker/flowDefinition:FlowDefinition";
const FEATURE_GROUP = "aws:sagemaker/featureGroup:FeatureGroup";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ROLE = "arn:aws:iam::111122223333:role/monitor";

const network = { enableNetworkIsolation: true, enableInterContainerTrafficEncryption: true, vpcConfig: { subnets: ["subnet-0abc"], securityGroupIds: ["sg-0abc"] } };

/** A data quality job definition as a careful user's program declares it. */
const dataQuality = {
    roleArn: ROLE,
    dataQualityAppSpecification: { imageUri: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/monitor:1" },
    dataQualityJobInput: { endpointInput: { endpointName: "fraud", localPath: "/opt/ml/processing/input" } },
    dataQualityJobOutputConfig: { kmsKeyId: KEY, monitoringOutputs: { s3Output: { s3Uri: "s3://monitoring/fraud/" } } },
    jobResources: { clusterConfig: { instanceCount: 1, instanceType: "ml.m5.large", volumeSizeInGb: 20, volumeKmsKeyId: KEY } },
    networkConfig: network,
};

function dq(changes: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...dataQuality, ...changes };
    for (const key of Object.keys(out)) {
        if (out[key] === undefined) {
            delete out[key];
        }
    }
    return out;
}

const jobDefinition = {
    roleArn: ROLE,
    monitoringAppSpecification: { imageUri: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/monitor:1" },
    monitoringInputs: { endpointInput: { endpointName: "fraud", localPath: "/opt/ml/processing/input" } },
    monitoringOutputConfig: { kmsKeyId: KEY, monitoringOutputs: { s3Output: { s3Uri: "s3://monitoring/fraud/", localPath: "/opt/ml/processing/output" } } },
    monitoringResources: { clusterConfig: { instanceCount: 1, instanceType: "ml.m5.large", volumeSizeInGb: 20, volumeKmsKeyId: KEY } },
    networkConfig: network,
};

/** A monitoring schedule with an inline job definition. */
function schedule(changes: Record<string, unknown> = {}): Record<string, unknown> {
    const d: Record<string, unknown> = { ...jobDefinition, ...changes };
    for (const key of Object.keys(d)) {
        if (d[key] === undefined) {
            delete d[key];
        }
    }
    return { monitoringScheduleConfig: { monitoringType: "DataQuality", scheduleConfig: { scheduleExpression: "cron(0 * ? * * *)" }, monitoringJobDefinition: d } };
}

function omit(o: Record<string, unknown>, key: string): Record<string, unknown> {
    const copy = { ...o };
    delete copy[key];
    return copy;
}

/** A schedule that runs a separately declared job definition. */
const byName = { monitoringScheduleConfig: { monitoringType: "DataQuality", monitoringJobDefinitionName: "fraud-dq" } };

describe("aws: SageMaker model monitoring, human review and feature groups", function () {
    const pack = usePack();

    policyCases(pack, "aws-sagemaker-monitoring-network-isolation", DATA_QUALITY, [
        {
            kind: "violating",
            title: "false",
            props: dq({ networkConfig: { ...network, enableNetworkIsolation: false } }),
            expect: "violation",
            message: /networkConfig.enableNetworkIsolation is false/,
        },
        {
            kind: "violating",
            title: "schedule with an inline job without isolation",
            type: SCHEDULE,
            props: schedule({ networkConfig: { enableInterContainerTrafficEncryption: true } }),
            expect: "violation",
            message: /monitoringJobDefinition.networkConfig.enableNetworkIsolation is not set/,
        },
        { kind: "compliant", title: "true", props: dataQuality, expect: "pass" },
        { kind: "compliant", title: "schedule", type: SCHEDULE, props: schedule(), expect: "pass" },
        { kind: "compliant", title: "schedule of a named job definition", type: SCHEDULE, props: byName, expect: "not-applicable" },
        { kind: "absent", title: "no networkConfig: AWS default false", props: dq({ networkConfig: undefined }), expect: "violation", message: /AWS default: false/ },
        { kind: "unknown", title: "unknown", props: dq({ networkConfig: { ...network, enableNetworkIsolation: UNKNOWN_VALUES.bool } }), expect: "unknown" },
        {
            kind: "unknown",
            title: "schedule's job definition unknown",
            type: SCHEDULE,
            props: { monitoringScheduleConfig: { monitoringType: "DataQuality", monitoringJobDefinition: UNKNOWN_VALUES.object } },
            expect: "unknown",
        },
        {
            kind: "malformed",
            title: "a number",
            props: dq({ networkConfig: { ...network, enableNetworkIsolation: 0 } }),
            expect: "malformed",
            message: /cannot evaluate networkConfig.enableNetworkIsolation/,
        },
    ]);

    policyCases(pack, "aws-sagemaker-monitoring-inter-container-encryption", DATA_QUALITY, [
        {
            kind: "violating",
            title: "false",
            props: dq({ networkConfig: { ...network, enableInterContainerTrafficEncryption: false } }),
            expect: "violation",
            message: /enableInterContainerTrafficEncryption is false/,
        },
        { kind: "violating", title: "schedule without it", type: SCHEDULE, props: schedule({ networkConfig: { enableNetworkIsolation: true } }), expect: "violation" },
        { kind: "compliant", title: "true", props: dataQuality, expect: "pass" },
        { kind: "absent", title: "no networkConfig: AWS default false", props: dq({ networkConfig: undefined }), expect: "violation", message: /AWS default: false/ },
        {
            kind: "unknown",
            title: "unknown",
            type: SCHEDULE,
            props: schedule({ networkConfig: { enableNetworkIsolation: true, enableInterContainerTrafficEncryption: UNKNOWN_VALUES.bool } }),
            expect: "unknown",
        },
        { kind: "malformed", title: "networkConfig is a string", props: dq({ networkConfig: "isolated" }), expect: "malformed", message: /networkConfig/ },
    ]);

    policyCases(pack, "aws-sagemaker-monitoring-output-kms", DATA_QUALITY, [
        {
            kind: "violating",
            title: "AWS-managed alias",
            props: dq({ dataQualityJobOutputConfig: { kmsKeyId: "alias/aws/s3", monitoringOutputs: {} } }),
            expect: "violation",
            message: /AWS-managed key/,
        },
        { kind: "compliant", title: "customer-managed key", props: dataQuality, expect: "pass" },
        { kind: "compliant", title: "schedule", type: SCHEDULE, props: schedule(), expect: "pass" },
        {
            kind: "absent",
            title: "no key",
            props: dq({ dataQualityJobOutputConfig: { monitoringOutputs: {} } }),
            expect: "violation",
            message: /dataQualityJobOutputConfig.kmsKeyId is not set/,
        },
        {
            kind: "absent",
            title: "schedule without a key",
            type: SCHEDULE,
            props: schedule({ monitoringOutputConfig: { monitoringOutputs: {} } }),
            expect: "violation",
            message: /monitoringOutputConfig.kmsKeyId is not set/,
        },
        { kind: "unknown", title: "unknown", props: dq({ dataQualityJobOutputConfig: { kmsKeyId: UNKNOWN_VALUES.string } }), expect: "unknown" },
        { kind: "malformed", title: "a number", props: dq({ dataQualityJobOutputConfig: { kmsKeyId: 5 } }), expect: "malformed" },
    ]);

    policyCases(pack, "aws-sagemaker-monitoring-volume-kms", DATA_QUALITY, [
        {
            kind: "violating",
            title: "AWS-managed alias",
            props: dq({ jobResources: { clusterConfig: { instanceCount: 1, volumeKmsKeyId: "alias/aws/ebs" } } }),
            expect: "violation",
            message: /AWS-managed key/,
        },
        { kind: "compliant", title: "customer-managed key", props: dataQuality, expect: "pass" },
        {
            kind: "absent",
            title: "no key",
            props: dq({ jobResources: { clusterConfig: { instanceCount: 1 } } }),
            expect: "violation",
            message: /jobResources.clusterConfig.volumeKmsKeyId is not set/,
        },
        {
            kind: "compliant",
            title: "local NVMe storage takes no key",
            props: dq({ jobResources: { clusterConfig: { instanceCount: 1, instanceType: "ml.m5d.large", volumeSizeInGb: 20 } } }),
            expect: "not-applicable",
        },
        { kind: "absent", title: "schedule without a key", type: SCHEDULE, props: schedule({ monitoringResources: { clusterConfig: { instanceCount: 1 } } }), expect: "violation" },
        {
            kind: "unknown",
            title: "unknown",
            type: SCHEDULE,
            props: schedule({ monitoringResources: { clusterConfig: { volumeKmsKeyId: UNKNOWN_VALUES.string } } }),
            expect: "unknown",
        },
        {
            kind: "malformed",
            title: "clusterConfig is a list",
            props: dq({ jobResources: { clusterConfig: "ml.m5.large" } }),
            expect: "malformed",
            message: /jobResources.clusterConfig/,
        },
    ]);

    const flow = {
        flowDefinitionName: "review",
        roleArn: ROLE,
        humanLoopConfig: {
            humanTaskUiArn: "arn:aws:sagemaker:eu-west-1:111122223333:human-task-ui/x",
            taskCount: 1,
            taskDescription: "d",
            taskTitle: "t",
            workteamArn: "arn:aws:sagemaker:eu-west-1:111122223333:workteam/private-crowd/x",
        },
        outputConfig: { s3OutputPath: "s3://reviews/", kmsKeyId: KEY },
    };
    policyCases(pack, "aws-sagemaker-flow-definition-output-kms", FLOW, [
        { kind: "violating", title: "AWS-managed alias", props: { ...flow, outputConfig: { s3OutputPath: "s3://reviews/", kmsKeyId: "alias/aws/s3" } }, expect: "violation" },
        { kind: "compliant", title: "customer-managed key", props: flow, expect: "pass" },
        { kind: "absent", title: "no key", props: { ...flow, outputConfig: { s3OutputPath: "s3://reviews/" } }, expect: "violation", message: /outputConfig.kmsKeyId is not set/ },
        { kind: "unknown", title: "unknown", props: { ...flow, outputConfig: { s3OutputPath: "s3://reviews/", kmsKeyId: UNKNOWN_VALUES.string } }, expect: "unknown" },
        { kind: "malformed", title: "outputConfig is a string", props: { ...flow, outputConfig: "s3://reviews/" }, expect: "malformed", message: /outputConfig/ },
    ]);

    const featureGroup = {
        featureGroupName: "customers",
        recordIdentifierFeatureName: "id",
        eventTimeFeatureName: "ts",
        roleArn: ROLE,
        featureDefinitions: [
            { featureName: "id", featureType: "String" },
            { featureName: "ts", featureType: "Fractional" },
        ],
        offlineStoreConfig: { s3StorageConfig: { s3Uri: "s3://features/", kmsKeyId: KEY } },
        onlineStoreConfig: { enableOnlineStore: true, securityConfig: { kmsKeyId: KEY } },
    };
    policyCases(pack, "aws-sagemaker-feature-group-offline-store-kms", FEATURE_GROUP, [
        {
            kind: "violating",
            title: "AWS-managed alias",
            props: { ...featureGroup, offlineStoreConfig: { s3StorageConfig: { s3Uri: "s3://f/", kmsKeyId: "alias/aws/s3" } } },
            expect: "violation",
        },
        { kind: "compliant", title: "customer-managed key", props: featureGroup, expect: "pass" },
        { kind: "compliant", title: "online store only", props: omit(featureGroup, "offlineStoreConfig"), expect: "not-applicable" },
        {
            kind: "absent",
            title: "no key",
            props: { ...featureGroup, offlineStoreConfig: { s3StorageConfig: { s3Uri: "s3://f/" } } },
            expect: "violation",
            message: /offlineStoreConfig.s3StorageConfig.kmsKeyId is not set/,
        },
        {
            kind: "unknown",
            title: "unknown",
            props: { ...featureGroup, offlineStoreConfig: { s3StorageConfig: { s3Uri: "s3://f/", kmsKeyId: UNKNOWN_VALUES.string } } },
            expect: "unknown",
        },
        {
            kind: "malformed",
            title: "s3StorageConfig is a string",
            props: { ...featureGroup, offlineStoreConfig: { s3StorageConfig: "s3://f/" } },
            expect: "malformed",
            message: /s3StorageConfig/,
        },
    ]);

    policyCases(pack, "aws-sagemaker-feature-group-online-store-kms", FEATURE_GROUP, [
        {
            kind: "violating",
            title: "online store without a key",
            props: { ...featureGroup, onlineStoreConfig: { enableOnlineStore: true } },
            expect: "violation",
            message: /onlineStoreConfig.securityConfig.kmsKeyId is not set/,
        },
        { kind: "compliant", title: "customer-managed key", props: featureGroup, expect: "pass" },
        {
            kind: "compliant",
            title: "InMemory store takes no key",
            props: { ...featureGroup, onlineStoreConfig: { enableOnlineStore: true, storageType: "InMemory" } },
            expect: "not-applicable",
        },
        { kind: "absent", title: "no online store: AWS default off", props: omit(featureGroup, "onlineStoreConfig"), expect: "not-applicable" },
        { kind: "unknown", title: "enableOnlineStore unknown", props: { ...featureGroup, onlineStoreConfig: { enableOnlineStore: UNKNOWN_VALUES.bool } }, expect: "unknown" },
        {
            kind: "malformed",
            title: "unsupported storage type",
            props: { ...featureGroup, onlineStoreConfig: { enableOnlineStore: true, storageType: "Disk" } },
            expect: "malformed",
            message: /cannot evaluate onlineStoreConfig.storageType/,
        },
    ]);
});
