/**
 * `ai-preview-unknown-values`: what a preview cannot know, reported once per resource after the
 * graph settled what it can (policypack/lib/previewUnknowns.ts). Driven as the engine drives a
 * preview: Analyze for every resource, then one AnalyzeStack over all of them. test/policies/stack/
 * kinds.spec.ts registers the suite beside every other stack policy's.
 */
import * as assert from "assert";
import type { AnalyzeResult, Diagnostic, PolicyPackConfigFile, PolicyPackProcess, StackResource } from "../../../policypack/engine/analyzer";
import { engineValidator, PREVIEW_UNKNOWNS, startPack, UNKNOWN_VALUES } from "../../support/harness";
import { Kind, res, stackCase } from "./support";

const U = UNKNOWN_VALUES.string;
const AI = { "ai-workload": "true" };
const KEY = "aws:kms/key:Key";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const PARAMETER = "aws:ssm/parameter:Parameter";

const key = res(KEY, "key", { enableKeyRotation: true, tags: AI });
const parameter = res(PARAMETER, "shared-key-arn", { type: "String", value: U });
const bucket = res("aws:s3/bucket:Bucket", "capture", { tags: AI });
const logGroup = (name: string, kmsKeyId: unknown, links: Parameters<typeof res>[3] = {}, extra: Record<string, unknown> = {}) =>
    res(LOG_GROUP, name, { kmsKeyId, retentionInDays: 365, tags: AI, ...extra }, links);
const rolePolicy = (policy: unknown) => res("aws:iam/rolePolicy:RolePolicy", "grants", { role: "ml-role", policy });

/** A preview as the engine runs it: Analyze per resource, then AnalyzeStack over the stack. */
async function preview(pack: PolicyPackProcess, stack: StackResource[]): Promise<{ analyze: Diagnostic[]; reports: Diagnostic[] }> {
    const analyze: Diagnostic[] = [];
    for (const r of stack) {
        analyze.push(...(await pack.analyze(r)).diagnostics);
    }
    const result: AnalyzeResult = await pack.analyzeStack(stack);
    return { analyze, reports: result.diagnostics.filter((d) => d.policyName === PREVIEW_UNKNOWNS) };
}

/** The policies a report says are waiting, with what they wait for. */
function waiting(d: Diagnostic): Record<string, string> {
    return Object.fromEntries([...d.message.matchAll(/^- ([a-z0-9-]+): (.*)$/gm)].map((m) => [m[1], m[2]]));
}

const on = (reports: Diagnostic[], r: StackResource) => reports.filter((d) => d.urn === r.urn);

export function previewUnknownKinds(): void {
    describe(PREVIEW_UNKNOWNS, function () {
        let pack: PolicyPackProcess;
        const configure = (config: PolicyPackConfigFile) => pack.configure(config, engineValidator);
        before(async function () {
            this.timeout(120000);
            pack = await startPack();
        });
        after(() => pack.stop());
        afterEach(() => configure({}));

        const kind = (k: Kind, title: string, body: () => Promise<void>) => {
            stackCase(PREVIEW_UNKNOWNS, k);
            it(`${k}: ${title}`, body);
        };

        kind("violating", "a policy document computed from other resources: one report on the resource, naming every policy that waits, none of their own", async () => {
            const policy = rolePolicy(U);
            const { analyze, reports } = await preview(pack, [policy]);
            assert.deepStrictEqual(
                analyze.filter((d) => d.message.includes("cannot verify")),
                [],
            );
            assert.strictEqual(reports.length, 1);
            const [report] = reports;
            assert.strictEqual(report.urn, policy.urn);
            assert.strictEqual(report.enforcementLevel, "advisory");
            assert.match(report.message, /\ncannot verify until the values are known \(after `pulumi up`\): .* 5 policies wait for them:\n/);
            assert.deepStrictEqual(waiting(report), {
                "aws-iam-policy-no-admin-wildcard": "policy",
                "aws-iam-policy-no-wildcard-ai-actions": "policy",
                "aws-iam-policy-no-passrole-wildcard": "policy",
                "aws-iam-marketplace-subscribe-scoped": "policy",
                "aws-iam-bedrock-invoke-requires-guardrail": "policy",
            });
            assert.match(report.message, /\nEach runs again on the real values during the update\.$/);
        });

        kind("compliant", "every value known: nothing to report", async () => {
            const document = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::data/*" }] });
            const { reports } = await preview(pack, [key, logGroup("known", "arn:aws:kms:eu-west-1:111122223333:key/abc"), rolePolicy(document)]);
            assert.deepStrictEqual(reports, []);
        });

        kind("absent", "values the graph settles are not reported: a key id, a policy ARN, a guardrail version and an image from the program's own resources", async () => {
            const version = res("aws:bedrock/guardrailVersion:GuardrailVersion", "v1", { guardrailArn: U, version: U });
            const repo = res("aws:ecr/repository:Repository", "images", { tags: AI });
            const ownPolicy = res("aws:iam/policy:Policy", "own", { policy: "{}" });
            const stack = [
                key,
                logGroup("own-key", U, { kmsKeyId: key }),
                version,
                res(
                    "aws:bedrock/agentAgent:AgentAgent",
                    "agent",
                    {
                        agentName: "a",
                        customerEncryptionKeyArn: U,
                        idleSessionTtlInSeconds: 600,
                        guardrailConfigurations: [{ guardrailIdentifier: U, guardrailVersion: U }],
                        tags: AI,
                    },
                    { customerEncryptionKeyArn: key, guardrailConfigurations: version },
                ),
                ownPolicy,
                res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "attach", { role: "ml-role", policyArn: U }, { policyArn: ownPolicy }),
                repo,
                res(
                    "aws:sagemaker/trainingJob:TrainingJob",
                    "train",
                    {
                        trainingJobName: "t",
                        roleArn: "arn:aws:iam::111122223333:role/ml",
                        algorithmSpecification: { trainingImage: U, trainingInputMode: "File" },
                        tags: AI,
                    },
                    { algorithmSpecification: repo },
                ),
            ];
            const { reports } = await preview(pack, stack);
            const named = reports.flatMap((d) => Object.keys(waiting(d)));
            for (const settled of [
                "aws-cloudwatch-log-group-kms",
                "aws-bedrock-agent-kms",
                "aws-bedrock-agent-guardrail",
                "aws-iam-no-ai-full-access-managed-policies",
                "aws-sagemaker-training-approved-image",
            ]) {
                assert.ok(!named.includes(settled), `${settled} was settled by the graph: ${JSON.stringify(reports.map((d) => d.message))}`);
            }
        });

        kind("unknown", "what the graph cannot settle stays 'cannot verify': a key through a parameter, a property mixing a key and a bucket, an approved-key list", async () => {
            const viaParameter = logGroup("via-parameter", U, { kmsKeyId: parameter });
            const mixed = logGroup("mixed", U, { kmsKeyId: [key, bucket] });
            const { reports } = await preview(pack, [key, parameter, bucket, viaParameter, mixed]);
            for (const r of [viaParameter, mixed]) {
                const [report, ...more] = on(reports, r);
                assert.deepStrictEqual(more, []);
                assert.strictEqual(waiting(report)["aws-cloudwatch-log-group-kms"], "kmsKeyId");
            }
            // With an approved list, only the key's real ARN can tell; the graph does not settle it.
            await configure({ "aws-cloudwatch-log-group-kms": { approvedKmsKeyArns: ["arn:aws:kms:eu-west-1:111122223333:key/approved"] } });
            const ownKey = logGroup("own-key", U, { kmsKeyId: key });
            assert.strictEqual(waiting(on((await preview(pack, [key, ownKey])).reports, ownKey)[0])["aws-cloudwatch-log-group-kms"], "kmsKeyId");
        });

        kind("malformed", "a malformed value is the policy's own finding, never handed over; the others still wait", async () => {
            const bad = logGroup("bad", 42, {}, { retentionInDays: U });
            const { analyze, reports } = await preview(pack, [bad]);
            assert.ok(analyze.some((d) => d.policyName === "aws-cloudwatch-log-group-kms" && d.message.includes("cannot evaluate kmsKeyId")));
            const [report] = on(reports, bad);
            assert.ok(!("aws-cloudwatch-log-group-kms" in waiting(report)));
            assert.strictEqual(waiting(report)["aws-cloudwatch-log-group-retention"], "retentionInDays");
        });

        it("set to mandatory, a preview that cannot verify everything fails", async () => {
            await configure({ [PREVIEW_UNKNOWNS]: "mandatory" });
            const { reports } = await preview(pack, [rolePolicy(U)]);
            assert.deepStrictEqual(
                reports.map((d) => d.enforcementLevel),
                ["mandatory"],
            );
        });

        it("a resource exempted from it by its tag is not reported", async () => {
            const exempt = logGroup("exempt", U, { kmsKeyId: parameter }, { tags: { ...AI, "secure-ai-policies/exempt": PREVIEW_UNKNOWNS } });
            assert.deepStrictEqual(on((await preview(pack, [parameter, exempt])).reports, exempt), []);
        });

        it("only the resources of the stack pass are reported, and a resource analysed again with known values starts afresh", async () => {
            const stale = logGroup("stale", U, { kmsKeyId: parameter });
            await pack.analyze(stale); // analysed, but not part of the next stack
            assert.deepStrictEqual((await preview(pack, [parameter])).reports, []);
            await pack.analyze(stale);
            const known = logGroup("stale", "arn:aws:kms:eu-west-1:111122223333:key/abc");
            assert.deepStrictEqual((await preview(pack, [known])).reports, []);
        });
    });
}
