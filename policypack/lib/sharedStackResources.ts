/**
 * AnalyzeStack cost that does not grow with the number of stack policies.
 *
 * For every stack policy of a request, the SDK's AnalyzeStack handler rebuilds one `PolicyResource`
 * per resource of the stack (options, dependencies, property dependencies, proxies) and links them
 * up again. With this pack's stack policies that rebuilding, and the garbage it leaves, was about
 * nine tenths of the time AnalyzeStack took on a 10,000-resource stack; the policies themselves
 * share one index (stack.ts) and cost little.
 *
 * Stack policies only read the resources, so one set can serve them all. The handler is wrapped
 * where the SDK registers it: the request it sees answers `getResourcesList()` with an empty list
 * (so its per-policy loop builds nothing), and the resources are built once, lazily, exactly as the
 * SDK builds them (see {@link build}), for the stack policies of that request to read through
 * {@link stackResourcesOf}. The SDK still does everything else: configuration and enforcement
 * levels, disabled policies, reporting, not-applicable results and errors.
 *
 * This is safe only if every stack policy of the pack reads its resources through
 * {@link stackResourcesOf}; {@link shareStackResources} checks that and otherwise changes nothing.
 * If the SDK's internals differ from what this expects, nothing is changed either, and the pack runs
 * at the SDK's own speed with the same results (test/lib/sharedStackResources.spec.ts compares
 * them with the SDK's own handler in-process, test/fastPaths.spec.ts through the pack process).
 */
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import type { AnalyzerResource } from "@pulumi/pulumi/proto/analyzer_pb";
import { AsyncLocalStorage } from "async_hooks";
import { sdkModule } from "./sdk";
import { Handler, wrapHandler } from "./serverHooks";

/** validateStack functions that read their resources through {@link stackResourcesOf}. */
const readers = new WeakSet<object>();

/** Marks a validateStack function as reading its resources through {@link stackResourcesOf}. */
export function readsSharedResources(validateStack: object): void {
    readers.add(validateStack);
}

/** The resources a stack policy judges: the request's shared set when the handler is wrapped. */
export function stackResourcesOf(args: StackValidationArgs): readonly PolicyResource[] {
    if (args.resources.length === 0) {
        const shared = current.getStore()?.resources();
        if (shared !== undefined) {
            return shared;
        }
    }
    return args.resources;
}

/** One AnalyzeStack request's resources, built on first use and released with the response. */
class RequestResources {
    private source: readonly AnalyzerResource[] | undefined;
    private built: PolicyResource[] | undefined;
    constructor(
        source: readonly AnalyzerResource[],
        private readonly sdk: Sdk,
    ) {
        this.source = source;
    }
    resources(): PolicyResource[] | undefined {
        if (this.built === undefined && this.source !== undefined) {
            this.built = build(this.source, this.sdk);
        }
        return this.built;
    }
    release(): void {
        this.source = undefined;
        this.built = undefined;
    }
}

const current = new AsyncLocalStorage<RequestResources>();

/** The SDK functions `build` uses, loaded from the SDK's own modules. */
interface Sdk {
    deserializeProperties(struct: unknown, proxySecrets: boolean): unknown;
    unknownCheckingProxy(props: unknown): unknown;
    getPulumiType(fn: unknown): string | undefined;
}

/**
 * Wraps the AnalyzeStack handler the PolicyPack about to be constructed registers (serverHooks.ts), if
 * every stack policy of `policies` reads through {@link stackResourcesOf}. Returns whether it was installed.
 */
export function shareStackResources(policies: readonly object[]): boolean {
    const stackPolicies = policies.filter((p) => typeof (p as { validateStack?: unknown }).validateStack === "function");
    if (stackPolicies.length === 0 || !stackPolicies.every((p) => readers.has((p as { validateStack: object }).validateStack))) {
        return false;
    }
    const deserialize = sdkModule<Pick<Sdk, "deserializeProperties">>("@pulumi/policy/deserialize");
    const proxy = sdkModule<Pick<Sdk, "unknownCheckingProxy">>("@pulumi/policy/proxy");
    const policy = sdkModule<Pick<Sdk, "getPulumiType">>("@pulumi/policy/policy");
    if (!deserialize || !proxy || !policy) {
        return false;
    }
    if (typeof deserialize.deserializeProperties !== "function" || typeof proxy.unknownCheckingProxy !== "function" || typeof policy.getPulumiType !== "function") {
        return false;
    }
    // Read at call time: whatever the SDK's modules hold then is what the SDK itself would call.
    const sdk: Sdk = {
        deserializeProperties: (s, p) => deserialize.deserializeProperties(s, p),
        unknownCheckingProxy: (p) => proxy.unknownCheckingProxy(p),
        getPulumiType: (fn) => policy.getPulumiType(fn),
    };
    return wrapHandler("analyzeStack", (handler) => wrap(handler, sdk));
}

function wrap(handler: Handler, sdk: Sdk): Handler {
    return (call, callback) => {
        const req = call?.request as { getResourcesList?: () => AnalyzerResource[] } | undefined;
        const list = typeof req?.getResourcesList === "function" ? req.getResourcesList() : undefined;
        if (req === undefined || !Array.isArray(list) || list.length === 0) {
            return handler(call, callback);
        }
        const resources = new RequestResources(list, sdk);
        // The SDK's per-policy loop sees no resources; the stack policies read the shared set.
        req.getResourcesList = () => [];
        return current.run(resources, () =>
            handler(call, (err, res) => {
                resources.release();
                callback(err, res);
            }),
        );
    };
}

// ---------------------------------------------------------------------------------------------
// Building the resources exactly as @pulumi/policy's server.js (makeAnalyzeStackRpcFun) does.
// ---------------------------------------------------------------------------------------------

/** A resource under construction: PolicyResource's fields, assigned as the SDK assigns them. */
type Building = Record<string, unknown> & { urn: string; dependencies: unknown[]; propertyDependencies: Record<string, unknown[]>; parent?: unknown };

function build(source: readonly AnalyzerResource[], sdk: Sdk): PolicyResource[] {
    const byUrn = new Map<string, Building>();
    const links: { resource: Building; parent: string; dependencies: string[]; propertyDependencies: Record<string, string[]> }[] = [];
    for (const r of source) {
        const type: string = r.getType();
        const props = sdk.unknownCheckingProxy(sdk.deserializeProperties(r.getProperties(), false));
        const resource: Building = {
            type,
            props,
            urn: r.getUrn(),
            name: r.getName(),
            opts: resourceOptions(r),
            dependencies: [],
            propertyDependencies: {},
            isType: (resourceClass: unknown) => isTypeOf(type, resourceClass, sdk),
            asType: (resourceClass: unknown) => (isTypeOf(type, resourceClass, sdk) ? props : undefined),
        };
        const provider = providerResource(r, sdk);
        if (provider) {
            resource.provider = provider;
        }
        links.push({ resource, parent: r.getParent(), dependencies: r.getDependenciesList(), propertyDependencies: propertyDependencies(r) });
        byUrn.set(resource.urn, resource);
    }
    for (const l of links) {
        if (l.parent) {
            const parent = byUrn.get(l.parent);
            if (parent) {
                l.resource.parent = parent;
            }
        }
        l.resource.dependencies = l.dependencies.map((d) => byUrn.get(d)).filter((d) => d);
        for (const k of Object.keys(l.propertyDependencies)) {
            l.resource.propertyDependencies[k] = l.propertyDependencies[k].map((d) => byUrn.get(d)).filter((d) => d);
        }
    }
    return links.map((l) => l.resource as unknown as PolicyResource);
}

function resourceOptions(r: AnalyzerResource): Record<string, unknown> {
    const opts = r.getOptions();
    if (!opts) {
        throw new Error("A more recent version of the Pulumi CLI is required. To upgrade, see https://www.pulumi.com/docs/get-started/install/");
    }
    const timeouts = opts.getCustomtimeouts();
    const result: Record<string, unknown> = {
        protect: opts.getProtect(),
        ignoreChanges: opts.getIgnorechangesList(),
        aliases: opts.getAliasesList(),
        customTimeouts: {
            createSeconds: timeouts?.getCreate() ?? 0.0,
            updateSeconds: timeouts?.getUpdate() ?? 0.0,
            deleteSeconds: timeouts?.getDelete() ?? 0.0,
        },
        additionalSecretOutputs: opts.getAdditionalsecretoutputsList(),
    };
    if (opts.getDeletebeforereplacedefined()) {
        result.deleteBeforeReplace = opts.getDeletebeforereplace();
    }
    if (opts.getParent()) {
        result.parent = opts.getParent();
    }
    return result;
}

function providerResource(r: AnalyzerResource, sdk: Sdk): Record<string, unknown> | undefined {
    const prov = r.getProvider();
    if (!prov) {
        return undefined;
    }
    return {
        type: prov.getType(),
        props: sdk.unknownCheckingProxy(sdk.deserializeProperties(prov.getProperties(), false)),
        urn: prov.getUrn(),
        name: prov.getName(),
    };
}

function propertyDependencies(r: AnalyzerResource): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    const map = r.getPropertydependenciesMap();
    if (map) {
        for (const [k, v] of map.entries()) {
            result[k] = v.getUrnsList();
        }
    }
    return result;
}

function isTypeOf(type: string, resourceClass: unknown, sdk: Sdk): boolean {
    const pulumiType = sdk.getPulumiType(resourceClass);
    if (pulumiType) {
        return type === pulumiType;
    }
    const isInstance = (resourceClass as { isInstance?: unknown } | undefined)?.isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}
