import * as assert from "assert";
import { UNKNOWN_VALUES } from "../../support/harness";
import { policyCases, usePack } from "../../support/cases";

const TRAIL = "aws:cloudtrail/trail:Trail";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ACCOUNT = "111122223333";
const KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/** An organisation's audit trail as a careful program declares it. */
const trail = {
    name: "audit",
    s3BucketName: "acme-audit-logs",
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    enableLogFileValidation: true,
    enableLogging: true,
    kmsKeyId: KEY_ARN,
    cloudWatchLogsGroupArn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:cloudtrail:*`,
    cloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/cloudtrail-to-cloudwatch`,
    eventSelectors: [{ readWriteType: "All", includeManagementEvents: true, dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3:::acme-training-data/"] }] }],
};
function without(o: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
    const copy = { ...o };
    for (const k of keys) delete copy[k];
    return copy;
}

describe("aws: CloudTrail", function () {
    const pack = usePack();

    policyCases(pack, "aws-cloudtrail-multi-region", TRAIL, [
        { kind: "violating", title: "single-region", props: { ...trail, isMultiRegionTrail: false }, expect: "violation", message: /isMultiRegionTrail is false/ },
        {
            kind: "violating",
            title: "global service events excluded",
            props: { ...trail, includeGlobalServiceEvents: false },
            expect: "violation",
            message: /includeGlobalServiceEvents is false/,
        },
        { kind: "compliant", title: "multi-region", props: trail, expect: "pass" },
        {
            kind: "absent",
            title: "not set: AWS default false",
            props: without(trail, "isMultiRegionTrail", "includeGlobalServiceEvents"),
            expect: "violation",
            message: /isMultiRegionTrail is not set \(AWS default: false\)/,
        },
        { kind: "unknown", title: "unknown", props: { ...trail, isMultiRegionTrail: UNKNOWN_VALUES.bool }, expect: "unknown" },
        { kind: "malformed", title: "a string", props: { ...trail, isMultiRegionTrail: "everywhere" }, expect: "malformed" },
    ]);

    policyCases(pack, "aws-cloudtrail-management-events", TRAIL, [
        {
            kind: "violating",
            title: "management events off",
            props: { ...trail, eventSelectors: [{ includeManagementEvents: false, dataResources: [] }] },
            expect: "violation",
            message: /eventSelectors\[0\]\.includeManagementEvents is false/,
        },
        {
            kind: "violating",
            title: "KMS events excluded",
            props: { ...trail, eventSelectors: [{ includeManagementEvents: true, excludeManagementEventSources: ["kms.amazonaws.com"] }] },
            expect: "violation",
            message: /excludeManagementEventSources/,
        },
        {
            kind: "violating",
            title: "write-only",
            props: { ...trail, eventSelectors: [{ readWriteType: "WriteOnly" }] },
            expect: "violation",
            message: /readWriteType is "WriteOnly"/,
        },
        {
            kind: "violating",
            title: "advanced selectors for data events only",
            props: {
                ...without(trail, "eventSelectors"),
                advancedEventSelectors: [
                    {
                        name: "S3 data",
                        fieldSelectors: [
                            { field: "eventCategory", equals: ["Data"] },
                            { field: "resources.type", equals: ["AWS::S3::Object"] },
                        ],
                    },
                ],
            },
            expect: "violation",
            message: /no selector with eventCategory "Management"/,
        },
        { kind: "compliant", title: "all management events plus data events", props: trail, expect: "pass" },
        {
            kind: "compliant",
            title: "advanced selectors with a management selector",
            props: {
                ...without(trail, "eventSelectors"),
                advancedEventSelectors: [
                    { name: "Management", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
                    {
                        name: "Bedrock data",
                        fieldSelectors: [
                            { field: "eventCategory", equals: ["Data"] },
                            { field: "resources.type", equals: ["AWS::Bedrock::Model"] },
                        ],
                    },
                ],
            },
            expect: "pass",
        },
        {
            kind: "unknown",
            title: "advanced selector field unknown",
            props: { ...without(trail, "eventSelectors"), advancedEventSelectors: [{ fieldSelectors: [{ field: UNKNOWN_VALUES.string, equals: ["Management"] }] }] },
            expect: "unknown",
        },
        {
            kind: "unknown",
            title: "an unknown advanced selector beside known ones without management events",
            props: { ...without(trail, "eventSelectors"), advancedEventSelectors: [{ fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }] }, UNKNOWN_VALUES.object] },
            expect: "unknown",
        },
        {
            kind: "unknown",
            title: "an unknown value beside known ones in equals",
            props: { ...without(trail, "eventSelectors"), advancedEventSelectors: [{ fieldSelectors: [{ field: "eventCategory", equals: ["Data", UNKNOWN_VALUES.string] }] }] },
            expect: "unknown",
        },
        {
            kind: "compliant",
            title: "a known management selector beside an unknown one settles it",
            props: {
                ...without(trail, "eventSelectors"),
                advancedEventSelectors: [UNKNOWN_VALUES.object, { fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] }],
            },
            expect: "pass",
        },
        { kind: "absent", title: "no event selectors: AWS records all management events", props: without(trail, "eventSelectors"), expect: "pass" },
        { kind: "absent", title: "a selector with defaults", props: { ...trail, eventSelectors: [{ dataResources: [] }] }, expect: "pass" },
        { kind: "unknown", title: "selectors unknown", props: { ...trail, eventSelectors: UNKNOWN_VALUES.array }, expect: "unknown" },
        { kind: "malformed", title: "includeManagementEvents is a string", props: { ...trail, eventSelectors: [{ includeManagementEvents: "some" }] }, expect: "malformed" },
    ]);

    policyCases(pack, "aws-cloudtrail-log-file-validation", TRAIL, [
        { kind: "violating", title: "off", props: { ...trail, enableLogFileValidation: false }, expect: "violation", message: /enableLogFileValidation is false/ },
        { kind: "compliant", title: "on", props: trail, expect: "pass" },
        { kind: "absent", title: "not set: AWS default false", props: without(trail, "enableLogFileValidation"), expect: "violation", message: /AWS default: false/ },
        { kind: "unknown", title: "unknown", props: { ...trail, enableLogFileValidation: UNKNOWN_VALUES.bool }, expect: "unknown" },
        { kind: "malformed", title: "a number", props: { ...trail, enableLogFileValidation: 0 }, expect: "malformed" },
    ]);

    policyCases(pack, "aws-cloudtrail-kms", TRAIL, [
        { kind: "violating", title: "AWS-managed alias", props: { ...trail, kmsKeyId: "alias/aws/cloudtrail" }, expect: "violation", message: /AWS-managed key/ },
        { kind: "compliant", title: "customer-managed key", props: trail, expect: "pass" },
        { kind: "absent", title: "no key", props: without(trail, "kmsKeyId"), expect: "violation", message: /kmsKeyId is not set/ },
        { kind: "unknown", title: "key from another resource", props: { ...trail, kmsKeyId: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "a list", props: { ...trail, kmsKeyId: [KEY_ARN] }, expect: "malformed" },
    ]);

    policyCases(pack, "aws-cloudtrail-logging-on", TRAIL, [
        { kind: "violating", title: "logging off", props: { ...trail, enableLogging: false }, expect: "violation", message: /enableLogging is false/ },
        { kind: "compliant", title: "logging on", props: trail, expect: "pass" },
        { kind: "absent", title: "not set: AWS default true", props: without(trail, "enableLogging"), expect: "pass" },
        { kind: "unknown", title: "unknown", props: { ...trail, enableLogging: UNKNOWN_VALUES.bool }, expect: "unknown" },
        { kind: "malformed", title: "an object", props: { ...trail, enableLogging: {} }, expect: "malformed" },
    ]);

    policyCases(pack, "aws-cloudtrail-cloudwatch-logs", TRAIL, [
        { kind: "violating", title: "no role", props: without(trail, "cloudWatchLogsRoleArn"), expect: "violation", message: /cloudWatchLogsRoleArn is not set/ },
        { kind: "compliant", title: "group and role", props: trail, expect: "pass" },
        { kind: "absent", title: "neither set", props: without(trail, "cloudWatchLogsGroupArn", "cloudWatchLogsRoleArn"), expect: "violation" },
        { kind: "unknown", title: "group ARN computed from the program's log group: set", props: { ...trail, cloudWatchLogsGroupArn: UNKNOWN_VALUES.string }, expect: "pass" },
        {
            kind: "unknown",
            title: "group ARN computed, role absent: still a violation",
            props: without({ ...trail, cloudWatchLogsGroupArn: UNKNOWN_VALUES.string }, "cloudWatchLogsRoleArn"),
            expect: "violation",
        },
        { kind: "malformed", title: "group ARN is a number", props: { ...trail, cloudWatchLogsGroupArn: 3 }, expect: "malformed" },
    ]);
});

describe("aws: CloudWatch log groups", function () {
    const pack = usePack();
    /** The log group of a Bedrock invocation log, as a careful program declares it. */
    const group = { name: "/aws/bedrock/invocations", kmsKeyId: KEY_ARN, retentionInDays: 400, deletionProtectionEnabled: true, tags: { "ai-workload": "inference-logs" } };
    const untagged = { name: "/app/web", retentionInDays: 7 };

    policyCases(pack, "aws-cloudwatch-log-group-kms", LOG_GROUP, [
        { kind: "violating", title: "AWS-managed alias", props: { ...group, kmsKeyId: "alias/aws/logs" }, expect: "violation" },
        { kind: "compliant", title: "customer-managed key", props: group, expect: "pass" },
        { kind: "compliant", title: "untagged groups are out of scope", props: untagged, expect: "not-applicable" },
        { kind: "absent", title: "no key", props: without(group, "kmsKeyId"), expect: "violation", message: /kmsKeyId is not set: prompts and inference logs/ },
        { kind: "unknown", title: "key unknown", props: { ...group, kmsKeyId: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "unknown", title: "tags unknown", props: { ...without(group, "kmsKeyId"), name: "/acme/inference", tags: UNKNOWN_VALUES.object }, expect: "unknown" },
        { kind: "malformed", title: "key is a boolean", props: { ...group, kmsKeyId: true }, expect: "malformed" },
        {
            kind: "violating",
            title: "an untagged SageMaker endpoint log group (by name)",
            props: { name: "/aws/sagemaker/Endpoints/fraud-model", retentionInDays: 400 },
            expect: "violation",
            message: /kmsKeyId is not set/,
        },
        { kind: "violating", title: "an untagged AgentCore log group (by namePrefix)", props: { namePrefix: "/aws/bedrock-agentcore/runtimes/" }, expect: "violation" },
        { kind: "unknown", title: "name unknown on an untagged group", props: { name: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "name is a number on an untagged group", props: { name: 7 }, expect: "malformed" },
    ]);

    policyCases(pack, "aws-cloudwatch-log-group-retention", LOG_GROUP, [
        {
            kind: "violating",
            title: "30 days",
            props: { ...group, retentionInDays: 30 },
            expect: "violation",
            message: /retentionInDays is set to fewer days than the minimum of 365/,
        },
        { kind: "violating", title: "DELIVERY class", props: { ...group, logGroupClass: "DELIVERY" }, expect: "violation", message: /DELIVERY/ },
        { kind: "compliant", title: "400 days", props: group, expect: "pass" },
        { kind: "compliant", title: "0: never expire", props: { ...group, retentionInDays: 0 }, expect: "pass" },
        { kind: "compliant", title: "untagged groups are out of scope", props: untagged, expect: "not-applicable" },
        { kind: "absent", title: "not set: AWS keeps events forever", props: without(group, "retentionInDays"), expect: "pass" },
        { kind: "unknown", title: "unknown", props: { ...group, retentionInDays: UNKNOWN_VALUES.number }, expect: "unknown" },
        { kind: "malformed", title: "a word", props: { ...group, retentionInDays: "a year" }, expect: "malformed" },
        { kind: "malformed", title: "negative", props: { ...group, retentionInDays: -1 }, expect: "malformed" },
    ]);

    describe("with a shorter minimum and every log group", () => {
        const custom = usePack({ "aws-cloudwatch-log-group-retention": { minimumRetentionDays: 90, allDataStores: true } });
        policyCases(custom, "aws-cloudwatch-log-group-retention", LOG_GROUP, [
            { kind: "compliant", title: "90 days", props: { ...group, retentionInDays: 90 }, expect: "pass" },
            { kind: "violating", title: "an untagged group with 7 days", props: untagged, expect: "violation", message: /minimum of 90/ },
        ]);
    });

    policyCases(pack, "aws-cloudwatch-log-group-deletion-protection", LOG_GROUP, [
        { kind: "violating", title: "off", props: { ...group, deletionProtectionEnabled: false }, expect: "violation", message: /deletionProtectionEnabled is false/ },
        { kind: "compliant", title: "on", props: group, expect: "pass" },
        { kind: "compliant", title: "untagged groups are out of scope", props: untagged, expect: "not-applicable" },
        { kind: "absent", title: "not set: AWS default false", props: without(group, "deletionProtectionEnabled"), expect: "violation", message: /AWS default: false/ },
        { kind: "unknown", title: "unknown", props: { ...group, deletionProtectionEnabled: UNKNOWN_VALUES.bool }, expect: "unknown" },
        { kind: "malformed", title: "a number", props: { ...group, deletionProtectionEnabled: 1 }, expect: "malformed" },
    ]);

    describe("remediation scope (the general proofs are in platformRemediation.spec.ts)", () => {
        const fixing = usePack({ "aws-cloudwatch-log-group-deletion-protection": "remediate" });
        async function fix(props: Record<string, unknown>) {
            const all = await fixing().remediate({ type: LOG_GROUP, name: "g", properties: props });
            return all.find((x) => x.policyName === "aws-cloudwatch-log-group-deletion-protection" && x.properties)?.properties;
        }
        it("leaves other untagged log groups alone, but fixes AI service log groups found by name", async () => {
            assert.strictEqual(await fix(untagged), undefined);
            assert.strictEqual((await fix({ name: "/aws/sagemaker/TrainingJobs" }))?.deletionProtectionEnabled, true);
        });
    });
});
