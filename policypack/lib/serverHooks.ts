/**
 * The one place where the pack wraps the SDK's Analyzer server handlers (the speed-ups and
 * safety nets in sharedStackResources.ts and its neighbours). The SDK registers its handlers with
 * `grpc.Server.prototype.addService` while the PolicyPack is constructed; the registration that
 * follows {@link wrapHandler} gets each registered RPC handler (`analyze`, `analyzeStack`,
 * `remediate`, `configure`, ...) wrapped, in the order the wrappers were registered (the first
 * registered is innermost). Only that one registration is touched.
 *
 * If the SDK's gRPC module is not what this expects, nothing is wrapped and `wrapHandler` returns
 * false: the pack then runs with the SDK's own handlers.
 */
import { sdkModule } from "./sdk";

/** A gRPC unary handler as @grpc/grpc-js calls it. */
export type Handler = (call: { request?: unknown }, callback: (err: unknown, res?: unknown) => void) => unknown;
export type HandlerWrapper = (handler: Handler) => Handler;

interface Server {
    prototype: { addService(service: unknown, implementation: Record<string, unknown>): void };
}

const wrappers = new Map<string, HandlerWrapper[]>();
let patched = false;

/** Wraps the `rpc` handler of the PolicyPack about to be constructed. Returns whether it can. */
export function wrapHandler(rpc: string, wrapper: HandlerWrapper): boolean {
    if (!patched && !patchAddService()) {
        return false;
    }
    const list = wrappers.get(rpc) ?? [];
    list.push(wrapper);
    wrappers.set(rpc, list);
    return true;
}

function patchAddService(): boolean {
    const proto = sdkModule<{ Server?: Server }>("@grpc/grpc-js")?.Server?.prototype;
    if (!proto || typeof proto.addService !== "function") {
        return false;
    }
    const addService = proto.addService;
    proto.addService = function (this: unknown, service: unknown, implementation: Record<string, unknown>) {
        proto.addService = addService;
        patched = false;
        const wrapped: Record<string, unknown> = { ...implementation };
        for (const [rpc, list] of wrappers) {
            let handler = implementation?.[rpc];
            if (typeof handler !== "function") {
                continue;
            }
            for (const wrap of list) {
                handler = wrap(handler as Handler);
            }
            wrapped[rpc] = handler;
        }
        wrappers.clear();
        return addService.call(this, service, wrapped);
    };
    patched = true;
    return true;
}
