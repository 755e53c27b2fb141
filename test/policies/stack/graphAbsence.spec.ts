/**
 * Stack policies decide absence in preview from the graph (README: "Stack policies in preview"). A
 * configuration resource whose target is unknown in preview but computed from other resources can
 * only name what those resources are or lead to: a target outside that set has none of it, which
 * is a violation in preview, not "cannot verify". Only a configuration resource that could still
 * name the target (no recorded source, or a source that leads to the target or feeds its name)
 * keeps it "cannot verify". Each stack policy that links configuration resources to targets is
 * judged here in the three situations, on the target's own URN, through AnalyzeStack.
 */
import * as assert from "assert";
import type { StackResource } from "../../../policypack/engine/analyzer";
import { UNKNOWN_VALUES } from "../../support/harness";
import { usePack } from "../../support/cases";
import { awsStack, azureStack, byName, findings, protectedBucket, replace, res, stackCase, T, without } from "./support";

type Expect = "violation" | "unknown" | "pass";

interface Situation {
    title: string;
    stack: () => StackResource[];
    /** The target judged, and what the policy says about it. */
    on: string;
    expect: Expect;
}

/**
 * `name`'s `prop` becomes unknown (as in preview) and computed from `from`: the graph records
 * exactly those sources for it. With `from` undefined the resource has no graph at all (an
 * unlinked value: nothing rules any target out).
 */
function pointAt(stack: StackResource[], name: string, prop: string, from: string[] | undefined, value: unknown = UNKNOWN_VALUES.string): StackResource[] {
    const sources = from?.map((n) => byName(stack, n).urn as string);
    return replace(stack, name, (r) => {
        const propertyDependencies = sources === undefined ? {} : { ...r.propertyDependencies, [prop]: sources };
        const kept = new Set(Object.values(propertyDependencies).flat());
        return { ...r, properties: { ...r.properties, [prop]: value }, propertyDependencies, dependencies: [...kept] };
    });
}

const A = awsStack();
const Z = azureStack();
const key = byName(A, "ml-key");
/** The AWS stack with a second AI bucket, protected like the first. */
const A2 = [...A, ...protectedBucket("model-artifacts", key)];

function judge(policy: string, situations: Situation[]): void {
    describe(policy, () => {
        const pack = usePack();
        for (const s of situations) {
            stackCase(policy, s.expect === "violation" ? "absent" : s.expect === "unknown" ? "unknown" : "compliant");
            it(`${s.title} -> ${s.expect} on ${s.on}`, async () => {
                const stack = s.stack();
                const urn = byName(stack, s.on).urn;
                const all = findings(await pack().analyzeStack(stack), new Set([policy]));
                const mine = all.filter((f) => f.urn === urn);
                const text = JSON.stringify(all.map((f) => `${f.urn.split("::").pop()}: ${f.message.split("\n").pop()}`));
                if (s.expect === "pass") {
                    assert.strictEqual(mine.length, 0, text);
                } else if (s.expect === "violation") {
                    assert.ok(mine.length > 0 && mine.every((f) => !f.unknown), text);
                } else {
                    assert.ok(mine.length > 0 && mine.every((f) => f.unknown && f.advisory), text);
                }
            });
        }
    });
}

/** The three situations for an S3 configuration resource kind (`pab`, `sse`, ...) of the AI bucket "training-data". */
function s3Situations(kind: string, chainVia: string): Situation[] {
    const other = `model-artifacts-${kind}`;
    const base = () => without(A2, `training-data-${kind}`);
    return [
        {
            title: `every ${kind} resource is linked elsewhere (the other bucket's, chained through its ${chainVia}): none is this bucket's`,
            stack: () => pointAt(base(), other, "bucket", [`model-artifacts-${chainVia}`]),
            on: "training-data",
            expect: "violation",
        },
        {
            title: `a ${kind} resource whose bucket the graph does not explain`,
            stack: () => pointAt(base(), other, "bucket", undefined),
            on: "training-data",
            expect: "unknown",
        },
        {
            title: `a ${kind} resource chained through this bucket's own ${chainVia} (whose output echoes this bucket)`,
            stack: () => pointAt(base(), other, "bucket", [`training-data-${chainVia}`]),
            on: "training-data",
            expect: "unknown",
        },
    ];
}

describe("stack policies decide absence in preview from the graph", function () {
    judge("aws-s3-ai-bucket-public-access-block", s3Situations("pab", "sse"));
    judge("aws-s3-ai-bucket-kms-encryption", s3Situations("sse", "versioning"));
    judge("aws-s3-ai-bucket-versioning", s3Situations("versioning", "sse"));
    judge("aws-s3-ai-bucket-tls-only", s3Situations("policy", "sse"));
    judge("aws-s3-ai-bucket-access-logging", s3Situations("logging", "sse"));

    judge("aws-s3-model-artifact-bucket-replication", [
        {
            title: "the only replication configuration is computed from a role that leads to no bucket",
            stack: () => pointAt(A, "training-data-replication", "bucket", ["replication-role"]),
            on: "training-data",
            expect: "violation",
        },
        {
            title: "a replication configuration whose bucket the graph does not explain",
            stack: () => pointAt(A, "training-data-replication", "bucket", undefined),
            on: "training-data",
            expect: "unknown",
        },
    ]);

    judge("aws-ecr-ai-repository-lifecycle-policy", [
        {
            title: "the only lifecycle policy is computed from a resource that leads to no repository",
            stack: () => pointAt(A, "model-images-lifecycle", "repository", ["image-signing"]),
            on: "model-images",
            expect: "violation",
        },
        {
            title: "a lifecycle policy whose repository the graph does not explain",
            stack: () => pointAt(A, "model-images-lifecycle", "repository", undefined),
            on: "model-images",
            expect: "unknown",
        },
    ]);

    const mountTarget = (stack: StackResource[]) => [
        ...stack,
        res(
            "aws:efs/mountTarget:MountTarget",
            "notebook-home-mount",
            { fileSystemId: "fs-0123456789abcdef0", subnetId: "subnet-0a" },
            { fileSystemId: byName(stack, "notebook-home") },
        ),
    ];
    judge("aws-efs-ai-file-system-backup-policy", [
        {
            title: "the only backup policy is computed from a key that leads to no file system",
            stack: () => pointAt(A, "notebook-home-backup", "fileSystemId", ["ml-key"]),
            on: "notebook-home",
            expect: "violation",
        },
        {
            title: "a backup policy whose file system the graph does not explain",
            stack: () => pointAt(A, "notebook-home-backup", "fileSystemId", undefined),
            on: "notebook-home",
            expect: "unknown",
        },
        {
            title: "a backup policy computed from a mount target of the file system (fileSystemId echoes it)",
            stack: () => pointAt(mountTarget(A), "notebook-home-backup", "fileSystemId", ["notebook-home-mount"]),
            on: "notebook-home",
            expect: "unknown",
        },
    ]);

    judge("aws-backup-ai-vault-lock", [
        {
            title: "the only vault lock is computed from a role that leads to no vault",
            stack: () => pointAt(A, "ml-backups-lock", "backupVaultName", ["backup-role"]),
            on: "ml-backups",
            expect: "violation",
        },
        {
            title: "a vault lock whose vault the graph does not explain",
            stack: () => pointAt(A, "ml-backups-lock", "backupVaultName", undefined),
            on: "ml-backups",
            expect: "unknown",
        },
        {
            title: "a vault lock computed from a backup plan that uses the vault",
            stack: () => pointAt(A, "ml-backups-lock", "backupVaultName", ["ml-backup-plan"]),
            on: "ml-backups",
            expect: "unknown",
        },
    ]);

    judge("aws-backup-ai-data-selected", [
        {
            title: "the only selection's resources are computed from a role that leads to no data store",
            stack: () => pointAt(A, "ml-data-selection", "resources", ["backup-role"], [UNKNOWN_VALUES.string]),
            on: "notebook-home",
            expect: "violation",
        },
        {
            title: "a selection whose resources the graph does not explain",
            stack: () => pointAt(A, "ml-data-selection", "resources", undefined, [UNKNOWN_VALUES.string]),
            on: "notebook-home",
            expect: "unknown",
        },
    ]);

    judge("aws-cloudtrail-ai-bucket-data-events", [
        {
            title: "the trail's selectors are computed from a key that leads to no bucket",
            stack: () => pointAt(A, "audit-trail", "advancedEventSelectors", ["logs-key"], [UNKNOWN_VALUES.object]),
            on: "training-data",
            expect: "violation",
        },
        {
            title: "selectors the graph does not explain",
            stack: () => pointAt(A, "audit-trail", "advancedEventSelectors", undefined, [UNKNOWN_VALUES.object]),
            on: "training-data",
            expect: "unknown",
        },
    ]);

    judge("aws-sagemaker-endpoint-data-capture", [
        {
            title: "the endpoint's configuration name is computed from a role, not an endpoint configuration of the stack: judged where that configuration is declared",
            stack: () => pointAt(A, "fraud-endpoint", "endpointConfigName", ["sagemaker-role"]),
            on: "fraud-endpoint",
            expect: "pass",
        },
        {
            title: "a configuration name the graph does not explain",
            stack: () => pointAt(A, "fraud-endpoint", "endpointConfigName", undefined),
            on: "fraud-endpoint",
            expect: "unknown",
        },
    ]);

    const unknownEndpointName = (stack: StackResource[], from: string[] | undefined) => {
        const schedule = byName(stack, "fraud-endpoint-monitoring");
        const config = structuredClone(schedule.properties?.monitoringScheduleConfig) as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
        config.monitoringJobDefinition.monitoringInputs.endpointInput.endpointName = UNKNOWN_VALUES.string;
        return pointAt(stack, "fraud-endpoint-monitoring", "monitoringScheduleConfig", from, config);
    };
    judge("aws-sagemaker-endpoint-monitoring-schedule", [
        {
            title: "the only schedule's endpoint name is computed from a role that leads to no endpoint",
            stack: () => unknownEndpointName(A, ["sagemaker-role"]),
            on: "fraud-endpoint",
            expect: "violation",
        },
        { title: "an endpoint name the graph does not explain", stack: () => unknownEndpointName(A, undefined), on: "fraud-endpoint", expect: "unknown" },
    ]);

    judge("aws-sagemaker-model-card", [
        {
            title: "the only card's content is computed from a role that leads to no model",
            stack: () => pointAt(A, "fraud-model-card", "content", ["sagemaker-role"]),
            on: "fraud-model",
            expect: "violation",
        },
        { title: "card content the graph does not explain", stack: () => pointAt(A, "fraud-model-card", "content", undefined), on: "fraud-model", expect: "unknown" },
    ]);

    const unknownLogGroup = (from: string[] | undefined) => {
        const logging = byName(A, "bedrock-invocation-logging");
        const config = structuredClone(logging.properties?.loggingConfig) as Record<string, Record<string, unknown>>;
        config.cloudwatchConfig.logGroupName = UNKNOWN_VALUES.string;
        // A log group of the stack without a customer-managed key, which the destination could be.
        const plain = res(T.logGroup, "plain-logs", { name: "/ml/plain", arn: "arn:aws:logs:eu-west-1:111122223333:log-group:/ml/plain" });
        return pointAt([...A, plain], "bedrock-invocation-logging", "loggingConfig", from, config);
    };
    judge("aws-bedrock-invocation-log-group-kms", [
        {
            title: "the log group name is computed from the logging role and bucket, which lead to no log group: the destination is outside the stack",
            stack: () => unknownLogGroup(["bedrock-logging-role", "training-data"]),
            on: "bedrock-invocation-logging",
            expect: "pass",
        },
        { title: "a log group name the graph does not explain", stack: () => unknownLogGroup(undefined), on: "bedrock-invocation-logging", expect: "unknown" },
    ]);

    // Azure: a diagnostic setting of a storage account (not a target of these policies) whose URI is unknown in preview.
    const storageDiagnostic = (stack: StackResource[], from: string[] | undefined) =>
        pointAt(
            [
                ...stack,
                res(
                    T.diagnostic,
                    "mlstore-diag",
                    { name: "mlstore-diag", resourceUri: "x", logs: [{ categoryGroup: "allLogs", enabled: true }], workspaceId: "law" },
                    { resourceUri: byName(stack, "mlstore"), workspaceId: byName(stack, "ml-logs") },
                ),
            ],
            "mlstore-diag",
            "resourceUri",
            from,
        );
    const withResourceGroup = (stack: StackResource[]) => {
        const rg = res("azure-native:resources:ResourceGroup", "ml-rg", { resourceGroupName: "ml-rg" });
        return [rg, ...replace(stack, "ml-workspace", (r) => ({ ...r, propertyDependencies: { ...r.propertyDependencies, resourceGroupName: [rg.urn as string] } }))];
    };
    const diagnostics: [string, string][] = [
        ["azure-machinelearning-workspace-diagnostic-settings", "ml-workspace"],
        ["azure-machinelearning-endpoint-registry-diagnostic-settings", "scoring"],
        ["azure-cognitiveservices-account-diagnostic-settings", "openai"],
        ["azure-search-keyvault-diagnostic-settings", "rag-search"],
    ];
    for (const [policy, target] of diagnostics) {
        const situations: Situation[] = [
            {
                title: "every other diagnostic setting is linked to another resource (one to a storage account, by an unknown URI)",
                stack: () => storageDiagnostic(without(Z, `${target}-diag`), ["mlstore"]),
                on: target,
                expect: "violation",
            },
            {
                title: "a diagnostic setting whose URI the graph does not explain",
                stack: () => storageDiagnostic(without(Z, `${target}-diag`), undefined),
                on: target,
                expect: "unknown",
            },
        ];
        if (target === "ml-workspace") {
            situations.push({
                title: "a diagnostic setting whose URI is built from the workspace's resource group (and a literal name)",
                stack: () => storageDiagnostic(withResourceGroup(without(Z, "ml-workspace-diag")), ["ml-rg"]),
                on: target,
                expect: "unknown",
            });
        }
        judge(policy, situations);
    }

    const otherBlobService = (from: string[] | undefined) =>
        pointAt(
            [
                ...without(Z, "mlstore-blob"),
                res(T.blobService, "other-blob", { accountName: "x", blobServicesName: "default", isVersioningEnabled: true }, { accountName: byName(Z, "ml-logs") }),
            ],
            "other-blob",
            "accountName",
            from,
        );
    judge("azure-storage-ai-blob-soft-delete-versioning", [
        {
            title: "the only blob service is computed from a resource that leads to no storage account",
            stack: () => otherBlobService(["ml-logs"]),
            on: "mlstore",
            expect: "violation",
        },
        { title: "a blob service whose account the graph does not explain", stack: () => otherBlobService(undefined), on: "mlstore", expect: "unknown" },
    ]);

    const scanning = (filters: unknown, repoName: unknown = "model-images") =>
        replace(
            replace(A, "registry-scanning", (r) => ({
                ...r,
                properties: { ...r.properties, rules: [{ scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: filters }] },
            })),
            "model-images",
            (r) => ({ ...r, properties: { ...r.properties, name: repoName } }),
        );
    judge("aws-ecr-registry-enhanced-scanning", [
        {
            title: "the scanning rules' repository filters match none of the AI repositories",
            stack: () => scanning([{ filter: "web-*", filterType: "WILDCARD" }]),
            on: "model-images",
            expect: "violation",
        },
        { title: "a filter that matches the repository", stack: () => scanning([{ filter: "model-*", filterType: "WILDCARD" }]), on: "model-images", expect: "pass" },
        { title: "an exact filter that matches the repository", stack: () => scanning([{ filter: "model-images", filterType: "WILDCARD" }]), on: "model-images", expect: "pass" },
        {
            title: "a repository name known only after `pulumi up`",
            stack: () => scanning([{ filter: "model-*", filterType: "WILDCARD" }], UNKNOWN_VALUES.string),
            on: "model-images",
            expect: "unknown",
        },
        {
            title: "a repository name known only after `pulumi up`, but a filter that matches every repository",
            stack: () => scanning([{ filter: "*", filterType: "WILDCARD" }], UNKNOWN_VALUES.string),
            on: "model-images",
            expect: "pass",
        },
    ]);
});
