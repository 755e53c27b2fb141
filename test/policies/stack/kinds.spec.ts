/**
 * Every stack policy with the five kinds of input (violating, compliant, absent, unknown,
 * malformed), as the resource policies are tested: small changes to the compliant AWS and Azure
 * stacks, each judged through AnalyzeStack, checked on the offending resource's URN.
 */
import * as assert from "assert";
import type { PolicyPackProcess, StackResource } from "../../../policypack/engine/analyzer";
import { UNKNOWN_VALUES } from "../../support/harness";
import { usePack } from "../../support/cases";
import { codebuildKinds, guardrailIamKinds, organizationsKinds } from "./agenticKinds";
import { previewUnknownKinds } from "./previewUnknownKinds";
import {
    AI_DATA_EVENT_TYPES,
    awsStack,
    azureStack,
    byName,
    findings,
    Kind,
    patch,
    preview,
    replace,
    res,
    stackCase,
    T,
    trailSelectors,
    urnByName,
    urnOf,
    without,
    withoutGraph,
} from "./support";

type Expect = "pass" | "violation" | "unknown" | "malformed";

interface KindCase {
    kind: Kind;
    title: string;
    stack: () => StackResource[];
    expect: Expect;
    /** The resource the findings must name. */
    on?: string;
    message?: RegExp;
}

const A = awsStack();
/** An AWS provider as the engine sends it (@pulumi/aws JSON-encodes defaultTags). */
const awsProvider = (tags: Record<string, string>) => ({
    type: "pulumi:providers:aws",
    name: "default",
    urn: "urn:pulumi:dev::p::pulumi:providers:aws::default",
    properties: { defaultTags: JSON.stringify({ tags }) },
});
const Z = azureStack();
/** An SSE rule whose key id is computed during preview. */
const unknownKeyRule = { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN_VALUES.string }, bucketKeyEnabled: true };

/** Properties merged into one resource. */
function set(stack: StackResource[], name: string, changes: Record<string, unknown>): StackResource[] {
    return patch(stack, name, (p) => ({ ...p, ...changes }));
}

/** Properties removed from one resource. */
function drop(stack: StackResource[], name: string, ...keys: string[]): StackResource[] {
    return patch(stack, name, (p) => Object.fromEntries(Object.entries(p).filter(([k]) => !keys.includes(k))));
}

/** One resource without its graph edges (the engine recorded none): only values can link it. */
function unlink(stack: StackResource[], name: string): StackResource[] {
    return replace(stack, name, (r) => ({ ...r, dependencies: [], propertyDependencies: {} }));
}

function kindCases(pack: () => PolicyPackProcess, policy: string, cases: KindCase[]): void {
    describe(policy, () => {
        for (const c of cases) {
            stackCase(policy, c.kind);
            it(`${c.kind}: ${c.title} -> ${c.expect}`, async () => {
                const stack = c.stack();
                const all = findings(await pack().analyzeStack(stack), new Set([policy]));
                const text = JSON.stringify(all.map((f) => `${f.urn.split("::").pop()}: ${f.message.split("\n").pop()}`));
                const relevant = c.expect === "malformed" ? all.filter((f) => f.message.includes("cannot evaluate")) : all;
                switch (c.expect) {
                    case "pass":
                        assert.deepStrictEqual(all.length, 0, text);
                        break;
                    case "violation":
                        assert.ok(all.length > 0 && all.every((f) => !f.unknown && !f.message.includes("cannot evaluate")), text);
                        break;
                    case "unknown":
                        assert.ok(all.length > 0 && all.every((f) => f.unknown && f.advisory), text);
                        break;
                    case "malformed":
                        assert.ok(relevant.length > 0, text);
                        break;
                }
                if (c.on !== undefined) {
                    const urn = byName(stack, c.on).urn;
                    assert.ok(
                        relevant.every((f) => f.urn === urn),
                        `expected findings on ${c.on}: ${text}`,
                    );
                }
                if (c.message !== undefined) {
                    for (const f of relevant) {
                        assert.match(f.message, c.message);
                    }
                }
            });
        }
    });
}

// Azure AI platform controls (issue 14): Defender for AI Services, and the AI Foundry Agent
// Service's own stores and network injection.
const ACCOUNT = "azure-native:cognitiveservices:Account";
const ACCOUNT_HOST = "azure-native:cognitiveservices:AccountCapabilityHost";
const PROJECT_HOST = "azure-native:cognitiveservices:ProjectCapabilityHost";
const PROJECT = "azure-native:cognitiveservices:Project";
const SUBNET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ai-rg/providers/Microsoft.Network/virtualNetworks/vnet-ai/subnets/agents";
const STORES = { storageConnections: ["st-files"], threadStorageConnections: ["cosmos-threads"], vectorStoreConnections: ["srch-vectors"] };

/** A Foundry account whose agents run in the customer's subnet and keep their data in the customer's stores. */
function foundryStack(): StackResource[] {
    const account = res(ACCOUNT, "foundry", {
        name: "foundry",
        accountName: "foundry",
        kind: "AIServices",
        properties: { allowProjectManagement: true, networkInjections: [{ scenario: "agent", subnetArmId: SUBNET, useMicrosoftManagedNetwork: false }] },
    });
    const project = res(PROJECT, "agents", { accountName: "foundry", projectName: "agents", identity: { type: "SystemAssigned" } }, { accountName: account });
    const accountHost = res(ACCOUNT_HOST, "foundry-caphost", { accountName: "foundry", capabilityHostProperties: { capabilityHostKind: "Agents" } }, { accountName: account });
    const projectHost = res(
        PROJECT_HOST,
        "agents-caphost",
        { accountName: "foundry", projectName: "agents", projectCapabilityHostProperties: STORES },
        { accountName: account, projectName: project },
        { dependsOn: [accountHost] },
    );
    const pricing = res("azure-native:security:Pricing", "defender-ai", {
        pricingName: "AI",
        pricingTier: "Standard",
        scopeId: "/subscriptions/00000000-0000-0000-0000-000000000000",
    });
    return [account, project, accountHost, projectHost, pricing];
}

const F = foundryStack();

/** Properties of one resource changed; an undefined value removes the property. */
function setOrDrop(stack: StackResource[], name: string, changes: Record<string, unknown>): StackResource[] {
    return patch(stack, name, (p) => Object.fromEntries(Object.entries({ ...p, ...changes }).filter(([, v]) => v !== undefined)));
}

const compliantAws: KindCase = { kind: "compliant", title: "the compliant AWS stack", stack: () => A, expect: "pass" };
const compliantAzure: KindCase = { kind: "compliant", title: "the compliant Azure stack", stack: () => Z, expect: "pass" };
const accountPab = (flags: Record<string, unknown>) =>
    res(T.accountPab, "account-pab", { accountId: "111122223333", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true, ...flags });

describe("stack policies: the five kinds of input", function () {
    const pack = usePack();

    kindCases(pack, "aws-s3-ai-bucket-public-access-block", [
        compliantAws,
        {
            kind: "violating",
            title: "only an account-level block with a setting off",
            stack: () => [...without(A, "training-data-pab"), accountPab({ restrictPublicBuckets: false })],
            expect: "violation",
            on: "training-data",
        },
        {
            kind: "absent",
            title: "no public access block",
            stack: () => without(A, "training-data-pab"),
            expect: "violation",
            on: "training-data",
            message: /no public access block applies/,
        },
        {
            kind: "unknown",
            title: "a block whose bucket is known only after `pulumi up`",
            stack: () => set(unlink(A, "training-data-pab"), "training-data-pab", { bucket: UNKNOWN_VALUES.string }),
            expect: "unknown",
            on: "training-data",
            message: /cannot verify until the values are known/,
        },
        {
            kind: "malformed",
            title: "an account-level setting that is not a boolean",
            stack: () => [...without(A, "training-data-pab"), accountPab({ blockPublicPolicy: "maybe" })],
            expect: "malformed",
            on: "account-pab",
            message: /cannot evaluate blockPublicPolicy/,
        },
    ]);

    kindCases(pack, "aws-s3-ai-bucket-kms-encryption", [
        compliantAws,
        {
            kind: "violating",
            title: "SSE-S3",
            stack: () => set(A, "training-data-sse", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }),
            expect: "violation",
            on: "training-data-sse",
        },
        { kind: "absent", title: "no encryption configuration", stack: () => without(A, "training-data-sse"), expect: "violation", on: "training-data" },
        {
            kind: "unknown",
            title: "a rule computed during preview",
            stack: () => set(A, "training-data-sse", { rules: [UNKNOWN_VALUES.object] }),
            expect: "unknown",
            on: "training-data-sse",
        },
        {
            kind: "compliant",
            title: "in preview, the key id is unknown but the graph shows it comes from the program's KMS key",
            stack: () => set(A, "training-data-sse", { rules: [unknownKeyRule] }),
            expect: "pass",
        },
        {
            kind: "unknown",
            title: "in preview, the key id is unknown and comes from something that is not a KMS key",
            stack: () =>
                replace(set(A, "training-data-sse", { rules: [unknownKeyRule] }), "training-data-sse", (r) => ({
                    ...r,
                    propertyDependencies: { ...r.propertyDependencies, rules: [urnByName(A, "access-logs")] },
                })),
            expect: "unknown",
            on: "training-data-sse",
        },
        {
            kind: "unknown",
            title: "in preview, the key id is unknown and the engine recorded no source",
            stack: () => replace(set(A, "training-data-sse", { rules: [unknownKeyRule] }), "training-data-sse", (r) => ({ ...r, propertyDependencies: {} })),
            expect: "unknown",
            on: "training-data-sse",
        },
        {
            kind: "malformed",
            title: "rules is a string",
            stack: () => set(A, "training-data-sse", { rules: "aws:kms" }),
            expect: "malformed",
            on: "training-data-sse",
            message: /cannot evaluate rules/,
        },
    ]);

    kindCases(pack, "aws-s3-ai-bucket-versioning", [
        compliantAws,
        {
            kind: "violating",
            title: "suspended",
            stack: () => set(A, "training-data-versioning", { versioningConfiguration: { status: "Suspended" } }),
            expect: "violation",
            on: "training-data-versioning",
        },
        { kind: "absent", title: "no versioning resource", stack: () => without(A, "training-data-versioning"), expect: "violation", on: "training-data" },
        {
            kind: "unknown",
            title: "configuration computed during preview",
            stack: () => set(A, "training-data-versioning", { versioningConfiguration: UNKNOWN_VALUES.object }),
            expect: "unknown",
            on: "training-data-versioning",
        },
        {
            kind: "malformed",
            title: "status is a number",
            stack: () => set(A, "training-data-versioning", { versioningConfiguration: { status: 1 } }),
            expect: "malformed",
            on: "training-data-versioning",
            message: /versioningConfiguration\.status/,
        },
    ]);

    kindCases(pack, "aws-s3-ai-bucket-tls-only", [
        compliantAws,
        {
            kind: "violating",
            title: "a policy without the TLS statement",
            stack: () =>
                set(A, "training-data-policy", {
                    policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "s3:GetObject", Resource: "*" }] }),
                }),
            expect: "violation",
            on: "training-data",
        },
        { kind: "absent", title: "no bucket policy", stack: () => without(A, "training-data-policy"), expect: "violation", on: "training-data" },
        {
            kind: "unknown",
            title: "a policy computed during preview (reported on the bucket policy, whose document is unknown)",
            stack: () => set(A, "training-data-policy", { policy: UNKNOWN_VALUES.string }),
            expect: "unknown",
            on: "training-data-policy",
        },
        {
            kind: "malformed",
            title: "a policy that is not JSON",
            stack: () => set(A, "training-data-policy", { policy: "{not json" }),
            expect: "malformed",
            on: "training-data-policy",
            message: /not valid JSON/,
        },
    ]);

    kindCases(pack, "aws-s3-ai-bucket-access-logging", [
        compliantAws,
        {
            kind: "violating",
            title: "inline logging without a target bucket",
            stack: () => set(without(A, "training-data-logging"), "training-data", { logging: { targetPrefix: "x/" } }),
            expect: "violation",
            on: "training-data",
        },
        { kind: "absent", title: "no logging", stack: () => without(A, "training-data-logging"), expect: "violation", on: "training-data" },
        {
            kind: "unknown",
            title: "logging for a bucket known only after `pulumi up`",
            stack: () => set(unlink(A, "training-data-logging"), "training-data-logging", { bucket: UNKNOWN_VALUES.string }),
            expect: "unknown",
            on: "training-data",
        },
        {
            kind: "malformed",
            title: "inline logging is a string",
            stack: () => set(without(A, "training-data-logging"), "training-data", { logging: "enabled" }),
            expect: "malformed",
            on: "training-data",
        },
    ]);

    kindCases(pack, "aws-sagemaker-endpoint-data-capture", [
        compliantAws,
        {
            kind: "violating",
            title: "capture disabled",
            stack: () => patch(A, "fraud-endpoint-config", (p) => ({ ...p, dataCaptureConfig: { ...(p.dataCaptureConfig as object), enableCapture: false } })),
            expect: "violation",
            on: "fraud-endpoint",
        },
        {
            kind: "absent",
            title: "no capture configuration (AWS default: off)",
            stack: () => drop(A, "fraud-endpoint-config", "dataCaptureConfig"),
            expect: "violation",
            on: "fraud-endpoint",
            message: /not set \(AWS default: false\)/,
        },
        {
            kind: "unknown",
            title: "capture configuration computed during preview",
            stack: () => set(A, "fraud-endpoint-config", { dataCaptureConfig: UNKNOWN_VALUES.object }),
            expect: "unknown",
            on: "fraud-endpoint",
        },
        {
            kind: "malformed",
            title: "enableCapture is not a boolean",
            stack: () => patch(A, "fraud-endpoint-config", (p) => ({ ...p, dataCaptureConfig: { ...(p.dataCaptureConfig as object), enableCapture: "sometimes" } })),
            expect: "malformed",
            on: "fraud-endpoint-config",
        },
    ]);

    kindCases(pack, "aws-sagemaker-endpoint-monitoring-schedule", [
        compliantAws,
        {
            kind: "violating",
            title: "the only schedule watches another endpoint",
            stack: () =>
                set(unlink(A, "fraud-endpoint-monitoring"), "fraud-endpoint-monitoring", {
                    monitoringScheduleConfig: { monitoringType: "DataQuality", monitoringJobDefinition: { monitoringInputs: { endpointInput: { endpointName: "other" } } } },
                }),
            expect: "violation",
            on: "fraud-endpoint",
        },
        { kind: "absent", title: "no schedule", stack: () => without(A, "fraud-endpoint-monitoring"), expect: "violation", on: "fraud-endpoint" },
        {
            kind: "unknown",
            title: "the watched endpoint's name is known only after `pulumi up`",
            stack: () =>
                set(unlink(A, "fraud-endpoint-monitoring"), "fraud-endpoint-monitoring", {
                    monitoringScheduleConfig: {
                        monitoringType: "DataQuality",
                        monitoringJobDefinition: { monitoringInputs: { endpointInput: { endpointName: UNKNOWN_VALUES.string } } },
                    },
                }),
            expect: "unknown",
            on: "fraud-endpoint",
        },
        {
            kind: "malformed",
            title: "an unreadable schedule watches nothing",
            stack: () => set(unlink(A, "fraud-endpoint-monitoring"), "fraud-endpoint-monitoring", { monitoringScheduleConfig: "daily" }),
            expect: "violation",
            on: "fraud-endpoint",
        },
    ]);

    kindCases(pack, "aws-sagemaker-model-card", [
        compliantAws,
        {
            kind: "violating",
            title: "the only card describes another model",
            stack: () => set(unlink(A, "fraud-model-card"), "fraud-model-card", { content: JSON.stringify({ model_overview: { model_name: "other" } }) }),
            expect: "violation",
            on: "fraud-model",
        },
        { kind: "absent", title: "no model card", stack: () => without(A, "fraud-model-card"), expect: "violation", on: "fraud-model" },
        {
            kind: "unknown",
            title: "card content known only after `pulumi up`",
            stack: () => set(unlink(A, "fraud-model-card"), "fraud-model-card", { content: UNKNOWN_VALUES.string }),
            expect: "unknown",
            on: "fraud-model",
        },
        {
            kind: "malformed",
            title: "card content that is not JSON names no model",
            stack: () => set(unlink(A, "fraud-model-card"), "fraud-model-card", { content: "{not json" }),
            expect: "violation",
            on: "fraud-model",
        },
    ]);

    kindCases(pack, "aws-bedrock-invocation-logging", [
        compliantAws,
        {
            kind: "violating",
            title: "text delivery off",
            stack: () => patch(A, "bedrock-invocation-logging", (p) => ({ loggingConfig: { ...(p.loggingConfig as object), textDataDeliveryEnabled: false } })),
            expect: "violation",
            on: "bedrock-invocation-logging",
        },
        { kind: "absent", title: "no invocation logging configuration", stack: () => without(A, "bedrock-invocation-logging"), expect: "violation", on: "support-agent" },
        {
            kind: "unknown",
            title: "logging configuration computed during preview",
            stack: () => set(A, "bedrock-invocation-logging", { loggingConfig: UNKNOWN_VALUES.object }),
            expect: "unknown",
            on: "bedrock-invocation-logging",
        },
        {
            kind: "compliant",
            title: "in preview, one destination known and the other unknown",
            stack: () => patch(A, "bedrock-invocation-logging", (p) => ({ loggingConfig: { ...(p.loggingConfig as object), s3Config: { bucketName: UNKNOWN_VALUES.string } } })),
            expect: "pass",
        },
        {
            kind: "compliant",
            title: "in preview, the only destination is unknown but computed from the program's bucket",
            stack: () => patch(A, "bedrock-invocation-logging", () => ({ loggingConfig: { s3Config: { bucketName: UNKNOWN_VALUES.string }, textDataDeliveryEnabled: true } })),
            expect: "pass",
        },
        {
            kind: "unknown",
            title: "in preview, the only destination is unknown and computed from the delivery role alone",
            stack: () =>
                replace(
                    patch(A, "bedrock-invocation-logging", () => ({ loggingConfig: { cloudwatchConfig: { logGroupName: UNKNOWN_VALUES.string }, textDataDeliveryEnabled: true } })),
                    "bedrock-invocation-logging",
                    (r) => ({ ...r, propertyDependencies: { loggingConfig: [urnByName(A, "bedrock-logging-role")] } }),
                ),
            expect: "unknown",
            on: "bedrock-invocation-logging",
        },
        {
            kind: "malformed",
            title: "loggingConfig is a string",
            stack: () => set(A, "bedrock-invocation-logging", { loggingConfig: "cloudwatch" }),
            expect: "malformed",
            on: "bedrock-invocation-logging",
            message: /cannot evaluate loggingConfig/,
        },
    ]);

    // A log group that neither its tag nor its name marks as AI: only this policy judges its key.
    const plainLogGroup = (stack: StackResource[]) => set(stack, "bedrock-invocations", { tags: { owner: "ml-platform", "data-classification": "confidential" } });
    kindCases(pack, "aws-bedrock-invocation-log-group-kms", [
        compliantAws,
        { kind: "compliant", title: "a tagged group is left to aws-cloudwatch-log-group-kms", stack: () => drop(A, "bedrock-invocations", "kmsKeyId"), expect: "pass" },
        {
            kind: "violating",
            title: "a group linked by name only, without a key",
            stack: () => drop(plainLogGroup(unlink(A, "bedrock-invocation-logging")), "bedrock-invocations", "kmsKeyId"),
            expect: "violation",
            on: "bedrock-invocations",
        },
        {
            kind: "absent",
            title: "no kmsKeyId",
            stack: () => drop(plainLogGroup(A), "bedrock-invocations", "kmsKeyId"),
            expect: "violation",
            on: "bedrock-invocations",
            message: /kmsKeyId is not set/,
        },
        {
            kind: "unknown",
            title: "log group name known only after `pulumi up`",
            stack: () =>
                patch(unlink(A, "bedrock-invocation-logging"), "bedrock-invocation-logging", () => ({
                    loggingConfig: { cloudwatchConfig: { logGroupName: UNKNOWN_VALUES.string, roleArn: "arn:aws:iam::1:role/x" } },
                })),
            expect: "unknown",
            on: "bedrock-invocation-logging",
        },
        {
            kind: "malformed",
            title: "kmsKeyId is a number",
            stack: () => set(plainLogGroup(A), "bedrock-invocations", { kmsKeyId: 42 }),
            expect: "malformed",
            on: "bedrock-invocations",
        },
    ]);

    const sharedRole = () =>
        replace(A, "triage-agent", (r) => ({
            ...r,
            properties: { ...r.properties, agentResourceRoleArn: byName(A, "support-agent-role").properties.arn },
            propertyDependencies: { agentResourceRoleArn: [byName(A, "support-agent-role").urn as string] },
        }));
    kindCases(pack, "aws-bedrock-agent-dedicated-role", [
        compliantAws,
        { kind: "violating", title: "two agents share a role", stack: sharedRole, expect: "violation" },
        {
            kind: "absent",
            title: "agents without roles have nothing to share",
            stack: () => drop(drop(unlink(unlink(A, "support-agent"), "triage-agent"), "support-agent", "agentResourceRoleArn"), "triage-agent", "agentResourceRoleArn"),
            expect: "pass",
        },
        {
            kind: "unknown",
            title: "a role ARN known only after `pulumi up`",
            stack: () => set(unlink(A, "triage-agent"), "triage-agent", { agentResourceRoleArn: UNKNOWN_VALUES.string }),
            expect: "unknown",
            on: "triage-agent",
        },
        {
            kind: "malformed",
            title: "a role ARN that is a number is not compared",
            stack: () => set(unlink(A, "triage-agent"), "triage-agent", { agentResourceRoleArn: 42 }),
            expect: "pass",
        },
    ]);

    kindCases(pack, "aws-cloudtrail-ai-stack-trail", [
        compliantAws,
        {
            kind: "violating",
            title: "an event data store is not a trail",
            stack: () => [...without(A, "audit-trail"), res("aws:cloudtrail/eventDataStore:EventDataStore", "lake", { name: "lake" })],
            expect: "violation",
            on: "fraud-model",
        },
        { kind: "absent", title: "no trail", stack: () => without(A, "audit-trail"), expect: "violation", on: "fraud-model" },
        {
            kind: "unknown",
            title: "a trail whose settings are all unknown is still a trail",
            stack: () => patch(A, "audit-trail", (p) => Object.fromEntries(Object.keys(p).map((k) => [k, UNKNOWN_VALUES.string]))),
            expect: "pass",
        },
        {
            kind: "malformed",
            title: "a trail with malformed settings is still a trail",
            stack: () => set(A, "audit-trail", { eventSelectors: "all", isMultiRegionTrail: "often" }),
            expect: "pass",
        },
    ]);

    const trail = (selectors: unknown) => set(unlink(A, "audit-trail"), "audit-trail", { advancedEventSelectors: selectors });
    const s3Data = (more: Record<string, unknown>[]) => ({
        name: "s3",
        fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }, ...more],
    });
    kindCases(pack, "aws-cloudtrail-ai-bucket-data-events", [
        compliantAws,
        {
            kind: "violating",
            title: "read-only data events",
            stack: () => trail([s3Data([{ field: "readOnly", equals: ["true"] }])]),
            expect: "violation",
            on: "training-data",
        },
        {
            kind: "compliant",
            title: "basic event selectors for every bucket",
            stack: () =>
                set(drop(A, "audit-trail", "advancedEventSelectors"), "audit-trail", {
                    eventSelectors: [{ readWriteType: "All", dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }],
                }),
            expect: "pass",
        },
        {
            kind: "absent",
            title: "no event selectors",
            stack: () => drop(unlink(A, "audit-trail"), "audit-trail", "advancedEventSelectors"),
            expect: "violation",
            on: "training-data",
        },
        {
            kind: "unknown",
            title: "field selectors computed during preview",
            stack: () => trail([{ name: "s3", fieldSelectors: UNKNOWN_VALUES.array }]),
            expect: "unknown",
            on: "training-data",
        },
        { kind: "malformed", title: "selectors that are a string select nothing", stack: () => trail("all"), expect: "violation", on: "training-data" },
    ]);

    // The compliant trail logs the data events of every default type; `only` keeps those listed.
    const aiTrail = (only: string[], extra: unknown[] = []) => trail([...trailSelectors("arn:aws:s3:::training-data-111122223333/", only), ...extra]);
    const guardrail = res("aws:bedrock/guardrail:Guardrail", "support-guardrail", {
        name: "support",
        blockedInputMessaging: "no",
        blockedOutputsMessaging: "no",
        tags: { owner: "ml-platform" },
    });
    kindCases(pack, "aws-cloudtrail-ai-data-events", [
        compliantAws,
        {
            kind: "violating",
            title: "a guardrail whose data events no trail logs",
            stack: () => [...aiTrail(["AWS::Bedrock::AgentAlias"]), guardrail],
            expect: "violation",
            on: "support-guardrail",
            message: /AWS::Bedrock::Guardrail/,
        },
        {
            kind: "violating",
            title: "agent data events logged for reads only",
            stack: () =>
                aiTrail(
                    [],
                    [
                        {
                            name: "agents",
                            fieldSelectors: [
                                { field: "eventCategory", equals: ["Data"] },
                                { field: "resources.type", equals: ["AWS::Bedrock::AgentAlias"] },
                                { field: "readOnly", equals: ["true"] },
                            ],
                        },
                    ],
                ),
            expect: "violation",
            message: /AWS::Bedrock::AgentAlias/,
        },
        {
            kind: "compliant",
            title: "a selector narrowed to some agent aliases by ARN still logs their data events",
            stack: () =>
                aiTrail(
                    [],
                    [
                        {
                            name: "agents",
                            fieldSelectors: [
                                { field: "eventCategory", equals: ["Data"] },
                                { field: "resources.type", equals: ["AWS::Bedrock::AgentAlias"] },
                                { field: "resources.ARN", startsWiths: ["arn:aws:bedrock:eu-west-1:111122223333:agent-alias/"] },
                            ],
                        },
                    ],
                ),
            expect: "pass",
        },
        {
            kind: "absent",
            title: "a trail with basic event selectors only (they cannot log Bedrock data events)",
            stack: () => set(drop(A, "audit-trail", "advancedEventSelectors"), "audit-trail", { eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }] }),
            expect: "violation",
            message: /AWS::Bedrock::AgentAlias/,
        },
        { kind: "absent", title: "the stack uses no Bedrock or AgentCore resource", stack: () => without(A, "support-agent", "triage-agent"), expect: "pass" },
        {
            kind: "unknown",
            title: "a selector's resources.type computed during preview",
            stack: () =>
                aiTrail(
                    [],
                    [
                        {
                            name: "agents",
                            fieldSelectors: [
                                { field: "eventCategory", equals: ["Data"] },
                                { field: "resources.type", equals: UNKNOWN_VALUES.array },
                            ],
                        },
                    ],
                ),
            expect: "unknown",
        },
        {
            kind: "unknown",
            title: "an unknown selector beside one that logs the type is settled by the known one",
            stack: () => aiTrail(AI_DATA_EVENT_TYPES, [UNKNOWN_VALUES.object]),
            expect: "pass",
        },
        { kind: "malformed", title: "selectors that are a string log nothing", stack: () => trail("all"), expect: "violation", message: /AWS::Bedrock::AgentAlias/ },
    ]);

    kindCases(pack, "aws-ecr-ai-repository-lifecycle-policy", [
        compliantAws,
        {
            kind: "violating",
            title: "the only lifecycle policy is another repository's",
            stack: () => set(unlink(A, "model-images-lifecycle"), "model-images-lifecycle", { repository: "other-repo" }),
            expect: "violation",
            on: "model-images",
        },
        { kind: "absent", title: "no lifecycle policy", stack: () => without(A, "model-images-lifecycle"), expect: "violation", on: "model-images" },
        {
            kind: "unknown",
            title: "a policy whose repository is known only after `pulumi up`",
            stack: () => set(unlink(A, "model-images-lifecycle"), "model-images-lifecycle", { repository: UNKNOWN_VALUES.string }),
            expect: "unknown",
            on: "model-images",
        },
        {
            kind: "malformed",
            title: "a repository name that is a number links nothing",
            stack: () => set(unlink(A, "model-images-lifecycle"), "model-images-lifecycle", { repository: 7 }),
            expect: "violation",
            on: "model-images",
        },
    ]);

    kindCases(pack, "aws-ecr-registry-enhanced-scanning", [
        compliantAws,
        { kind: "violating", title: "basic scanning", stack: () => set(A, "registry-scanning", { scanType: "BASIC" }), expect: "violation", on: "registry-scanning" },
        { kind: "absent", title: "no scanning configuration", stack: () => without(A, "registry-scanning"), expect: "violation", on: "model-images" },
        {
            kind: "unknown",
            title: "rules computed during preview",
            stack: () => set(A, "registry-scanning", { rules: UNKNOWN_VALUES.array }),
            expect: "unknown",
            on: "registry-scanning",
        },
        { kind: "malformed", title: "scanType is a number", stack: () => set(A, "registry-scanning", { scanType: 5 }), expect: "malformed", on: "registry-scanning" },
    ]);

    kindCases(pack, "aws-signer-ai-image-signing-profile", [
        compliantAws,
        {
            kind: "violating",
            title: "a profile for Lambda code, not container images",
            stack: () => set(A, "image-signing", { platformId: "AWSLambda-SHA384-ECDSA" }),
            expect: "violation",
            on: "model-images",
        },
        { kind: "absent", title: "no signing profile", stack: () => without(A, "image-signing"), expect: "violation", on: "model-images" },
        {
            kind: "unknown",
            title: "platform computed during preview",
            stack: () => set(A, "image-signing", { platformId: UNKNOWN_VALUES.string }),
            expect: "unknown",
            on: "image-signing",
        },
        { kind: "malformed", title: "platformId is a number", stack: () => set(A, "image-signing", { platformId: 5 }), expect: "malformed", on: "image-signing" },
    ]);

    kindCases(pack, "aws-efs-ai-file-system-backup-policy", [
        compliantAws,
        {
            kind: "violating",
            title: "backups disabled",
            stack: () => set(A, "notebook-home-backup", { backupPolicy: { status: "DISABLED" } }),
            expect: "violation",
            on: "notebook-home-backup",
        },
        { kind: "absent", title: "no backup policy", stack: () => without(A, "notebook-home-backup"), expect: "violation", on: "notebook-home" },
        {
            kind: "unknown",
            title: "policy computed during preview",
            stack: () => set(A, "notebook-home-backup", { backupPolicy: UNKNOWN_VALUES.object }),
            expect: "unknown",
            on: "notebook-home-backup",
        },
        {
            kind: "malformed",
            title: "an unsupported status",
            stack: () => set(A, "notebook-home-backup", { backupPolicy: { status: "SOMETIMES" } }),
            expect: "malformed",
            on: "notebook-home-backup",
        },
    ]);

    const selection = (resources: unknown) => set(unlink(A, "ml-data-selection"), "ml-data-selection", { resources });
    kindCases(pack, "aws-backup-ai-data-selected", [
        compliantAws,
        { kind: "violating", title: "the selection picks other resources", stack: () => selection(["arn:aws:s3:::unrelated-bucket"]), expect: "violation" },
        { kind: "absent", title: "no selection", stack: () => without(A, "ml-data-selection"), expect: "violation" },
        { kind: "unknown", title: "selected ARNs known only after `pulumi up`", stack: () => selection(UNKNOWN_VALUES.array), expect: "unknown" },
        { kind: "malformed", title: "resources that is a string selects nothing", stack: () => selection("everything"), expect: "violation" },
    ]);

    kindCases(pack, "aws-backup-ai-vault-lock", [
        compliantAws,
        {
            kind: "violating",
            title: "the only lock is another vault's",
            stack: () => set(unlink(A, "ml-backups-lock"), "ml-backups-lock", { backupVaultName: "other-vault" }),
            expect: "violation",
            on: "ml-backups",
        },
        { kind: "absent", title: "no lock", stack: () => without(A, "ml-backups-lock"), expect: "violation", on: "ml-backups" },
        {
            kind: "unknown",
            title: "vault name known only after `pulumi up`",
            stack: () => set(unlink(A, "ml-backups-lock"), "ml-backups-lock", { backupVaultName: UNKNOWN_VALUES.string }),
            expect: "unknown",
            on: "ml-backups",
        },
        {
            kind: "malformed",
            title: "a vault name that is a number links nothing",
            stack: () => set(unlink(A, "ml-backups-lock"), "ml-backups-lock", { backupVaultName: 7 }),
            expect: "violation",
            on: "ml-backups",
        },
    ]);

    kindCases(pack, "aws-s3-model-artifact-bucket-replication", [
        compliantAws,
        {
            kind: "violating",
            title: "the only replication is another bucket's",
            stack: () => set(unlink(A, "training-data-replication"), "training-data-replication", { bucket: "unrelated-bucket" }),
            expect: "violation",
            on: "training-data",
        },
        { kind: "absent", title: "no replication", stack: () => without(A, "training-data-replication"), expect: "violation", on: "training-data" },
        {
            kind: "unknown",
            title: "replication of a bucket known only after `pulumi up`",
            stack: () => set(unlink(A, "training-data-replication"), "training-data-replication", { bucket: UNKNOWN_VALUES.string }),
            expect: "unknown",
            on: "training-data",
        },
        {
            kind: "malformed",
            title: "inline replication that is a string",
            stack: () => set(without(A, "training-data-replication"), "training-data", { replicationConfiguration: "on" }),
            expect: "malformed",
            on: "training-data",
        },
    ]);

    kindCases(pack, "aws-vpc-ai-service-endpoints", [
        compliantAws,
        { kind: "violating", title: "private DNS off", stack: () => set(A, "vpce-bedrock-runtime", { privateDnsEnabled: false }), expect: "violation", on: "vpce-bedrock-runtime" },
        { kind: "absent", title: "no SageMaker runtime endpoint", stack: () => without(A, "vpce-sagemaker-runtime"), expect: "violation", on: "fraud-model" },
        {
            kind: "unknown",
            title: "a service name known only after `pulumi up`",
            stack: () => set(A, "vpce-sagemaker-runtime", { serviceName: UNKNOWN_VALUES.string }),
            expect: "unknown",
            on: "fraud-model",
        },
        {
            kind: "malformed",
            title: "privateDnsEnabled is not a boolean",
            stack: () => set(A, "vpce-bedrock-runtime", { privateDnsEnabled: "yes please" }),
            expect: "malformed",
            on: "vpce-bedrock-runtime",
        },
    ]);

    kindCases(pack, "ai-assets-required-tags", [
        compliantAws,
        compliantAzure,
        {
            kind: "violating",
            title: "a model without data-classification",
            stack: () => set(A, "fraud-model", { tags: { owner: "ml-platform" } }),
            expect: "violation",
            on: "fraud-model",
        },
        { kind: "absent", title: "an OpenAI account without tags", stack: () => drop(Z, "openai", "tags"), expect: "violation", on: "openai" },
        {
            kind: "absent",
            title: "an AgentCore agent runtime without tags",
            stack: () => [
                ...A,
                res("aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime", "claims-runtime", {
                    agentRuntimeName: "claims_runtime",
                    roleArn: "arn:aws:iam::123456789012:role/claims-runtime",
                    agentRuntimeArtifact: { containerConfiguration: { containerUri: "123456789012.dkr.ecr.eu-west-2.amazonaws.com/agent:1.0" } },
                    networkConfiguration: { networkMode: "VPC" },
                }),
            ],
            expect: "violation",
            on: "claims-runtime",
        },
        { kind: "unknown", title: "tags computed during preview", stack: () => set(A, "fraud-model", { tags: UNKNOWN_VALUES.object }), expect: "unknown", on: "fraud-model" },
        {
            kind: "malformed",
            title: "tags that are a list, not a map",
            stack: () => set(A, "fraud-model", { tags: ["owner"] }),
            expect: "malformed",
            on: "fraud-model",
            message: /cannot evaluate tags/,
        },
        {
            kind: "compliant",
            title: "in preview, data-classification comes from the AWS provider's default tags",
            stack: () =>
                replace(set(A, "fraud-model", { tags: { owner: "ml-platform" }, tagsAll: UNKNOWN_VALUES.object }), "fraud-model", (r) => ({
                    ...r,
                    provider: awsProvider({ "data-classification": "confidential" }),
                })),
            expect: "pass",
        },
        {
            kind: "violating",
            title: "in preview, default tags known without it: missing, not 'cannot verify'",
            stack: () =>
                replace(set(A, "fraud-model", { tags: { owner: "ml-platform" }, tagsAll: UNKNOWN_VALUES.object }), "fraud-model", (r) => ({
                    ...r,
                    provider: awsProvider({ team: "ml" }),
                })),
            expect: "violation",
            on: "fraud-model",
        },
    ]);

    kindCases(pack, "ai-data-stores-tagged", [
        compliantAws,
        compliantAzure,
        {
            kind: "violating",
            title: "a key the endpoint uses, tagged without the AI tag",
            stack: () => set(A, "ml-key", { tags: { owner: "ml-platform", "data-classification": "confidential" } }),
            expect: "violation",
            on: "ml-key",
        },
        { kind: "absent", title: "the workspace's vault without tags", stack: () => drop(Z, "mlkv", "tags"), expect: "violation", on: "mlkv" },
        { kind: "unknown", title: "tags computed during preview", stack: () => set(A, "ml-key", { tags: UNKNOWN_VALUES.object }), expect: "unknown", on: "ml-key" },
        {
            kind: "malformed",
            title: "tags that are a string, not a map",
            stack: () => set(A, "ml-key", { tags: "ai-workload" }),
            expect: "malformed",
            on: "ml-key",
            message: /cannot evaluate tags/,
        },
    ]);

    const prod = (props: Record<string, unknown>, protect?: boolean) => [
        { ...res(T.bucket, "prod-data", { bucket: "prod-data-1", ...props }, {}, { stack: "prod" }), options: protect === undefined ? undefined : { protect } },
    ];
    kindCases(pack, "ai-data-stores-protected", [
        { kind: "compliant", title: "a protected AI bucket in a prod stack", stack: () => prod({ tags: { "ai-workload": "true" } }, true), expect: "pass" },
        { kind: "compliant", title: "an unprotected AI bucket in a dev stack", stack: () => A, expect: "pass" },
        { kind: "violating", title: "protect: false in a prod stack", stack: () => prod({ tags: { "ai-workload": "true" } }, false), expect: "violation", on: "prod-data" },
        { kind: "absent", title: "no protect option in a prod stack", stack: () => prod({ tags: { "ai-workload": "true" } }), expect: "violation", on: "prod-data" },
        { kind: "unknown", title: "tags computed during preview", stack: () => prod({ tags: UNKNOWN_VALUES.object }), expect: "unknown", on: "prod-data" },
        { kind: "malformed", title: "tags that are a string, not a map", stack: () => prod({ tags: "ai-workload" }), expect: "malformed", message: /cannot evaluate tags/ },
    ]);

    const diag = (name: string, target: string, policy: string, what: string) =>
        kindCases(pack, policy, [
            compliantAzure,
            {
                kind: "violating",
                title: `${what}: logs disabled`,
                stack: () => set(Z, name, { logs: [{ categoryGroup: "allLogs", enabled: false }] }),
                expect: "violation",
                on: target,
            },
            { kind: "absent", title: `${what}: no diagnostic setting`, stack: () => without(Z, name), expect: "violation", on: target },
            { kind: "unknown", title: `${what}: logs computed during preview`, stack: () => set(Z, name, { logs: UNKNOWN_VALUES.array }), expect: "unknown", on: name },
            {
                kind: "compliant",
                title: `${what}: in preview, workspaceId is unknown but computed from the Log Analytics workspace`,
                stack: () => set(Z, name, { workspaceId: UNKNOWN_VALUES.string }),
                expect: "pass",
            },
            {
                kind: "unknown",
                title: `${what}: in preview, workspaceId is unknown and the engine recorded no source`,
                stack: () =>
                    replace(set(Z, name, { workspaceId: UNKNOWN_VALUES.string }), name, (r) => ({
                        ...r,
                        propertyDependencies: { resourceUri: r.propertyDependencies?.resourceUri ?? [] },
                    })),
                expect: "unknown",
                on: name,
            },
            { kind: "malformed", title: `${what}: logs is a number`, stack: () => set(Z, name, { logs: 5 }), expect: "malformed", on: name, message: /cannot evaluate logs/ },
        ]);
    diag("ml-workspace-diag", "ml-workspace", "azure-machinelearning-workspace-diagnostic-settings", "workspace");
    diag("scoring-diag", "scoring", "azure-machinelearning-endpoint-registry-diagnostic-settings", "online endpoint");
    diag("openai-diag", "openai", "azure-cognitiveservices-account-diagnostic-settings", "OpenAI account");
    diag("rag-search-diag", "rag-search", "azure-search-keyvault-diagnostic-settings", "AI Search");

    kindCases(pack, "azure-storage-ai-blob-soft-delete-versioning", [
        compliantAzure,
        { kind: "violating", title: "versioning off", stack: () => set(Z, "mlstore-blob", { isVersioningEnabled: false }), expect: "violation", on: "mlstore-blob" },
        { kind: "absent", title: "no blob service properties", stack: () => without(Z, "mlstore-blob"), expect: "violation", on: "mlstore" },
        {
            kind: "unknown",
            title: "account name known only after `pulumi up`",
            stack: () => set(unlink(Z, "mlstore-blob"), "mlstore-blob", { accountName: UNKNOWN_VALUES.string }),
            expect: "unknown",
            on: "mlstore",
        },
        {
            kind: "malformed",
            title: "retention policy is a string",
            stack: () => set(Z, "mlstore-blob", { deleteRetentionPolicy: "on" }),
            expect: "malformed",
            on: "mlstore-blob",
            message: /cannot evaluate deleteRetentionPolicy/,
        },
    ]);

    kindCases(pack, "azure-defender-ai-services", [
        { kind: "compliant", title: "the compliant Azure stack (plan AI at Standard)", stack: () => Z, expect: "pass" },
        {
            kind: "compliant",
            title: "lower-case plan and tier, output name only",
            stack: () => setOrDrop(Z, "defender-ai", { pricingName: undefined, name: "ai", pricingTier: "standard" }),
            expect: "pass",
        },
        {
            kind: "violating",
            title: "plan AI at Free",
            stack: () => setOrDrop(Z, "defender-ai", { pricingTier: "Free" }),
            expect: "violation",
            on: "openai",
            message: /no Defender for Cloud pricing that sets plan "AI" to "Standard"/,
        },
        {
            kind: "violating",
            title: "only another plan at Standard",
            stack: () => setOrDrop(Z, "defender-ai", { pricingName: "StorageAccounts" }),
            expect: "violation",
            on: "openai",
        },
        {
            kind: "absent",
            title: "no pricing at all",
            stack: () => without(Z, "defender-ai"),
            expect: "violation",
            on: "openai",
            message: /an Azure AI services account but no Defender for Cloud pricing plan "AI"/,
        },
        { kind: "absent", title: "tier not set: Free", stack: () => setOrDrop(Z, "defender-ai", { pricingTier: undefined }), expect: "violation", on: "openai" },
        {
            kind: "unknown",
            title: "plan name known only after `pulumi up`",
            stack: () => setOrDrop(Z, "defender-ai", { pricingName: UNKNOWN_VALUES.string }),
            expect: "unknown",
            on: "defender-ai",
        },
        { kind: "unknown", title: "tier unknown", stack: () => setOrDrop(Z, "defender-ai", { pricingTier: UNKNOWN_VALUES.string }), expect: "unknown", on: "defender-ai" },
        { kind: "malformed", title: "tier is a boolean", stack: () => setOrDrop(Z, "defender-ai", { pricingTier: true }), expect: "malformed", on: "defender-ai" },
        { kind: "compliant", title: "a stack without AI services accounts: not judged", stack: () => without(Z, "openai", "openai-diag"), expect: "pass" },
    ]);

    kindCases(pack, "azure-cognitive-agent-own-stores", [
        { kind: "compliant", title: "project capability host names its own stores", stack: () => F, expect: "pass" },
        {
            kind: "compliant",
            title: "inherited from the account capability host",
            stack: () =>
                setOrDrop(setOrDrop(F, "agents-caphost", { projectCapabilityHostProperties: {} }), "foundry-caphost", {
                    capabilityHostProperties: { capabilityHostKind: "Agents", ...STORES },
                }),
            expect: "pass",
        },
        {
            kind: "violating",
            title: "no vector store",
            stack: () => setOrDrop(F, "agents-caphost", { projectCapabilityHostProperties: { ...STORES, vectorStoreConnections: [] } }),
            expect: "violation",
            on: "agents-caphost",
            message: /names no vector store \(vectorStoreConnections\), and no account capability host of the stack gives it/,
        },
        {
            kind: "absent",
            title: "basic setup: an account capability host only, naming no stores",
            stack: () => without(F, "agents-caphost"),
            expect: "violation",
            on: "foundry-caphost",
            message: /names no file storage \(storageConnections\), thread storage \(threadStorageConnections\), vector store/,
        },
        {
            kind: "unknown",
            title: "connections known only after `pulumi up`",
            stack: () => setOrDrop(F, "agents-caphost", { projectCapabilityHostProperties: { ...STORES, threadStorageConnections: UNKNOWN_VALUES.array } }),
            expect: "unknown",
            on: "agents-caphost",
        },
        {
            kind: "unknown",
            title: "project host of an account known only after `pulumi up`, account host's lists unknown",
            stack: () =>
                setOrDrop(setOrDrop(withoutGraph(F), "agents-caphost", { accountName: UNKNOWN_VALUES.string, projectCapabilityHostProperties: {} }), "foundry-caphost", {
                    capabilityHostProperties: { capabilityHostKind: "Agents", ...STORES },
                }),
            expect: "unknown",
            on: "agents-caphost",
        },
        { kind: "compliant", title: "in preview, graph links the account", stack: () => preview(F, ["name", "id"]), expect: "pass" },
        {
            kind: "malformed",
            title: "a list of connections is a number",
            stack: () => setOrDrop(F, "agents-caphost", { projectCapabilityHostProperties: { ...STORES, storageConnections: 3 } }),
            expect: "malformed",
            on: "agents-caphost",
        },
    ]);

    kindCases(pack, "azure-cognitive-agent-network-injection", [
        { kind: "compliant", title: "account injects agents into a customer subnet", stack: () => F, expect: "pass" },
        {
            kind: "compliant",
            title: "older form: the account capability host names a customer subnet",
            stack: () =>
                setOrDrop(setOrDrop(F, "foundry", { properties: { allowProjectManagement: true } }), "foundry-caphost", {
                    capabilityHostProperties: { capabilityHostKind: "Agents", customerSubnet: SUBNET },
                }),
            expect: "pass",
        },
        {
            kind: "violating",
            title: "Microsoft-managed network",
            stack: () => setOrDrop(F, "foundry", { properties: { networkInjections: [{ scenario: "agent", subnetArmId: SUBNET, useMicrosoftManagedNetwork: true }] } }),
            expect: "violation",
            on: "foundry",
            message: /hosts agents \(capability host "foundry-caphost"\) but properties.networkInjections injects none/,
        },
        {
            kind: "absent",
            title: "no network injection",
            stack: () => setOrDrop(F, "foundry", { properties: { allowProjectManagement: true } }),
            expect: "violation",
            on: "foundry",
        },
        {
            kind: "compliant",
            title: "an account without capability host: not judged",
            stack: () => setOrDrop(without(F, "agents-caphost", "foundry-caphost"), "foundry", { properties: {} }),
            expect: "pass",
        },
        {
            kind: "compliant",
            title: "linked by the known account name, without a graph",
            stack: () => withoutGraph(F),
            expect: "pass",
        },
        {
            kind: "unknown",
            title: "subnet known only after `pulumi up`",
            stack: () => setOrDrop(F, "foundry", { properties: { networkInjections: [{ scenario: "agent", subnetArmId: UNKNOWN_VALUES.string }] } }),
            expect: "unknown",
            on: "foundry",
        },
        {
            kind: "unknown",
            title: "host's account known only after `pulumi up`, no graph",
            stack: () => setOrDrop(withoutGraph(setOrDrop(F, "foundry", { properties: {} })), "foundry-caphost", { accountName: UNKNOWN_VALUES.string }),
            expect: "unknown",
            on: "foundry-caphost",
        },
        {
            kind: "malformed",
            title: "unsupported scenario",
            stack: () => setOrDrop(F, "foundry", { properties: { networkInjections: [{ scenario: "everything", subnetArmId: SUBNET }] } }),
            expect: "malformed",
            on: "foundry",
        },
    ]);

    kindCases(pack, "azure-ai-private-endpoints", [
        compliantAzure,
        {
            kind: "compliant",
            title: "linked by the known target id, without a graph",
            stack: () => unlink(unlink(unlink(Z, "openai-pe"), "ml-workspace-pe"), "rag-search-pe"),
            expect: "pass",
        },
        {
            kind: "violating",
            title: "the search service's endpoint connects to another service",
            stack: () =>
                setOrDrop(unlink(Z, "rag-search-pe"), "rag-search-pe", {
                    privateLinkServiceConnections: [
                        { name: "x", privateLinkServiceId: "/subscriptions/0/resourceGroups/x/providers/Microsoft.Search/searchServices/other", groupIds: ["searchService"] },
                    ],
                }),
            expect: "violation",
            on: "rag-search",
            message: /this AI Search service has no private endpoint in the stack/,
        },
        {
            kind: "absent",
            title: "no private endpoint for the OpenAI account",
            stack: () => without(Z, "openai-pe"),
            expect: "violation",
            on: "openai",
            message: /this AI services account has no private endpoint/,
        },
        {
            kind: "absent",
            title: "no private endpoint for the workspace",
            stack: () => without(Z, "ml-workspace-pe"),
            expect: "violation",
            on: "ml-workspace",
            message: /Machine Learning workspace/,
        },
        {
            kind: "unknown",
            title: "an endpoint's target known only after `pulumi up`, no graph",
            stack: () =>
                setOrDrop(unlink(without(Z, "openai-pe"), "rag-search-pe"), "rag-search-pe", {
                    privateLinkServiceConnections: [{ name: "x", privateLinkServiceId: UNKNOWN_VALUES.string }],
                }),
            expect: "unknown",
        },
        {
            kind: "violating",
            title: "in preview the graph rules out a target the unknown id cannot name",
            stack: () =>
                replace(without(Z, "openai-pe"), "rag-search-pe", (r) => ({
                    ...r,
                    properties: { ...r.properties, privateLinkServiceConnections: UNKNOWN_VALUES.array },
                })),
            expect: "violation",
            on: "openai",
        },
        {
            kind: "malformed",
            title: "connections is a string: reported on the endpoint",
            stack: () => setOrDrop(unlink(Z, "rag-search-pe"), "rag-search-pe", { privateLinkServiceConnections: "rag-search" }),
            expect: "malformed",
            on: "rag-search-pe",
            message: /cannot evaluate privateLinkServiceConnections: expected a list/,
        },
        {
            kind: "compliant",
            title: "hub projects are reached through their hub",
            stack: () => setOrDrop(without(Z, "ml-workspace-pe", "ml-workspace-diag"), "ml-workspace", { kind: "Project" }),
            expect: "pass",
        },
    ]);

    organizationsKinds(pack);
    codebuildKinds(pack);
    guardrailIamKinds(pack);
    previewUnknownKinds();

    it("covers every stack policy of the registry", () => {
        const { policies } = require("../../../policypack/registry") as typeof import("../../../policypack/registry");
        const { detailsOf } = require("../../../policypack/lib/policy") as typeof import("../../../policypack/lib/policy");
        const tested = new Set(this.suites.map((s) => s.title));
        const missing = policies.filter((p) => detailsOf(p).kind === "stack" && !tested.has(p.name)).map((p) => p.name);
        assert.deepStrictEqual(missing, []);
    });
});

export { urnOf };
