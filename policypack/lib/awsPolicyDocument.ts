/**
 * AWS IAM policy documents as they appear in Pulumi inputs: a JSON string (usually
 * `JSON.stringify(...)` output) or an object (`aws.iam.PolicyDocument`). Statement may be one object
 * or a list; Action/NotAction/Resource/NotResource a string or a list; Principal `"*"` or a map of
 * `AWS` / `Service` / `Federated` / `CanonicalUser` to a string or list; Condition a map of
 * operator -> key -> value(s). Parsing never throws: a document that cannot be read says why.
 * Parts unknown during preview are kept as {@link UNKNOWN_PART} so a policy can tell
 * "not allowed" from "cannot know yet".
 */
import { UNKNOWN, readKey } from "./props";

/** Stands for a string inside a document that is unknown during preview. */
export const UNKNOWN_PART = "\u0000unknown";

/** "Unknown" when the Effect itself is only known after `pulumi up`. */
export type Effect = "Allow" | "Deny" | "Unknown";

export interface Principal {
    /** `Principal: "*"` or `{AWS: "*"}`: anyone. */
    anyone: boolean;
    aws: string[];
    service: string[];
    federated: string[];
    canonicalUser: string[];
}

export interface Statement {
    /** Position in the document, for messages ("statement 2"). */
    index: number;
    sid?: string;
    effect: Effect;
    action: string[];
    notAction: string[];
    resource: string[];
    notResource: string[];
    /** Absent in identity policies; `anyone` for `"*"`. */
    principal?: Principal;
    notPrincipal?: Principal;
    /** operator -> condition key (lower-cased) -> values. */
    condition: Record<string, Record<string, string[]>>;
}

export type ParsedDocument = { ok: true; statements: Statement[]; hasUnknowns: boolean } | { ok: false; unknown: true } | { ok: false; unknown: false; reason: string };

class Malformed extends Error {}

/** Copies a (possibly proxied) value into plain data; unknown leaves become UNKNOWN_PART. */
function toPlain(value: unknown, seen: { unknown: boolean }, depth = 0): unknown {
    if (depth > 32) {
        throw new Malformed("is nested too deeply");
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    if (Array.isArray(value)) {
        const out: unknown[] = [];
        for (let i = 0; i < value.length; i++) {
            const v = readKey(value, i);
            seen.unknown ||= v === UNKNOWN;
            out.push(v === UNKNOWN ? UNKNOWN_PART : toPlain(v, seen, depth + 1));
        }
        return out;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
        const v = readKey(value, key);
        seen.unknown ||= v === UNKNOWN;
        out[key] = v === UNKNOWN ? UNKNOWN_PART : toPlain(v, seen, depth + 1);
    }
    return out;
}

function stringList(value: unknown, field: string): string[] {
    if (value === undefined || value === null) {
        return [];
    }
    if (typeof value === "string") {
        return [value];
    }
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
        return value as string[];
    }
    throw new Malformed(`has a ${field} that is not a string or a list of strings`);
}

function principalOf(value: unknown, field: string): Principal | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    const p: Principal = { anyone: false, aws: [], service: [], federated: [], canonicalUser: [] };
    if (typeof value === "string") {
        if (value === "*") {
            p.anyone = true;
            return p;
        }
        if (value === UNKNOWN_PART) {
            p.aws = [UNKNOWN_PART];
            return p;
        }
        throw new Malformed(`has a ${field} that is neither "*" nor a map`);
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new Malformed(`has a ${field} that is neither "*" nor a map`);
    }
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        const list = stringList(v, `${field}.${key}`);
        switch (key.toLowerCase()) {
            case "aws":
                p.aws.push(...list);
                if (list.includes("*")) {
                    p.anyone = true;
                }
                break;
            case "service":
                p.service.push(...list);
                break;
            case "federated":
                p.federated.push(...list);
                break;
            case "canonicaluser":
                p.canonicalUser.push(...list);
                break;
            default:
                throw new Malformed(`has a ${field} with an unsupported key`);
        }
    }
    return p;
}

function conditionOf(value: unknown): Record<string, Record<string, string[]>> {
    if (value === undefined || value === null) {
        return {};
    }
    if (value === UNKNOWN_PART) {
        return { [UNKNOWN_PART]: { [UNKNOWN_PART]: [UNKNOWN_PART] } };
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new Malformed("has a Condition that is not a map");
    }
    const out: Record<string, Record<string, string[]>> = {};
    for (const [op, block] of Object.entries(value as Record<string, unknown>)) {
        if (block === null || typeof block !== "object" || Array.isArray(block)) {
            throw new Malformed("has a Condition operator whose value is not a map");
        }
        const keys: Record<string, string[]> = {};
        for (const [k, v] of Object.entries(block as Record<string, unknown>)) {
            const values = Array.isArray(v) ? v : [v];
            keys[k.toLowerCase()] = values.map((x) => (typeof x === "string" ? x : String(x)));
        }
        out[op] = keys;
    }
    return out;
}

function get(obj: Record<string, unknown>, key: string): unknown {
    // IAM element names are case-sensitive in AWS, but programs do write "statement"/"action";
    // reading them case-insensitively judges what the author meant instead of ignoring it.
    if (key in obj) {
        return obj[key];
    }
    const lower = key.toLowerCase();
    for (const k of Object.keys(obj)) {
        if (k.toLowerCase() === lower) {
            return obj[k];
        }
    }
    return undefined;
}

function statementOf(raw: unknown, index: number): Statement {
    if (raw === UNKNOWN_PART) {
        const nobody = { anyone: false, aws: [UNKNOWN_PART], service: [], federated: [], canonicalUser: [] };
        return { index, effect: "Unknown", action: [UNKNOWN_PART], notAction: [], resource: [UNKNOWN_PART], notResource: [], principal: nobody, condition: {} };
    }
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
        throw new Malformed(`has a statement ${index + 1} that is not an object`);
    }
    const s = raw as Record<string, unknown>;
    const effect = get(s, "Effect");
    if (effect !== "Allow" && effect !== "Deny" && effect !== UNKNOWN_PART) {
        throw new Malformed(`has a statement ${index + 1} whose Effect is neither "Allow" nor "Deny"`);
    }
    const sid = get(s, "Sid");
    return {
        index,
        sid: typeof sid === "string" ? sid : undefined,
        effect: effect === UNKNOWN_PART ? "Unknown" : effect,
        action: stringList(get(s, "Action"), "Action"),
        notAction: stringList(get(s, "NotAction"), "NotAction"),
        resource: stringList(get(s, "Resource"), "Resource"),
        notResource: stringList(get(s, "NotResource"), "NotResource"),
        principal: principalOf(get(s, "Principal"), "Principal"),
        notPrincipal: principalOf(get(s, "NotPrincipal"), "NotPrincipal"),
        condition: conditionOf(get(s, "Condition")),
    };
}

/** Parses a policy document given as a JSON string or an object. Never throws. */
export function parsePolicyDocument(input: unknown): ParsedDocument {
    if (input === UNKNOWN) {
        return { ok: false, unknown: true };
    }
    const seen = { unknown: false };
    try {
        let doc: unknown;
        if (typeof input === "string") {
            if (input.trim() === "") {
                return { ok: false, unknown: false, reason: "is empty" };
            }
            try {
                doc = JSON.parse(input);
            } catch {
                return { ok: false, unknown: false, reason: "is not valid JSON" };
            }
        } else if (input !== null && typeof input === "object" && !Array.isArray(input)) {
            doc = toPlain(input, seen);
        } else {
            return { ok: false, unknown: false, reason: "is neither a JSON string nor an object" };
        }
        if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
            return { ok: false, unknown: false, reason: "is not a JSON object" };
        }
        const rawStatements = get(doc as Record<string, unknown>, "Statement");
        if (rawStatements === undefined) {
            return { ok: false, unknown: false, reason: "has no Statement" };
        }
        if (rawStatements === UNKNOWN_PART) {
            return { ok: false, unknown: true };
        }
        const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
        return { ok: true, statements: list.map(statementOf), hasUnknowns: seen.unknown };
    } catch (e) {
        if (e instanceof Malformed) {
            return { ok: false, unknown: false, reason: e.message };
        }
        return { ok: false, unknown: false, reason: "could not be read" };
    }
}

/** Case-insensitive IAM glob (`*` and `?`) match. */
export function globMatch(pattern: string, value: string): boolean {
    if (pattern === "*") {
        return true;
    }
    const re = new RegExp(
        "^" +
            pattern
                .toLowerCase()
                .replace(/[.+^${}()|[\]\\]/g, "\\$&")
                .replace(/\*/g, ".*")
                .replace(/\?/g, ".") +
            "$",
    );
    return re.test(value.toLowerCase());
}

/**
 * True if an Action pattern grants every action of `service` (e.g. `*`, `sagemaker:*`, `sage*:*`).
 */
export function grantsAllOf(pattern: string, service: string): boolean {
    if (pattern === "*") {
        return true;
    }
    const colon = pattern.indexOf(":");
    if (colon < 0) {
        return false;
    }
    return pattern.slice(colon + 1) === "*" && globMatch(pattern.slice(0, colon), service);
}

/** True if an Action pattern matches the given action (e.g. `iam:Pass*` matches `iam:PassRole`). */
export function actionMatches(pattern: string, action: string): boolean {
    return globMatch(pattern, action);
}

/**
 * Condition keys that narrow a "*" principal to a known set of callers: an organisation, an
 * account, a source resource, a network or specific principal ARNs.
 */
const NARROWING_KEYS = new Set([
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:sourceowner",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceip",
    "aws:userid",
    "kms:calleraccount",
]);

/** Condition operators that can narrow (negated and existence-only operators cannot). */
function narrowingOperator(op: string): boolean {
    const base = op.replace(/^ForAnyValue:|^ForAllValues:/i, "").replace(/IfExists$/i, "");
    return /^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike|IpAddress)$/i.test(base);
}

/** True if the statement's Condition limits who can use it (a concrete value on a narrowing key). */
export function hasNarrowingCondition(s: Statement): boolean {
    for (const [op, keys] of Object.entries(s.condition)) {
        if (!narrowingOperator(op)) {
            continue;
        }
        for (const [key, values] of Object.entries(keys)) {
            if (NARROWING_KEYS.has(key) && values.length > 0 && values.every((v) => v !== "*" && v !== "" && v !== "0.0.0.0/0")) {
                return true;
            }
        }
    }
    return false;
}

/** True if the statement lets anyone (a `*` principal) in without a narrowing condition. */
export function isPublicAllow(s: Statement): boolean {
    return s.effect === "Allow" && s.principal !== undefined && s.principal.anyone && !hasNarrowingCondition(s);
}

/** True if any of the given strings is unknown during preview. */
export function hasUnknownPart(values: readonly string[]): boolean {
    return values.includes(UNKNOWN_PART);
}

/** True if the statement's principal or condition is (partly) unknown during preview. */
export function whoIsUnknown(s: Statement): boolean {
    const p = s.principal;
    const principalUnknown = p !== undefined && [p.aws, p.service, p.federated, p.canonicalUser].some(hasUnknownPart);
    const conditionUnknown = Object.values(s.condition).some((keys) => Object.values(keys).some(hasUnknownPart));
    return s.effect === "Unknown" || principalUnknown || conditionUnknown;
}

/** `statement 2 ("AllowAll")`, for messages. Sids are author-chosen labels, not secret data. */
export function describeStatement(s: Statement): string {
    return s.sid ? `statement ${s.index + 1} ("${s.sid}")` : `statement ${s.index + 1}`;
}
