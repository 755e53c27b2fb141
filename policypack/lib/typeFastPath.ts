/**
 * The SDK's not-applicable fast path for every spelling of a resource type.
 *
 * For each resource the SDK's server asks every resource policy whether it applies. A policy whose
 * validate function carries `__pulumiType` is answered without calling it when the resource's type
 * differs (the fast path `validateResourceOfType` uses); any other policy is called and must throw
 * the SDK's not-applicable error, and that throw is by far the most expensive part of a policy
 * that does not apply (measured in the pack process: ~15 us against ~2 us for the fast path).
 * Policies that cover several tokens, and every Azure policy (versioned tokens such as
 * `azure-native:storage/v20230101:StorageAccount` must match too), cannot declare one exact type.
 *
 * So their `__pulumiType` is a getter: the server reads it while handling one request, and it
 * answers the type of that very request when the policy covers it (the SDK then calls the policy)
 * or the policy's own token when it does not (the SDK then reports not-applicable). The request's
 * type is taken where the server reads it (`AnalyzeRequest.getType`, once per request) and kept in
 * an AsyncLocalStorage, so concurrent requests each see their own. Whenever the type is not known
 * (the SDK changed, or code runs outside a request), the getter answers nothing and the SDK simply
 * calls the policy, which checks the type itself: the result is the same, only slower.
 */
import { AsyncLocalStorage } from "async_hooks";
import { sdkModule } from "./sdk";
import { isOneOf } from "./types";

const requestType = new AsyncLocalStorage<string>();
let installed = false;

/** Records each Analyze request's type for the getters below. Returns false if the SDK differs. */
export function installTypeFastPath(): boolean {
    if (installed) {
        return true;
    }
    const pb = sdkModule<{ AnalyzeRequest?: { prototype: { getType?: () => string } } }>("@pulumi/pulumi/proto/analyzer_pb");
    const proto = pb?.AnalyzeRequest?.prototype;
    const original = proto?.getType;
    if (!proto || typeof original !== "function") {
        return false;
    }
    proto.getType = function (this: unknown): string {
        const type = original.call(this);
        requestType.enterWith(type);
        return type;
    };
    installed = true;
    return true;
}

/** Gives `fn` a `__pulumiType` that matches every spelling of `types` (see the module comment). */
export function matchAnySpelling(fn: object, types: ReadonlySet<string>, otherwise: string): void {
    Object.defineProperty(fn, "__pulumiType", {
        get(): string | undefined {
            const type = installed ? requestType.getStore() : undefined;
            if (type === undefined) {
                return undefined;
            }
            return isOneOf(types, type) ? type : otherwise;
        },
    });
}
