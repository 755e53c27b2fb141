/** The stack index in-process: edges, reverse edges, per-property dependencies, reach, bad input. */
import * as assert from "assert";
import type { PolicyResource } from "@pulumi/policy";
import { StackIndex } from "../../../policypack/lib/stack";

/** PolicyResources as the SDK builds them (dependencies resolved to objects, dangling ones dropped). */
function stack(specs: { type: string; name: string; props?: Record<string, unknown>; deps?: Record<string, string[]> }[]): PolicyResource[] {
    const byName = new Map<string, PolicyResource>();
    const out = specs.map((s) => {
        const r = {
            type: s.type,
            name: s.name,
            urn: `urn:pulumi:dev::p::${s.type}::${s.name}`,
            props: s.props ?? {},
            opts: {},
            dependencies: [],
            propertyDependencies: {},
        } as unknown as PolicyResource;
        byName.set(s.name, r);
        return r;
    });
    specs.forEach((s, i) => {
        const pd: Record<string, PolicyResource[]> = {};
        const deps = new Set<PolicyResource>();
        for (const [prop, names] of Object.entries(s.deps ?? {})) {
            pd[prop] = names.map((n) => byName.get(n)).filter((x): x is PolicyResource => x !== undefined);
            pd[prop].forEach((d) => deps.add(d));
        }
        (out[i] as { propertyDependencies: unknown }).propertyDependencies = pd;
        (out[i] as { dependencies: unknown }).dependencies = [...deps];
    });
    return out;
}

describe("stack index", () => {
    const resources = stack([
        { type: "aws:kms/key:Key", name: "key" },
        { type: "aws:s3/bucketV2:BucketV2", name: "data", props: { bucket: "data-1" }, deps: { serverSideEncryptionConfigurations: ["key"] } },
        { type: "aws:iam/policy:Policy", name: "read", deps: { policy: ["data"] } },
        { type: "aws:iam/role:Role", name: "role", deps: { managedPolicyArns: ["read"] } },
        { type: "aws:sagemaker/model:Model", name: "model", deps: { executionRoleArn: ["role"] } },
        { type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", name: "pab", props: { bucket: "data-1" }, deps: { bucket: ["data"] } },
    ]);
    const index = new StackIndex(resources);
    const get = (name: string) => index.resources.find((r) => r.name === name)!;

    it("indexes by URN and canonical type (deprecated twins included)", () => {
        assert.strictEqual(index.get(resources[1].urn)?.name, "data");
        assert.deepStrictEqual(
            index.ofType("aws:s3/bucket:Bucket").map((r) => r.name),
            ["data"],
        );
    });
    it("keeps per-property dependencies and reverse edges", () => {
        assert.deepStrictEqual(
            index.propertyDependencies(get("pab"), "bucket")?.map((r) => r.name),
            ["data"],
        );
        assert.strictEqual(index.propertyDependencies(get("pab"), "other"), undefined);
        assert.deepStrictEqual(
            index.referrers(get("data"), ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"]).map((r) => r.name),
            ["pab"],
        );
        assert.deepStrictEqual(
            index
                .dependents(get("data"))
                .map((e) => `${e.from.name}.${e.prop}`)
                .sort(),
            ["pab.", "pab.bucket", "read.", "read.policy"],
        );
    });
    it("answers what an AI resource depends on through configuration resources, stopping at data stores", () => {
        assert.deepStrictEqual(
            index.reachedFrom(get("model")).map((r) => r.name),
            ["role", "read", "data"],
        );
        const scope = index.aiScope(["ai-workload"]);
        assert.deepStrictEqual(
            index.resources.filter((r) => scope.isAi(r)).map((r) => r.name),
            ["data", "read", "role", "model"],
        );
        const reason = scope.reason(get("data"));
        assert.ok(reason?.kind === "graph" && reason.via.name === "model");
    });
    it("links configuration resources by graph, then by value", () => {
        const a = index.attachments({
            targets: ["aws:s3/bucket:Bucket"],
            attachments: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
            via: "bucket",
            keys: ["bucket"],
        });
        assert.deepStrictEqual(
            a.of(get("data")).map((r) => r.name),
            ["pab"],
        );
        assert.strictEqual(a.pointsAt(get("pab")).state, "linked");
        const byValue = new StackIndex(resources.map((r) => ({ ...r, dependencies: [], propertyDependencies: {} }) as PolicyResource));
        const b = byValue.attachments({
            targets: ["aws:s3/bucket:Bucket"],
            attachments: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
            via: "bucket",
            keys: ["bucket"],
        });
        assert.deepStrictEqual(
            b.of(byValue.resources[1]).map((r) => r.name),
            ["pab"],
        );
    });
    it("survives cycles, self references, duplicate URNs and junk", () => {
        const junk = [
            ...stack([
                { type: "a:b/c:D", name: "x", deps: { p: ["y"] } },
                { type: "a:b/c:D", name: "y", deps: { p: ["x"] } },
            ]),
            { type: 42, name: undefined, urn: undefined, props: null, dependencies: "nope", propertyDependencies: { p: "nope" } } as unknown as PolicyResource,
        ];
        junk[0].dependencies.push(junk[0]);
        const i = new StackIndex([...junk, junk[0]]);
        assert.strictEqual(i.resources.length, 4);
        assert.deepStrictEqual(
            i.reachedFrom(i.resources[0]).map((r) => r.name),
            ["y"],
        );
        assert.strictEqual(i.aiScope([]).services.length, 0);
    });
    it("outside an AnalyzeStack request, is keyed by the resource array (within a request, by the request: see the stack reliability tests)", () => {
        assert.strictEqual(StackIndex.of(resources), StackIndex.of(resources));
        const copy = resources.map((r) => ({ ...r }) as PolicyResource);
        assert.notStrictEqual(StackIndex.of(copy), StackIndex.of(resources));
    });
});
