/**
 * lib/sharedStackResources.ts, driven in-process: the SDK's own AnalyzeStack handler, once as the
 * SDK registers it and once wrapped as the pack registers it, on the same requests. The wrapped one
 * must build each resource once per request (not once per stack policy) and answer exactly the same.
 * (test/fastPaths.spec.ts compares the two through the pack process as well.)
 */
import * as assert from "assert";
import type { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { AnalyzeResult, decodeAnalyzeResponse, PolicyPackProcess, StackResource } from "../../policypack/engine/analyzer";
import { readsSharedResources, shareStackResources, stackResourcesOf } from "../../policypack/lib/sharedStackResources";
import { policies } from "../../policypack/registry";
import { awsStack, azureStack, preview, syntheticStack, without } from "../policies/stack/support";
import { startPack } from "../support/harness";

type Callback = (err: unknown, res?: unknown) => void;
type Handler = (call: { request: unknown }, callback: Callback) => void;

const grpc = require("@grpc/grpc-js") as { Server: { prototype: { addService(service: unknown, impl: Record<string, unknown>): void } } };
const server = require("@pulumi/policy/server") as { makeAnalyzeStackRpcFun(name: string, version: string, level: string, policies: readonly object[]): Handler };
const proxy = require("@pulumi/policy/proxy") as { unknownCheckingProxy(x: unknown): unknown };

/** The SDK's handler as the SDK registers it. */
function sdkHandler(list: readonly object[]): Handler {
    return server.makeAnalyzeStackRpcFun("secure-ai-policies", "0.1.0", "advisory", list);
}

/** The handler as the pack registers it: shareStackResources, then the SDK's registration. */
function packHandler(list: readonly object[]): { handler: Handler; installed: boolean } {
    const proto = grpc.Server.prototype;
    const original = proto.addService;
    let registered: Record<string, unknown> = {};
    proto.addService = (_service, impl) => {
        registered = impl;
    };
    try {
        const installed = shareStackResources(list);
        proto.addService.call(undefined, {}, { analyzeStack: sdkHandler(list) });
        return { handler: registered.analyzeStack as Handler, installed };
    } finally {
        proto.addService = original;
    }
}

/** Runs one request; counts the property proxies built, one per PolicyResource. */
async function run(handler: Handler, request: unknown): Promise<{ result: AnalyzeResult; proxies: number }> {
    const original = proxy.unknownCheckingProxy;
    let proxies = 0;
    proxy.unknownCheckingProxy = (x) => {
        proxies++;
        return original(x);
    };
    try {
        const res = await new Promise<unknown>((resolve, reject) => handler({ request }, (err, r) => (err ? reject(err) : resolve(r))));
        return { result: decodeAnalyzeResponse(res as never), proxies };
    } finally {
        proxy.unknownCheckingProxy = original;
    }
}

/** What a stack policy can observe of the resources it is given. */
function snapshot(resources: readonly PolicyResource[]) {
    const model = { __pulumiType: "aws:sagemaker/model:Model" };
    const urns = (rs: readonly PolicyResource[]) => rs.map((r) => r.urn);
    return resources.map((r) => ({
        type: r.type,
        urn: r.urn,
        name: r.name,
        props: JSON.parse(JSON.stringify(r.props)),
        opts: r.opts,
        dependencies: urns(r.dependencies),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, urns(v)])),
        parent: r.parent?.urn,
        provider: r.provider && { type: r.provider.type, urn: r.provider.urn, name: r.provider.name, props: JSON.parse(JSON.stringify(r.provider.props)) },
        isModel: r.isType(model as never),
        asModel: r.asType(model as never) === r.props,
    }));
}

/** A stack using every part of a resource the engine sends. */
function everyPart(): StackResource[] {
    const provider = { type: "pulumi:providers:aws", name: "eu", urn: "urn:pulumi:dev::p::pulumi:providers:aws::eu", properties: { region: "eu-west-2" } };
    const parentUrn = "urn:pulumi:dev::p::my:component:Platform::platform";
    const parent: StackResource = { type: "my:component:Platform", name: "platform", urn: parentUrn, properties: {} };
    const bucket: StackResource = {
        type: "aws:s3/bucket:Bucket",
        name: "data",
        urn: "urn:pulumi:dev::p::my:component:Platform$aws:s3/bucket:Bucket::data",
        properties: { bucket: "data", tags: { "ai-workload": "true" }, nested: { list: [1, "two", { three: true }] } },
        parent: parentUrn,
        options: { protect: true, parent: parentUrn, ignoreChanges: ["tags"], aliases: ["urn:pulumi:dev::p::aws:s3/bucket:Bucket::old"], additionalSecretOutputs: ["bucket"] },
        provider,
    };
    const bucketUrn = bucket.urn as string;
    const model: StackResource = {
        type: "aws:sagemaker/model:Model",
        name: "model",
        urn: "urn:pulumi:dev::p::aws:sagemaker/model:Model::model",
        properties: { primaryContainer: { modelDataUrl: "s3://data/model.tar.gz" } },
        dependencies: [bucketUrn, "urn:pulumi:dev::p::aws:iam/role:Role::gone"],
        propertyDependencies: { primaryContainer: [bucketUrn, "urn:pulumi:dev::p::aws:iam/role:Role::gone"], executionRoleArn: [] },
        provider,
    };
    return [parent, bucket, model];
}

describe("lib/sharedStackResources: one set of resources per AnalyzeStack request", () => {
    let pack: PolicyPackProcess; // only builds request messages
    let shared: Handler;
    const stackPolicies = policies.filter((p) => "validateStack" in p).length;
    before(async () => {
        pack = await startPack();
        const { handler, installed } = packHandler(policies);
        assert.ok(installed, "every stack policy of the pack reads the shared resources");
        shared = handler;
    });
    after(async () => {
        await pack.stop();
    });

    const stacks: [string, () => StackResource[]][] = [
        ["a compliant AWS stack", awsStack],
        ["an AWS stack missing a public access block", () => without(awsStack(), "training-data-pab")],
        ["an Azure stack in preview", () => preview(azureStack())],
        ["a 400-resource mixed stack", () => syntheticStack(400)],
    ];
    for (const [label, make] of stacks) {
        it(`${label}: the same results, with each resource built once`, async () => {
            const stack = make();
            const sdk = await run(sdkHandler(policies), pack.analyzeStackRequest(stack));
            const ours = await run(shared, pack.analyzeStackRequest(stack));
            assert.deepStrictEqual(ours.result, sdk.result);
            assert.strictEqual(ours.proxies, stack.length, "one PolicyResource per resource");
            assert.ok(sdk.proxies >= (stackPolicies / 2) * stack.length, `the SDK alone builds them per stack policy (${sdk.proxies})`);
        });
    }

    it("builds each resource as the SDK does: type, props, options, provider, parent, dependencies (dangling ones dropped), isType/asType", async () => {
        const seen: ReturnType<typeof snapshot>[] = [];
        const capture: StackValidationPolicy = {
            name: "capture",
            description: "Records what it is given.",
            enforcementLevel: "advisory",
            validateStack: (args: StackValidationArgs) => void seen.push(snapshot(stackResourcesOf(args))),
        };
        readsSharedResources(capture.validateStack);
        const { handler, installed } = packHandler([capture]);
        assert.ok(installed);
        for (const stack of [everyPart(), awsStack()]) {
            seen.length = 0;
            const sdk = await run(sdkHandler([capture]), pack.analyzeStackRequest(stack));
            const ours = await run(handler, pack.analyzeStackRequest(stack));
            assert.strictEqual(ours.proxies, sdk.proxies, "with one stack policy, both build each resource (and provider) once");
            assert.strictEqual(seen.length, 2);
            assert.deepStrictEqual(seen[1], seen[0]);
        }
        assert.deepStrictEqual(seen[0].length > 10 && seen[0].some((r) => Object.keys(r.propertyDependencies).length > 0), true);
    });

    it("gives the findings a user sees (the comparison is not between two empty answers)", async () => {
        const { result } = await run(shared, pack.analyzeStackRequest(without(awsStack(), "training-data-pab")));
        assert.ok(result.diagnostics.some((d) => d.policyName === "aws-s3-ai-bucket-public-access-block" && /training-data/.test(d.urn)));
    });

    it("keeps concurrent requests apart", async () => {
        const a = without(awsStack(), "training-data-pab");
        const b = preview(azureStack());
        const [x, y] = await Promise.all([run(shared, pack.analyzeStackRequest(a)), run(shared, pack.analyzeStackRequest(b))]);
        assert.deepStrictEqual(x.result, (await run(sdkHandler(policies), pack.analyzeStackRequest(a))).result);
        assert.deepStrictEqual(y.result, (await run(sdkHandler(policies), pack.analyzeStackRequest(b))).result);
    });

    it("an empty stack is answered as the SDK answers it", async () => {
        assert.deepStrictEqual((await run(shared, pack.analyzeStackRequest([]))).result, (await run(sdkHandler(policies), pack.analyzeStackRequest([]))).result);
    });

    it("is not installed when a stack policy of the pack reads the SDK's resources itself", async () => {
        let seen = -1;
        const foreign: StackValidationPolicy = {
            name: "foreign",
            description: "Counts resources.",
            enforcementLevel: "advisory",
            validateStack: (args) => void (seen = args.resources.length),
        };
        const { handler, installed } = packHandler([...policies, foreign]);
        assert.strictEqual(installed, false);
        const stack = awsStack();
        await run(handler, pack.analyzeStackRequest(stack));
        assert.strictEqual(seen, stack.length);
    });
});
