#!/usr/bin/env node
/**
 * `secure-ai-policies check <program-dir>`: previews a Pulumi program offline through this pack.
 *
 * This module only parses the arguments and dispatches: check.ts runs the check and builds the one
 * report (from a source in sources/), render/<format>.ts renders it.
 *
 * Exit codes: 0 = no mandatory violation, 1 = at least one mandatory violation, 2 = the program
 * could not be checked.
 */
import * as fs from "fs";
import * as path from "path";
import { check } from "./check";
import { Progress } from "./progress";
import { FORMATS, Format, render } from "./render";
import { Report, expectedOf } from "./report";

const EXPECTED_FILE = "expected-violations.json";

const USAGE = `Usage: secure-ai-policies check <program-dir> [options]
       secure-ai-policies check --state <file> [options]

Previews a Pulumi program offline (no cloud credentials, no backend) and puts every resource it
registers through the secure-ai-policies pack, as \`pulumi preview --policy-pack\` would; or, with
--state, checks a \`pulumi stack export\` document as \`pulumi policy analyze\` would.

Options:
  --state <file>               check existing state: inputs to Analyze, outputs to AnalyzeStack
  --policy-pack-config <file>  policy config file, with the engine's semantics
  --format <format>            text (default), json (described by report.schema.json), sarif
                               (SARIF 2.1.0 for code scanning), junit (JUnit XML), markdown (a PR comment)
  --output <file>              write the report to <file> instead of stdout
  --stack <name>               stack name (default dev); reads Pulumi.<stack>.yaml config
  --config <key>=<value>       set a stack config value (repeatable)
  --timeout <seconds>          stop a program that has not finished (default 300)
  --update-expected            write the violations to <program-dir>/${EXPECTED_FILE} (maintainers)
  --verbose                    show stack traces and the pack's own output
  -h, --help                   show this help

Exit codes: 0 no mandatory violation, 1 at least one mandatory violation, 2 the program (or state) could not be checked.
`;

interface Args {
    dir?: string;
    state?: string;
    configFile?: string;
    format: Format;
    output?: string;
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
                const f = value(flag, inline) as Format;
                if (!FORMATS.includes(f)) throw new UsageError(`--format must be ${FORMATS.slice(0, -1).join(", ")} or ${FORMATS[FORMATS.length - 1]}`);
                args.format = f;
                break;
            }
            case "--state":
                args.state = value(flag, inline);
                break;
            case "--output":
            case "-o":
                args.output = value(flag, inline);
                break;
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
    if (args.state !== undefined) {
        if (args.dir !== undefined) throw new UsageError("check takes a program directory or --state <file>, not both");
        if (args.updateExpected) throw new UsageError("--update-expected needs a program directory");
    } else if (args.dir === undefined) {
        throw new UsageError("missing <program-dir>");
    }
    return args as Args;
}

const EXPECTED_COMMENT = "Violations `check` finds in this example (policy, resource). Regenerate with `npm run expected` after changing policies or the example.";

export async function main(argv: string[]): Promise<number> {
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
    if (a.output) {
        const problem = unwritable(a.output);
        if (problem) {
            process.stderr.write(`error: cannot write the report to ${a.output}: ${problem}\n`);
            return 2;
        }
    }
    // Where the report goes; the program's own stdout then goes to stderr, so stdout stays one document.
    const reportOnStdout = a.format !== "text" && !a.output;
    const progress = new Progress(Boolean(process.stderr.isTTY) && !a.verbose);
    const { report, detail, packOutput } = await check(
        { dir: a.dir, state: a.state, stack: a.stack, config: a.config, policyPackConfig: a.configFile, timeoutSeconds: a.timeoutSeconds },
        {
            // The program's own stdout goes to stderr when stdout carries a report.
            out: reportOnStdout ? process.stderr : process.stdout,
            warn: (text) => {
                progress.clear();
                process.stderr.write(`warning: ${text}\n`);
            },
            progress: (text) => progress.set(text),
            clear: () => progress.clear(),
        },
    );
    progress.stop();
    if (report.error) {
        process.stderr.write(`error: cannot check ${a.state ?? a.dir}: ${report.error.message}\n`);
        if (a.verbose && detail) {
            process.stderr.write(`${detail}\n`);
        } else if (detail) {
            process.stderr.write("(run with --verbose for details)\n");
        }
        if (a.verbose && packOutput) {
            process.stderr.write(`policy pack output:\n${packOutput}\n`);
        }
        if (a.format !== "text") {
            // Machine-readable formats carry the error too.
            return emit(a, report) ?? 2;
        }
        return 2;
    }
    if (a.updateExpected) {
        const file = path.join(report.program.directory, EXPECTED_FILE);
        const content = { $comment: EXPECTED_COMMENT, exitCode: report.summary.exitCode, violations: expectedOf(report) };
        fs.writeFileSync(file, JSON.stringify(content, null, 2) + "\n");
        process.stderr.write(`wrote ${path.relative(process.cwd(), file)} (${content.violations.length} violations)\n`);
        return 0;
    }
    return emit(a, report) ?? report.summary.exitCode;
}

/** Why a report file cannot be written, or undefined. */
function unwritable(file: string): string | undefined {
    const target = path.resolve(file);
    try {
        if (fs.existsSync(target)) {
            if (fs.statSync(target).isDirectory()) return "it is a directory";
            fs.accessSync(target, fs.constants.W_OK);
        } else {
            const dir = path.dirname(target);
            if (!fs.existsSync(dir)) return `the directory ${path.dirname(file)} does not exist`;
            fs.accessSync(dir, fs.constants.W_OK);
        }
    } catch (e) {
        return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    }
    return undefined;
}

/** Writes the rendered report; returns 2 if it could not be written. */
function emit(a: Args, report: Report): 2 | undefined {
    const color = a.format === "text" && !a.output && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
    const text = render(a.format, report, { color, cwd: process.cwd() });
    if (!a.output) {
        process.stdout.write(text);
        return undefined;
    }
    try {
        fs.writeFileSync(a.output, text);
    } catch (e) {
        process.stderr.write(`error: cannot write the report to ${a.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
        return 2;
    }
    return undefined;
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
