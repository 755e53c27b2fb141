/**
 * The program runner: a child process of `check` (its own module cache, its own mocks) that runs a
 * Pulumi Node.js program under Pulumi's mock runtime in preview mode and reports every
 * registration over the IPC channel.
 *
 * - The program's own `@pulumi/pulumi` (resolved from the program directory) gets
 *   `runtime.setMocks(mocks, project, stack, preview = true, organization)`, and the program runs
 *   inside `runInPulumiStack`, as the language host runs it, so every resource has the stack as
 *   root parent and URNs are the engine's.
 * - The mocks answer like a preview of a first deployment: a resource's id is unknown and its
 *   state is its inputs, so every output that is not an input stays unknown, as in `pulumi preview`.
 * - The monitor's RegisterResource is wrapped to record what the engine would see (type, name,
 *   URN, parent, provider, inputs in wire encoding, dependencies, propertyDependencies, options).
 * - TypeScript is transpiled (not type-checked) with the program's own `typescript`, or this
 *   package's when the program has none; type errors are `tsc`'s job.
 * - Invokes: a few read-only data sources every program uses are answered offline (caller
 *   identity, region, partition, availability zones, IAM policy documents, Azure client config);
 *   anything else ends the run at once with a clear error naming it rather than inventing data
 *   (also when a resource the program exports waits on its answer).
 */
import * as fs from "fs";
import * as Module from "module";
import * as path from "path";
import * as url from "url";
import type { FailureCause, Registration, RunnerMessage, RunnerOptions } from "./protocol";

const SIG = "4dabf18193072939515e22adb298388d";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export class RunFailure extends Error {
    constructor(
        readonly cause: FailureCause,
        message: string,
        readonly detail?: string,
    ) {
        super(message);
    }
}

function send(message: RunnerMessage): Promise<void> {
    return new Promise((resolve) => {
        if (!process.send) {
            resolve();
            return;
        }
        process.send(message, undefined, {}, () => resolve());
    });
}

function resolveFrom(id: string, dirs: string[]): string | undefined {
    for (const dir of dirs) {
        try {
            return require.resolve(id, { paths: [dir] });
        } catch {
            // try the next directory
        }
    }
    return undefined;
}

/** Registers a `.ts` loader that transpiles with the given TypeScript (syntax errors fail). */
function registerTypeScript(options: RunnerOptions): void {
    const tsPath = resolveFrom("typescript", [options.programDir, ...options.fallbackModuleDirs]);
    if (!tsPath) {
        throw new RunFailure("compile", "cannot find `typescript` to compile the program: run `npm install` in the program directory");
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require(tsPath) as typeof import("typescript");
    let compilerOptions: import("typescript").CompilerOptions = {};
    const tsconfig = path.join(options.programDir, "tsconfig.json");
    if (fs.existsSync(tsconfig)) {
        const read = ts.readConfigFile(tsconfig, (f) => fs.readFileSync(f, "utf8"));
        if (read.error) {
            throw new RunFailure("compile", `tsconfig.json: ${ts.flattenDiagnosticMessageText(read.error.messageText, "\n")}`);
        }
        const raw = (read.config as { compilerOptions?: unknown }).compilerOptions ?? {};
        compilerOptions = ts.convertCompilerOptionsFromJson(raw, options.programDir).options;
    }
    // The runner loads modules with require(), so the program is compiled to CommonJS whatever
    // its tsconfig says. `module` and `moduleResolution` must agree (TS5110: node16/nodenext
    // resolution needs node16/nodenext modules; bundler needs ES modules), so both are overridden
    // together, and the options that only exist for those resolutions go with them. Resolution
    // does not change what one file transpiles to: require() resolves at run time, as Node does.
    // (isolatedDeclarations needs the declaration emit that transpiling turns off.)
    for (const option of ["resolvePackageJsonExports", "resolvePackageJsonImports", "customConditions", "isolatedDeclarations"]) {
        delete compilerOptions[option];
    }
    compilerOptions = {
        ...compilerOptions,
        module: ts.ModuleKind.CommonJS,
        // Undefined in TypeScript < 5.0, where CommonJS already implies it (then named NodeJs).
        moduleResolution: ts.ModuleResolutionKind.Node10,
        target: compilerOptions.target ?? ts.ScriptTarget.ES2020,
        esModuleInterop: compilerOptions.esModuleInterop ?? true,
        noEmit: false,
        declaration: false,
        sourceMap: false,
        inlineSourceMap: true,
        inlineSources: true,
    };
    const extensions = (require as unknown as { extensions: Record<string, (m: NodeModule, f: string) => void> }).extensions;
    // Under node16/nodenext a program imports its own modules by their output name ("./naming.js"
    // for naming.ts); tsc resolves that to the .ts file, and so does ts-node when Pulumi runs it.
    const loader = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
    const resolveFilename = loader._resolveFilename;
    loader._resolveFilename = function (request: string, ...rest: unknown[]): string {
        try {
            return resolveFilename.call(this, request, ...rest);
        } catch (e) {
            if (/^\.\.?[\\/]/.test(request) && request.endsWith(".js")) {
                try {
                    return resolveFilename.call(this, `${request.slice(0, -3)}.ts`, ...rest);
                } catch {
                    // not a TypeScript module either: the original error names what was asked for
                }
            }
            throw e;
        }
    };
    extensions[".ts"] = (module, filename) => {
        const source = fs.readFileSync(filename, "utf8");
        const out = ts.transpileModule(source, { fileName: filename, compilerOptions, reportDiagnostics: true });
        const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
        if (errors.length) {
            const text = errors
                .map((d) => {
                    const msg = ts.flattenDiagnosticMessageText(d.messageText, "\n");
                    if (d.file && d.start !== undefined) {
                        const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
                        return `${path.relative(options.programDir, filename) || filename}(${line + 1},${character + 1}): error TS${d.code}: ${msg}`;
                    }
                    return `error TS${d.code}: ${msg}`;
                })
                .join("\n");
            throw new RunFailure("compile", `the program does not compile:\n${text}`);
        }
        (module as unknown as { _compile(code: string, file: string): void })._compile(out.outputText, filename);
    };
}

/** The engine sends resource references as the referenced resource's id (or URN for components). */
export function dropResourceReferences(v: unknown): unknown {
    if (Array.isArray(v)) {
        return v.map(dropResourceReferences);
    }
    if (v !== null && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if (o[SIG] === RESOURCE_SIG) {
            if ("id" in o) {
                return typeof o.id === "string" && o.id !== "" ? o.id : UNKNOWN_STRING;
            }
            return o.urn;
        }
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(o)) {
            out[k] = dropResourceReferences(x);
        }
        return out;
    }
    return v;
}

// ---------------------------------------------------------------------------------------------
// Offline answers for the data sources programs use to build ARNs and policies.

interface PolicyStatementArgs {
    sid?: string;
    effect?: string;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principals?: { type: string; identifiers: string[] }[];
    notPrincipals?: { type: string; identifiers: string[] }[];
    conditions?: { test: string; variable: string; values: string[] }[];
}

function one<T>(xs: T[]): T | T[] {
    return xs.length === 1 ? xs[0] : xs;
}

function principalsOf(ps: { type: string; identifiers: string[] }[]): unknown {
    if (ps.length === 1 && ps[0].type === "*") {
        return "*";
    }
    const out: Record<string, unknown> = {};
    for (const p of ps) {
        const ids = [...((out[p.type] as string[] | undefined) ?? []), ...p.identifiers];
        out[p.type] = ids;
    }
    for (const k of Object.keys(out)) {
        out[k] = one(out[k] as string[]);
    }
    return out;
}

/** aws.iam.getPolicyDocument, as the provider renders it (statements only; no source documents). */
function policyDocument(inputs: Record<string, unknown>): Record<string, unknown> {
    if (inputs.sourcePolicyDocuments || inputs.overridePolicyDocuments) {
        throw new RunFailure("invoke", "aws.iam.getPolicyDocument with sourcePolicyDocuments/overridePolicyDocuments cannot be answered offline");
    }
    const statements = ((inputs.statements as PolicyStatementArgs[] | undefined) ?? []).map((s) => {
        const st: Record<string, unknown> = {};
        if (s.sid) st.Sid = s.sid;
        st.Effect = s.effect ?? "Allow";
        if (s.actions?.length) st.Action = one(s.actions);
        if (s.notActions?.length) st.NotAction = one(s.notActions);
        if (s.resources?.length) st.Resource = one(s.resources);
        if (s.notResources?.length) st.NotResource = one(s.notResources);
        if (s.principals?.length) st.Principal = principalsOf(s.principals);
        if (s.notPrincipals?.length) st.NotPrincipal = principalsOf(s.notPrincipals);
        if (s.conditions?.length) {
            const c: Record<string, Record<string, unknown>> = {};
            for (const cond of s.conditions) {
                c[cond.test] = { ...c[cond.test], [cond.variable]: one(cond.values) };
            }
            st.Condition = c;
        }
        return st;
    });
    const doc: Record<string, unknown> = { Version: (inputs.version as string | undefined) ?? "2012-10-17" };
    if (inputs.policyId) doc.Id = inputs.policyId;
    doc.Statement = statements;
    const json = JSON.stringify(doc, null, 2);
    return { json, minifiedJson: JSON.stringify(doc), id: String(json.length), statements: inputs.statements ?? [] };
}

const ACCOUNT = "123456789012";
const TENANT = "00000000-0000-0000-0000-000000000001";
const SUBSCRIPTION = "00000000-0000-0000-0000-000000000002";

export function answerInvoke(token: string, inputs: Record<string, unknown>, config: Record<string, string>): Record<string, unknown> | undefined {
    const region = (inputs.region as string | undefined) ?? config["aws:region"] ?? "us-east-1";
    switch (token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/check`, userId: "AIDACHECKOFFLINE", id: ACCOUNT };
        case "aws:index/getRegion:getRegion":
            return { name: region, region, id: region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
        case "aws:index/getPartition:getPartition":
            return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
        case "aws:index/getAvailabilityZones:getAvailabilityZones":
            return {
                id: region,
                names: ["a", "b", "c"].map((z) => region + z),
                zoneIds: [1, 2, 3].map((n) => `use1-az${n}`),
                groupNames: [region],
            };
        case "aws:iam/getPolicyDocument:getPolicyDocument":
            return policyDocument(inputs);
        case "azure-native:authorization:getClientConfig":
            return { clientId: "00000000-0000-0000-0000-000000000003", objectId: "00000000-0000-0000-0000-000000000004", subscriptionId: SUBSCRIPTION, tenantId: TENANT };
        default:
            return undefined;
    }
}

/** JavaScript ES modules (.mjs, or .js under "type": "module") are imported, as Node would. */
function isEsm(entry: string): boolean {
    if (entry.endsWith(".mjs")) {
        return true;
    }
    if (!entry.endsWith(".js")) {
        return false;
    }
    for (let dir = path.dirname(entry); ; dir = path.dirname(dir)) {
        const pkg = path.join(dir, "package.json");
        if (fs.existsSync(pkg)) {
            try {
                return (JSON.parse(fs.readFileSync(pkg, "utf8")) as { type?: string }).type === "module";
            } catch {
                return false;
            }
        }
        if (path.dirname(dir) === dir) {
            return false;
        }
    }
}

// A real dynamic import (TypeScript would compile `import()` to require() for CommonJS output).
const importEsm = (file: string): Promise<unknown> => (new Function("u", "return import(u)") as (u: string) => Promise<unknown>)(url.pathToFileURL(file).href);

// ---------------------------------------------------------------------------------------------

type Callback = (err: Error | null, res?: unknown) => void;
export interface Monitor {
    registerResource(req: RegisterRequest, cb: Callback): void;
    registerResourceOutputs(req: { getUrn(): string; getOutputs(): { toJavaScript(): unknown } | undefined }, cb: Callback): void;
    readResource(req: { getType(): string; getName(): string }, cb: Callback): void;
}
export interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getRemote?(): boolean;
    getObject(): { toJavaScript(): unknown } | undefined;
    getProtect(): boolean | undefined;
    getDependenciesList(): string[];
    getProvider(): string;
    getPropertydependenciesMap(): { forEach(f: (v: { getUrnsList(): string[] }, k: string) => void): void };
    getVersion(): string;
    getIgnorechangesList(): string[];
    getAliasesList(): { getUrn(): string }[];
    getAdditionalsecretoutputsList(): string[];
    /** The SDK's stack trace at registration (@pulumi/pulumi >= 3.150). */
    getStacktrace?(): { getFramesList(): { getPc(): { getUri(): string; getLine(): number; getColumn(): number } | undefined }[] } | undefined;
}

/** This package's compiled code (bin/, or build/policypack/ in this repository's tests). */
const OWN_CODE = path.resolve(__dirname, "..");

/**
 * Where the program registered a resource: the first frame of the SDK's stack trace at
 * registration that is in the program's own code (not under node_modules).
 */
function locationOf(req: RegisterRequest, programDir: string): Registration["location"] {
    for (const frame of req.getStacktrace?.()?.getFramesList() ?? []) {
        const pc = frame.getPc();
        if (!pc?.getUri().startsWith("file:")) continue;
        let file: string;
        try {
            file = url.fileURLToPath(pc.getUri());
        } catch {
            continue;
        }
        const rel = path.relative(programDir, file);
        if (rel.startsWith("..") || path.isAbsolute(rel) || rel.split(path.sep).includes("node_modules")) continue;
        // Nor this package's own code (checkComponent calls the test's function).
        const own = path.relative(OWN_CODE, file);
        if (!own.startsWith("..") && !path.isAbsolute(own)) continue;
        return { file: rel.split(path.sep).join("/"), line: pc.getLine(), column: pc.getColumn() };
    }
    return undefined;
}

// ---------------------------------------------------------------------------------------------
// Ending the run: exactly one message to `check`, then exit.

let ended = false;

/** Sends the run's result (once) and exits; later calls do nothing. */
async function end(message: RunnerMessage): Promise<void> {
    if (ended) {
        return;
    }
    ended = true;
    await send(message);
    // A failed run exits non-zero, so Pulumi's "promises were still active" report (printed on a
    // zero exit) does not bury the one-line error under a dump of the runtime's own promises.
    process.exitCode = message.kind === "done" ? 0 : 2;
    // The Pulumi runtime may keep handles open; the report is complete once sent.
    process.disconnect?.();
    setImmediate(() => process.exit());
}

function failed(e: unknown): RunnerMessage {
    const f = e instanceof RunFailure ? e : new RunFailure("runtime", `the program failed: ${(e as Error)?.message ?? String(e)}`, (e as Error)?.stack);
    return { kind: "failed", cause: f.cause, message: f.message, detail: f.detail };
}

/**
 * A request check cannot answer (an invoke, a read) ends the run: whatever the program does with
 * the rejection, its result would be invented. The run ends shortly after, once output the
 * program has queued is written, and does not wait for the program to finish: a resource waiting
 * on the answer never registers, and an output the program exports from it never resolves, so the
 * program would end with Pulumi's "promises were still active" instead of this error.
 */
const STOP_AFTER_MS = 100;

/** What the program threw or left rejected, as check reports it. */
function programFailure(error: unknown, options: RunnerOptions): RunFailure | undefined {
    if (error === undefined || error instanceof RunFailure) {
        return error;
    }
    const e = error as { message?: string; stack?: string; key?: unknown; code?: unknown };
    // The SDK's ConfigMissingError (config.require*) tells the user to run `pulumi config set`,
    // which sets nothing that check reads without a stack file; say how to give it to check.
    if (typeof e?.key === "string" && e.message?.startsWith("Missing required configuration variable")) {
        const hint = `give it with \`check --config ${e.key}=<value>\``;
        return (options.secretConfig ?? []).includes(e.key)
            ? new RunFailure(
                  "config",
                  `the program needs the secret config value ${e.key}, which check cannot decrypt offline: ${hint} (check never deploys, so any value of the right form will do)`,
              )
            : new RunFailure("config", `the program needs the config value ${e.key}, which is not set: ${hint}, or set it in Pulumi.${options.stack}.yaml`);
    }
    if (e?.code === "MODULE_NOT_FOUND" && typeof e.message === "string") {
        // Node appends the require stack (a list of files) to the message: that is detail.
        const first = e.message.split("\n")[0];
        const request = /Cannot find module '([^']+)'/.exec(first)?.[1] ?? "";
        const hint = request && !/^[./\\]/.test(request) ? ": run `npm install` in the program directory" : "";
        return new RunFailure("program", `the program failed: ${first}${hint}`, e.stack);
    }
    return new RunFailure("program", `the program failed: ${e?.message ?? String(error)}`, e?.stack);
}

/** What the engine would see of a RegisterResource request (all but the URN the monitor assigns). */
export function registrationOf(req: RegisterRequest, seq: number, programDir: string): Omit<Registration, "urn"> {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((v, k) => {
        propertyDependencies[k] = v.getUrnsList();
    });
    const location = locationOf(req, programDir);
    return {
        seq,
        type: req.getType(),
        name: req.getName(),
        custom: req.getCustom(),
        remote: req.getRemote?.() ?? false,
        parent: req.getParent(),
        provider: req.getProvider(),
        version: req.getVersion(),
        inputs: dropResourceReferences(req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
        dependencies: req.getDependenciesList(),
        propertyDependencies,
        protect: req.getProtect() ?? false,
        ignoreChanges: req.getIgnorechangesList(),
        aliases: req
            .getAliasesList()
            .map((a) => a.getUrn())
            .filter((u) => u),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        ...(location ? { location } : {}),
    };
}

async function run(options: RunnerOptions): Promise<number> {
    const started = Date.now();
    process.chdir(options.programDir);
    const pulumiPath = resolveFrom("@pulumi/pulumi", [options.programDir]);
    if (!pulumiPath) {
        throw new RunFailure("no-sdk", "cannot find @pulumi/pulumi from the program directory: run `npm install` there first");
    }
    const pulumiDir = path.dirname(pulumiPath);
    process.env.PULUMI_CONFIG = JSON.stringify(options.config);
    process.env.PULUMI_NODEJS_PROJECT = options.project;
    process.env.PULUMI_NODEJS_STACK = options.stack;
    process.env.PULUMI_NODEJS_ORGANIZATION = options.organization;
    const preview = !options.deployment;
    process.env.PULUMI_NODEJS_DRY_RUN = String(preview);

    // Stack traces (and so the locations of registrations) point into the TypeScript sources.
    process.setSourceMapsEnabled(true);
    if (options.entry.endsWith(".ts")) {
        registerTypeScript(options);
    }

    /* eslint-disable @typescript-eslint/no-require-imports */
    const runtime = require(path.join(pulumiDir, "runtime")) as {
        setMocks(mocks: unknown, project: string, stack: string, preview: boolean, organization: string): Promise<void>;
        getMonitor(): Monitor;
        runInPulumiStack(init: () => Promise<unknown>): Promise<unknown>;
        waitForRPCs?: () => Promise<void>;
    };
    const log = require(path.join(pulumiDir, "log")) as { hasErrors(): boolean };
    /* eslint-enable @typescript-eslint/no-require-imports */

    let failure: RunFailure | undefined;
    const stop = (f: RunFailure) => {
        failure ??= f;
        setTimeout(() => void end(failed(failure)), STOP_AFTER_MS);
    };
    type NewResource = (args: { type: string; name: string; inputs: Record<string, unknown>; custom?: boolean }) => { id: string; state: Record<string, unknown> };
    type Call = (args: { token: string; inputs: Record<string, unknown> }) => Record<string, unknown> | undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const deployment = options.deployment ? (require(options.deployment.mocksModule) as { newResource: NewResource; call?: Call }) : undefined;
    const deployed = deployment?.newResource;
    const mocks = {
        newResource(args: { type: string; name: string; inputs: Record<string, unknown>; custom?: boolean }) {
            if (deployed) {
                return deployed(args);
            }
            // A preview of a first deployment: no id yet, and the state is the inputs, so every
            // output that is not also an input stays unknown.
            return { id: "", state: args.inputs };
        },
        call(args: { token: string; inputs: Record<string, unknown> }) {
            // A mocked deployment may answer data sources a preview never calls (their inputs are known).
            const answer = deployment?.call?.(args) ?? answerInvoke(args.token, args.inputs, options.config);
            if (answer === undefined) {
                stop(
                    new RunFailure(
                        "invoke",
                        `the program calls the data source \`${args.token}\`, which check cannot answer offline (it answers caller identity, region, partition, availability zones, IAM policy documents and Azure client config)`,
                    ),
                );
                throw failure;
            }
            return answer;
        },
    };
    await runtime.setMocks(mocks, options.project, options.stack, preview, options.organization);

    const monitor = runtime.getMonitor();
    let seq = 0;
    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        const partial = registrationOf(req, seq++, options.programDir);
        registerResource(req, (err, res) => {
            if (!err && res) {
                const response = res as { getUrn(): string; getObject(): { toJavaScript(): unknown } | undefined };
                const registration: Registration = { ...partial, urn: response.getUrn() };
                void send({ kind: "registration", registration });
                if (!preview && partial.custom) {
                    // A deployment: the custom resource's state, as the provider returned it.
                    void send({ kind: "outputs", urn: registration.urn, outputs: dropResourceReferences(response.getObject()?.toJavaScript() ?? {}) as Record<string, unknown> });
                }
            }
            cb(err, res);
        });
    };
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, cb) => {
        const outputs = req.getOutputs()?.toJavaScript();
        if (outputs && typeof outputs === "object") {
            void send({ kind: "outputs", urn: req.getUrn(), outputs: dropResourceReferences(outputs) as Record<string, unknown> });
        }
        registerOutputs(req, cb);
    };
    monitor.readResource = (req, cb) => {
        stop(new RunFailure("read", `the program reads the existing resource ${req.getName()} (${req.getType()}) with .get(), which check cannot answer offline`));
        cb(failure!);
    };

    let programError: unknown;
    process.on("unhandledRejection", (e) => {
        programError ??= e;
    });
    // Nothing left to run while the program has not finished: it waits on something that will
    // never come (an output of a failed request, a promise nobody settles).
    process.on("beforeExit", () => {
        if (!ended) {
            void end(
                failed(
                    failure ??
                        programFailure(programError, options) ??
                        new RunFailure("program", "the program stopped before it finished: it waits on a value that never comes (a promise nobody settles)"),
                ),
            );
        }
    });
    try {
        await runtime.runInPulumiStack(async () => {
            // The program is loaded at run time from a path: a static import cannot name it.
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const exported = isEsm(options.entry) ? await importEsm(options.entry) : require(options.entry);
            // A program may export a function (async main); its result is the stack's outputs.
            const main = exported && typeof exported === "object" && "default" in exported && Object.keys(exported).length === 1 ? exported.default : exported;
            return typeof main === "function" ? await main() : exported;
        });
        if (runtime.waitForRPCs) {
            await runtime.waitForRPCs();
        }
    } catch (e) {
        programError ??= e;
    }
    // Let the remaining callbacks and rejections settle.
    await new Promise((r) => setTimeout(r, 50));
    if (failure) {
        throw failure;
    }
    const programFailed = programFailure(programError, options);
    if (programFailed) {
        throw programFailed;
    }
    if (log.hasErrors()) {
        throw new RunFailure("program", "the program logged errors (shown above)");
    }
    return Date.now() - started;
}

function main(): void {
    const options = JSON.parse(process.argv[2]) as RunnerOptions;
    run(options).then(
        (programMs) => end({ kind: "done", programMs }),
        (e: unknown) => end(failed(e)),
    );
}

if (require.main === module) {
    main();
}
