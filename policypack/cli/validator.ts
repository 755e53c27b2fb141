/**
 * Validates policy config against a policy's config schema the way the engine does (gojsonschema),
 * for the JSON-schema subset the pack's config schemas use: type, items, enum, const, minimum,
 * maximum, minLength, maxLength, pattern, minItems, maxItems, uniqueItems, properties, required
 * and additionalProperties. Messages have gojsonschema's wording, prefixed with the offending
 * field (`field.0: ...`) except at the root. `check` needs it because the runtime package may
 * depend only on @pulumi/policy and @pulumi/pulumi.
 */
import type { ConfigValidator } from "../engine/analyzer";

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

/** A ConfigValidator for PolicyPackProcess.configure / reconcileConfig. */
export const configValidator: ConfigValidator = (schema, config) => {
    const out: string[] = [];
    check(schema, config, "", out);
    return out;
};
