/**
 * The fuzzer's vocabulary: a seeded random source, the positions of a resource's properties (every
 * object member and list element, and the parts of JSON policy documents given as strings), and
 * the mutations the pack must survive at each position: a value unknown during preview, an unknown
 * element beside known ones, a wrong JSON type, the value removed, and distinctive marker text sent
 * as a secret. test/zz-fuzz.spec.ts drives them through the Analyzer protocol and checks the pack's
 * invariants (README: "Reliability").
 */
import { secret, UNKNOWN_VALUES } from "./harness";

/** mulberry32: a small, fast, seeded generator (the same seed gives the same run). */
export function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** `n` items of `list` in a seeded random order (all of them when n >= length). */
export function sample<T>(rand: () => number, list: readonly T[], n: number): T[] {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
}

/** A step into a string that holds a JSON document (a policy given as `JSON.stringify(...)`). */
export const INSIDE_JSON = "<json>";

export type Step = string | number;
export type Kind = "string" | "number" | "boolean" | "object" | "array";

export interface Position {
    path: readonly Step[];
    kind: Kind;
    /** True inside a JSON string: the parts of one string value, which cannot be unknown on their own. */
    inJson: boolean;
    value: unknown;
}

const SENTINELS = new Set<unknown>(Object.values(UNKNOWN_VALUES));
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

function kindOf(value: unknown): Kind | undefined {
    if (Array.isArray(value)) return "array";
    if (value === null || value === undefined) return undefined;
    const t = typeof value;
    return t === "string" || t === "number" || t === "boolean" || t === "object" ? t : undefined;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
    if (!/^\s*\{/.test(text)) return undefined;
    try {
        const v = JSON.parse(text) as unknown;
        return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
    } catch {
        return undefined;
    }
}

/** Every position of `root` (depth-first), skipping unknowns and secret envelopes already there. */
export function positions(root: unknown, limit = 1000): Position[] {
    const out: Position[] = [];
    const walk = (value: unknown, path: Step[], inJson: boolean) => {
        if (out.length >= limit || SENTINELS.has(value)) return;
        if (value !== null && typeof value === "object" && !Array.isArray(value) && SECRET_SIG in value) return;
        const kind = kindOf(value);
        if (kind === undefined) return;
        if (path.length > 0) out.push({ path, kind, inJson, value });
        if (kind === "array") {
            (value as unknown[]).forEach((v, i) => walk(v, [...path, i], inJson));
        } else if (kind === "object") {
            for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, [...path, k], inJson);
        } else if (kind === "string" && !inJson) {
            const doc = parseJsonObject(value as string);
            if (doc) walk(doc, [...path, INSIDE_JSON], true);
        }
    };
    walk(root, [], false);
    return out;
}

const DELETE = Symbol("delete");

/** A copy of `node` with the value at `path` replaced by `f(old)` (DELETE removes it). */
function replaceAt(node: unknown, path: readonly Step[], f: (old: unknown) => unknown): unknown {
    if (path.length === 0) return f(node);
    const [head, ...rest] = path;
    if (head === INSIDE_JSON) return JSON.stringify(replaceAt(JSON.parse(node as string), rest, f));
    if (Array.isArray(node)) {
        const copy = node.slice();
        const v = replaceAt(copy[head as number], rest, f);
        if (v === DELETE) copy.splice(head as number, 1);
        else copy[head as number] = v;
        return copy;
    }
    const copy = { ...(node as Record<string, unknown>) };
    const v = replaceAt(copy[head], rest, f);
    if (v === DELETE) delete copy[head];
    else copy[head] = v;
    return copy;
}

export function sentinelFor(kind: Kind): string {
    return kind === "boolean" ? UNKNOWN_VALUES.bool : UNKNOWN_VALUES[kind];
}

/** The value at `p` unknown during preview (a JSON document's parts make the whole string unknown). */
export function unknownAt(props: Record<string, unknown>, p: Position): Record<string, unknown> {
    const at = p.inJson ? p.path.slice(0, p.path.indexOf(INSIDE_JSON)) : p.path;
    return replaceAt(props, at, () => sentinelFor(p.inJson ? "string" : p.kind)) as Record<string, unknown>;
}

/** The list at `p` with an unknown element added beside its known ones (undefined if `p` is no list). */
export function unknownElementAt(props: Record<string, unknown>, p: Position, rand: () => number): Record<string, unknown> | undefined {
    if (p.kind !== "array" || p.inJson) return undefined;
    const list = p.value as unknown[];
    const kind = (list.length > 0 ? kindOf(list[0]) : undefined) ?? "string";
    const at = Math.floor(rand() * (list.length + 1));
    return replaceAt(props, p.path, (old) => [...(old as unknown[]).slice(0, at), sentinelFor(kind), ...(old as unknown[]).slice(at)]) as Record<string, unknown>;
}

/** A value of the wrong JSON type, that no reader may accept in place of `kind`. */
export function wrongValueFor(kind: Kind): unknown {
    return kind === "object" || kind === "array" ? 7 : { fuzz: 1 };
}

export function wrongTypeAt(props: Record<string, unknown>, p: Position): Record<string, unknown> {
    return replaceAt(props, p.path, () => wrongValueFor(p.kind)) as Record<string, unknown>;
}

export function deletedAt(props: Record<string, unknown>, p: Position): Record<string, unknown> {
    return replaceAt(props, p.path, () => DELETE) as Record<string, unknown>;
}

/** Text that must never appear in a message: it stands for a secret's content. */
export const MARKER = "zqsecretzq";
/** An account id that must never appear in a message when it was part of a secret value. */
export const MARKER_ACCOUNT = "918273645501";

/**
 * The string at `p` carrying marker text (`variant` 0: replaced by it, 1: with it appended, 2: its
 * account ids replaced by MARKER_ACCOUNT), sent as a secret: the whole property when the string is
 * inside a JSON document (as a document with a secret in it is), else the string itself.
 */
export function secretMarkerAt(props: Record<string, unknown>, p: Position, variant: number): { props: Record<string, unknown>; markers: string[] } | undefined {
    if (p.kind !== "string") return undefined;
    const old = p.value as string;
    const text = variant === 0 ? `${MARKER}${p.path.length}` : variant === 1 ? `${old}${MARKER}` : old.replace(/\b\d{12}\b/g, MARKER_ACCOUNT);
    if (text === old) return undefined;
    const markers = variant === 2 ? [MARKER_ACCOUNT] : [MARKER];
    if (p.inJson) {
        const marked = replaceAt(props, p.path, () => text) as Record<string, unknown>;
        const top = p.path[0];
        return { props: { ...marked, [top]: secret(marked[top]) }, markers };
    }
    return { props: replaceAt(props, p.path, () => secret(text)) as Record<string, unknown>, markers };
}

/** Every path of `value` that holds a secret envelope. */
export function secretPaths(value: unknown, path: Step[] = [], out: Step[][] = []): Step[][] {
    if (value !== null && typeof value === "object") {
        if (!Array.isArray(value) && SECRET_SIG in value) {
            out.push(path);
            return out;
        }
        for (const [k, v] of Object.entries(value)) secretPaths(v, [...path, Array.isArray(value) ? Number(k) : k], out);
    }
    return out;
}

/** The value at `path` (not inside JSON strings), or undefined. */
export function valueAt(root: unknown, path: readonly Step[]): unknown {
    let v: unknown = root;
    for (const step of path) {
        if (v === null || typeof v !== "object") return undefined;
        v = (v as Record<string, unknown>)[step];
    }
    return v;
}

export function isSecretEnvelope(value: unknown): boolean {
    return value !== null && typeof value === "object" && !Array.isArray(value) && SECRET_SIG in value;
}

/** `a.b[0].<json>.Statement[1]`, for failure reports. */
export function showPath(path: readonly Step[]): string {
    return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

/** `value` with every leaf (and, with `containers`, every object and list too) replaced by `f`. */
export function mapLeaves(value: unknown, f: (leaf: unknown, kind: Kind) => unknown, inJson = true): unknown {
    if (SENTINELS.has(value) || isSecretEnvelope(value)) return value;
    const kind = kindOf(value);
    if (kind === "array") return (value as unknown[]).map((v) => mapLeaves(v, f, inJson));
    if (kind === "object") return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, mapLeaves(v, f, inJson)]));
    if (kind === "string" && inJson) {
        const doc = parseJsonObject(value as string);
        if (doc) return JSON.stringify(mapLeaves(doc, f, inJson));
    }
    return kind === undefined ? value : f(value, kind);
}

/** Every value of `props` (leaves, objects and lists) unknown, one level at a time: `depth` 0 is the top level. */
export function unknownAtDepth(value: unknown, depth: number): unknown {
    const kind = kindOf(value);
    if (SENTINELS.has(value) || isSecretEnvelope(value) || kind === undefined) return value;
    if (depth === 0) return sentinelFor(kind);
    if (kind === "array") return (value as unknown[]).map((v) => unknownAtDepth(v, depth - 1));
    if (kind === "object") return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, unknownAtDepth(v, depth - 1)]));
    return value;
}

/** Every list of `value` with an unknown element added at its start and at its end. */
export function unknownElementEverywhere(value: unknown): unknown {
    const kind = kindOf(value);
    if (SENTINELS.has(value) || isSecretEnvelope(value) || kind === undefined) return value;
    if (kind === "array") {
        const list = (value as unknown[]).map(unknownElementEverywhere);
        const element = sentinelFor(kindOf((value as unknown[])[0]) ?? "string");
        return [element, ...list, element];
    }
    if (kind === "object") return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, unknownElementEverywhere(v)]));
    return value;
}

/** The depth of the deepest value of `value`. */
export function depthOf(value: unknown): number {
    const kind = kindOf(value);
    if (kind === "array") return 1 + Math.max(0, ...(value as unknown[]).map(depthOf));
    if (kind === "object") return 1 + Math.max(0, ...Object.values(value as Record<string, unknown>).map(depthOf));
    return 0;
}

/** The list at `p` with `n` elements: all unknown, or copies of its first element. */
export function longListAt(props: Record<string, unknown>, p: Position, n: number, unknown: boolean): Record<string, unknown> | undefined {
    if (p.kind !== "array" || p.inJson) return undefined;
    const list = p.value as unknown[];
    const kind = (list.length > 0 ? kindOf(list[0]) : undefined) ?? "string";
    const element = unknown || list.length === 0 ? sentinelFor(kind) : list[0];
    return replaceAt(props, p.path, () => Array.from({ length: n }, () => element)) as Record<string, unknown>;
}
