/**
 * `secure-ai-policies/testing`: check a Pulumi program against this pack from your own tests
 * (mocha, jest, node:test), offline, with the same report `check --format json` prints.
 *
 *     import { checkProgram } from "secure-ai-policies/testing";
 *     const report = await checkProgram("./infra", { policyPackConfig: "policy-config.json" });
 *     assert.strictEqual(report.summary.mandatory, 0);
 */
import { Writable } from "stream";
import { check } from "./cli/check";
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
