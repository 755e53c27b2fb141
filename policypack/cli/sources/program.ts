/**
 * A program run as the source: the program runs in a child process (runner.ts) under Pulumi's mock
 * runtime in preview mode, and every registration comes back here as the engine would see it.
 */
import { ChildProcess, fork } from "child_process";
import * as path from "path";
import type { Resource } from "../../engine/analyzer";
import { Program, ProgramError } from "../program";
import type { Registration, RunnerMessage, RunnerOptions } from "../protocol";
import type { Source, SourceIO, SourceResource } from "./source";

export interface RunResult {
    registrations: Registration[];
    outputs: Map<string, Record<string, unknown>>;
    programMs: number;
}

function runProgram(program: Program, stack: string, fallbackModuleDir: string, io: SourceIO, deployment?: RunnerOptions["deployment"]): Promise<RunResult> {
    const options: RunnerOptions = {
        programDir: program.dir,
        entry: program.entry,
        project: program.project,
        stack,
        organization: "organization",
        config: program.config,
        secretConfig: program.skippedConfig,
        fallbackModuleDirs: [fallbackModuleDir],
        ...(deployment ? { deployment } : {}),
    };
    return new Promise((resolve, reject) => {
        const child: ChildProcess = fork(path.join(__dirname, "..", "runner.js"), [JSON.stringify(options)], {
            cwd: program.dir,
            stdio: ["ignore", "pipe", "pipe", "ipc"],
            env: { ...process.env },
        });
        io.onStop(() => child.kill());
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            child.kill();
        }, io.timeoutSeconds * 1000);
        timer.unref();
        const registrations: Registration[] = [];
        const outputs = new Map<string, Record<string, unknown>>();
        let done: RunnerMessage | undefined;
        // The program's own output is passed through untouched (to stderr when stdout carries a report).
        child.stdout?.on("data", (d: Buffer) => {
            io.clear();
            io.out.write(d);
        });
        child.stderr?.on("data", (d: Buffer) => {
            io.clear();
            process.stderr.write(d);
        });
        child.on("message", (m: RunnerMessage) => {
            if (m.kind === "registration") {
                registrations.push(m.registration);
                io.progress(`running the program: ${registrations.length} resources registered`);
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
                reject(new ProgramError("timeout", `the program did not finish within ${io.timeoutSeconds} s (--timeout)`));
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

const SKIP_INTERNAL = (props: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(props)) {
        if (!k.startsWith("__")) out[k] = v;
    }
    return out;
};

/**
 * The resources as the engine sees them: default providers are created before their first user
 * (named default_<version>, with the provider's config as inputs), explicit providers are
 * resolved from their references.
 */
function engineView(run: RunResult, program: Pick<Program, "project" | "config">, stack: string): SourceResource[] {
    const urnOf = (type: string, name: string) => `urn:pulumi:${stack}::${program.project}::${type}::${name}`;
    const byUrn = new Map(run.registrations.map((r) => [r.urn, r]));
    const defaults = new Map<string, SourceResource>();
    const out: SourceResource[] = [];
    for (const r of run.registrations) {
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
                    const type = `pulumi:providers:${pkg}`;
                    d = { type, name, urn: urnOf(type, name), properties, parent: "", custom: true, dependencies: [], propertyDependencies: {} };
                    defaults.set(key, d);
                    out.push(d);
                }
                provider = { type: d.type, name: d.name, urn: d.urn, properties: d.properties };
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
            dependencies: r.dependencies,
            propertyDependencies: r.propertyDependencies,
            ...(r.remote ? { remote: true } : {}),
            // Components carry the outputs they registered; in a preview, a new custom resource's
            // state is its inputs (a deployment reports the states of custom resources too).
            ...(r.custom && !run.outputs.has(r.urn) ? {} : { outputs: run.outputs.get(r.urn) ?? {} }),
            ...(r.location ? { location: r.location } : {}),
        });
    }
    return out;
}

/**
 * A program directory, read by readProgram, as a source. With `deployment`, the program runs as a
 * deployment with resource states from a mocks module (to generate state fixtures).
 */
export function programSource(program: Program, stack: string, fallbackModuleDir: string, deployment?: RunnerOptions["deployment"]): Source {
    return {
        project: program.project,
        stack,
        config: program.config,
        dryRun: true,
        applyRemediations: true,
        program: { directory: program.dir, project: program.project, stack, entry: path.relative(program.dir, program.entry) },
        async resources(io) {
            const run = await runProgram(program, stack, fallbackModuleDir, io, deployment);
            return { resources: engineView(run, program, stack), programMs: run.programMs };
        },
    };
}

/** Registrations recorded elsewhere (a component created in a test process) as a source. */
export function registrationsSource(run: RunResult, program: Pick<Program, "dir" | "project" | "config">, stack: string): Source {
    return {
        project: program.project,
        stack,
        config: program.config,
        dryRun: true,
        applyRemediations: true,
        program: { directory: program.dir, project: program.project, stack },
        resources: () => Promise.resolve({ resources: engineView(run, program, stack), programMs: run.programMs }),
    };
}
