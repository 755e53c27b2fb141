/**
 * The SDK modules the fast paths (directAnalyze.ts, sharedStackResources.ts) patch or call, loaded
 * as `@pulumi/policy` itself resolves them: if an install nests a second copy of a module, the one
 * patched must be the one the SDK's server uses.
 */
import * as path from "path";

/** The file of module `id` as `@pulumi/policy` resolves it; undefined if it cannot be found. */
export function sdkFile(id: string): string | undefined {
    try {
        const from = path.dirname(require.resolve("@pulumi/policy/package.json"));
        return require.resolve(id, { paths: [from] });
    } catch {
        return undefined;
    }
}

/** The module `id` as `@pulumi/policy` resolves it; undefined if it cannot be loaded. */
export function sdkModule<T>(id: string): T | undefined {
    const file = sdkFile(id);
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved at run time, from the SDK's own folder
        return file === undefined ? undefined : (require(file) as T);
    } catch {
        return undefined;
    }
}
