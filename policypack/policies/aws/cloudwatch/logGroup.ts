/**
 * CloudWatch log groups hold inference logs, prompts, training job output and agent traces, which
 * the guidelines ask to treat as sensitive assets. Log groups tagged as AI data stores, named under an
 * AI service prefix such as `/aws/sagemaker/` (or all, with allDataStores) must be encrypted with a customer-managed key, kept long enough for an
 * investigation, and protected from deletion.
 */
import type { Section } from "../../../lib/check";
import { Knobs, resourcePolicy, ResourceCheck } from "../../../lib/policy";
import { isAiDataStore, notAnAiDataStore, scopeKnobs, ScopeKnobs } from "../../../lib/scope";
import { kmsKeyCheck, KmsKnobs, kmsKnobs } from "../common";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const DOCS = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/";

interface LogScopeKnobs extends ScopeKnobs {
    aiLogGroupPrefixes: string[];
}

/** AI log groups are also recognised by name: AWS AI services write to these prefixes. */
const logScopeKnobs: Knobs<LogScopeKnobs> = {
    ...scopeKnobs,
    aiLogGroupPrefixes: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: ["/aws/sagemaker/", "/aws/bedrock/", "/aws/bedrock-agentcore/"],
        description: "Log group name prefixes (name or namePrefix) that mark a log group as holding AI logs, tagged or not.",
    },
};

/** True when the log group's name (or namePrefix) starts with a configured AI prefix; undefined when unknown. */
function hasAiName(r: Section, prefixes: readonly string[]): boolean | undefined {
    for (const field of ["name", "namePrefix"]) {
        const name = r.string(field);
        if (name === undefined) {
            return undefined;
        }
        if (name.value !== undefined) {
            return prefixes.some((p) => name.value?.toLowerCase().startsWith(p.toLowerCase()));
        }
    }
    return false;
}

/** True when the log group is in scope; ends the evaluation when it is not. */
function inScope<C extends LogScopeKnobs>(r: ResourceCheck<C>): boolean {
    const named = hasAiName(r, r.config.aiLogGroupPrefixes);
    if (named === true) {
        return true;
    }
    const scoped = isAiDataStore(r, r.config);
    if (scoped === false && named === false) {
        r.notApplicable(`${notAnAiDataStore(r.config)}, and its name does not start with one of aiLogGroupPrefixes`);
    }
    return scoped === true;
}

/** The same test for remediations, which must not record findings. */
function inScopeForFix(r: Section, config: Readonly<LogScopeKnobs>): boolean {
    return hasAiName(r, config.aiLogGroupPrefixes) === true || isAiDataStore(r, config) === true;
}

export const logGroupKms = resourcePolicy<LogScopeKnobs & KmsKnobs>({
    name: "aws-cloudwatch-log-group-kms",
    description: "CloudWatch log groups holding AI logs must be encrypted with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["LOG-A12"],
    theme: "encryption",
    resourceTypes: [LOG_GROUP],
    config: { ...logScopeKnobs, ...kmsKnobs },
    remediationSteps: "Set `kmsKeyId` to the ARN of a customer-managed KMS key whose policy allows the `logs.<region>.amazonaws.com` service principal to use it.",
    url: `${DOCS}encrypt-log-data-kms.html`,
    validate(r) {
        if (inScope(r)) {
            kmsKeyCheck(r, r.config, "kmsKeyId", "prompts and inference logs are encrypted with a key you cannot restrict or audit");
        }
    },
});

interface RetentionKnobs extends LogScopeKnobs {
    minimumRetentionDays: number;
}

export const logGroupRetention = resourcePolicy<RetentionKnobs>({
    name: "aws-cloudwatch-log-group-retention",
    description: "CloudWatch log groups holding AI logs must keep events for at least the configured number of days.",
    severity: "medium",
    guidelines: ["DEV-2", "DEP-3"],
    controls: ["LOG-A13"],
    theme: "logging",
    resourceTypes: [LOG_GROUP],
    config: {
        ...logScopeKnobs,
        minimumRetentionDays: {
            type: "integer",
            minimum: 1,
            default: 365,
            description: "The shortest allowed retentionInDays; 0 (never expire, the AWS default) always complies.",
        },
    },
    remediationSteps: "Set `retentionInDays` to at least the configured minimum (an allowed value such as 365, 400, 545 or 731), or remove it to keep events forever.",
    url: `${DOCS}Working-with-log-groups-and-streams.html#SettingLogRetention`,
    validate(r) {
        if (!inScope(r)) {
            return;
        }
        const logClass = r.enum("logGroupClass", ["STANDARD", "INFREQUENT_ACCESS", "DELIVERY"], { absent: "STANDARD" });
        if (logClass?.value === "DELIVERY") {
            r.violation(
                `${logClass.text}: AWS keeps events of DELIVERY log groups for 2 days only. Use "STANDARD" or "INFREQUENT_ACCESS" for logs you need to investigate incidents.`,
            );
            return;
        }
        // Absent means 0: events never expire, which keeps them long enough.
        const days = r.number("retentionInDays", { absent: 0 });
        const min = r.config.minimumRetentionDays;
        if (days?.value !== undefined && days.value < 0) {
            r.violation("cannot evaluate retentionInDays: expected 0 or a positive number of days, but it is negative.");
            return;
        }
        if (days?.value !== undefined && days.value !== 0 && days.value < min) {
            r.violation(
                `${days.text} to fewer days than the minimum of ${min}: logs needed to investigate an incident or misuse of the model are deleted too early. Raise it to at least ${min}, or 0 to keep them.`,
            );
        }
    },
});

export const logGroupDeletionProtection = resourcePolicy<LogScopeKnobs>({
    name: "aws-cloudwatch-log-group-deletion-protection",
    description: "CloudWatch log groups holding AI logs must have deletion protection enabled.",
    severity: "low",
    guidelines: ["DEP-3", "DEV-2"],
    controls: ["RES-A09"],
    theme: "resilience",
    resourceTypes: [LOG_GROUP],
    config: logScopeKnobs,
    remediationSteps: "Set `deletionProtectionEnabled: true` (turn it off deliberately before deleting the log group).",
    url: `${DOCS}Working-with-log-groups-and-streams.html`,
    validate(r) {
        if (!inScope(r)) {
            return;
        }
        const protection = r.boolean("deletionProtectionEnabled", { absent: false });
        if (protection?.value === false) {
            r.violation(`${protection.text}: the log group and the evidence in it can be deleted by a mistaken or malicious change. Set it to true.`);
        }
    },
    remediate(r) {
        if (inScopeForFix(r.read, r.config)) {
            r.ensure("deletionProtectionEnabled", true, (v) => v === true || v === "true");
        }
    },
});

export const logGroupPolicies = [logGroupKms, logGroupRetention, logGroupDeletionProtection];
