/**
 * Analyze, answered by the pack in one pass, with exactly the response the SDK's own handler gives.
 *
 * For each resource the SDK's Analyze handler (server.js `makeAnalyzeRpcFun`) visits every policy
 * and, unless the policy carries one exact `__pulumiType` that differs, deserialises the resource's
 * properties, wraps them in a proxy, builds options, provider and arguments, awaits the policy, and
 * catches the `NotApplicableError` it throws when it does not cover the resource. Most of this
 * pack's policies cannot declare one exact token (versioned azure-native tokens and deprecated AWS
 * twins must match too, see types.ts), so that was done ~150 times per resource; a `--cpu-prof`
 * profile of the pack process put the garbage collector at a quarter of the samples, with error
 * construction and the per-policy `await` next (README "Performance").
 *
 * This handler does the same work once per resource: it deserialises the request once, asks each
 * policy whether it covers the resource's type (every spelling, without calling it), runs only
 * those that do through their non-throwing {@link DirectEvaluation}, and builds the not-applicable
 * entries of the others itself, with the very reasons the SDK path gives (`Policy only applies to
 * resources of type '…'` for an exact `__pulumiType`, the policy's own reason otherwise).
 * Everything else is the SDK's: its deserialiser, proxy, response builder and, for configuration
 * and stack tags, the same reading of the same requests (kept here from the Configure and
 * ConfigureStack answers the SDK gave).
 *
 * It replaces part of server.js, so it is used only with the server.js it was written against
 * (@pulumi/policy 1.21.0, checked by hash): with any other SDK the pack runs on the SDK's own path,
 * with the same results, only slower. Whenever a request leaves the beaten track (properties the
 * SDK cannot deserialise, no options, a policy that throws), it is handed to the SDK's handler,
 * which answers it as it always would. The escape hatch SECURE_AI_POLICIES_FAST_PATHS=0 turns this
 * off; test/directAnalyze.spec.ts compares every diagnostic and not-applicable entry both ways.
 */
import type { Policy, ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { sdkFile, sdkModule } from "./sdk";
import { Handler, wrapHandler } from "./serverHooks";

/** sha256 of @pulumi/policy 1.21.0's server.js, the code this module mirrors. */
export const SDK_SERVER_SHA256 = "0aa32052092307cc6ed5ba39971f393e21876d91f7b24fca2aee90dc3dabd3a1";

/** A resource policy's judgement without the SDK's calling convention (see policy.ts). */
export interface DirectEvaluation {
    /** Whether the policy covers a resource of this type token (any spelling). */
    covers(type: string): boolean;
    /** The reason the policy gives for a type it does not cover. */
    notCovered: string;
    /** Judges the resource: reports findings, or returns why the policy does not apply. Never throws. */
    evaluate(args: ResourceValidationArgs, report: ReportViolation): string | undefined;
}

const evaluations = new WeakMap<object, DirectEvaluation>();

/** Declares how `validateResource` can be evaluated without throwing (policy.ts does, for every policy). */
export function evaluatesDirectly(validateResource: object, evaluation: DirectEvaluation): void {
    evaluations.set(validateResource, evaluation);
}

type Level = "advisory" | "mandatory" | "remediate" | "disabled";
type PolicyConfig = Record<string, unknown> & { enforcementLevel?: Level };

interface Struct {
    toJavaScript(): Record<string, unknown>;
}
interface AnalyzeRequest {
    getType(): string;
    getUrn(): string;
    getName(): string;
    getProperties(): Struct | undefined;
    getOptions(): ResourceOptions | undefined;
    getProvider(): ProviderResource | undefined;
}
interface ResourceOptions {
    getProtect(): boolean;
    getIgnorechangesList(): string[];
    getAliasesList(): string[];
    getCustomtimeouts(): { getCreate(): number; getUpdate(): number; getDelete(): number } | undefined;
    getAdditionalsecretoutputsList(): string[];
    getDeletebeforereplacedefined(): boolean;
    getDeletebeforereplace(): boolean;
    getParent(): string;
}
interface ProviderResource {
    getType(): string;
    getUrn(): string;
    getName(): string;
    getProperties(): Struct | undefined;
}
interface NotApplicableEntry {
    setPolicyName(name: string): void;
    setReason(reason: string): void;
}

/** The SDK functions used as they are, from the SDK's own modules. */
interface Sdk {
    deserializeProperties(struct: unknown, proxySecrets: boolean): unknown;
    unknownCheckingProxy(props: unknown): unknown;
    makeAnalyzeResponse(ds: object[], notApplicable: NotApplicableEntry[] | undefined): unknown;
    convertEnforcementLevel(level: number): Level;
    isResourcePolicy(p: Policy): boolean;
    getPulumiType(fn: unknown): string | undefined;
    PolicyNotApplicable: new () => NotApplicableEntry;
}

function loadSdk(): Sdk | undefined {
    const file = sdkFile("@pulumi/policy/server.js");
    if (file === undefined || createHash("sha256").update(fs.readFileSync(file)).digest("hex") !== SDK_SERVER_SHA256) {
        return undefined;
    }
    const deserialize = sdkModule<Pick<Sdk, "deserializeProperties">>("@pulumi/policy/deserialize");
    const proxy = sdkModule<Pick<Sdk, "unknownCheckingProxy">>("@pulumi/policy/proxy");
    const protoutil = sdkModule<Pick<Sdk, "makeAnalyzeResponse" | "convertEnforcementLevel">>("@pulumi/policy/protoutil");
    const policy = sdkModule<Pick<Sdk, "isResourcePolicy" | "getPulumiType">>("@pulumi/policy/policy");
    const pb = sdkModule<Pick<Sdk, "PolicyNotApplicable">>("@pulumi/pulumi/proto/analyzer_pb");
    const sdk = {
        deserializeProperties: deserialize?.deserializeProperties,
        unknownCheckingProxy: proxy?.unknownCheckingProxy,
        makeAnalyzeResponse: protoutil?.makeAnalyzeResponse,
        convertEnforcementLevel: protoutil?.convertEnforcementLevel,
        isResourcePolicy: policy?.isResourcePolicy,
        getPulumiType: policy?.getPulumiType,
        PolicyNotApplicable: pb?.PolicyNotApplicable,
    };
    return Object.values(sdk).every((f) => typeof f === "function") ? (sdk as Sdk) : undefined;
}

/** What the pack does for one policy on resources of one type token. */
type Step =
    { notApplicable: NotApplicableEntry } | { notApplicable?: undefined; policy: Policy; level: Level; evaluation: DirectEvaluation; getConfig: () => Record<string, unknown> };

/** What one request shares between the policies that run on it (the SDK builds it per policy). */
interface Resource {
    type: string;
    urn: string;
    name: string;
    props: unknown;
    opts: Record<string, unknown>;
    provider: Record<string, unknown> | undefined;
}

class DirectAnalyzer {
    /** The SDK's `policyPackConfig`, as its Configure handler stores it. */
    private config: Record<string, PolicyConfig> = {};
    /** The SDK's `stackTags`, as its ConfigureStack handler stores them. */
    private stackTags: ReadonlyMap<string, string> = freezeMap(new Map());
    /** Steps per type token, for the current config. */
    private plans = new Map<string, Step[]>();
    /** Set if a Configure answer could not be mirrored: from then on the SDK answers alone. */
    broken = false;

    constructor(
        private readonly sdk: Sdk,
        private readonly packName: string,
        private readonly packVersion: string,
        private readonly packLevel: Level,
        private readonly policies: readonly Policy[],
    ) {}

    /** Mirrors the SDK's `configure` (server.js), once the SDK has accepted the request. */
    configured(request: unknown): void {
        const config: Record<string, PolicyConfig> = {};
        type Entry = { getProperties(): Struct; getEnforcementlevel(): number };
        for (const [k, v] of (request as { getPolicyconfigMap(): { entries(): Iterable<[string, Entry]> } }).getPolicyconfigMap().entries()) {
            const props = v.getProperties().toJavaScript() as PolicyConfig;
            props.enforcementLevel = this.sdk.convertEnforcementLevel(v.getEnforcementlevel());
            config[k] = props;
        }
        this.config = config;
        this.plans = new Map();
    }

    /** Mirrors the SDK's `configureStack`. */
    stackConfigured(request: unknown): void {
        const map = new Map<string, string>();
        (request as { getTagsMap(): { forEach(f: (v: string, k: string) => void): void } }).getTagsMap().forEach((v, k) => map.set(k, v));
        this.stackTags = freezeMap(map);
    }

    /** The response the SDK would give, or undefined when only the SDK can word it (a policy threw). */
    analyze(req: AnalyzeRequest): unknown {
        const type = req.getType();
        const ds: object[] = [];
        let notApplicable: NotApplicableEntry[] | undefined;
        let resource: Resource | undefined;
        for (const step of this.planFor(type)) {
            if (step.notApplicable !== undefined) {
                (notApplicable ??= []).push(step.notApplicable);
                continue;
            }
            resource ??= this.resourceOf(req, type);
            const { policy, level, evaluation, getConfig } = step;
            const args = {
                type,
                props: resource.props,
                urn: resource.urn,
                name: resource.name,
                opts: resource.opts,
                stackTags: this.stackTags,
                isType: (resourceClass: unknown) => this.isTypeOf(type, resourceClass),
                asType: (resourceClass: unknown) => (this.isTypeOf(type, resourceClass) ? resource!.props : undefined),
                getConfig,
                notApplicable: throwNotApplicable,
            } as unknown as ResourceValidationArgs;
            if (resource.provider !== undefined) {
                (args as { provider?: unknown }).provider = resource.provider;
            }
            let reason: string | undefined;
            try {
                reason = evaluation.evaluate(args, this.reporter(policy, level, ds));
            } catch {
                return undefined;
            }
            if (reason !== undefined) {
                (notApplicable ??= []).push(this.notApplicableEntry(policy.name, reason));
            }
        }
        return this.sdk.makeAnalyzeResponse(ds, notApplicable);
    }

    /** The SDK's per-policy decisions that depend only on the type token and the config. */
    private planFor(type: string): Step[] {
        let plan = this.plans.get(type);
        if (plan !== undefined) {
            return plan;
        }
        plan = [];
        for (const p of this.policies) {
            // As server.js: the configured level, else the policy's, else the pack's.
            let level: Level = (this.config[p.name]?.enforcementLevel || p.enforcementLevel || this.packLevel) as Level;
            if (level === "disabled" || !this.sdk.isResourcePolicy(p)) {
                continue;
            }
            const validate = (p as { validateResource?: unknown }).validateResource;
            if (!validate) {
                plan.push({ notApplicable: this.notApplicableEntry(p.name, "Policy does not implement validateResource") });
                continue;
            }
            if (level === "remediate") {
                level = "mandatory";
            }
            const pulumiType = this.sdk.getPulumiType(validate);
            if (pulumiType && type !== pulumiType) {
                plan.push({ notApplicable: this.notApplicableEntry(p.name, `Policy only applies to resources of type '${pulumiType}'`) });
                continue;
            }
            const evaluation = evaluations.get(validate as object)!;
            if (!evaluation.covers(type)) {
                plan.push({ notApplicable: this.notApplicableEntry(p.name, evaluation.notCovered) });
                continue;
            }
            plan.push({ policy: p, level, evaluation, getConfig: this.configGetter(p.name) });
        }
        if (this.plans.size >= 10_000) {
            this.plans.clear();
        }
        this.plans.set(type, plan);
        return plan;
    }

    /** The SDK's `makeGetConfigFun`: the policy's config without its enforcement level. */
    private configGetter(name: string): () => Record<string, unknown> {
        return () => {
            const c = this.config[name];
            if (!c) {
                return {};
            }
            // eslint-disable-next-line @typescript-eslint/no-unused-vars
            const { enforcementLevel, ...properties } = c;
            return properties;
        };
    }

    /** What the SDK builds for every policy it calls, built once per request. */
    private resourceOf(req: AnalyzeRequest, type: string): Resource {
        const resource: Resource = {
            type,
            props: this.sdk.unknownCheckingProxy(this.sdk.deserializeProperties(req.getProperties(), false)),
            urn: req.getUrn(),
            name: req.getName(),
            opts: resourceOptions(req),
            provider: undefined,
        };
        const prov = req.getProvider();
        if (prov) {
            resource.provider = {
                type: prov.getType(),
                props: this.sdk.unknownCheckingProxy(this.sdk.deserializeProperties(prov.getProperties(), false)),
                urn: prov.getUrn(),
                name: prov.getName(),
            };
        }
        return resource;
    }

    /** The SDK's `pushNotApplicable` entry. */
    private notApplicableEntry(policyName: string, reason: string): NotApplicableEntry {
        const na = new this.sdk.PolicyNotApplicable();
        na.setPolicyName(policyName);
        if (reason) {
            na.setReason(reason);
        }
        return na;
    }

    /** The SDK's `makeReportViolationFun`. */
    private reporter(p: Policy, enforcementLevel: Level, ds: object[]): ReportViolation {
        const { packName: policyPackName, packVersion: policyPackVersion } = this;
        const { name: policyName, description, severity } = p;
        return ((message: unknown, urn?: string) => {
            if (typeof message === "object") {
                const info = message as Record<string, string | undefined>;
                ds.push({
                    policyName: info.name || policyName,
                    policyPackName,
                    policyPackVersion,
                    message: info.message || info.description || description,
                    urn: info.urn,
                    description: info.description || description,
                    enforcementLevel: info.enforcementLevel || enforcementLevel,
                    severity: info.severity || severity,
                });
            } else {
                let violationMessage = description;
                if (message) {
                    violationMessage += `\n${message}`;
                }
                ds.push({ policyName, policyPackName, policyPackVersion, message: violationMessage, urn, description, enforcementLevel, severity });
            }
        }) as ReportViolation;
    }

    /** The SDK's `isTypeOf`. */
    private isTypeOf(type: string, resourceClass: unknown): boolean {
        const pulumiType = this.sdk.getPulumiType(resourceClass);
        if (pulumiType) {
            return type === pulumiType;
        }
        const isInstance = (resourceClass as { isInstance?: unknown }).isInstance;
        return Boolean(isInstance) && typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
    }
}

/** Thrown by `args.notApplicable` should a policy call it; the request then goes to the SDK. */
function throwNotApplicable(reason?: string): never {
    throw new Error(reason ?? "Policy does not apply");
}

/** The SDK's `getResourceOptions` (it throws without options: the SDK then answers). */
function resourceOptions(r: AnalyzeRequest): Record<string, unknown> {
    const opts = r.getOptions();
    if (!opts) {
        throw new Error("no resource options");
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

/** The SDK's `freezeMap`. */
function freezeMap(map: Map<string, string>): ReadonlyMap<string, string> {
    return Object.freeze({
        entries: map.entries.bind(map),
        forEach: map.forEach.bind(map),
        get: map.get.bind(map),
        has: map.has.bind(map),
        keys: map.keys.bind(map),
        size: map.size,
        values: map.values.bind(map),
        [Symbol.iterator]: map[Symbol.iterator].bind(map),
    }) as unknown as ReadonlyMap<string, string>;
}

/** The pack's version, read as the SDK's PolicyPack reads it. */
function packVersion(): string | undefined {
    try {
        return (JSON.parse(fs.readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as { version?: string }).version || undefined;
    } catch {
        return undefined;
    }
}

/**
 * Answers Analyze for the PolicyPack about to be constructed from `args` (see the module comment).
 * Returns false, changing nothing, unless the SDK is the one this mirrors and every resource
 * policy of the pack declared its {@link DirectEvaluation}.
 */
export function answerAnalyzeDirectly(packName: string, args: { policies: readonly Policy[]; enforcementLevel?: Level }): boolean {
    const sdk = loadSdk();
    const version = packVersion();
    if (sdk === undefined || version === undefined) {
        return false;
    }
    for (const p of args.policies) {
        const validate = (p as { validateResource?: unknown }).validateResource;
        if (sdk.isResourcePolicy(p) && validate && (typeof validate !== "function" || !evaluations.has(validate))) {
            return false;
        }
    }
    const analyzer = new DirectAnalyzer(sdk, packName, version, args.enforcementLevel || "advisory", args.policies);
    // The SDK's stored config and stack tags are mirrored from the requests it accepted; the
    // request is read when the SDK has answered, so what it read (after any wrapper's changes) is read.
    const mirror =
        (read: (request: unknown) => void): ((handler: Handler) => Handler) =>
        (handler) =>
        (call, callback) =>
            handler(call, (err, res) => {
                if (!err) {
                    try {
                        read(call.request);
                    } catch {
                        analyzer.broken = true;
                    }
                }
                callback(err, res);
            });
    return (
        wrapHandler(
            "configure",
            mirror((r) => analyzer.configured(r)),
        ) &&
        wrapHandler(
            "configureStack",
            mirror((r) => analyzer.stackConfigured(r)),
        ) &&
        wrapHandler("analyze", (handler) => (call, callback) => {
            let response: unknown;
            if (!analyzer.broken) {
                try {
                    response = analyzer.analyze(call.request as AnalyzeRequest);
                } catch {
                    response = undefined;
                }
            }
            if (response === undefined) {
                return handler(call, callback);
            }
            callback(null, response);
            return undefined;
        })
    );
}
