/**
 * Reading resource properties without tripping over preview unknowns.
 *
 * The SDK hands a policy its properties behind an unknown-checking proxy: reading a value that is
 * only known after `pulumi up` throws, and so do spreading and `JSON.stringify`. Every read in this
 * pack goes through {@link readPath}, which answers one of three states and never throws:
 * absent (not set, or null), unknown (a preview placeholder), or known (the value).
 */

/** Marker for a value that will only be known after `pulumi up`. */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");

export type Read = typeof UNKNOWN | undefined | unknown;

/** The engine's placeholders for values not known during preview (one per kind of value). */
const UNKNOWN_SENTINELS = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

export function isUnknownSentinel(value: unknown): boolean {
    return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

/** True for the SDK's UnknownValueError (thrown by its proxy), without importing its broken typings. */
function isUnknownValueError(e: unknown): boolean {
    return e instanceof Error && "unknownTypeSentinel" in e;
}

/** A secret as the SDK represents it inside remediations (`new Secret(value)`). */
function unwrapSecret(value: unknown): unknown {
    if (value !== null && typeof value === "object" && value.constructor?.name === "Secret" && "value" in value) {
        return (value as { value: unknown }).value;
    }
    return value;
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * One step down: `obj[key]`, as absent / UNKNOWN / value. `obj` that is not an object or array
 * yields absent; callers that care report it as malformed before stepping.
 */
export function readKey(obj: unknown, key: string | number): Read {
    if (obj === null || typeof obj !== "object") {
        return undefined;
    }
    let value: unknown;
    try {
        if (!hasOwn.call(obj, key)) {
            return undefined;
        }
        value = (obj as Record<string | number, unknown>)[key];
    } catch (e) {
        if (isUnknownValueError(e)) {
            return UNKNOWN;
        }
        throw e;
    }
    if (isUnknownSentinel(value)) {
        return UNKNOWN;
    }
    value = unwrapSecret(value);
    return value === null ? undefined : value;
}

const pathCache = new Map<string, readonly string[]>();

/** Splits `a.b.c` into segments (cached: paths are constants in policy code). */
export function segments(path: string): readonly string[] {
    let parts = pathCache.get(path);
    if (parts === undefined) {
        parts = path === "" ? [] : path.split(".");
        pathCache.set(path, parts);
    }
    return parts;
}

/**
 * Follows a dotted path. Stops at the first absent or unknown step. A step into something that is
 * not an object (a string, or a list where an object was expected) is reported through
 * `onMalformed` with the path walked so far, and reads as absent.
 */
export function readPath(root: unknown, path: string, onMalformed?: (at: string, got: unknown) => void): Read {
    let current: unknown = root;
    const parts = segments(path);
    for (let i = 0; i < parts.length; i++) {
        if (current === undefined) {
            return undefined;
        }
        if (current === null || typeof current !== "object" || (Array.isArray(current) && !/^\d+$/.test(parts[i]))) {
            onMalformed?.(parts.slice(0, i).join("."), current);
            return undefined;
        }
        current = readKey(current, parts[i]);
        if (current === UNKNOWN) {
            return current;
        }
    }
    return current;
}

/**
 * Where a read of `path` met an unknown value: `path` itself, or the shorter path of an object that
 * is unknown as a whole (azure-native sends all of `properties` as unknown in a preview as soon as
 * one value inside it is computed). Only meaningful when {@link readPath} answered UNKNOWN.
 */
export function unknownAt(root: unknown, path: string): string {
    let current: unknown = root;
    const parts = segments(path);
    for (let i = 0; i < parts.length; i++) {
        if (current === null || typeof current !== "object") {
            break;
        }
        current = readKey(current, parts[i]);
        if (current === UNKNOWN) {
            return parts.slice(0, i + 1).join(".");
        }
    }
    return path;
}

/** A short, value-free description of what a value is, for "cannot evaluate" messages. */
export function kindOf(value: unknown): string {
    if (Array.isArray(value)) {
        return "a list";
    }
    if (value === null || value === undefined) {
        return "not set";
    }
    switch (typeof value) {
        case "string":
            return "a string";
        case "number":
            return "a number";
        case "boolean":
            return "a boolean";
        case "object":
            return "an object";
        default:
            return `a ${typeof value}`;
    }
}

/** Joins a base path and a relative one: `join("a[0]", "b.c")` is `a[0].b.c`. */
export function joinPath(base: string, path: string): string {
    if (base === "") {
        return path;
    }
    if (path === "") {
        return base;
    }
    return `${base}.${path}`;
}
