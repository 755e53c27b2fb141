/**
 * One scope per AnalyzeStack request, for what the stack policies of that request share (the
 * stack index, stack.ts). The SDK runs every stack policy of a request inside the handler it
 * registers; the handler is wrapped (serverHooks.ts) so that it runs inside an AsyncLocalStorage
 * store of its own, a fresh object per request. Anything cached on that object is seen by the
 * policies of that request only, whether requests arrive one after another or interleave, and is
 * collected with it.
 *
 * If the handler cannot be wrapped (the SDK changed), there is no scope: callers then build what
 * they need per policy, which is slower but gives the same results.
 */
import { AsyncLocalStorage } from "async_hooks";
import { wrapHandler } from "./serverHooks";

const scopes = new AsyncLocalStorage<object>();

/** Gives every AnalyzeStack request of the PolicyPack about to be constructed a scope. */
export function scopeStackRequests(): boolean {
    return wrapHandler("analyzeStack", (handler) => (call, callback) => scopes.run({}, () => handler(call, callback)));
}

/** The current AnalyzeStack request's scope (a key for per-request caches), or undefined outside one. */
export function stackRequestScope(): object | undefined {
    return scopes.getStore();
}
