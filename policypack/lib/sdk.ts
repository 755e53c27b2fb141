/**
 * The SDK modules the fast paths (sharedDeserialization.ts, typeFastPath.ts, sharedStackResources.ts)
 * patch or call, loaded as `@pulumi/policy` itself resolves them: if an install nests a second copy
 * of a module, the one patched must be the one the SDK's server uses.
 */
import * as path from "path";

/** The module `id` as `@pulumi/policy` resolves it; undefined if it cannot be loaded. */
export function sdkModule<T>(id: string): T | undefined {
    try {
        const from = path.dirname(require.resolve("@pulumi/policy/package.json"));
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved at run time, from the SDK's own folder
        return require(require.resolve(id, { paths: [from] })) as T;
    } catch {
        return undefined;
    }
}
