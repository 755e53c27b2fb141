/**
 * A client of the Analyzer gRPC protocol that drives a built policy pack exactly as the Pulumi
 * engine does: it starts the pack through `@pulumi/pulumi/cmd/run-policy-pack` (the Node language
 * host's path), reads the port from the pack's stdout, reconciles and validates policy config with
 * the engine's semantics, and sends Analyze / AnalyzeStack / Remediate requests with the engine's
 * unknown sentinels and secret envelopes. The tests, the benchmark and `check` all use it.
 *
 * Every protocol class is loaded from the pack's own `@pulumi/pulumi`, so messages are built with
 * the same protobuf and grpc-js the pack uses.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";

export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";
export type Severity = "" | "low" | "medium" | "high" | "critical";
const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];
const SEVERITIES: Severity[] = ["", "low", "medium", "high", "critical"];

/** The engine's placeholders for values unknown during preview. */
export const UNKNOWN_VALUES = {
    bool: "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    number: "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    string: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    array: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    asset: "030794c1-ac77-496b-92df-f27374a8bd58",
    archive: "e48ece36-62e2-4504-bad9-02848725956a",
    object: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
} as const;

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A secret as the engine marshals it. */
export function secret(value: unknown): Record<string, unknown> {
    return { [SIG]: SECRET_SIG, value };
}

export interface PolicyInfo {
    name: string;
    displayName: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    type: "resource" | "stack" | "unspecified";
    configSchema?: { properties: Record<string, Record<string, unknown>>; required: string[] };
    framework?: { name: string; version: string; reference: string; specification: string };
    tags: string[];
    remediationSteps: string;
    url: string;
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    supportsConfig: boolean;
    policies: PolicyInfo[];
    initialConfig: Record<string, PolicyConfig>;
}

export interface PolicyConfig {
    enforcementLevel?: EnforcementLevel;
    properties?: Record<string, unknown>;
}

export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    urn: string;
}

export interface AnalyzeResult {
    diagnostics: Diagnostic[];
    notApplicable: { policyName: string; reason: string }[];
}

export interface RemediationResult {
    policyName: string;
    description: string;
    properties?: Record<string, unknown>;
    diagnostic: string;
}

export interface ResourceOptions {
    protect?: boolean;
    parent?: string;
    ignoreChanges?: string[];
    aliases?: string[];
    additionalSecretOutputs?: string[];
}

export interface Resource {
    type: string;
    name: string;
    /** Defaults to `urn:pulumi:<stack>::<project>::<type>::<name>`. */
    urn?: string;
    properties: Record<string, unknown>;
    options?: ResourceOptions;
    provider?: { type: string; name: string; urn: string; properties: Record<string, unknown> };
}

export interface StackResource extends Resource {
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

export interface StackInfo {
    stack: string;
    project: string;
    organization: string;
    dryRun: boolean;
    tags?: Record<string, string>;
    config?: Record<string, string>;
}

/** A config file as `--policy-pack-config` takes it: policy -> level or {enforcementLevel?, ...}. */
export type PolicyPackConfigFile = Record<string, unknown>;

/** Validates a policy's config against its schema; returns gojsonschema-style messages. */
export type ConfigValidator = (schema: Record<string, unknown>, config: Record<string, unknown>) => string[];

/** Raised for config the engine would reject; the message has the engine's shape. */
export class PolicyConfigError extends Error {}

export interface StartOptions {
    /** "engine" (default): through run-policy-pack as the language host does; "direct": `node <pack>`. */
    launcher?: "engine" | "direct";
    stack?: Partial<StackInfo>;
    /** Milliseconds to wait for the port. */
    timeout?: number;
    /** Extra environment for the pack process. */
    env?: Record<string, string>;
}

interface Modules {
    pb: typeof analyzerPb;
    grpcPb: typeof analyzerGrpc;
    grpc: typeof import("@grpc/grpc-js");
    Struct: typeof import("google-protobuf/google/protobuf/struct_pb").Struct;
    Empty: typeof import("google-protobuf/google/protobuf/empty_pb").Empty;
}

/* eslint-disable @typescript-eslint/no-require-imports -- the engine's generated stubs are loaded from the pack's own @pulumi/pulumi, found at run time */
function loadModules(pulumiDir: string): Modules {
    const from = (id: string) => require(require.resolve(id, { paths: [pulumiDir] }));
    return {
        pb: require(path.join(pulumiDir, "proto", "analyzer_pb.js")),
        grpcPb: require(path.join(pulumiDir, "proto", "analyzer_grpc_pb.js")),
        grpc: from("@grpc/grpc-js"),
        Struct: from("google-protobuf/google/protobuf/struct_pb.js").Struct,
        Empty: from("google-protobuf/google/protobuf/empty_pb.js").Empty,
    };
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** Where the pack's own @pulumi/pulumi lives (the engine resolves the launcher from there). */
export function pulumiDirOf(packDir: string): string {
    try {
        return path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [packDir] }));
    } catch {
        throw new Error(`cannot find @pulumi/pulumi from ${packDir}: run \`npm install\` in the policy pack first`);
    }
}

/** Drops `undefined` members, as the engine never sends absent properties. */
function withoutUndefined(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(withoutUndefined);
    }
    if (value !== null && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            if (v !== undefined) {
                out[k] = withoutUndefined(v);
            }
        }
        return out;
    }
    return value;
}

type Unary<Req, Res> = (req: Req, cb: (err: Error | null, res: Res) => void) => unknown;

export class PolicyPackProcess {
    private info?: AnalyzerInfo;
    private configured: Record<string, PolicyConfig> = {};
    readonly stderr: string[] = [];

    private constructor(
        readonly packDir: string,
        private readonly m: Modules,
        private readonly child: ChildProcess,
        private readonly client: analyzerGrpc.AnalyzerClient,
        readonly port: number,
        readonly stack: StackInfo,
        /** Milliseconds from spawn to the port line. */
        readonly startupMs: number,
    ) {
        child.stderr?.on("data", (d: Buffer) => this.stderr.push(d.toString()));
    }

    /** Starts the pack in `packDir` and connects to it. */
    static async start(packDir: string, options: StartOptions = {}): Promise<PolicyPackProcess> {
        const dir = path.resolve(packDir);
        const pulumiDir = pulumiDirOf(dir);
        const m = loadModules(pulumiDir);
        const stack: StackInfo = { stack: "dev", project: "secure-ai-policies-check", organization: "organization", dryRun: true, ...options.stack };
        const args = options.launcher === "direct" ? [dir] : [path.join(pulumiDir, "cmd", "run-policy-pack"), "127.0.0.1:0", dir];
        const started = process.hrtime.bigint();
        const child = spawn(process.execPath, args, {
            cwd: dir,
            stdio: ["ignore", "pipe", "pipe"],
            env: {
                ...process.env,
                PULUMI_NODEJS_ORGANIZATION: stack.organization,
                PULUMI_NODEJS_PROJECT: stack.project,
                PULUMI_NODEJS_STACK: stack.stack,
                PULUMI_NODEJS_DRY_RUN: String(stack.dryRun),
                PULUMI_CONFIG: JSON.stringify(stack.config ?? {}),
                ...options.env,
            },
        });
        const errors: string[] = [];
        child.stderr?.on("data", (d: Buffer) => errors.push(d.toString()));
        const port = await new Promise<number>((resolve, reject) => {
            let out = "";
            const timer = setTimeout(() => fail(`timed out after ${options.timeout ?? 60000} ms waiting for its port`), options.timeout ?? 60000);
            function fail(why: string) {
                clearTimeout(timer);
                child.kill();
                reject(new Error(`policy pack at ${dir} ${why}${errors.length ? `:\n${errors.join("")}` : ""}`));
            }
            child.on("error", (e) => fail(`could not be started (${e.message})`));
            child.on("exit", (code) => fail(`exited with code ${code} before printing its port`));
            child.stdout?.on("data", (d: Buffer) => {
                out += d.toString();
                const nl = out.indexOf("\n");
                if (nl >= 0) {
                    clearTimeout(timer);
                    child.removeAllListeners("exit");
                    const p = Number(out.slice(0, nl).trim());
                    if (Number.isInteger(p) && p > 0) {
                        resolve(p);
                    } else {
                        fail("printed something other than its port as the first line of stdout");
                    }
                }
            });
        });
        const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
        const client = new m.grpcPb.AnalyzerClient(`127.0.0.1:${port}`, m.grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
        });
        const pack = new PolicyPackProcess(dir, m, child, client, port, stack, startupMs);
        pack.stderr.push(...errors);
        return pack;
    }

    private call<Req, Res>(method: Unary<Req, Res>, req: Req): Promise<Res> {
        return new Promise((resolve, reject) => {
            method.call(this.client, req, (err, res) => (err ? reject(err) : resolve(res)));
        });
    }

    /** GetAnalyzerInfo, decoded (cached, as the engine caches it). */
    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        if (this.info) {
            return this.info;
        }
        const res = await this.call<InstanceType<Modules["Empty"]>, analyzerPb.AnalyzerInfo>(this.client.getAnalyzerInfo, new this.m.Empty());
        const initialConfig: Record<string, PolicyConfig> = {};
        res.getInitialconfigMap().forEach((c, name) => {
            initialConfig[name] = { enforcementLevel: LEVELS[c.getEnforcementlevel()], properties: c.getProperties()?.toJavaScript() };
        });
        this.info = {
            name: res.getName(),
            version: res.getVersion(),
            supportsConfig: res.getSupportsconfig(),
            initialConfig,
            policies: res.getPoliciesList().map((p) => {
                const schema = p.getConfigschema();
                const framework = p.getFramework();
                const type = p.getPolicyType();
                return {
                    name: p.getName(),
                    displayName: p.getDisplayname(),
                    description: p.getDescription(),
                    enforcementLevel: LEVELS[p.getEnforcementlevel()],
                    severity: SEVERITIES[p.getSeverity()],
                    type: type === 1 ? "resource" : type === 2 ? "stack" : "unspecified",
                    configSchema: schema
                        ? { properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, Record<string, unknown>>, required: schema.getRequiredList() }
                        : undefined,
                    framework: framework
                        ? { name: framework.getName(), version: framework.getVersion(), reference: framework.getReference(), specification: framework.getSpecification() }
                        : undefined,
                    tags: p.getTagsList(),
                    remediationSteps: p.getRemediationSteps(),
                    url: p.getUrl(),
                };
            }),
        };
        return this.info;
    }

    /** ConfigureStack, as the language host sends it. */
    async configureStack(stack: Partial<StackInfo> = {}): Promise<void> {
        const s = { ...this.stack, ...stack };
        const req = new this.m.pb.AnalyzerStackConfigureRequest();
        req.setStack(s.stack).setProject(s.project).setOrganization(s.organization).setDryRun(s.dryRun);
        for (const [k, v] of Object.entries(s.tags ?? {})) {
            req.getTagsMap().set(k, v);
        }
        for (const [k, v] of Object.entries(s.config ?? {})) {
            req.getConfigMap().set(k, v);
        }
        await this.call(this.client.configureStack, req);
    }

    /**
     * Configure, with the engine's semantics (pkg/resource/analyzer/config.go): start from each
     * policy's level and schema defaults, apply initialConfig, then the file (`all` first, then each
     * policy), validate every policy's config against its schema, and send the effective level of
     * every policy (an unset level would read as advisory).
     */
    async configure(file: PolicyPackConfigFile = {}, validate?: ConfigValidator): Promise<Record<string, PolicyConfig>> {
        const info = await this.getAnalyzerInfo();
        const result = reconcileConfig(info, file, validate);
        const req = new this.m.pb.ConfigureAnalyzerRequest();
        const map = req.getPolicyconfigMap();
        for (const [name, c] of Object.entries(result)) {
            const pc = new this.m.pb.PolicyConfig();
            pc.setEnforcementlevel(LEVELS.indexOf(c.enforcementLevel ?? "advisory") as analyzerPb.EnforcementLevel);
            pc.setProperties(this.m.Struct.fromJavaScript((c.properties ?? {}) as never));
            map.set(name, pc);
        }
        try {
            await this.call(this.client.configure, req);
        } catch (e) {
            // The pack refuses invalid config (INVALID_ARGUMENT) with a message naming policy and field.
            const err = e as { code?: number; details?: string };
            if (err.code === 3 && typeof err.details === "string") {
                throw new PolicyConfigError(err.details);
            }
            throw e;
        }
        this.configured = result;
        return result;
    }

    /** The effective config last sent with Configure. */
    get effectiveConfig(): Record<string, PolicyConfig> {
        return this.configured;
    }

    urnOf(type: string, name: string): string {
        return `urn:pulumi:${this.stack.stack}::${this.stack.project}::${type}::${name}`;
    }

    private fill<T extends analyzerPb.AnalyzeRequest | analyzerPb.AnalyzerResource>(req: T, r: Resource): T {
        req.setType(r.type);
        req.setName(r.name);
        req.setUrn(r.urn ?? this.urnOf(r.type, r.name));
        req.setProperties(this.m.Struct.fromJavaScript(withoutUndefined(r.properties) as never));
        const o = new this.m.pb.AnalyzerResourceOptions();
        o.setProtect(r.options?.protect ?? false);
        o.setParent(r.options?.parent ?? "");
        o.setIgnorechangesList(r.options?.ignoreChanges ?? []);
        o.setAliasesList(r.options?.aliases ?? []);
        o.setAdditionalsecretoutputsList(r.options?.additionalSecretOutputs ?? []);
        req.setOptions(o);
        if (r.provider) {
            const p = new this.m.pb.AnalyzerProviderResource();
            p.setType(r.provider.type).setName(r.provider.name).setUrn(r.provider.urn);
            p.setProperties(this.m.Struct.fromJavaScript(withoutUndefined(r.provider.properties) as never));
            req.setProvider(p);
        }
        return req;
    }

    /** Analyze one resource's inputs. */
    async analyze(r: Resource): Promise<AnalyzeResult> {
        const res = await this.call<analyzerPb.AnalyzeRequest, analyzerPb.AnalyzeResponse>(this.client.analyze, this.fill(new this.m.pb.AnalyzeRequest(), r));
        return decodeAnalyzeResponse(res);
    }

    /** AnalyzeStack over the resources' outputs, with parents and dependencies as URNs. */
    async analyzeStack(resources: StackResource[]): Promise<AnalyzeResult> {
        const res = await this.call<analyzerPb.AnalyzeStackRequest, analyzerPb.AnalyzeResponse>(this.client.analyzeStack, this.analyzeStackRequest(resources));
        return decodeAnalyzeResponse(res);
    }

    /** The AnalyzeStackRequest message for a stack (for driving the SDK's handler in-process). */
    analyzeStackRequest(resources: StackResource[]): analyzerPb.AnalyzeStackRequest {
        const req = new this.m.pb.AnalyzeStackRequest();
        for (const r of resources) {
            const ar = this.fill(new this.m.pb.AnalyzerResource(), r);
            ar.setParent(r.parent ?? "");
            ar.setDependenciesList(r.dependencies ?? []);
            for (const [prop, urns] of Object.entries(r.propertyDependencies ?? {})) {
                const deps = new this.m.pb.AnalyzerPropertyDependencies();
                deps.setUrnsList(urns);
                ar.getPropertydependenciesMap().set(prop, deps);
            }
            req.addResources(ar);
        }
        return req;
    }

    /** The AnalyzeRequest message for a resource (for profiling the SDK in-process). */
    analyzeRequest(r: Resource): analyzerPb.AnalyzeRequest {
        return this.fill(new this.m.pb.AnalyzeRequest(), r);
    }

    /**
     * Analyze as the engine experiences it on the wire: the response arrives but is not decoded
     * (the engine decodes in Go, far faster than a Node client). Returns the response size.
     */
    analyzeWire(r: Resource): Promise<number> {
        const req = this.fill(new this.m.pb.AnalyzeRequest(), r);
        return new Promise((resolve, reject) => {
            (this.client as unknown as import("@grpc/grpc-js").Client).makeUnaryRequest(
                "/pulumirpc.Analyzer/Analyze",
                (m: analyzerPb.AnalyzeRequest) => Buffer.from(m.serializeBinary()),
                (b: Buffer) => b,
                req,
                (err, res) => (err || !res ? reject(err) : resolve(res.length)),
            );
        });
    }

    /** Remediate one resource: the remediations in the order the pack applied them. */
    async remediate(r: Resource): Promise<RemediationResult[]> {
        const res = await this.call<analyzerPb.AnalyzeRequest, analyzerPb.RemediateResponse>(this.client.remediate, this.fill(new this.m.pb.AnalyzeRequest(), r));
        return res.getRemediationsList().map((x) => ({
            policyName: x.getPolicyname(),
            description: x.getDescription(),
            properties: x.getProperties()?.toJavaScript() as Record<string, unknown> | undefined,
            diagnostic: x.getDiagnostic(),
        }));
    }

    /** Raw access for protocol-edge tests (Handshake, Cancel, GetPluginInfo). */
    get rawClient(): analyzerGrpc.AnalyzerClient {
        return this.client;
    }
    get modules(): Modules {
        return this.m;
    }

    /** The pack process's id (the benchmark reads its CPU time from /proc). */
    get pid(): number | undefined {
        return this.child.pid;
    }

    /** Peak resident memory of the pack process in MiB (Linux), or undefined. */
    peakRssMiB(): number | undefined {
        try {
            const status: string = fs.readFileSync(`/proc/${this.child.pid}/status`, "utf8");
            const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
            return hwm ? Number(hwm[1]) / 1024 : undefined;
        } catch {
            return undefined;
        }
    }

    async stop(): Promise<void> {
        this.client.close();
        if (this.child.exitCode === null) {
            await new Promise<void>((resolve) => {
                this.child.once("exit", () => resolve());
                this.child.kill();
            });
        }
    }
}

export function decodeAnalyzeResponse(res: analyzerPb.AnalyzeResponse): AnalyzeResult {
    return {
        diagnostics: res.getDiagnosticsList().map((d) => ({
            policyName: d.getPolicyname(),
            policyPackName: d.getPolicypackname(),
            policyPackVersion: d.getPolicypackversion(),
            description: d.getDescription(),
            message: d.getMessage(),
            enforcementLevel: LEVELS[d.getEnforcementlevel()],
            severity: SEVERITIES[d.getSeverity()],
            urn: d.getUrn(),
        })),
        notApplicable: res.getNotApplicableList().map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
    };
}

function isLevel(v: unknown): v is EnforcementLevel {
    return typeof v === "string" && (LEVELS as string[]).includes(v);
}

/** Parses one entry of a config file as the engine does (parsePolicyPackConfig). */
function parseEntry(name: string, value: unknown): PolicyConfig {
    if (typeof value === "string") {
        if (!isLevel(value)) {
            throw new PolicyConfigError(`parsing enforcement level for "${name}": "${value}" is not a valid enforcement level`);
        }
        return { enforcementLevel: value };
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        const { enforcementLevel, ...properties } = value as Record<string, unknown>;
        if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
            throw new PolicyConfigError(`parsing enforcement level for "${name}": ${JSON.stringify(enforcementLevel)} is not a valid enforcement level`);
        }
        return { enforcementLevel, properties: Object.keys(properties).length ? properties : undefined };
    }
    throw new PolicyConfigError(`parsing "${name}": ${JSON.stringify(value)} is not a valid value; must be a string or object`);
}

/** The engine's ReconcilePolicyPackConfig: defaults, initialConfig, then the file; validated. */
export function reconcileConfig(info: AnalyzerInfo, file: PolicyPackConfigFile, validate?: ConfigValidator): Record<string, PolicyConfig> {
    const result: Record<string, PolicyConfig> = {};
    for (const p of info.policies) {
        let properties: Record<string, unknown> | undefined;
        for (const [k, schema] of Object.entries(p.configSchema?.properties ?? {})) {
            if ("default" in schema) {
                properties = { ...properties, [k]: schema.default };
            }
        }
        result[p.name] = { enforcementLevel: p.enforcementLevel, properties };
    }
    const apply = (layer: Record<string, PolicyConfig>) => {
        const all = layer["all"];
        if (all?.enforcementLevel) {
            for (const k of Object.keys(result)) {
                result[k] = { ...result[k], enforcementLevel: all.enforcementLevel };
            }
        }
        for (const [name, given] of Object.entries(layer)) {
            const current = result[name] ?? {};
            result[name] = {
                enforcementLevel: given.enforcementLevel ?? current.enforcementLevel,
                properties: given.properties ? { ...current.properties, ...given.properties } : current.properties,
            };
        }
    };
    apply(info.initialConfig);
    const parsed: Record<string, PolicyConfig> = {};
    for (const [name, value] of Object.entries(file)) {
        parsed[name] = parseEntry(name, value);
    }
    apply(parsed);

    if (validate) {
        const errors: string[] = [];
        for (const p of info.policies) {
            if (!p.configSchema) {
                continue;
            }
            const schema: Record<string, unknown> = { type: "object" };
            if (Object.keys(p.configSchema.properties).length) {
                schema.properties = p.configSchema.properties;
            }
            if (p.configSchema.required.length) {
                schema.required = p.configSchema.required;
            }
            for (const e of validate(schema, result[p.name]?.properties ?? {})) {
                errors.push(`${p.name}: ${e}`);
            }
        }
        if (errors.length) {
            throw new PolicyConfigError(`validating policy config for "${info.name}":\n  ${errors.join("\n  ")}`);
        }
    }
    // Like the engine, this keeps an "all" entry if the file has one; no policy reads it.
    return result;
}
