/**
 * CloudTrail is the audit record of who changed, read or invoked AI resources (model updates,
 * endpoint changes, Bedrock calls). Every trail is judged: a trail that is off, single-region,
 * unencrypted or unvalidated weakens incident investigation whatever it watches.
 */
import { resourcePolicy } from "../../../lib/policy";
import { kmsKeyCheck, KmsKnobs, kmsKnobs } from "../common";

const TRAIL = "aws:cloudtrail/trail:Trail";
const DOCS = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/";

export const cloudtrailMultiRegion = resourcePolicy({
    name: "aws-cloudtrail-multi-region",
    description: "CloudTrail trails must record events in every region, including global service events.",
    severity: "high",
    guidelines: ["DEP-3"],
    controls: ["LOG-A02"],
    theme: "logging",
    resourceTypes: [TRAIL],
    remediationSteps: "Set `isMultiRegionTrail: true` and leave `includeGlobalServiceEvents` at its default (true).",
    url: `${DOCS}receive-cloudtrail-log-files-from-multiple-regions.html`,
    validate(r) {
        const multi = r.boolean("isMultiRegionTrail", { absent: false });
        if (multi?.value === false) {
            r.violation(`${multi.text}: AI resources or attacker activity in other regions go unrecorded. Set it to true.`);
        }
        const global = r.boolean("includeGlobalServiceEvents", { absent: true });
        if (global?.value === false) {
            r.violation(`${global.text}: IAM and STS events (role and policy changes, role assumption) go unrecorded. Set it to true.`);
        }
    },
});

export const cloudtrailManagementEvents = resourcePolicy({
    name: "aws-cloudtrail-management-events",
    description: "CloudTrail event selectors must not exclude management events.",
    severity: "high",
    guidelines: ["DEP-3"],
    controls: ["LOG-A02"],
    theme: "logging",
    resourceTypes: [TRAIL],
    remediationSteps:
        'In every `eventSelectors` entry leave `includeManagementEvents` at true, `readWriteType` at "All" and `excludeManagementEventSources` empty; with `advancedEventSelectors`, include one whose field selector is `{ field: "eventCategory", equals: ["Management"] }`.',
    url: `${DOCS}logging-management-events-with-cloudtrail.html`,
    validate(r) {
        for (const selector of r.list("eventSelectors") ?? []) {
            const include = selector.boolean("includeManagementEvents", { absent: true });
            if (include?.value === false) {
                r.violation(`${include.text}: changes to AI resources and their permissions go unrecorded. Set it to true.`);
            }
            const excluded = selector.strings("excludeManagementEventSources");
            if (excluded !== undefined && excluded.length > 0) {
                r.violation(
                    `${selector.path("excludeManagementEventSources")} excludes management event sources (for example KMS key use or RDS Data API calls) from the audit record. Leave it empty.`,
                );
            }
            const rw = selector.enum("readWriteType", ["All", "ReadOnly", "WriteOnly"], { absent: "All" });
            if (rw !== undefined && rw.value !== "All") {
                r.violation(`${rw.text}: only part of the management events is recorded. Set it to "All".`);
            }
        }
        // With advanced event selectors, CloudTrail records management events only through a
        // selector whose eventCategory equals "Management".
        if (r.isSet("advancedEventSelectors") !== true) {
            return;
        }
        const management = r.some("advancedEventSelectors", (selector) =>
            selector.some("fieldSelectors", (field) => {
                const name = field.string("field");
                if (name === undefined) {
                    return undefined;
                }
                return name.value?.toLowerCase() === "eventcategory" ? field.someString("equals", (v) => v.toLowerCase() === "management") : false;
            }),
        );
        if (management === false) {
            r.violation(
                'advancedEventSelectors has no selector with eventCategory "Management": changes to AI resources and their permissions go unrecorded. Add a selector with fieldSelectors [{ field: "eventCategory", equals: ["Management"] }].',
            );
        }
    },
});

export const cloudtrailLogFileValidation = resourcePolicy({
    name: "aws-cloudtrail-log-file-validation",
    description: "CloudTrail trails must enable log file integrity validation.",
    severity: "medium",
    guidelines: ["DEP-2", "DEP-3"],
    controls: ["LOG-A03"],
    theme: "logging",
    resourceTypes: [TRAIL],
    remediationSteps: "Set `enableLogFileValidation: true`.",
    url: `${DOCS}cloudtrail-log-file-validation-intro.html`,
    validate(r) {
        const validation = r.boolean("enableLogFileValidation", { absent: false });
        if (validation?.value === false) {
            r.violation(`${validation.text}: altered or deleted log files cannot be detected, so the audit record cannot be trusted after an incident. Set it to true.`);
        }
    },
    remediate(r) {
        r.ensure("enableLogFileValidation", true, (v) => v === true || v === "true");
    },
});

export const cloudtrailKms = resourcePolicy<KmsKnobs>({
    name: "aws-cloudtrail-kms",
    description: "CloudTrail trails must encrypt their log files with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["LOG-A04"],
    theme: "encryption",
    resourceTypes: [TRAIL],
    config: kmsKnobs,
    remediationSteps: "Set `kmsKeyId` to the ARN of a customer-managed KMS key whose policy lets CloudTrail encrypt and your auditors decrypt.",
    url: `${DOCS}encrypting-cloudtrail-log-files-with-aws-kms.html`,
    validate(r) {
        kmsKeyCheck(r, r.config, "kmsKeyId", "log files are protected only by S3 encryption, so anyone who can read the bucket can read the audit record");
    },
});

export const cloudtrailLoggingOn = resourcePolicy({
    name: "aws-cloudtrail-logging-on",
    description: "CloudTrail trails must not have logging turned off.",
    severity: "high",
    guidelines: ["DEP-3"],
    controls: ["LOG-A05"],
    theme: "logging",
    resourceTypes: [TRAIL],
    remediationSteps: "Remove `enableLogging: false` (the default is true).",
    url: `${DOCS}cloudtrail-turning-off-logging.html`,
    validate(r) {
        const logging = r.boolean("enableLogging", { absent: true });
        if (logging?.value === false) {
            r.violation(`${logging.text}: the trail records nothing. Set it to true.`);
        }
    },
    remediate(r) {
        r.ensure("enableLogging", true, (v) => v === undefined || v === true || v === "true");
    },
});

export const cloudtrailCloudwatchLogs = resourcePolicy({
    name: "aws-cloudtrail-cloudwatch-logs",
    description: "CloudTrail trails must deliver events to CloudWatch Logs for monitoring and alarms.",
    severity: "low",
    guidelines: ["OPS-1"],
    controls: ["LOG-A06"],
    theme: "monitoring",
    resourceTypes: [TRAIL],
    remediationSteps:
        "Set `cloudWatchLogsGroupArn` (the log group ARN followed by `:*`) and `cloudWatchLogsRoleArn` (a role CloudTrail can assume to write to it), then add metric filters and alarms.",
    url: `${DOCS}send-cloudtrail-events-to-cloudwatch-logs.html`,
    validate(r) {
        for (const field of ["cloudWatchLogsGroupArn", "cloudWatchLogsRoleArn"]) {
            // Set to a value computed from another resource (the program's log group and role): set.
            const value = r.setToUnknown(field) ? undefined : r.string(field);
            if (value?.absent) {
                r.violation(
                    `${value.text}: events are not delivered to CloudWatch Logs, so no alarm can fire on suspicious activity. Set cloudWatchLogsGroupArn and cloudWatchLogsRoleArn.`,
                );
            }
        }
    },
});

export const trailPolicies = [cloudtrailMultiRegion, cloudtrailManagementEvents, cloudtrailLogFileValidation, cloudtrailKms, cloudtrailLoggingOn, cloudtrailCloudwatchLogs];
