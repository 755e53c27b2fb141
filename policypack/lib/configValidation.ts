/**
 * Policy config validated where the pack receives it, in Configure, so that no policy ever runs
 * with a setting it cannot use and a mistake is reported once, naming the policy and the field,
 * instead of as a failing policy on every resource. The engine validates each policy's settings
 * against its schema before it calls Configure (pulumi-engine.md §7), but it accepts settings no
 * schema declares (typos), config for policies the pack does not have, and it cannot know what a
 * setting means; other callers (Pulumi Cloud policy groups, older CLIs, hand-driven Analyzer
 * clients) may not validate at all. Configure answers INVALID_ARGUMENT with every problem, and
 * the engine stops with `configuring policy pack "<pack>" ...: <that message>`.
 *
 * {@link validatePackConfig} is the one implementation: the Configure wrapper
 * ({@link validateConfigure}) and `check` (through cli/validator.ts) use it. It checks:
 *
 * - policy names (`all` is the engine's, for enforcement levels only), with a suggestion for typos;
 * - enforcement levels;
 * - each setting against the policy's config schema (the JSON-schema subset of
 *   {@link schemaErrors}, with gojsonschema's wording), and settings no schema declares;
 * - what a schema cannot say, through checks registered per setting name.
 *
 * ## Adding a semantic check for a setting
 *
 * A setting means the same in every policy that declares it, so checks are keyed by its name:
 *
 *     registerConfigCheck("protectedStacks", (value) =>
 *         typeof value === "string" && unsafePatternReason(value) ? [{ message: "..." }] : []);
 *
 * Call it at module load, in the module that defines the setting (its knobs), so the check is in
 * place before the pack serves Configure. A check runs only on values that passed the schema, gets
 * the policy's whole config and the current time, and returns problems, each optionally `at` a
 * path below the setting (`0.expires`); they are reported as `<policy>: <setting>[.<at>]: <message>`.
 */
import type { Policy } from "@pulumi/policy";
import { sdkModule } from "./sdk";
import { Handler, wrapHandler } from "./serverHooks";

/** One problem a semantic check finds in a setting's value. */
export interface ConfigProblem {
    /** A path below the setting (`0.expires`), when the problem is inside it. */
    at?: string;
    message: string;
}

export interface ConfigCheckContext {
    /** The policy whose setting this is. */
    policy: string;
    /** The policy's whole config (schema-valid). */
    config: Readonly<Record<string, unknown>>;
    /** The current time, for settings that expire. */
    now: Date;
}

/** A semantic check of one setting's (schema-valid) value. */
export type ConfigCheck = (value: unknown, context: ConfigCheckContext) => readonly ConfigProblem[];

const checks = new Map<string, ConfigCheck[]>();

/** Adds a semantic check for every policy setting named `setting` (see the module comment). */
export function registerConfigCheck(setting: string, check: ConfigCheck): void {
    const list = checks.get(setting) ?? [];
    list.push(check);
    checks.set(setting, list);
}

/** One policy's entry of a reconciled config, as Configure carries it. */
export interface PolicyConfigEntry {
    /** "advisory", "mandatory", "disabled" or "remediate" (anything else is reported). */
    enforcementLevel?: unknown;
    properties?: Readonly<Record<string, unknown>>;
}

const LEVELS = ["advisory", "mandatory", "disabled", "remediate"];

/**
 * Every problem in `config` (policy name -> entry) for a pack of `policies`, as
 * `<policy>: <setting>: <what is wrong>`; empty when the config is valid.
 */
export function validatePackConfig(policies: readonly Policy[], config: Readonly<Record<string, PolicyConfigEntry>>, now: Date = new Date()): string[] {
    const byName = new Map(policies.map((p) => [p.name, p]));
    const errors: string[] = [];
    for (const [name, entry] of Object.entries(config)) {
        const level = entry.enforcementLevel;
        if (level !== undefined && !LEVELS.includes(level as string)) {
            errors.push(`${name}: enforcementLevel: ${JSON.stringify(level)} is not a valid enforcement level; use one of ${LEVELS.join(", ")}`);
        }
        const properties = entry.properties ?? {};
        if (name === "all") {
            // The engine applies "all" to enforcement levels only.
            for (const key of Object.keys(properties)) {
                errors.push(`all: ${key}: settings cannot be given for all policies at once; give them to each policy`);
            }
            continue;
        }
        const policy = byName.get(name);
        if (policy === undefined) {
            errors.push(`${name}: no policy of this name in the pack${suggestion(name, byName.keys())}`);
            continue;
        }
        const declared = (policy.configSchema?.properties ?? {}) as Record<string, Schema>;
        for (const [key, value] of Object.entries(properties)) {
            const schema = declared[key];
            if (schema === undefined) {
                const known = Object.keys(declared);
                errors.push(
                    `${name}: ${key}: this policy has no such setting${suggestion(key, known)}${known.length ? ` (its settings: ${known.join(", ")})` : " (it has no settings)"}`,
                );
                continue;
            }
            const problems: string[] = [];
            check(schema, value, key, problems);
            if (problems.length > 0) {
                errors.push(...problems.map((p) => `${name}: ${p}`));
                continue;
            }
            for (const c of checks.get(key) ?? []) {
                for (const p of c(value, { policy: name, config: properties, now })) {
                    errors.push(`${name}: ${key}${p.at ? `.${p.at}` : ""}: ${p.message}`);
                }
            }
        }
        for (const key of policy.configSchema?.required ?? []) {
            if (!(key in properties)) {
                errors.push(`${name}: ${key}: is required`);
            }
        }
    }
    return errors;
}

/** ` (did you mean "x"?)` when one candidate is a likely typo of `name`. */
function suggestion(name: string, candidates: Iterable<string>): string {
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
    for (const c of candidates) {
        const d = c.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name.toLowerCase(), c.toLowerCase(), bestDistance);
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    return best === undefined ? "" : ` (did you mean "${best}"?)`;
}

/** Levenshtein distance, giving up (returning `limit`) once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
    if (Math.abs(a.length - b.length) >= limit) {
        return limit;
    }
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        let best = i;
        for (let j = 1; j <= b.length; j++) {
            row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
            best = Math.min(best, row[j]);
        }
        if (best >= limit) {
            return limit;
        }
        previous = row;
    }
    return previous[b.length];
}

/**
 * Schema errors of `value` against a config schema, for the JSON-schema subset the pack's config
 * schemas use (type, items, enum, const, minimum, maximum, minLength, maxLength, pattern, minItems,
 * maxItems, uniqueItems, properties, required, additionalProperties), in gojsonschema's wording
 * (the engine's validator), each prefixed with the offending field (`field.0: ...`) except at the
 * root. Values are never echoed (only types, bounds and the schema's own vocabulary).
 */
export function schemaErrors(schema: Record<string, unknown>, value: unknown): string[] {
    const out: string[] = [];
    check(schema, value, "", out);
    return out;
}

type Schema = Record<string, unknown>;

function typeOf(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
    return typeof v;
}

function matchesType(v: unknown, t: string): boolean {
    const actual = typeOf(v);
    return actual === t || (t === "number" && actual === "integer");
}

function show(v: unknown): string {
    return JSON.stringify(v);
}

function deepEqual(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}

function check(schema: Schema, v: unknown, field: string, out: string[]): void {
    const at = (msg: string) => out.push(field === "" ? msg : `${field}: ${msg}`);
    const child = (k: string | number) => (field === "" ? String(k) : `${field}.${k}`);

    if (schema.type !== undefined) {
        const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
        if (!types.some((t) => matchesType(v, t))) {
            at(`Invalid type. Expected: ${types.join(", ")}, given: ${typeOf(v)}`);
            return;
        }
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(e, v))) {
        at(`${field === "" ? "(root)" : field} must be one of the following: ${schema.enum.map(show).join(", ")}`);
    }
    if ("const" in schema && !deepEqual(schema.const, v)) {
        at(`${field === "" ? "(root)" : field} does not match: ${show(schema.const)}`);
    }
    if (typeof v === "number") {
        if (typeof schema.minimum === "number" && v < schema.minimum) {
            at(`Must be greater than or equal to ${schema.minimum}`);
        }
        if (typeof schema.maximum === "number" && v > schema.maximum) {
            at(`Must be less than or equal to ${schema.maximum}`);
        }
    }
    if (typeof v === "string") {
        const length = [...v].length;
        if (typeof schema.minLength === "number" && length < schema.minLength) {
            at(`String length must be greater than or equal to ${schema.minLength}`);
        }
        if (typeof schema.maxLength === "number" && length > schema.maxLength) {
            at(`String length must be less than or equal to ${schema.maxLength}`);
        }
        if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(v)) {
            at(`Does not match pattern '${schema.pattern}'`);
        }
    }
    if (Array.isArray(v)) {
        if (typeof schema.minItems === "number" && v.length < schema.minItems) {
            at(`Array must have at least ${schema.minItems} items`);
        }
        if (typeof schema.maxItems === "number" && v.length > schema.maxItems) {
            at(`Array must have at most ${schema.maxItems} items`);
        }
        if (schema.uniqueItems === true) {
            for (let i = 0; i < v.length; i++) {
                for (let j = i + 1; j < v.length; j++) {
                    if (deepEqual(v[i], v[j])) {
                        at(`array items[${i},${j}] must be unique`);
                    }
                }
            }
        }
        if (schema.items && typeof schema.items === "object" && !Array.isArray(schema.items)) {
            v.forEach((x, i) => check(schema.items as Schema, x, child(i), out));
        }
    }
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
        const o = v as Record<string, unknown>;
        const props = (schema.properties ?? {}) as Record<string, Schema>;
        for (const name of (schema.required as string[] | undefined) ?? []) {
            if (!(name in o)) {
                at(`${name} is required`);
            }
        }
        for (const [k, x] of Object.entries(o)) {
            if (props[k]) {
                check(props[k], x, child(k), out);
            } else if (schema.additionalProperties === false) {
                at(`Additional property ${k} is not allowed`);
            } else if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
                check(schema.additionalProperties as Schema, x, child(k), out);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The Configure wrapper.
// ---------------------------------------------------------------------------------------------

interface ConfigureRequest {
    getPolicyconfigMap(): { entries(): Iterable<[string, { getEnforcementlevel(): number; getProperties(): { toJavaScript(): unknown } | undefined }]> };
}

/** The proto enum's numbers (pulumi-engine.md §4). */
const LEVEL_NUMBERS: Record<number, string> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };

/** The config a Configure request carries, as validatePackConfig reads it. */
export function configOfRequest(request: unknown): Record<string, PolicyConfigEntry> {
    const config: Record<string, PolicyConfigEntry> = {};
    for (const [name, c] of (request as ConfigureRequest).getPolicyconfigMap().entries()) {
        const level = c.getEnforcementlevel();
        const properties = c.getProperties()?.toJavaScript();
        config[name] = {
            enforcementLevel: LEVEL_NUMBERS[level] ?? `level ${level}`,
            properties: properties !== null && typeof properties === "object" ? (properties as Record<string, unknown>) : {},
        };
    }
    return config;
}

/** gRPC's INVALID_ARGUMENT status code. */
const INVALID_ARGUMENT = 3;

/**
 * Validates every Configure request of the PolicyPack about to be constructed (serverHooks.ts)
 * against `policies`; invalid config is answered with INVALID_ARGUMENT listing every problem, and
 * the SDK never stores it. Returns whether the handler could be wrapped.
 */
export function validateConfigure(packName: string, policies: readonly Policy[]): boolean {
    const Struct = sdkModule<{ Struct: new () => unknown }>("google-protobuf/google/protobuf/struct_pb")?.Struct;
    return wrapHandler("configure", (handler: Handler): Handler => (call, callback) => {
        let errors: string[];
        try {
            errors = validatePackConfig(policies, configOfRequest(call.request));
            // The SDK reads every entry's properties; an entry without any means none.
            for (const [, c] of (call.request as ConfigureRequest).getPolicyconfigMap().entries()) {
                if (c.getProperties() === undefined && Struct) {
                    (c as unknown as { setProperties(s: unknown): void }).setProperties(new Struct());
                }
            }
        } catch (e) {
            errors = [`the Configure request cannot be read (${e instanceof Error ? e.message : "unexpected content"})`];
        }
        if (errors.length > 0) {
            callback({ code: INVALID_ARGUMENT, details: `invalid policy config for ${packName}:\n  ${errors.join("\n  ")}` });
            return;
        }
        return handler(call, callback);
    });
}
