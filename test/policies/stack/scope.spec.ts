/** Which resources count as AI (README: "Which resources count as AI"). */
import * as assert from "assert";
import type { StackResource } from "../../../policypack/engine/analyzer";
import { UNKNOWN_VALUES } from "../../support/harness";
import { usePack } from "../../support/cases";
import { findings, res, T } from "./support";

const PAB_POLICY = "aws-s3-ai-bucket-public-access-block";
const judgedBy = (policy: string) => new Set([policy]);

/** A bare bucket: every data-store control fails on it when it is in scope. */
function bareBucket(name: string, tags?: Record<string, unknown>, extra: Record<string, unknown> = {}): StackResource {
    return res(T.bucket, name, { bucket: `${name}-1`, arn: `arn:aws:s3:::${name}-1`, ...(tags ? { tags } : {}), ...extra });
}

describe("stack: which resources count as AI", function () {
    const pack = usePack();

    async function pabFindings(stack: StackResource[]) {
        return findings(await pack().analyzeStack(stack), judgedBy(PAB_POLICY));
    }

    it("a bucket no AI resource uses and without the tag is not judged", async () => {
        assert.deepStrictEqual(await pabFindings([bareBucket("website")]), []);
    });

    it("a bucket a training job writes to is AI, through the graph", async () => {
        const bucket = bareBucket("artefacts");
        const job = res(T.trainingJob, "train", { outputDataConfig: { s3OutputPath: "s3://artefacts-1/out" } }, { outputDataConfig: bucket });
        const fs = await pabFindings([bucket, job]);
        assert.deepStrictEqual(
            fs.map((f) => f.urn),
            [bucket.urn],
        );
        assert.match(fs[0].message, /used by the AI resource "train" \(TrainingJob\)/);
    });

    it("a bucket an AI resource reaches through a configuration resource (its role's policy) is AI", async () => {
        const bucket = bareBucket("features");
        const policy = res("aws:iam/policy:Policy", "read-features", { policy: "{}" }, { policy: bucket });
        const role = res(T.role, "sagemaker-role", { arn: "arn:aws:iam::1:role/sm" }, { managedPolicyArns: policy });
        const model = res(T.model, "m", { name: "m", executionRoleArn: "arn:aws:iam::1:role/sm" }, { executionRoleArn: role });
        assert.deepStrictEqual(
            (await pabFindings([bucket, policy, role, model])).map((f) => f.urn),
            [bucket.urn],
        );
    });

    it("the walk stops at data stores: the bucket an AI bucket logs to is not AI by that alone", async () => {
        const logs = bareBucket("logs");
        const data = bareBucket("data", undefined, { logging: { targetBucket: "logs-1" } });
        const dataWithLink = { ...data, dependencies: [logs.urn as string], propertyDependencies: { logging: [logs.urn as string] } };
        const job = res(T.trainingJob, "train", {}, { outputDataConfig: data });
        assert.deepStrictEqual(
            (await pabFindings([logs, dataWithLink, job])).map((f) => f.urn),
            [data.urn],
        );
    });

    it("the AI tag marks a bucket, on tags or on AWS default tags (tagsAll)", async () => {
        const a = bareBucket("tagged", { "ai-workload": "true" });
        const b = bareBucket("default-tagged", undefined, { tagsAll: { "AI-Workload": "yes" } });
        const c = bareBucket("opted-out", { "ai-workload": "false" });
        assert.deepStrictEqual(
            (await pabFindings([a, b, c])).map((f) => f.urn),
            [a.urn, b.urn],
        );
    });

    it("in preview, tagsAll is unknown but the AWS provider's default tags decide", async () => {
        const provider = (tags: Record<string, string>) => ({
            type: "pulumi:providers:aws",
            name: "default",
            urn: "urn:pulumi:dev::p::pulumi:providers:aws::default",
            properties: { defaultTags: JSON.stringify({ tags }) },
        });
        const marked = { ...bareBucket("marked", { team: "ml" }, { tagsAll: UNKNOWN_VALUES.object }), provider: provider({ "ai-workload": "training" }) };
        const plain = { ...bareBucket("plain", { team: "web" }, { tagsAll: UNKNOWN_VALUES.object }), provider: provider({ team: "platform" }) };
        const unsure = bareBucket("unsure", { team: "web" }, { tagsAll: UNKNOWN_VALUES.object }); // no provider sent: tagsAll alone could say
        const fs = await pabFindings([marked, plain, unsure]);
        assert.deepStrictEqual(
            fs.filter((f) => !f.unknown).map((f) => f.urn),
            [marked.urn],
        );
        assert.deepStrictEqual(
            fs.filter((f) => f.unknown).map((f) => f.urn),
            [unsure.urn],
        );
    });

    it("unknown tags on an otherwise unrelated bucket are 'cannot verify'", async () => {
        const fs = await pabFindings([bareBucket("maybe", UNKNOWN_VALUES.object as unknown as Record<string, unknown>)]);
        assert.strictEqual(fs.length, 1);
        assert.ok(fs[0].unknown && fs[0].advisory);
        assert.match(fs[0].message, /tags/);
    });

    it("Azure: an ML workspace's storage account, key vault and registry are AI", async () => {
        const storage = res(T.storage, "st", { name: "st" });
        const vault = res(T.keyVault, "kv", { name: "kv" });
        const acr = res(T.acr, "acr", { name: "acr" });
        const ws = res(T.mlWorkspace, "ws", { name: "ws" }, { storageAccount: storage, keyVault: vault, containerRegistry: acr });
        const fs = findings(await pack().analyzeStack([storage, vault, acr, ws]), judgedBy("ai-data-stores-tagged"));
        assert.deepStrictEqual(fs.map((f) => f.urn).sort(), [storage.urn, vault.urn, acr.urn].sort());
    });

    describe("with allDataStores", () => {
        const configured = usePack({ "aws-s3-ai-bucket-public-access-block": { allDataStores: true }, "ai-data-stores-tagged": { allDataStores: true } });
        it("every bucket is judged, and nothing needs the AI tag", async () => {
            const result = await configured().analyzeStack([bareBucket("website")]);
            assert.deepStrictEqual(
                findings(result, judgedBy(PAB_POLICY)).map((f) => f.urn),
                [bareBucket("website").urn],
            );
            assert.deepStrictEqual(findings(result, judgedBy("ai-data-stores-tagged")), []);
        });
    });

    describe("with custom AI tag keys", () => {
        const configured = usePack({ "aws-s3-ai-bucket-public-access-block": { aiTagKeys: ["ml-data"] } });
        it("only the configured keys mark a bucket", async () => {
            const a = bareBucket("ml", { "ml-data": "training" });
            const b = bareBucket("old", { "ai-workload": "true" });
            assert.deepStrictEqual(
                findings(await configured().analyzeStack([a, b]), judgedBy(PAB_POLICY)).map((f) => f.urn),
                [a.urn],
            );
        });
    });
});
