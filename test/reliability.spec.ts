/**
 * The pack's reliability invariants that are not about one policy (README "Reliability"), through
 * the Analyzer protocol: invalid config is refused in Configure with a message naming the policy
 * and the field (and the pack keeps its previous config); every Remediate is answered, also for
 * properties the SDK cannot deserialise; configured patterns cannot wedge the pack.
 */
import * as assert from "assert";
import type { PolicyPackProcess, StackResource } from "../policypack/engine/analyzer";
import { PolicyConfigError } from "../policypack/engine/analyzer";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCheck } from "./check/run";
import { awsStack, findings } from "./policies/stack/support";
import { outcomeOf, startPack } from "./support/harness";

const NOTEBOOK = "aws:sagemaker/notebookInstance:NotebookInstance";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const notebook = { instanceType: "ml.t3.medium", roleArn: "arn:aws:iam::111122223333:role/r", kmsKeyId: KEY, directInternetAccess: "Disabled", rootAccess: "Disabled" };

/** Settles within `ms`, or fails saying the call was never answered. */
function answeredWithin<T>(ms: number, call: Promise<T>): Promise<{ value?: T; error?: Error }> {
    return Promise.race([
        call.then(
            (value) => ({ value }),
            (error: Error) => ({ error }),
        ),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
    ]);
}

describe("reliability: Configure refuses config no policy can use", function () {
    let pack: PolicyPackProcess;
    before(async function () {
        this.timeout(120000);
        pack = await startPack();
    });
    after(async () => {
        await pack.stop();
    });

    /** Sends the config as the engine would, without the engine's own schema check (as other callers may). */
    async function refused(file: Record<string, unknown>): Promise<string> {
        try {
            await pack.configure(file);
        } catch (e) {
            assert.ok(e instanceof PolicyConfigError, String(e));
            return e.message;
        }
        assert.fail(`accepted ${JSON.stringify(file)}`);
    }

    it("names the policy and the field of wrong types, nulls, unknown settings, unknown policies and settings for `all`", async () => {
        assert.match(
            await refused({ "aws-sagemaker-notebook-kms": { approvedKmsKeyArns: KEY } }),
            /aws-sagemaker-notebook-kms: approvedKmsKeyArns: Invalid type\. Expected: array, given: string/,
        );
        assert.match(await refused({ "aws-s3-bucket-sse-kms-cmk": { aiTagKeys: null } }), /aws-s3-bucket-sse-kms-cmk: aiTagKeys: Invalid type\. Expected: array, given: null/);
        assert.match(
            await refused({ "aws-s3-bucket-sse-kms-cmk": { alldatastores: true } }),
            /aws-s3-bucket-sse-kms-cmk: alldatastores: this policy has no such setting \(did you mean "allDataStores"\?\)/,
        );
        assert.match(
            await refused({ "aws-sagemaker-notebok-kms": "mandatory" }),
            /aws-sagemaker-notebok-kms: no policy of this name in the pack \(did you mean "aws-sagemaker-notebook-kms"\?\)/,
        );
        assert.match(await refused({ all: { enforcementLevel: "advisory", allDataStores: true } }), /all: allDataStores: settings cannot be given for all policies at once/);
        // Every problem at once, under one heading.
        const both = await refused({ "aws-sagemaker-notebook-kms": { approvedKmsKeyArns: 1 }, "aws-s3-bucket-sse-kms-cmk": { allDataStores: "yes" } });
        assert.match(both, /^invalid policy config for secure-ai-policies:\n {2}\S/);
        assert.match(both, /\n {2}aws-sagemaker-notebook-kms: approvedKmsKeyArns: /);
        assert.match(both, /\n {2}aws-s3-bucket-sse-kms-cmk: allDataStores: /);
    });

    it("names the policy of an enforcement level outside the protocol's values", async () => {
        const { pb, Struct } = pack.modules;
        const req = new pb.ConfigureAnalyzerRequest();
        const pc = new pb.PolicyConfig();
        pc.setEnforcementlevel(7 as never);
        pc.setProperties(Struct.fromJavaScript({}));
        req.getPolicyconfigMap().set("aws-sagemaker-notebook-kms", pc);
        const error = await new Promise<{ code?: number; details?: string } | null>((resolve) => pack.rawClient.configure(req, (err) => resolve(err as never)));
        assert.strictEqual(error?.code, 3, "INVALID_ARGUMENT");
        assert.match(error?.details ?? "", /aws-sagemaker-notebook-kms: enforcementLevel: "level 7" is not a valid enforcement level/);
    });

    it("a schema-invalid config that used to make policies throw is refused, and the pack keeps its previous config", async () => {
        await pack.configure({ "aws-sagemaker-notebook-kms": { approvedKmsKeyArns: ["arn:aws:kms:eu-west-1:111122223333:key/other"] } });
        const before = await pack.analyze({ type: NOTEBOOK, name: "nb", properties: notebook });
        assert.strictEqual(outcomeOf(before, "aws-sagemaker-notebook-kms"), "violation", "the allow-list is in force");
        assert.match(await refused({ "aws-sagemaker-notebook-kms": { aiTagKeys: "ai-workload", approvedKmsKeyArns: "x" } }), /approvedKmsKeyArns/);
        const after = await pack.analyze({ type: NOTEBOOK, name: "nb", properties: notebook });
        assert.deepStrictEqual(after, before);
        assert.ok(!after.diagnostics.some((d) => /the policy failed/.test(d.message)));
    });

    it("refuses a protectedStacks pattern that could backtrack catastrophically", async () => {
        assert.match(
            await refused({ "ai-data-stores-protected": { protectedStacks: "^(a+)+$" } }),
            /ai-data-stores-protected: protectedStacks: it repeats a group that contains a quantifier/,
        );
        assert.match(await refused({ "ai-data-stores-protected": { protectedStacks: "(" } }), /ai-data-stores-protected: protectedStacks: it is not a valid regular expression/);
        await pack.configure({ "ai-data-stores-protected": { protectedStacks: "^(prod|production)(-.*)?$" } });
    });
});

describe("reliability: check says what Configure says", function () {
    it("a setting no schema declares stops `check` (exit 2) with the pack's message naming policy and field", async function () {
        this.timeout(180000);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sap-config-"));
        const file = path.join(dir, "policy-config.json");
        fs.writeFileSync(file, JSON.stringify({ "aws-ecr-repository-immutable-tags": { allowImmutableWithExclusoin: true } }));
        const run = await runCheck([path.join("examples", "aws-ml-platform-insecure"), "--policy-pack-config", file]);
        assert.strictEqual(run.code, 2, run.stderr);
        assert.match(
            run.stderr,
            /aws-ecr-repository-immutable-tags: allowImmutableWithExclusoin: this policy has no such setting \(did you mean "allowImmutableWithExclusion"\?\)/,
        );
    });
});

describe("reliability: bounded time with configured patterns", function () {
    let pack: PolicyPackProcess;
    before(async function () {
        this.timeout(120000);
        pack = await startPack({ "ai-data-stores-protected": { protectedStacks: "^(a|b)(-.*)?x$" } });
    });
    after(async () => {
        await pack.stop();
    });

    it("a crafted stack name against an accepted pattern is judged at once", async () => {
        const crafted = "a-" + "-".repeat(20000);
        const stack: StackResource[] = awsStack().map((r) => ({ ...r, urn: (r.urn as string).replace("urn:pulumi:dev::", `urn:pulumi:${crafted}::`) }));
        const started = Date.now();
        const result = await answeredWithin(30000, pack.analyzeStack(stack));
        assert.ok(result.value, String(result.error));
        assert.deepStrictEqual(
            findings(result.value).filter((f) => f.policy === "ai-data-stores-protected"),
            [],
            "the crafted name does not match, so protection is not required",
        );
        assert.ok(Date.now() - started < 30000);
    });
});

describe("reliability: every Remediate is answered", function () {
    let pack: PolicyPackProcess;
    before(async function () {
        this.timeout(120000);
        pack = await startPack({ "aws-s3-bucket-no-force-destroy": "remediate" });
    });
    after(async () => {
        await pack.stop();
    });

    const SIG = "4dabf18193072939515e22adb298388d";
    const malformed: [string, unknown][] = [
        ["an asset with neither path, text nor uri", { [SIG]: "c44067f5952c0a294b673a41bacd8c17" }],
        ["an archive with neither assets, path nor uri", { [SIG]: "0def7320c3a5731c473e5ecbe6d01bc7" }],
        ["an archive whose asset is not one", { [SIG]: "0def7320c3a5731c473e5ecbe6d01bc7", assets: { "a.txt": "plain" } }],
        ["a secret without a value", { [SIG]: "1b47061264138c4ac30d75fd1eb44270" }],
        ["an unknown signature", { [SIG]: "ffffffffffffffffffffffffffffffff", value: 1 }],
    ];
    for (const [what, envelope] of malformed) {
        it(`${what}: answered, with nothing changed`, async () => {
            const bucket = { bucket: "b", tags: { "ai-workload": "true" }, forceDestroy: true, website: { indexDocument: envelope } };
            const result = await answeredWithin(20000, pack.remediate({ type: "aws:s3/bucket:Bucket", name: "b", properties: bucket }));
            assert.ok(result.value, String(result.error));
            assert.deepStrictEqual(result.value, []);
            // Analyze answers too (the SDK reports what it could not read).
            await answeredWithin(20000, pack.analyze({ type: "aws:s3/bucket:Bucket", name: "b", properties: bucket }));
        });
    }

    it("well-formed requests are remediated as before (the wrapper passes answers through once)", async () => {
        const [fix] = await pack.remediate({ type: "aws:s3/bucket:Bucket", name: "b", properties: { bucket: "b", tags: { "ai-workload": "true" }, forceDestroy: true } });
        assert.strictEqual(fix?.policyName, "aws-s3-bucket-no-force-destroy");
        assert.strictEqual(fix.properties?.forceDestroy, false);
    });
});
