#!/usr/bin/env node
/**
 * `secure-ai-policies check <program-dir>`: previews a Pulumi program offline through this pack.
 *
 * The program runs in a child process (runner.ts) under Pulumi's mock runtime in preview mode;
 * every registration comes back here and goes through the built pack over the Analyzer protocol,
 * started as the engine starts it: ConfigureStack, Configure (with `--policy-pack-config`
 * reconciled and validated with the engine's semantics), then per resource in registration order
 * Remediate and Analyze (on the remediated inputs), and AnalyzeStack at the end.
 *
 * Exit codes: 0 = no mandatory violation, 1 = at least one mandatory violation, 2 = the program
 * could not be checked.
 */
import { ChildProcess, fork } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Diagnostic, PolicyConfigError, PolicyPackConfigFile, PolicyPackProcess, Resource, StackResource, pulumiDirOf } from "../engine/analyzer";
import type { Registration, RunnerMessage, RunnerOptions } from "./protocol";
import { Program, ProgramError, readProgram } from "./program";
import { REPORT_VERSION, Report, ReportDiagnostic, ReportResource, changedPaths, kindOf, notAnalysedMessage, renderText, summarize } from "./report";
import { configValidator } from "./validator";

/** The package root: bin/cli/main.js -> the directory with package.json and PulumiPolicy.yaml. */
const PACK_DIR = path.resolve(__dirname, "..", "..");
const EXPECTED_FILE = "expected-violations.json";

const USAGE = `Usage: secure-ai-policies check <program-dir> [options]

Previews a Pulumi program offline (no cloud credentials, no backend) and puts every resource it
registers through the secure-ai-policies pack, as \`pulumi preview --policy-pack\` would.

Options:
  --policy-pack-config <file>  policy config file, with the engine's semantics
  --format text|json           output format (default text; json is described by report.schema.json)
  --stack <name>               stack name (default dev); reads Pulumi.<stack>.yaml config
  --config <key>=<value>       set a stack config value (repeatable)
  --timeout <seconds>          stop a program that has not finished (default 300)
  --update-expected            write the violations to <program-dir>/${EXPECTED_FILE} (maintainers)
  --verbose                    show stack traces and the pack's own output
  -h, --help                   show this help

Exit codes: 0 no mandatory violation, 1 at least one mandatory violation, 2 the program could not be checked.
`;

interface Args {
    dir: string;
    configFile?: string;
    format: "text" | "json";
    stack: string;
    config: Record<string, string>;
    updateExpected: boolean;
    verbose: boolean;
    timeoutSeconds: number;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args | "help" {
    const rest = [...argv];
    if (rest[0] === "check") {
        rest.shift();
    } else if (rest[0] && !rest[0].startsWith("-")) {
        throw new UsageError(`unknown command ${JSON.stringify(rest[0])}`);
    }
    const args: Partial<Args> = { format: "text", stack: "dev", config: {}, updateExpected: false, verbose: false, timeoutSeconds: 300 };
    const value = (flag: string, inline?: string) => {
        const v = inline ?? rest.shift();
        if (v === undefined) throw new UsageError(`${flag} needs a value`);
        return v;
    };
    while (rest.length) {
        const a = rest.shift() as string;
        const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
        switch (flag) {
            case "-h":
            case "--help":
                return "help";
            case "--policy-pack-config":
                args.configFile = value(flag, inline);
                break;
            case "--format": {
                const f = value(flag, inline);
                if (f !== "text" && f !== "json") throw new UsageError(`--format must be text or json`);
                args.format = f;
                break;
            }
            case "--stack":
                args.stack = value(flag, inline);
                break;
            case "--config": {
                const kv = value(flag, inline);
                const eq = kv.indexOf("=");
                if (eq <= 0) throw new UsageError(`--config takes key=value`);
                args.config![kv.slice(0, eq)] = kv.slice(eq + 1);
                break;
            }
            case "--timeout": {
                const t = Number(value(flag, inline));
                if (!Number.isFinite(t) || t <= 0) throw new UsageError("--timeout takes a number of seconds");
                args.timeoutSeconds = t;
                break;
            }
            case "--update-expected":
                args.updateExpected = true;
                break;
            case "--verbose":
            case "-v":
                args.verbose = true;
                break;
            default:
                if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
                if (args.dir !== undefined) throw new UsageError(`check takes one program directory`);
                args.dir = a;
        }
    }
    if (args.dir === undefined) {
        throw new UsageError("missing <program-dir>");
    }
    return args as Args;
}

// ---------------------------------------------------------------------------------------------
// Progress on a terminal

class Progress {
    private text = "";
    private shown = false;
    private readonly timer?: NodeJS.Timeout;
    private frame = 0;
    private readonly started = Date.now();
    constructor(enabled: boolean) {
        if (enabled) {
            // Only long runs get a progress line.
            this.timer = setInterval(() => this.draw(), 120);
            this.timer.unref();
        }
    }
    set(text: string): void {
        this.text = text;
    }
    private draw(): void {
        if (Date.now() - this.started < 800) {
            return;
        }
        const frames = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";
        process.stderr.write(`\r\x1b[K${frames[this.frame++ % frames.length]} ${this.text}`);
        this.shown = true;
    }
    /** Clears the line before other output. */
    clear(): void {
        if (this.shown) {
            process.stderr.write("\r\x1b[K");
            this.shown = false;
        }
    }
    stop(): void {
        if (this.timer) clearInterval(this.timer);
        this.clear();
    }
}

// ---------------------------------------------------------------------------------------------
// Running the program

interface RunResult {
    registrations: Registration[];
    outputs: Map<string, Record<string, unknown>>;
    programMs: number;
}

function runProgram(
    program: Program,
    stack: string,
    out: NodeJS.WritableStream,
    progress: Progress,
    onChild: (kill: () => void) => void,
    timeoutSeconds: number,
): Promise<RunResult> {
    const options: RunnerOptions = {
        programDir: program.dir,
        entry: program.entry,
        project: program.project,
        stack,
        organization: "organization",
        config: program.config,
        secretConfig: program.skippedConfig,
        fallbackModuleDirs: [PACK_DIR],
    };
    return new Promise((resolve, reject) => {
        const child: ChildProcess = fork(path.join(__dirname, "runner.js"), [JSON.stringify(options)], {
            cwd: program.dir,
            stdio: ["ignore", "pipe", "pipe", "ipc"],
            env: { ...process.env },
        });
        onChild(() => child.kill());
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            child.kill();
        }, timeoutSeconds * 1000);
        timer.unref();
        const registrations: Registration[] = [];
        const outputs = new Map<string, Record<string, unknown>>();
        let done: RunnerMessage | undefined;
        // The program's own output is passed through untouched (to stderr when stdout carries JSON).
        child.stdout?.on("data", (d: Buffer) => {
            progress.clear();
            out.write(d);
        });
        child.stderr?.on("data", (d: Buffer) => {
            progress.clear();
            process.stderr.write(d);
        });
        child.on("message", (m: RunnerMessage) => {
            if (m.kind === "registration") {
                registrations.push(m.registration);
                progress.set(`running the program: ${registrations.length} resources registered`);
            } else if (m.kind === "outputs") {
                outputs.set(m.urn, m.outputs);
            } else {
                done = m;
            }
        });
        child.on("error", (e) => reject(new ProgramError("runtime", `could not start the program runner: ${e.message}`)));
        child.on("close", (code, signal) => {
            clearTimeout(timer);
            if (timedOut) {
                reject(new ProgramError("timeout", `the program did not finish within ${timeoutSeconds} s (--timeout)`));
            } else if (done?.kind === "done") {
                registrations.sort((a, b) => a.seq - b.seq);
                resolve({ registrations, outputs, programMs: done.programMs });
            } else if (done?.kind === "failed") {
                reject(new ProgramError(done.cause, done.message, done.detail));
            } else {
                reject(new ProgramError("runtime", `the program exited (${signal ? `signal ${signal}` : `code ${code}`}) before finishing`));
            }
        });
    });
}

// ---------------------------------------------------------------------------------------------
// Putting the registrations through the pack

const SKIP_INTERNAL = (props: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(props)) {
        if (!k.startsWith("__")) out[k] = v;
    }
    return out;
};

interface Checked {
    resource: Resource & { parent: string; custom: boolean; registration?: Registration };
    stackResource: StackResource;
}

/**
 * The resources as the engine sees them: default providers are created before their first user
 * (named default_<version>, with the provider's config as inputs), explicit providers are
 * resolved from their references.
 */
function engineView(reg: Registration[], program: Program, stack: string): Checked["resource"][] {
    const urnOf = (type: string, name: string) => `urn:pulumi:${stack}::${program.project}::${type}::${name}`;
    const byUrn = new Map(reg.map((r) => [r.urn, r]));
    const defaults = new Map<string, Checked["resource"]>();
    const out: Checked["resource"][] = [];
    for (const r of reg) {
        let provider: Resource["provider"];
        if (r.custom && !r.type.startsWith("pulumi:providers:")) {
            if (r.provider) {
                const urn = r.provider.slice(0, r.provider.lastIndexOf("::"));
                const p = byUrn.get(urn);
                provider = { type: p?.type ?? urn.split("::")[2] ?? "", name: p?.name ?? urn.split("::")[3] ?? "", urn, properties: SKIP_INTERNAL(p?.inputs ?? {}) };
            } else {
                const pkg = r.type.split(":")[0];
                const name = r.version ? `default_${r.version.replace(/[.\-+]/g, "_")}` : "default";
                const key = `${pkg}::${name}`;
                let d = defaults.get(key);
                if (!d) {
                    const properties: Record<string, unknown> = {};
                    for (const [k, v] of Object.entries(program.config)) {
                        if (k.startsWith(`${pkg}:`)) properties[k.slice(pkg.length + 1)] = v;
                    }
                    if (r.version) properties.version = r.version;
                    d = { type: `pulumi:providers:${pkg}`, name, urn: urnOf(`pulumi:providers:${pkg}`, name), properties, parent: "", custom: true };
                    defaults.set(key, d);
                    out.push(d);
                }
                provider = { type: d.type, name: d.name, urn: d.urn!, properties: d.properties };
            }
        }
        out.push({
            type: r.type,
            name: r.name,
            urn: r.urn,
            properties: r.inputs,
            options: {
                protect: r.protect,
                parent: r.parent,
                ignoreChanges: r.ignoreChanges,
                aliases: r.aliases,
                additionalSecretOutputs: r.additionalSecretOutputs,
            },
            provider,
            parent: r.parent,
            custom: r.custom,
            registration: r,
        });
    }
    return out;
}

function toReportDiagnostic(d: Diagnostic, stage: "resource" | "stack"): ReportDiagnostic {
    return {
        policy: d.policyName,
        severity: d.severity,
        // Like the engine: a violation left after remediation is reported as mandatory.
        enforcementLevel: d.enforcementLevel === "remediate" ? "mandatory" : d.enforcementLevel,
        kind: kindOf(d),
        stage,
        description: d.description,
        message: d.message,
    };
}

async function analyze(pack: PolicyPackProcess, run: RunResult, program: Program, stack: string, progress: Progress): Promise<{ resources: ReportResource[]; policies: number }> {
    const info = await pack.getAnalyzerInfo();
    const view = engineView(run.registrations, program, stack);
    const resources: ReportResource[] = [];
    const byUrn = new Map<string, ReportResource>();
    const stackResources: StackResource[] = [];
    let i = 0;
    for (const r of view) {
        progress.set(`checking resources: ${++i}/${view.length}`);
        const entry: ReportResource = { urn: r.urn!, type: r.type, name: r.name, diagnostics: [], remediations: [] };
        if (r.parent) entry.parent = r.parent;
        if (r.registration?.remote) entry.notAnalysed = notAnalysedMessage(r.type, r.name);
        resources.push(entry);
        byUrn.set(entry.urn, entry);

        // Remediate first; later remediations see earlier ones, and Analyze sees the result.
        let properties = r.properties;
        for (const x of await pack.remediate({ ...r, properties })) {
            if (x.properties) {
                entry.remediations.push({
                    policy: x.policyName,
                    description: x.description,
                    changed: changedPaths(properties, x.properties),
                    ...(x.diagnostic ? { message: x.diagnostic } : {}),
                });
                properties = x.properties;
            } else if (x.diagnostic) {
                // The engine reports a remediation that could not run as an advisory violation.
                entry.diagnostics.push(
                    toReportDiagnostic(
                        {
                            policyName: x.policyName,
                            policyPackName: "",
                            policyPackVersion: "",
                            description: x.description,
                            message: x.diagnostic,
                            enforcementLevel: "advisory",
                            severity: "",
                            urn: entry.urn,
                        },
                        "resource",
                    ),
                );
            }
        }
        const result = await pack.analyze({ ...r, properties: SKIP_INTERNAL(properties) });
        entry.diagnostics.push(...result.diagnostics.map((d) => toReportDiagnostic(d, "resource")));

        // In a preview the state of a new resource is its (remediated) inputs; components carry
        // the outputs they registered.
        const state = r.custom ? properties : (run.outputs.get(entry.urn) ?? {});
        stackResources.push({
            ...r,
            properties: SKIP_INTERNAL(state),
            parent: r.parent || undefined,
            dependencies: r.registration?.dependencies ?? [],
            propertyDependencies: r.registration?.propertyDependencies ?? {},
        });
    }
    progress.set("checking the stack");
    const stackResult = await pack.analyzeStack(stackResources);
    const root = resources.find((r) => r.type === "pulumi:pulumi:Stack") ?? resources[0];
    for (const d of stackResult.diagnostics) {
        const target = (d.urn && byUrn.get(d.urn)) || root;
        target?.diagnostics.push(toReportDiagnostic(d, "stack"));
    }
    return { resources, policies: info.policies.length };
}

// ---------------------------------------------------------------------------------------------

function readConfigFile(file: string): PolicyPackConfigFile {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new ProgramError("policy-config", `cannot read the policy pack config ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (e) {
        throw new ProgramError("policy-config", `the policy pack config ${file} is not valid JSON: ${(e as Error).message}`);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new ProgramError("policy-config", `the policy pack config ${file} must be a JSON object`);
    }
    return parsed as PolicyPackConfigFile;
}

interface ExpectedViolation {
    policy: string;
    type: string;
    name: string;
    enforcementLevel: string;
}

function expectedOf(report: Report): ExpectedViolation[] {
    const out: ExpectedViolation[] = [];
    for (const r of report.resources) {
        for (const d of r.diagnostics) {
            if (d.kind === "violation") out.push({ policy: d.policy, type: r.type, name: r.name, enforcementLevel: d.enforcementLevel });
        }
    }
    return out.sort((a, b) => `${a.policy} ${a.type} ${a.name}`.localeCompare(`${b.policy} ${b.type} ${b.name}`));
}

function packVersion(): string {
    try {
        return (JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { version: string }).version;
    } catch {
        return "unknown";
    }
}

export async function main(argv: string[]): Promise<number> {
    const started = Date.now();
    let args: Args | "help";
    try {
        args = parseArgs(argv);
    } catch (e) {
        process.stderr.write(`error: ${(e as Error).message}\n\n${USAGE}`);
        return 2;
    }
    if (args === "help") {
        process.stdout.write(USAGE);
        return 0;
    }
    const a = args;
    const json = a.format === "json";
    const progress = new Progress(Boolean(process.stderr.isTTY) && !a.verbose);
    let pack: PolicyPackProcess | undefined;
    let program: Program | undefined;
    const fail = (e: unknown): number => {
        progress.stop();
        const cause = e instanceof ProgramError ? e.cause : e instanceof PolicyConfigError ? "policy-config" : "internal";
        const message = e instanceof Error ? e.message : String(e);
        const detail = e instanceof ProgramError ? e.detail : e instanceof PolicyConfigError ? undefined : (e as Error)?.stack;
        process.stderr.write(`error: cannot check ${a.dir}: ${message}\n`);
        if (a.verbose && detail) {
            process.stderr.write(`${detail}\n`);
        } else if (detail) {
            process.stderr.write("(run with --verbose for details)\n");
        }
        if (a.verbose && pack?.stderr.length) {
            process.stderr.write(`policy pack output:\n${pack.stderr.join("")}\n`);
        }
        if (json) {
            const report: Report = {
                version: REPORT_VERSION,
                status: "error",
                program: { directory: path.resolve(a.dir), stack: a.stack, ...(program ? { project: program.project, entry: path.relative(program.dir, program.entry) } : {}) },
                policyPack: { name: "secure-ai-policies", version: packVersion(), directory: PACK_DIR },
                error: { cause, message },
                resources: [],
                summary: { resources: 0, policies: 0, mandatory: 0, advisory: 0, unknown: 0, remediations: 0, notAnalysed: 0, exitCode: 2 },
                timing: { programMs: 0, analysisMs: 0, totalMs: Date.now() - started },
            };
            process.stdout.write(JSON.stringify(report, null, 2) + "\n");
        }
        return 2;
    };

    try {
        const configFile = a.configFile ? readConfigFile(a.configFile) : undefined;
        // js-yaml comes with @pulumi/pulumi, so the package needs no dependency of its own.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const yaml = require(require.resolve("js-yaml", { paths: [pulumiDirOf(PACK_DIR)] })) as { load(t: string): unknown };
        program = readProgram(a.dir, a.stack, a.config, yaml);
        if (program.skippedConfig.length) {
            process.stderr.write(
                `warning: secret config values cannot be decrypted offline and are left unset: ${program.skippedConfig.join(", ")} (if the program needs them, give them with --config key=value)\n`,
            );
        }
        progress.set("starting the policy pack and the program");
        // The pack starts and is configured (config validated, as the engine does before it runs
        // the program) while the program runs; invalid config stops the program.
        const packStart = PolicyPackProcess.start(PACK_DIR, {
            stack: { stack: a.stack, project: program.project, organization: "organization", dryRun: true, config: program.config },
        });
        let killRunner = () => undefined as void;
        const packReady = packStart.then(async (p) => {
            await p.configureStack();
            await p.configure(configFile ?? {}, configValidator);
            return p;
        });
        packReady.catch(() => killRunner());
        let run: RunResult;
        try {
            run = await runProgram(program, a.stack, json ? process.stderr : process.stdout, progress, (kill) => (killRunner = kill), a.timeoutSeconds);
        } catch (e) {
            const packError = await packReady.then(
                (p) => {
                    void p.stop();
                    return undefined;
                },
                (pe: unknown) => pe,
            );
            void packStart.then((p) => p.stop()).catch(() => undefined);
            // If the pack or its config failed, that is why the program was stopped.
            throw packError ?? e;
        }
        const analysisStarted = Date.now();
        try {
            pack = await packReady;
        } catch (e) {
            void packStart.then((p) => p.stop()).catch(() => undefined);
            throw e;
        }
        const { resources, policies } = await analyze(pack, run, program, a.stack, progress);
        await pack.stop();
        progress.stop();
        const summary = summarize(resources, policies);
        const info = await Promise.resolve(pack.getAnalyzerInfo());
        const report: Report = {
            version: REPORT_VERSION,
            status: summary.exitCode === 1 ? "failed" : "passed",
            program: { directory: program.dir, project: program.project, stack: a.stack, entry: path.relative(program.dir, program.entry) },
            policyPack: { name: info.name, version: info.version, directory: PACK_DIR },
            resources,
            summary,
            timing: { programMs: run.programMs, analysisMs: Date.now() - analysisStarted, totalMs: Date.now() - started },
        };
        if (a.updateExpected) {
            const file = path.join(program.dir, EXPECTED_FILE);
            const content = {
                $comment: "Violations `check` finds in this example (policy, resource). Regenerate with `npm run expected` after changing policies or the example.",
                exitCode: summary.exitCode,
                violations: expectedOf(report),
            };
            fs.writeFileSync(file, JSON.stringify(content, null, 2) + "\n");
            process.stderr.write(`wrote ${path.relative(process.cwd(), file)} (${content.violations.length} violations)\n`);
            return 0;
        }
        if (json) {
            process.stdout.write(JSON.stringify(report, null, 2) + "\n");
        } else {
            process.stdout.write(renderText(report, Boolean(process.stdout.isTTY) && !process.env.NO_COLOR));
        }
        return summary.exitCode;
    } catch (e) {
        if (pack) {
            await pack.stop().catch(() => undefined);
        }
        return fail(e);
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (e) => {
            process.stderr.write(`error: ${(e as Error)?.stack ?? String(e)}\n`);
            process.exitCode = 2;
        },
    );
}

export { expectedOf, engineView };
export type { ExpectedViolation };
