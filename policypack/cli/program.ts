/**
 * Finding and describing a Pulumi program directory: Pulumi.yaml (name, runtime, main), the entry
 * file, and the stack config the language host would pass in PULUMI_CONFIG.
 */
import * as fs from "fs";
import * as path from "path";

/** A program that cannot be checked; the message names the cause. */
export class ProgramError extends Error {
    constructor(
        readonly cause: string,
        message: string,
        readonly detail?: string,
    ) {
        super(message);
    }
}

export interface Program {
    dir: string;
    project: string;
    entry: string;
    config: Record<string, string>;
    /** Config keys left out (secrets cannot be decrypted offline). */
    skippedConfig: string[];
}

type Yaml = { load(text: string): unknown };

function loadYaml(file: string, yaml: Yaml): Record<string, unknown> {
    let doc: unknown;
    try {
        doc = yaml.load(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new ProgramError("project", `${path.basename(file)} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
    }
    if (doc === undefined || doc === null) {
        return {};
    }
    if (typeof doc !== "object" || Array.isArray(doc)) {
        throw new ProgramError("project", `${path.basename(file)} must be a YAML mapping`);
    }
    return doc as Record<string, unknown>;
}

function configValue(v: unknown): string | undefined {
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    if (v !== null && typeof v === "object" && !Array.isArray(v) && "secure" in v) return undefined;
    return JSON.stringify(v);
}

function fullKey(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/** The entry module the Node language host would load. */
function findEntry(dir: string, main: unknown): string {
    const base = typeof main === "string" && main ? path.resolve(dir, main) : dir;
    if (fs.existsSync(base) && fs.statSync(base).isFile()) {
        return base;
    }
    if (!fs.existsSync(base)) {
        throw new ProgramError("no-entry", `the program's main ${JSON.stringify(main)} (Pulumi.yaml) does not exist`);
    }
    const pkg = path.join(base, "package.json");
    if (fs.existsSync(pkg)) {
        try {
            const m = (JSON.parse(fs.readFileSync(pkg, "utf8")) as { main?: unknown }).main;
            if (typeof m === "string" && m) {
                for (const candidate of [m, `${m}.ts`, `${m}.js`, path.join(m, "index.ts"), path.join(m, "index.js")]) {
                    const f = path.resolve(base, candidate);
                    if (fs.existsSync(f) && fs.statSync(f).isFile()) {
                        return f;
                    }
                }
            }
        } catch {
            // fall through to the index files, as Node would
        }
    }
    for (const name of ["index.ts", "index.js"]) {
        const f = path.join(base, name);
        if (fs.existsSync(f)) {
            return f;
        }
    }
    throw new ProgramError("no-entry", "the program has no entry point (index.ts, index.js, or main in Pulumi.yaml/package.json)");
}

/** Reads the program directory; throws ProgramError naming what is missing. */
export function readProgram(dirArg: string, stack: string, overrides: Record<string, string>, yaml: Yaml): Program {
    const dir = path.resolve(dirArg);
    if (!fs.existsSync(dir)) {
        throw new ProgramError("no-directory", "the directory does not exist");
    }
    if (!fs.statSync(dir).isDirectory()) {
        throw new ProgramError("no-directory", "it is not a directory");
    }
    const projectFile = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (!projectFile) {
        throw new ProgramError("no-project", "it has no Pulumi.yaml, so it is not a Pulumi program");
    }
    const doc = loadYaml(projectFile, yaml);
    const project = doc.name;
    if (typeof project !== "string" || !project) {
        throw new ProgramError("project", "Pulumi.yaml has no project name (name:)");
    }
    const runtime = typeof doc.runtime === "object" && doc.runtime !== null ? (doc.runtime as { name?: unknown }).name : doc.runtime;
    if (runtime !== "nodejs") {
        throw new ProgramError("not-nodejs", `check runs Node.js programs only, and this program's runtime is ${JSON.stringify(runtime ?? null)}`);
    }
    const entry = findEntry(dir, doc.main);

    const config: Record<string, string> = {};
    const skippedConfig: string[] = [];
    // Project-level defaults (Pulumi.yaml config: key: {default: v} or key: v), then the stack file.
    for (const [k, v] of Object.entries((doc.config ?? {}) as Record<string, unknown>)) {
        const value = v !== null && typeof v === "object" && !Array.isArray(v) && ("default" in v || "type" in v) ? (v as { default?: unknown }).default : v;
        if (value !== undefined) {
            const s = configValue(value);
            if (s !== undefined) config[fullKey(project, k)] = s;
        }
    }
    const stackFile = path.join(dir, `Pulumi.${stack}.yaml`);
    if (fs.existsSync(stackFile)) {
        const stackDoc = loadYaml(stackFile, yaml);
        for (const [k, v] of Object.entries((stackDoc.config ?? {}) as Record<string, unknown>)) {
            const s = configValue(v);
            if (s === undefined) {
                skippedConfig.push(fullKey(project, k));
            } else {
                config[fullKey(project, k)] = s;
            }
        }
    }
    for (const [k, v] of Object.entries(overrides)) {
        config[fullKey(project, k)] = v;
    }
    // A secret given with --config is set, not skipped.
    return { dir, project, entry, config, skippedConfig: skippedConfig.filter((k) => !(k in config)) };
}
