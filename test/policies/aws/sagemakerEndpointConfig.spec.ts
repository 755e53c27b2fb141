import { UNKNOWN_VALUES } from "../../support/harness";
import { policyCases, usePack } from "../../support/cases";

const CONFIG = "aws:sagemaker/endpointConfiguration:EndpointConfiguration";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const variant = { variantName: "primary", modelName: "fraud", instanceType: "ml.m5.xlarge", initialInstanceCount: 2 };
const serverless = { variantName: "sl", modelName: "fraud", serverlessConfig: { maxConcurrency: 5, memorySizeInMb: 2048 } };
const capture = {
    enableCapture: true,
    initialSamplingPercentage: 100,
    destinationS3Uri: "s3://capture/fraud/",
    kmsKeyId: KEY,
    captureOptions: [{ captureMode: "InputAndOutput" }],
};

/** An endpoint configuration as a careful user's program declares it. */
const compliant = {
    kmsKeyArn: KEY,
    productionVariants: [variant],
    dataCaptureConfig: capture,
};

function cfg(changes: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...compliant, ...changes };
    for (const key of Object.keys(out)) {
        if (out[key] === undefined) {
            delete out[key];
        }
    }
    return out;
}

describe("aws: SageMaker endpoint configurations", function () {
    const pack = usePack();

    policyCases(pack, "aws-sagemaker-endpoint-config-kms", CONFIG, [
        { kind: "violating", title: "AWS-managed alias", props: cfg({ kmsKeyArn: "alias/aws/sagemaker" }), expect: "violation", message: /AWS-managed key/ },
        { kind: "compliant", title: "customer-managed key", props: compliant, expect: "pass" },
        { kind: "compliant", title: "serverless only: no volume", props: cfg({ kmsKeyArn: undefined, productionVariants: [serverless] }), expect: "not-applicable" },
        {
            kind: "compliant",
            title: "GPU instance with local NVMe storage: AWS rejects a key",
            props: cfg({ kmsKeyArn: undefined, productionVariants: [{ ...variant, instanceType: "ml.g5.2xlarge" }, serverless] }),
            expect: "not-applicable",
        },
        {
            kind: "compliant",
            title: "Trainium2 (ml.trn2) has local NVMe storage too",
            props: cfg({ kmsKeyArn: undefined, productionVariants: [{ ...variant, instanceType: "ml.trn2.48xlarge" }] }),
            expect: "not-applicable",
        },
        {
            kind: "violating",
            title: "ml.inf2 is EBS-only: a key is needed",
            props: cfg({ kmsKeyArn: undefined, productionVariants: [{ ...variant, instanceType: "ml.inf2.xlarge" }] }),
            expect: "violation",
        },
        {
            kind: "violating",
            title: "a family name is matched whole: ml.g5x is not ml.g5",
            props: cfg({ kmsKeyArn: undefined, productionVariants: [{ ...variant, instanceType: "ml.g5x.2xlarge" }] }),
            expect: "violation",
        },
        { kind: "absent", title: "no key", props: cfg({ kmsKeyArn: undefined }), expect: "violation", message: /kmsKeyArn is not set/ },
        { kind: "unknown", title: "key unknown", props: cfg({ kmsKeyArn: UNKNOWN_VALUES.string }), expect: "unknown" },
        { kind: "unknown", title: "variants unknown", props: cfg({ productionVariants: UNKNOWN_VALUES.array }), expect: "unknown" },
        {
            kind: "unknown",
            title: "instance type unknown",
            props: cfg({ kmsKeyArn: undefined, productionVariants: [{ ...variant, instanceType: UNKNOWN_VALUES.string }] }),
            expect: "unknown",
        },
        { kind: "malformed", title: "key is a number", props: cfg({ kmsKeyArn: 42 }), expect: "malformed", message: /cannot evaluate kmsKeyArn/ },
    ]);

    const async = { outputConfig: { s3OutputPath: "s3://async/out/", kmsKeyId: KEY } };
    policyCases(pack, "aws-sagemaker-endpoint-config-async-output-kms", CONFIG, [
        {
            kind: "violating",
            title: "no output key",
            props: cfg({ asyncInferenceConfig: { outputConfig: { s3OutputPath: "s3://async/out/" } } }),
            expect: "violation",
            message: /asyncInferenceConfig.outputConfig.kmsKeyId is not set/,
        },
        { kind: "compliant", title: "customer-managed key", props: cfg({ asyncInferenceConfig: async }), expect: "pass" },
        { kind: "absent", title: "no asynchronous inference", props: compliant, expect: "not-applicable" },
        {
            kind: "unknown",
            title: "key unknown",
            props: cfg({ asyncInferenceConfig: { outputConfig: { s3OutputPath: "s3://a/", kmsKeyId: UNKNOWN_VALUES.string } } }),
            expect: "unknown",
        },
        {
            kind: "malformed",
            title: "outputConfig is a string",
            props: cfg({ asyncInferenceConfig: { outputConfig: "s3://a/" } }),
            expect: "malformed",
            message: /asyncInferenceConfig.outputConfig/,
        },
    ]);

    policyCases(pack, "aws-sagemaker-endpoint-config-data-capture-kms", CONFIG, [
        {
            kind: "violating",
            title: "capture without a key",
            props: cfg({
                dataCaptureConfig: { enableCapture: true, initialSamplingPercentage: 100, destinationS3Uri: "s3://c/", captureOptions: [{ captureMode: "InputAndOutput" }] },
            }),
            expect: "violation",
            message: /dataCaptureConfig.kmsKeyId is not set/,
        },
        { kind: "compliant", title: "customer-managed key", props: compliant, expect: "pass" },
        { kind: "absent", title: "no data capture", props: cfg({ dataCaptureConfig: undefined }), expect: "not-applicable" },
        {
            kind: "absent",
            title: "capture switched off (default)",
            props: cfg({ dataCaptureConfig: { destinationS3Uri: "s3://c/", initialSamplingPercentage: 10, captureOptions: [{ captureMode: "Input" }] } }),
            expect: "not-applicable",
        },
        { kind: "unknown", title: "enableCapture unknown", props: cfg({ dataCaptureConfig: { ...capture, enableCapture: UNKNOWN_VALUES.bool } }), expect: "unknown" },
        {
            kind: "malformed",
            title: "key is a list",
            props: cfg({ dataCaptureConfig: { ...capture, kmsKeyId: [KEY] } }),
            expect: "malformed",
            message: /cannot evaluate dataCaptureConfig.kmsKeyId/,
        },
    ]);

    policyCases(pack, "aws-sagemaker-endpoint-config-data-capture", CONFIG, [
        {
            kind: "violating",
            title: "capture switched off",
            props: cfg({ dataCaptureConfig: { ...capture, enableCapture: false } }),
            expect: "violation",
            message: /enableCapture is false/,
        },
        {
            kind: "violating",
            title: "output only",
            props: cfg({ dataCaptureConfig: { ...capture, captureOptions: [{ captureMode: "Output" }] } }),
            expect: "violation",
            message: /does not capture Input/,
        },
        {
            kind: "violating",
            title: "input only (output required by default)",
            props: cfg({ dataCaptureConfig: { ...capture, captureOptions: [{ captureMode: "Input" }] } }),
            expect: "violation",
            message: /does not capture Output/,
        },
        {
            kind: "violating",
            title: "sampling 10%",
            props: cfg({ dataCaptureConfig: { ...capture, initialSamplingPercentage: 10 } }),
            expect: "violation",
            message: /initialSamplingPercentage is set below minSamplingPercentage \(100\)/,
        },
        { kind: "compliant", title: "input and output at 100%", props: compliant, expect: "pass" },
        {
            kind: "unknown",
            title: "an Output option beside an unknown one (it may capture Input)",
            props: cfg({ dataCaptureConfig: { ...capture, captureOptions: [{ captureMode: "Output" }, UNKNOWN_VALUES.object] } }),
            expect: "unknown",
        },
        {
            kind: "compliant",
            title: "Input and Output as two options",
            props: cfg({ dataCaptureConfig: { ...capture, captureOptions: [{ captureMode: "Input" }, { captureMode: "Output" }] } }),
            expect: "pass",
        },
        {
            kind: "absent",
            title: "no data capture: AWS default off",
            props: cfg({ dataCaptureConfig: undefined }),
            expect: "violation",
            message: /enableCapture is not set \(AWS default: false\)/,
        },
        { kind: "unknown", title: "sampling unknown", props: cfg({ dataCaptureConfig: { ...capture, initialSamplingPercentage: UNKNOWN_VALUES.number } }), expect: "unknown" },
        {
            kind: "malformed",
            title: "unsupported capture mode",
            props: cfg({ dataCaptureConfig: { ...capture, captureOptions: [{ captureMode: "Everything" }] } }),
            expect: "malformed",
            message: /cannot evaluate dataCaptureConfig.captureOptions\[0\]\.captureMode/,
        },
    ]);

    policyCases(pack, "aws-sagemaker-endpoint-config-no-ssm-access", CONFIG, [
        {
            kind: "violating",
            title: "SSM on the production variant",
            props: cfg({ productionVariants: [{ ...variant, enableSsmAccess: true }] }),
            expect: "violation",
            message: /productionVariants\[0\]\.enableSsmAccess is true/,
        },
        {
            kind: "violating",
            title: "SSM on a shadow variant",
            props: cfg({ shadowProductionVariants: [{ ...variant, variantName: "shadow", enableSsmAccess: true }] }),
            expect: "violation",
            message: /shadowProductionVariants\[0\]/,
        },
        { kind: "compliant", title: "explicitly off", props: cfg({ productionVariants: [{ ...variant, enableSsmAccess: false }] }), expect: "pass" },
        { kind: "absent", title: "not set: off by default", props: compliant, expect: "pass" },
        { kind: "unknown", title: "unknown", props: cfg({ productionVariants: [{ ...variant, enableSsmAccess: UNKNOWN_VALUES.bool }] }), expect: "unknown" },
        { kind: "malformed", title: "a word", props: cfg({ productionVariants: [{ ...variant, enableSsmAccess: "sometimes" }] }), expect: "malformed" },
    ]);

    policyCases(pack, "aws-sagemaker-endpoint-config-multi-instance", CONFIG, [
        {
            kind: "violating",
            title: "one instance",
            props: cfg({ productionVariants: [{ ...variant, initialInstanceCount: 1 }] }),
            expect: "violation",
            message: /below minInstanceCount \(2\)/,
        },
        { kind: "compliant", title: "two instances", props: compliant, expect: "pass" },
        { kind: "compliant", title: "serverless variants are skipped", props: cfg({ productionVariants: [serverless] }), expect: "pass" },
        {
            kind: "absent",
            title: "instance count not set",
            props: cfg({ productionVariants: [{ variantName: "v", modelName: "m", instanceType: "ml.m5.xlarge" }] }),
            expect: "violation",
            message: /initialInstanceCount is not set/,
        },
        { kind: "unknown", title: "count unknown", props: cfg({ productionVariants: [{ ...variant, initialInstanceCount: UNKNOWN_VALUES.number }] }), expect: "unknown" },
        { kind: "malformed", title: "variants is a string", props: cfg({ productionVariants: "primary" }), expect: "malformed", message: /cannot evaluate productionVariants/ },
    ]);
});
