/**
 * `secure-ai-policies/testing`: check a Pulumi program against this pack from your own tests
 * (mocha, jest, node:test), offline, with the same report `check --format json` prints.
 *
 *     import { checkProgram } from "secure-ai-policies/testing";
 *     const report = await checkProgram("./infra", { policyPackConfig: "policy-config.json" });
 *     assert.strictEqual(report.summary.mandatory, 0);
 *
 * or create a component in the test process itself and check what it registers:
 *
 *     const report = await checkComponent(() => new TrainingBucket("data", { ... }));
 */
import * as path from "path";
import { Writable } from "stream";
import { check } from "./cli/check";
import { ProgramError } from "./cli/program";
import type { Registration } from "./cli/protocol";
import { Monitor, answerInvoke, dropResourceReferences, registrationOf } from "./cli/runner";
import { registrationsSource } from "./cli/sources/program";
import type { Source } from "./cli/sources/source";
import type { PolicyPackConfigFile } from "./engine/analyzer";
import { Report, isMandatory } from "./cli/report";

export type { Report, ReportDiagnostic, ReportPolicy, ReportResource, ReportSummary } from "./cli/report";

export interface CheckProgramOptions {
    /** A policy pack config file (as `--policy-pack-config`), or its content. */
    policyPackConfig?: string | PolicyPackConfigFile;
    /** Stack name for URNs and config (default dev); reads Pulumi.<stack>.yaml. */
    stack?: string;
    /** Stack config values, as `--config key=value`. */
    config?: Record<string, string>;
    /** Seconds before a program that has not finished is stopped (default 300). */
    timeout?: number;
    /** Where the program's own output goes (default: discarded; use process.stderr to see it). */
    output?: NodeJS.WritableStream;
}

const discard = () =>
    new Writable({
        write(_chunk, _encoding, done) {
            done();
        },
    });

/**
 * Previews the Pulumi program in `dir` offline through the pack and resolves with the report
 * `check --format json` prints: `status` "passed", "failed" (a mandatory violation) or "error"
 * (the program could not be checked; see `report.error`). It never rejects for a program problem.
 */
export async function checkProgram(dir: string, options: CheckProgramOptions = {}): Promise<Report> {
    const output = options.output ?? discard();
    const { report } = await check(
        { dir, stack: options.stack, config: options.config, policyPackConfig: options.policyPackConfig, timeoutSeconds: options.timeout },
        { out: output, warn: (text) => output.write(`warning: ${text}\n`), progress: () => undefined, clear: () => undefined },
    );
    return report;
}

/** The mandatory violations of a report as `policy on type::name: message` lines (for assertion messages). */
export function mandatoryViolations(report: Report): string[] {
    return report.resources.flatMap((r) => r.diagnostics.filter(isMandatory).map((d) => `${d.policy} on ${r.type}::${r.name}: ${d.message}`));
}

export interface CheckComponentOptions {
    /** A policy pack config file (as `--policy-pack-config`), or its content. */
    policyPackConfig?: string | PolicyPackConfigFile;
    /** Project and stack names for URNs (default test and dev). */
    project?: string;
    stack?: string;
    /** Stack config the pack sees (ConfigureStack), e.g. `{ "aws:region": "eu-west-1" }`. */
    config?: Record<string, string>;
    /** Where to resolve `@pulumi/pulumi` from (default the working directory): the one your component uses. */
    dir?: string;
}

interface Runtime {
    setMocks(mocks: unknown, project: string, stack: string, preview: boolean, organization: string): Promise<void>;
    getMonitor(): Monitor;
    runInPulumiStack(init: () => Promise<unknown>): Promise<unknown>;
    waitForRPCs?: () => Promise<void>;
}

/**
 * Creates resources in this process (a component, as a test would) under Pulumi's mocks in preview
 * mode, and resolves with the report of putting everything they registered through the pack, as
 * `checkProgram` would for a program. `create` runs inside the stack; it may be async.
 *
 * It replaces Pulumi's mocks of this process (`pulumi.runtime.setMocks`): set your own again
 * afterwards if other tests in the same file need them.
 */
export async function checkComponent(create: () => unknown, options: CheckComponentOptions = {}): Promise<Report> {
    const started = Date.now();
    const dir = path.resolve(options.dir ?? process.cwd());
    const project = options.project ?? "test";
    const stack = options.stack ?? "dev";
    const config = options.config ?? {};
    let runtime: Runtime;
    try {
        // The component's own @pulumi/pulumi, so its resources register with the runtime mocked here.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        runtime = require(path.join(path.dirname(require.resolve("@pulumi/pulumi", { paths: [dir] })), "runtime")) as Runtime;
    } catch {
        return errorReport(dir, project, stack, new ProgramError("no-sdk", `cannot find @pulumi/pulumi from ${dir}`));
    }
    let failure: ProgramError | undefined;
    await runtime.setMocks(
        {
            newResource: (args: { inputs: Record<string, unknown> }) => ({ id: "", state: args.inputs }),
            call: (args: { token: string; inputs: Record<string, unknown> }) => {
                const answer = answerInvoke(args.token, args.inputs, config);
                if (answer === undefined) {
                    failure ??= new ProgramError("invoke", `the component calls the data source \`${args.token}\`, which check cannot answer offline`);
                    throw failure;
                }
                return answer;
            },
        },
        project,
        stack,
        true,
        "organization",
    );
    const registrations: Registration[] = [];
    const outputs = new Map<string, Record<string, unknown>>();
    const monitor = runtime.getMonitor();
    const registerResource = monitor.registerResource.bind(monitor);
    let seq = 0;
    monitor.registerResource = (req, cb) => {
        const partial = registrationOf(req, seq++, dir);
        registerResource(req, (err, res) => {
            if (!err && res) registrations.push({ ...partial, urn: (res as { getUrn(): string }).getUrn() });
            cb(err, res);
        });
    };
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, cb) => {
        const o = req.getOutputs()?.toJavaScript();
        if (o && typeof o === "object") outputs.set(req.getUrn(), dropResourceReferences(o) as Record<string, unknown>);
        registerOutputs(req, cb);
    };
    try {
        await runtime.runInPulumiStack(async () => {
            await create();
            return undefined;
        });
        await runtime.waitForRPCs?.();
    } catch (e) {
        return errorReport(dir, project, stack, failure ?? new ProgramError("program", `the component failed: ${(e as Error)?.message ?? String(e)}`));
    }
    if (failure) {
        return errorReport(dir, project, stack, failure);
    }
    registrations.sort((a, b) => a.seq - b.seq);
    const source = registrationsSource({ registrations, outputs, programMs: Date.now() - started }, { dir, project, config }, stack);
    const output = discard();
    const { report } = await check(
        { source, stack, policyPackConfig: options.policyPackConfig },
        { out: output, warn: () => undefined, progress: () => undefined, clear: () => undefined },
    );
    return report;
}

/** A report for a component that could not be checked, shaped as `check` shapes one. */
async function errorReport(dir: string, project: string, stack: string, e: ProgramError): Promise<Report> {
    const failed: Source = {
        project,
        stack,
        config: {},
        dryRun: true,
        applyRemediations: true,
        program: { directory: dir, project, stack },
        resources: () => Promise.reject(e),
    };
    const { report } = await check({ source: failed, stack }, { out: discard(), warn: () => undefined, progress: () => undefined, clear: () => undefined });
    return report;
}
