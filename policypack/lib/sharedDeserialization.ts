/**
 * Per-resource cost that does not grow with the number of policies.
 *
 * The SDK's Analyzer server deserialises a resource's properties once for every policy that does
 * not take its exact-type fast path (pulumi-engine.md §6.3). Policies that cover several types, and
 * every Azure policy (versioned tokens such as `azure-native:storage/v20230101:StorageAccount` must
 * match too, so no exact token can be declared), cannot take it. Measured on this pack, that
 * deserialisation is most of the server's time per resource.
 *
 * Analysis never changes properties, so one deserialised copy per request can serve every policy:
 * this module memoises the SDK's `deserializeProperties` on the request's properties message (the
 * same object for all policies of one request, collected with it). Remediation (which mutates
 * properties and must keep secrets) is left untouched. If the SDK's internals differ from what
 * this expects, nothing is changed and the pack simply runs at the SDK's own speed.
 */
import { sdkModule } from "./sdk";

type Deserialize = (struct: object, proxySecrets: boolean) => unknown;

export function shareDeserialization(): boolean {
    const mod = sdkModule<{ deserializeProperties?: Deserialize & { shared?: true } }>("@pulumi/policy/deserialize");
    if (mod === undefined) {
        return false;
    }
    const original = mod.deserializeProperties;
    if (typeof original !== "function" || original.length !== 2) {
        return false;
    }
    if (original.shared) {
        return true;
    }
    const cache = new WeakMap<object, unknown>();
    const shared = ((struct: object, proxySecrets: boolean) => {
        if (proxySecrets || struct === null || typeof struct !== "object") {
            return original(struct, proxySecrets);
        }
        let props = cache.get(struct);
        if (props === undefined) {
            props = original(struct, false);
            cache.set(struct, props);
        }
        return props;
    }) as Deserialize & { shared?: true };
    shared.shared = true;
    mod.deserializeProperties = shared;
    return true;
}
