/**
 * A `pulumi stack export` document as the source, run as `pulumi policy analyze` runs a pack over
 * existing state: no program, no preview (ConfigureStack says dryRun false), each resource's
 * inputs to Analyze and its outputs to AnalyzeStack, remediations reported but not applied.
 */
import * as fs from "fs";
import * as path from "path";
import { UNKNOWN_VALUES, secret } from "../../engine/analyzer";
import { ProgramError } from "../program";
import type { Source, SourceResource } from "./source";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** One resource of `deployment.resources` in a stack export (version 3). */
interface StateResource {
    urn: string;
    type: string;
    custom?: boolean;
    id?: string;
    delete?: boolean;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    parent?: string;
    provider?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    protect?: boolean;
    ignoreChanges?: string[];
    aliases?: (string | { urn?: string })[];
    additionalSecretOutputs?: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Secrets as the engine sends them: a state's secret envelope holds the value as JSON text
 * (`--show-secrets`) or encrypted. Encrypted values cannot be read offline; they count as unknown
 * (so a policy says it cannot verify them rather than judging a value it does not have).
 */
function decodeSecrets(v: unknown, encrypted: { count: number }): unknown {
    if (Array.isArray(v)) return v.map((x) => decodeSecrets(x, encrypted));
    if (!isObject(v)) return v;
    if (v[SIG] === SECRET_SIG) {
        if (typeof v.plaintext === "string") {
            let value: unknown;
            try {
                value = JSON.parse(v.plaintext);
            } catch {
                value = v.plaintext;
            }
            return secret(decodeSecrets(value, encrypted));
        }
        encrypted.count++;
        return secret(UNKNOWN_VALUES.string);
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = decodeSecrets(x, encrypted);
    return out;
}

/** The error line names the file already ("cannot check <file>: ..."). */
function fail(message: string): never {
    throw new ProgramError("state", `the state file ${message}`);
}

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>` */
function parseUrn(urn: string): { stack: string; project: string; name: string } | undefined {
    const m = /^urn:pulumi:([^:]+)::([^:]+)::(.+?)::(.*)$/s.exec(urn);
    return m ? { stack: m[1], project: m[2], name: m[4] } : undefined;
}

/** Reads and checks a stack export; throws ProgramError("state") naming what is wrong. */
export function readStateSource(fileArg: string, warn: (text: string) => void): Source {
    const file = path.resolve(fileArg);
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        fail(`cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        fail(`is not valid JSON: ${(e as Error).message}`);
    }
    if (!isObject(doc) || !isObject(doc.deployment) || !Array.isArray(doc.deployment.resources)) {
        fail("is not a `pulumi stack export` document (it has no deployment.resources)");
    }
    if (doc.version !== undefined && doc.version !== 3) {
        fail(`has deployment version ${JSON.stringify(doc.version)}; check reads version 3 (\`pulumi stack export\` of Pulumi 3)`);
    }
    const raw = doc.deployment.resources as unknown[];
    const resources: StateResource[] = [];
    raw.forEach((r, i) => {
        if (!isObject(r) || typeof r.urn !== "string" || typeof r.type !== "string" || !parseUrn(r.urn)) {
            fail(`has a malformed resource at deployment.resources[${i}] (it needs a urn of the form urn:pulumi:<stack>::<project>::<type>::<name> and a type)`);
        }
        for (const k of ["inputs", "outputs", "propertyDependencies"] as const) {
            if (r[k] !== undefined && !isObject(r[k])) fail(`has a malformed resource at deployment.resources[${i}] (${k} must be an object)`);
        }
        if (r.dependencies !== undefined && !Array.isArray(r.dependencies)) fail(`has a malformed resource at deployment.resources[${i}] (dependencies must be a list)`);
        // Resources pending deletion are not part of the stack any more.
        if (r.delete !== true) resources.push(r as unknown as StateResource);
    });
    const root = resources.find((r) => r.type === "pulumi:pulumi:Stack") ?? resources[0];
    const where = root ? parseUrn(root.urn)! : { stack: "dev", project: path.basename(file, path.extname(file)) };

    const encrypted = { count: 0 };
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const view: SourceResource[] = resources.map((r) => {
        const inputs = decodeSecrets(r.inputs ?? {}, encrypted) as Record<string, unknown>;
        const outputs = decodeSecrets(r.outputs ?? {}, encrypted) as Record<string, unknown>;
        let provider: SourceResource["provider"];
        if (r.provider) {
            const urn = r.provider.slice(0, r.provider.lastIndexOf("::"));
            const p = byUrn.get(urn);
            provider = {
                type: p?.type ?? urn.split("::")[2] ?? "",
                name: parseUrn(urn)?.name ?? "",
                urn,
                properties: decodeSecrets(p?.inputs ?? {}, { count: 0 }) as Record<string, unknown>,
            };
        }
        return {
            type: r.type,
            name: parseUrn(r.urn)!.name,
            urn: r.urn,
            properties: inputs,
            options: {
                protect: r.protect ?? false,
                parent: r.parent ?? "",
                ignoreChanges: r.ignoreChanges ?? [],
                aliases: (r.aliases ?? []).map((a) => (typeof a === "string" ? a : (a.urn ?? ""))).filter((a) => a),
                additionalSecretOutputs: r.additionalSecretOutputs ?? [],
            },
            provider,
            parent: r.parent ?? "",
            custom: r.custom ?? false,
            dependencies: r.dependencies ?? [],
            propertyDependencies: r.propertyDependencies ?? {},
            outputs,
        };
    });
    if (encrypted.count) {
        warn(
            `${encrypted.count} secret values in the state are encrypted and cannot be read offline; policies cannot verify them (export with \`pulumi stack export --show-secrets\`)`,
        );
    }
    return {
        project: where.project,
        stack: where.stack,
        config: {},
        dryRun: false,
        applyRemediations: false,
        program: { directory: path.dirname(file), project: where.project, stack: where.stack, state: file },
        resources: () => Promise.resolve({ resources: view, programMs: 0 }),
    };
}
