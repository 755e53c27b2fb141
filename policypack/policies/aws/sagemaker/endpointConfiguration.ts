/**
 * SageMaker endpoint configurations: how a model is served. Storage volumes, asynchronous
 * inference results and captured requests are encrypted with customer-managed keys; requests are
 * captured for audit; nobody gets a shell on the hosting instances; production variants run on
 * more than one instance.
 */
import type { Section } from "../../../lib/check";
import { resourcePolicy } from "../../../lib/policy";
import { kmsKeyCheck, KmsKnobs, kmsKnobs } from "../common";
import { API, DOCS, localStorageKnobs, LocalStorageKnobs, usesLocalStorage } from "./util";

const ENDPOINT_CONFIG = "aws:sagemaker/endpointConfiguration:EndpointConfiguration";

/**
 * Why the endpoint configuration takes no volume key (serverless variants have no volume; local
 * NVMe storage is encrypted in hardware and SageMaker rejects a key), or "" when it needs one;
 * undefined when the variants cannot be read yet.
 */
function noVolumeKey(r: Section, config: Readonly<LocalStorageKnobs>): string | undefined {
    const local = r.some("productionVariants", (v) => {
        const serverless = v.isSet("serverlessConfig");
        return serverless === undefined ? undefined : !serverless && usesLocalStorage(v, ["instanceType"], config);
    });
    if (local !== false) {
        return local && "a production variant runs on an instance type with local NVMe storage, which its hardware encrypts and for which SageMaker rejects kmsKeyArn";
    }
    // Every variant is known here: does any run on instances?
    const onInstances = r.some("productionVariants", (v) => v.isSet("serverlessConfig") === false);
    return onInstances === false && r.isSet("productionVariants") === true ? "serverless variants have no storage volume to encrypt with kmsKeyArn" : "";
}

export const endpointConfigKms = resourcePolicy<KmsKnobs & LocalStorageKnobs>({
    name: "aws-sagemaker-endpoint-config-kms",
    description: "SageMaker endpoint configurations must encrypt the hosting instances' storage volumes with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2", "DEP-2"],
    controls: ["ENC-A09"],
    theme: "encryption",
    resourceTypes: [ENDPOINT_CONFIG],
    config: { ...kmsKnobs, ...localStorageKnobs },
    remediationSteps: "Set `kmsKeyArn` to the ARN of a customer-managed KMS key.",
    url: `${API}API_CreateEndpointConfig.html#sagemaker-CreateEndpointConfig-request-KmsKeyId`,
    validate(r) {
        const reason = noVolumeKey(r, r.config);
        if (reason === undefined) {
            return;
        }
        if (reason !== "") {
            r.notApplicable(reason);
        }
        kmsKeyCheck(r, r.config, "kmsKeyArn", "the model artefacts on the hosting instances' volumes are encrypted with an AWS-managed key only");
    },
});

export const endpointConfigAsyncOutputKms = resourcePolicy<KmsKnobs>({
    name: "aws-sagemaker-endpoint-config-async-output-kms",
    description: "SageMaker asynchronous inference must encrypt its results in S3 with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2", "DEP-2"],
    controls: ["ENC-A09"],
    theme: "encryption",
    resourceTypes: [ENDPOINT_CONFIG],
    config: kmsKnobs,
    remediationSteps: "Set `asyncInferenceConfig.outputConfig.kmsKeyId` to the ARN of a customer-managed KMS key.",
    url: `${API}API_AsyncInferenceOutputConfig.html`,
    validate(r) {
        const async = r.isSet("asyncInferenceConfig");
        if (async === false) {
            r.notApplicable("the endpoint configuration has no asyncInferenceConfig");
        }
        if (async) {
            kmsKeyCheck(r, r.config, "asyncInferenceConfig.outputConfig.kmsKeyId", "inference results are written to S3 without a key you control");
        }
    },
});

/** True when data capture is switched on (undefined when unknown). */
function captureEnabled(r: Section): boolean | undefined {
    const set = r.isSet("dataCaptureConfig");
    if (!set) {
        return set;
    }
    return r.boolean("dataCaptureConfig.enableCapture", { absent: false })?.value;
}

export const endpointConfigDataCaptureKms = resourcePolicy<KmsKnobs>({
    name: "aws-sagemaker-endpoint-config-data-capture-kms",
    description: "SageMaker endpoint data capture must encrypt captured requests and responses with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2", "DEP-2"],
    controls: ["ENC-A09"],
    theme: "encryption",
    resourceTypes: [ENDPOINT_CONFIG],
    config: kmsKnobs,
    remediationSteps: "Set `dataCaptureConfig.kmsKeyId` to the ARN of a customer-managed KMS key.",
    url: `${API}API_DataCaptureConfig.html`,
    validate(r) {
        const enabled = captureEnabled(r);
        if (enabled === false) {
            r.notApplicable("the endpoint configuration does not capture data");
        }
        if (enabled) {
            kmsKeyCheck(r, r.config, "dataCaptureConfig.kmsKeyId", "captured prompts and predictions, often personal data, are stored without a key you control");
        }
    },
});

interface CaptureKnobs {
    minSamplingPercentage: number;
    requireOutputCapture: boolean;
}

export const endpointConfigDataCapture = resourcePolicy<CaptureKnobs>({
    name: "aws-sagemaker-endpoint-config-data-capture",
    description: "SageMaker endpoint configurations must capture inference requests (and responses) for monitoring and investigation.",
    severity: "medium",
    guidelines: ["OPS-2", "OPS-1"],
    controls: ["LOG-A10"],
    theme: "logging",
    resourceTypes: [ENDPOINT_CONFIG],
    config: {
        minSamplingPercentage: {
            type: "number",
            minimum: 0,
            maximum: 100,
            default: 100,
            description: "Lowest acceptable dataCaptureConfig.initialSamplingPercentage (percent of requests captured).",
        },
        requireOutputCapture: {
            type: "boolean",
            default: true,
            description: "Also require responses to be captured (captureMode InputAndOutput, or both Input and Output).",
        },
    },
    remediationSteps:
        'Set `dataCaptureConfig: { enableCapture: true, initialSamplingPercentage: 100, destinationS3Uri: "s3://...", captureOptions: [{ captureMode: "InputAndOutput" }], kmsKeyId: <key ARN> }`.',
    url: `${DOCS}model-monitor-data-capture.html`,
    validate(r) {
        const enabled = r.boolean("dataCaptureConfig.enableCapture", { absent: false });
        if (!enabled) {
            return;
        }
        if (enabled.value === false) {
            r.violation(`${enabled.text}: inputs to the model are not recorded, so abuse, drift and incidents cannot be investigated. Enable data capture.`);
            return;
        }
        const captures = (what: "Input" | "Output") =>
            r.some("dataCaptureConfig.captureOptions", (o) => {
                const mode = o.enum("captureMode", ["Input", "Output", "InputAndOutput"]);
                return mode === undefined ? undefined : mode.value === what || mode.value === "InputAndOutput";
            });
        if (captures("Input") === false) {
            r.violation('dataCaptureConfig.captureOptions does not capture Input: the requests sent to the model are not recorded. Use captureMode "InputAndOutput".');
        }
        if (r.config.requireOutputCapture && captures("Output") === false) {
            r.violation('dataCaptureConfig.captureOptions does not capture Output: what the model answered is not recorded. Use captureMode "InputAndOutput".');
        }
        const sampling = r.number("dataCaptureConfig.initialSamplingPercentage");
        if (sampling && (sampling.value === undefined || sampling.value < r.config.minSamplingPercentage)) {
            const what = sampling.absent ? sampling.text : `${sampling.text} below minSamplingPercentage (${r.config.minSamplingPercentage})`;
            r.violation(`${what}: requests that are not sampled leave no trace. Set it to at least ${r.config.minSamplingPercentage}.`);
        }
    },
});

export const endpointConfigNoSsmAccess = resourcePolicy({
    name: "aws-sagemaker-endpoint-config-no-ssm-access",
    description: "SageMaker endpoint configurations must not enable SSM shell access to the hosting containers.",
    severity: "medium",
    guidelines: ["DEP-1", "DEP-2"],
    controls: ["ACC-A11"],
    theme: "access",
    resourceTypes: [ENDPOINT_CONFIG],
    remediationSteps: "Remove `enableSsmAccess` (or set it to false) in every `productionVariants[]` and `shadowProductionVariants[]` element.",
    url: `${API}API_ProductionVariant.html#sagemaker-Type-ProductionVariant-EnableSSMAccess`,
    validate(r) {
        for (const v of [...(r.list("productionVariants") ?? []), ...(r.list("shadowProductionVariants") ?? [])]) {
            const ssm = v.boolean("enableSsmAccess", { absent: false });
            if (ssm?.value === true) {
                r.violation(`${ssm.text}: anyone allowed to start an SSM session gets a shell next to the model weights and the requests. Set it to false.`);
            }
        }
    },
    remediate(r) {
        for (const list of ["productionVariants", "shadowProductionVariants"]) {
            r.ensureEach(list, "enableSsmAccess", false, (v) => v !== true);
        }
    },
});

export const endpointConfigMultiInstance = resourcePolicy<{ minInstanceCount: number }>({
    name: "aws-sagemaker-endpoint-config-multi-instance",
    description: "SageMaker production variants must start on more than one instance, so that one failure does not take the endpoint down.",
    severity: "medium",
    guidelines: ["DEP-3", "DEP-1"],
    controls: ["RES-A01"],
    theme: "resilience",
    resourceTypes: [ENDPOINT_CONFIG],
    config: {
        minInstanceCount: {
            type: "integer",
            minimum: 1,
            default: 2,
            description: "Lowest acceptable productionVariants[].initialInstanceCount for instance-based variants.",
        },
    },
    remediationSteps: "Set `initialInstanceCount: 2` (or more) on each instance-based production variant; SageMaker spreads the instances across Availability Zones.",
    url: "https://docs.aws.amazon.com/securityhub/latest/userguide/sagemaker-controls.html#sagemaker-4",
    validate(r) {
        for (const v of r.list("productionVariants") ?? []) {
            const serverless = v.isSet("serverlessConfig");
            if (serverless !== false) {
                continue; // serverless variants scale on their own; unknown is recorded
            }
            const count = v.number("initialInstanceCount");
            if (count && (count.value === undefined || count.value < r.config.minInstanceCount)) {
                const what = count.absent ? count.text : `${count.text} below minInstanceCount (${r.config.minInstanceCount})`;
                r.violation(`${what}: a single instance failing or being patched takes the endpoint down. Set it to at least ${r.config.minInstanceCount}.`);
            }
        }
    },
});

export const endpointConfigurationPolicies = [
    endpointConfigKms,
    endpointConfigAsyncOutputKms,
    endpointConfigDataCaptureKms,
    endpointConfigDataCapture,
    endpointConfigNoSsmAccess,
    endpointConfigMultiInstance,
];
