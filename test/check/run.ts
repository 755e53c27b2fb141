/**
 * Runs the built `check` command as a user would (`node bin/cli/main.js check ...`) and captures
 * its exit code and output.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import type { Report } from "../../policypack/cli/report";

/** The repository root (build/test/check -> ../../..). */
export const REPO = path.resolve(__dirname, "..", "..", "..");
export const CLI = path.join(REPO, "bin", "cli", "main.js");
export const FIXTURES = path.join(REPO, "test", "check", "fixtures");
export const EXAMPLES = path.join(REPO, "examples");

export interface CheckRun {
    code: number | null;
    stdout: string;
    stderr: string;
    ms: number;
}

export function runCheck(args: string[], env: Record<string, string> = {}): Promise<CheckRun> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, "check", ...args], {
            cwd: REPO,
            stdio: ["ignore", "pipe", "pipe"],
            env: { ...process.env, NO_COLOR: "1", ...env },
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
    });
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validateReport = ajv.compile(JSON.parse(fs.readFileSync(path.join(REPO, "policypack", "cli", "report.schema.json"), "utf8")));

/** Parses a `--format json` report and validates it against report.schema.json. */
export function parseReport(run: CheckRun): Report {
    let report: unknown;
    try {
        report = JSON.parse(run.stdout);
    } catch (e) {
        throw new Error(`stdout is not JSON (${(e as Error).message}):\n${run.stdout}\n--- stderr:\n${run.stderr}`, { cause: e });
    }
    if (!validateReport(report)) {
        throw new Error(`report does not match report.schema.json: ${ajv.errorsText(validateReport.errors)}`);
    }
    return report as Report;
}

/** Writes a throw-away program under build/ (so it resolves the repository's node_modules). */
export function writeProgram(name: string, files: Record<string, string>): string {
    const dir = path.join(REPO, "build", "check-fixtures", name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const [f, text] of Object.entries(files)) {
        fs.writeFileSync(path.join(dir, f), text);
    }
    return dir;
}
