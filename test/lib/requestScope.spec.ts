/**
 * lib/requestScope.ts and the stack index cache (lib/stack.ts), driven in-process so that two
 * AnalyzeStack requests really interleave: both handlers are started in the same tick, and the SDK
 * alternates between their stack policies. Each request's results must be exactly its results
 * alone, with the resources shared per request (the pack's speed-up) and without it (the SDK
 * building them per policy). test/policies/stack/robustness.spec.ts checks the same through the
 * pack process.
 */
import * as assert from "assert";
import { AnalyzeResult, decodeAnalyzeResponse, PolicyPackProcess, StackResource } from "../../policypack/engine/analyzer";
import { scopeStackRequests } from "../../policypack/lib/requestScope";
import { shareStackResources } from "../../policypack/lib/sharedStackResources";
import { policies } from "../../policypack/registry";
import { awsStack, byName, patch, preview } from "../policies/stack/support";
import { startPack } from "../support/harness";

type Handler = (call: { request: unknown }, callback: (err: unknown, res?: unknown) => void) => void;

const grpc = require("@grpc/grpc-js") as { Server: { prototype: { addService(service: unknown, impl: Record<string, unknown>): void } } };
const server = require("@pulumi/policy/server") as { makeAnalyzeStackRpcFun(name: string, version: string, level: string, policies: readonly object[]): Handler };

/** The AnalyzeStack handler as the pack registers it: request scopes, optionally shared resources, then the SDK's. */
function packHandler(shared: boolean): Handler {
    const proto = grpc.Server.prototype;
    const original = proto.addService;
    let registered: Record<string, unknown> = {};
    proto.addService = (_service, impl) => {
        registered = impl;
    };
    try {
        assert.ok(scopeStackRequests());
        if (shared) {
            assert.ok(shareStackResources(policies));
        }
        proto.addService.call(undefined, {}, { analyzeStack: server.makeAnalyzeStackRpcFun("secure-ai-policies", "0.1.0", "advisory", policies) });
        return registered.analyzeStack as Handler;
    } finally {
        proto.addService = original;
    }
}

function run(handler: Handler, request: unknown): Promise<AnalyzeResult> {
    return new Promise((resolve, reject) => handler({ request }, (err, res) => (err ? reject(err) : resolve(decodeAnalyzeResponse(res as never)))));
}

/** Stacks with the same URNs (and types) and different properties. */
function twins(): StackResource[][] {
    const good = awsStack();
    const suspended = patch(good, "training-data-versioning", (p) => ({ ...p, versioningConfiguration: { status: "Suspended" } }));
    const noCapture = patch(good, "fraud-endpoint-config", (p) => ({ ...p, dataCaptureConfig: { enableCapture: false } }));
    return [good, suspended, noCapture, preview(suspended)];
}

describe("lib/requestScope: the stack index belongs to one AnalyzeStack request", () => {
    let pack: PolicyPackProcess; // only builds request messages
    before(async () => {
        pack = await startPack();
    });
    after(async () => {
        await pack.stop();
    });

    for (const shared of [true, false]) {
        describe(shared ? "with the resources shared per request" : "with the resources built per policy (SECURE_AI_POLICIES_FAST_PATHS=0)", () => {
            it("interleaved requests with equal URNs and different properties each get their own results", async () => {
                const handler = packHandler(shared);
                const stacks = twins();
                const alone: AnalyzeResult[] = [];
                for (const s of stacks) {
                    alone.push(await run(handler, pack.analyzeStackRequest(s)));
                }
                // The twins differ where a user would notice: the suspended versioning is reported.
                assert.ok(alone[1].diagnostics.some((d) => d.urn === byName(stacks[1], "training-data-versioning").urn && d.enforcementLevel === "advisory"));
                assert.notDeepStrictEqual(alone[0], alone[1]);
                assert.notDeepStrictEqual(alone[0], alone[2]);
                for (const order of [
                    [0, 1, 2, 3],
                    [3, 2, 1, 0],
                    [1, 0, 3, 2],
                ]) {
                    const together = await Promise.all(order.map((i) => run(handler, pack.analyzeStackRequest(stacks[i]))));
                    together.forEach((r, j) => assert.deepStrictEqual(r, alone[order[j]], `stack ${order[j]} analysed together with ${order.join(", ")}`));
                }
            });

            it("back-to-back requests in the same tick never reuse the previous request's index", async () => {
                const handler = packHandler(shared);
                const stacks = twins();
                const alone: AnalyzeResult[] = [];
                for (const s of stacks) {
                    alone.push(await run(packHandler(shared), pack.analyzeStackRequest(s)));
                }
                for (let round = 0; round < 3; round++) {
                    for (let i = 0; i < stacks.length; i++) {
                        // Awaiting a callback-resolved promise does not leave the tick: no timer runs in between.
                        assert.deepStrictEqual(await run(handler, pack.analyzeStackRequest(stacks[i])), alone[i], `stack ${i}, round ${round}`);
                    }
                }
            });
        });
    }
});
