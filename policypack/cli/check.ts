/**
 * One check, whatever the output format: reads the source (a program run, or a state file),
 * starts the built pack
 * as the engine starts it (ConfigureStack, then Configure with the policy pack config reconciled
 * and validated with the engine's semantics), puts every resource through Remediate and Analyze in
 * order, the whole stack through AnalyzeStack, and builds the one `Report` that every format renders.
 *
 * It never throws: a source that cannot be checked gives a report with status "error".
 */
import * as fs from "fs";
import * as path from "path";
import { AnalyzerInfo, Diagnostic, PolicyConfig, PolicyConfigError, PolicyPackConfigFile, PolicyPackProcess, StackResource, pulumiDirOf } from "../engine/analyzer";
import { ProgramError, readProgram } from "./program";
import { REPORT_VERSION, Report, ReportDiagnostic, ReportPolicy, ReportResource, changedPaths, kindOf, notAnalysedMessage, summarize } from "./report";
import { programSource } from "./sources/program";
import { readStateSource } from "./sources/state";
import type { Source, SourceIO, SourceResource } from "./sources/source";
import { configValidator } from "./validator";

/**
 * The package root, the directory with package.json and PulumiPolicy.yaml: bin/cli/check.js -> ..,
 * (in this repository's tests, build/policypack/cli/check.js -> ../../..).
 */
export const PACK_DIR = packRoot(__dirname);

function packRoot(from: string): string {
    for (let dir = path.resolve(from, "..", ".."); ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) return dir;
        if (path.dirname(dir) === dir) return path.resolve(from, "..", "..");
    }
}

export interface CheckOptions {
    /** The program directory (or state). */
    dir?: string;
    /** A `pulumi stack export` document, checked as `pulumi policy analyze` checks state (instead of dir). */
    state?: string;
    /** Stack name for URNs and config (default dev); reads Pulumi.<stack>.yaml. */
    stack?: string;
    /** Stack config values (`key=value` with --config); keys without a namespace get the project's. */
    config?: Record<string, string>;
    /** A policy pack config file, or its content. */
    policyPackConfig?: string | PolicyPackConfigFile;
    /** Stops a program that has not finished (default 300 s). */
    timeoutSeconds?: number;
    /** A source already at hand (registrations recorded in-process), instead of dir or state. */
    source?: Source;
}

export interface CheckIO {
    /** Where the program's own stdout goes. */
    out: NodeJS.WritableStream;
    /** Warnings (one line each). */
    warn(text: string): void;
    progress(text: string): void;
    /** Called before other output is written (clears a progress line). */
    clear(): void;
}

export interface CheckOutcome {
    report: Report;
    /** When the check failed: the stack trace or compiler output behind the error, if any. */
    detail?: string;
    /** What the pack process wrote to stderr. */
    packOutput: string;
}

export function packVersion(): string {
    try {
        return (JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { version: string }).version;
    } catch {
        return "unknown";
    }
}

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

const SKIP_INTERNAL = (props: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(props)) {
        if (!k.startsWith("__")) out[k] = v;
    }
    return out;
};

async function analyze(pack: PolicyPackProcess, view: SourceResource[], source: Source, progress: (text: string) => void): Promise<ReportResource[]> {
    const resources: ReportResource[] = [];
    const byUrn = new Map<string, ReportResource>();
    const stackResources: StackResource[] = [];
    let i = 0;
    for (const r of view) {
        progress(`checking resources: ${++i}/${view.length}`);
        const entry: ReportResource = { urn: r.urn, type: r.type, name: r.name, diagnostics: [], remediations: [] };
        if (r.parent) entry.parent = r.parent;
        if (r.remote) entry.notAnalysed = notAnalysedMessage(r.type, r.name);
        if (r.location) entry.location = r.location;
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
        if (!source.applyRemediations) {
            // Existing state: remediations are reported, not applied.
            properties = r.properties;
        }
        const result = await pack.analyze({ ...r, properties: SKIP_INTERNAL(properties) });
        entry.diagnostics.push(...result.diagnostics.map((d) => toReportDiagnostic(d, "resource")));

        // In a preview the state of a new custom resource is its (remediated) inputs.
        const state = r.outputs ?? properties;
        stackResources.push({ ...r, properties: SKIP_INTERNAL(state), parent: r.parent || undefined });
    }
    progress("checking the stack");
    const stackResult = await pack.analyzeStack(stackResources);
    const root = resources.find((r) => r.type === "pulumi:pulumi:Stack") ?? resources[0];
    for (const d of stackResult.diagnostics) {
        const target = (d.urn && byUrn.get(d.urn)) || root;
        target?.diagnostics.push(toReportDiagnostic(d, "stack"));
    }
    return resources;
}

/** The metadata of every policy that has a finding or remediation, by name. */
function policiesOf(resources: ReportResource[], info: AnalyzerInfo, config: Record<string, PolicyConfig>): ReportPolicy[] {
    const used = new Set(resources.flatMap((r) => [...r.diagnostics.map((d) => d.policy), ...r.remediations.map((x) => x.policy)]));
    return info.policies
        .filter((p) => used.has(p.name))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((p) => ({
            name: p.name,
            ...(p.displayName ? { displayName: p.displayName } : {}),
            description: p.description,
            severity: p.severity,
            enforcementLevel: config[p.name]?.enforcementLevel ?? p.enforcementLevel,
            guidelines: (p.framework?.reference ?? "")
                .split(",")
                .map((id) => id.trim())
                .filter(Boolean),
            tags: p.tags,
            ...(p.remediationSteps ? { remediationSteps: p.remediationSteps } : {}),
            ...(p.url ? { url: p.url } : {}),
        }));
}

function openSource(options: CheckOptions, stack: string, io: CheckIO): Source {
    if (options.source) {
        return options.source;
    }
    if (options.state !== undefined) {
        return readStateSource(options.state, io.warn);
    }
    // js-yaml comes with @pulumi/pulumi, so the package needs no dependency of its own.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const yaml = require(require.resolve("js-yaml", { paths: [pulumiDirOf(PACK_DIR)] })) as { load(t: string): unknown };
    const program = readProgram(options.dir ?? ".", stack, options.config ?? {}, yaml);
    if (program.skippedConfig.length) {
        io.warn(
            `secret config values cannot be decrypted offline and are left unset: ${program.skippedConfig.join(", ")} (if the program needs them, give them with --config key=value)`,
        );
    }
    return programSource(program, stack, PACK_DIR);
}

/** The program as an error report names it (directory and stack first). */
function errorProgram(p: Report["program"]): Report["program"] {
    const { directory, stack, ...rest } = p;
    return { directory, stack, ...rest };
}

export async function check(options: CheckOptions, io: CheckIO): Promise<CheckOutcome> {
    const started = Date.now();
    const stack = options.stack ?? "dev";
    const timeoutSeconds = options.timeoutSeconds ?? 300;
    let pack: PolicyPackProcess | undefined;
    let source: Source | undefined;
    try {
        const configFile = typeof options.policyPackConfig === "string" ? readConfigFile(options.policyPackConfig) : options.policyPackConfig;
        source = openSource(options, stack, io);
        const src = source;
        io.progress("starting the policy pack and the program");
        // The pack starts and is configured (config validated, as the engine does before it runs
        // the program) while the program runs; invalid config stops the program.
        const packStart = PolicyPackProcess.start(PACK_DIR, {
            stack: { stack: src.stack, project: src.project, organization: "organization", dryRun: src.dryRun, config: src.config },
        });
        let stopSource = () => undefined as void;
        const packReady = packStart.then(async (p) => {
            await p.configureStack();
            await p.configure(configFile ?? {}, configValidator);
            return p;
        });
        packReady.catch(() => stopSource());
        const sourceIO: SourceIO = { out: io.out, progress: io.progress, clear: io.clear, onStop: (stop) => (stopSource = stop), timeoutSeconds };
        let run: Awaited<ReturnType<Source["resources"]>>;
        try {
            run = await src.resources(sourceIO);
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
        const resources = await analyze(pack, run.resources, src, io.progress);
        const info = await pack.getAnalyzerInfo();
        await pack.stop();
        const summary = summarize(resources, info.policies.length);
        const report: Report = {
            version: REPORT_VERSION,
            status: summary.exitCode === 1 ? "failed" : "passed",
            program: src.program,
            policyPack: { name: info.name, version: info.version, directory: PACK_DIR },
            resources,
            policies: policiesOf(resources, info, pack.effectiveConfig),
            summary,
            timing: { programMs: run.programMs, analysisMs: Date.now() - analysisStarted, totalMs: Date.now() - started },
        };
        return { report, packOutput: pack.stderr.join("") };
    } catch (e) {
        if (pack) {
            await pack.stop().catch(() => undefined);
        }
        const cause = e instanceof ProgramError ? e.cause : e instanceof PolicyConfigError ? "policy-config" : "internal";
        const message = e instanceof Error ? e.message : String(e);
        const detail = e instanceof ProgramError ? e.detail : e instanceof PolicyConfigError ? undefined : (e as Error)?.stack;
        const report: Report = {
            version: REPORT_VERSION,
            status: "error",
            program: errorProgram(
                source?.program ??
                    (options.state !== undefined
                        ? { directory: path.dirname(path.resolve(options.state)), stack, state: path.resolve(options.state) }
                        : { directory: path.resolve(options.dir ?? "."), stack }),
            ),
            policyPack: { name: "secure-ai-policies", version: packVersion(), directory: PACK_DIR },
            error: { cause, message },
            resources: [],
            policies: [],
            summary: { resources: 0, policies: 0, mandatory: 0, advisory: 0, unknown: 0, remediations: 0, notAnalysed: 0, exitCode: 2 },
            timing: { programMs: 0, analysisMs: 0, totalMs: Date.now() - started },
        };
        return { report, detail, packOutput: pack?.stderr.join("") ?? "" };
    }
}
