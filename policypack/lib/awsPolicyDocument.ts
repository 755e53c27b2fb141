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
    /**
     * Position in the document, for messages ("statement 2"). Statements are described by position
     * only: a document may be a secret, and nothing read from it (a Sid included) may appear in a message.
     */
    index: number;
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
        if (block === UNKNOWN_PART) {
            // An operator block only known after `pulumi up`: what it narrows is unknown, not malformed.
            out[op] = { [UNKNOWN_PART]: [UNKNOWN_PART] };
            continue;
        }
        if (block === null || typeof block !== "object" || Array.isArray(block)) {
            throw new Malformed("has a Condition operator whose value is not a map");
        }
        const keys: Record<string, string[]> = {};
        for (const [k, v] of Object.entries(block as Record<string, unknown>)) {
            const values = Array.isArray(v) ? v : [v];
            keys[k.toLowerCase()] = values.map(conditionValue);
        }
        out[op] = keys;
    }
    return out;
}

/** A condition value as IAM compares it: strings, numbers and booleans; anything else cannot narrow. */
function conditionValue(x: unknown): string {
    if (typeof x === "string") {
        return x;
    }
    if (typeof x === "number" || typeof x === "boolean") {
        return String(x);
    }
    throw new Malformed("has a Condition value that is not a string, number or boolean");
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
    return {
        index,
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
 * How a condition key names callers, and so which part of a value must be fixed for it to narrow
 * a `"*"` principal: the whole value (an account, organisation, VPC or endpoint id), the
 * organisation id that starts an organisation path (`o-a1b2/r-ab12/ou-ab12-x/*` stays inside
 * the organisation), the account of an ARN (`arn:aws:iam::111122223333:role/*` stays inside the
 * account; S3 ARNs have no account and must be fixed whole), the unique id before `:` of an
 * `aws:userid` (`AROA...:*` is one role's sessions), or a network range (`aws:SourceIp`).
 */
type KeyKind = "whole" | "orgPath" | "arn" | "userId" | "ip";

/**
 * Condition keys that narrow a "*" principal to a known set of callers: an organisation, an
 * account, a source resource, a network, specific principals, or the VPC endpoints of an account
 * or organisation (`aws:VpceAccount`, `aws:VpceOrgID`, `aws:VpceOrgPaths`, like `aws:SourceVpce`).
 */
const NARROWING_KEYS: ReadonlyMap<string, KeyKind> = new Map<string, KeyKind>([
    ["aws:principalorgid", "whole"],
    ["aws:principalorgpaths", "orgPath"],
    ["aws:principalaccount", "whole"],
    ["aws:principalarn", "arn"],
    ["aws:sourceaccount", "whole"],
    ["aws:sourcearn", "arn"],
    ["aws:sourceorgid", "whole"],
    ["aws:sourceorgpaths", "orgPath"],
    ["aws:sourceowner", "whole"],
    ["aws:sourcevpc", "whole"],
    ["aws:sourcevpce", "whole"],
    ["aws:vpceaccount", "whole"],
    ["aws:vpceorgid", "whole"],
    ["aws:vpceorgpaths", "orgPath"],
    ["aws:sourceip", "ip"],
    ["aws:userid", "userId"],
    ["kms:calleraccount", "whole"],
]);

/**
 * What a condition operator does with the values it is given, or undefined when it cannot narrow:
 * negated operators (`StringNotEquals`, `ArnNotLike`, `NotIpAddress`) match everyone else; `Null`,
 * `Bool` and the others test no identity; `...IfExists` and `ForAllValues:` also match a request
 * without the key (an anonymous caller has no `aws:PrincipalOrgID`; a request through a VPC endpoint
 * has no `aws:SourceIp`). `ForAnyValue:` needs the key, so it narrows like the plain operator.
 * `StringEquals` compares literally (a `*` there is a character); `StringLike` and both ARN
 * operators read `*` and `?` as wildcards (ArnEquals is ArnLike under another name).
 */
function operatorOf(op: string): { family: "string" | "arn" | "ip"; wildcards: boolean } | undefined {
    const m = /^(ForAnyValue:|ForAllValues:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike|IpAddress)(IfExists)?$/i.exec(op);
    if (!m || m[3] !== undefined || m[1]?.toLowerCase() === "forallvalues:") {
        return undefined;
    }
    const base = m[2].toLowerCase();
    if (base === "ipaddress") {
        return { family: "ip", wildcards: false };
    }
    return { family: base.startsWith("arn") ? "arn" : "string", wildcards: base !== "stringequals" && base !== "stringequalsignorecase" };
}

const WILDCARD = /[*?]/;

/** True when `value` pins `kind` to fixed callers under an operator that reads wildcards or not. */
function fixedValue(kind: KeyKind, value: string, wildcards: boolean): boolean {
    // A policy variable (`${aws:SourceVpce}`) is replaced by the request's own value: it narrows nothing.
    if (value === "" || value.includes("${")) {
        return false;
    }
    const fixed = (part: string) => part !== "" && !(wildcards && WILDCARD.test(part));
    switch (kind) {
        case "whole":
            return fixed(value);
        case "orgPath":
            return fixed(value.split("/")[0]);
        case "userId":
            return fixed(value.split(":")[0]);
        case "arn": {
            if (!wildcards) {
                return true;
            }
            const parts = value.split(":");
            if (parts.length < 6 || parts[0] !== "arn") {
                return false;
            }
            // Without an account (S3 ARNs), only a wildcard-free ARN names one resource; with one,
            // a fixed account before any wildcard keeps the callers inside that account.
            return parts[4] === "" ? !WILDCARD.test(value) : /^[0-9]{12}$/.test(parts[4]) && !WILDCARD.test(parts.slice(0, 4).join(":"));
        }
        case "ip":
            return narrowRange(value);
    }
}

/**
 * True when an `aws:SourceIp` range is no wider than what one organisation can hold: IPv4 /8 and
 * IPv6 /16 or narrower. `0.0.0.0/0`, `::/0`, `0.0.0.0/1`, `2000::/3` (every public IPv6 address)
 * and IPv4-mapped IPv6 ranges as wide (`::ffff:0:0/96`) do not narrow; neither does a value that is
 * not a CIDR range (AWS would reject the policy).
 */
export function narrowRange(value: string): boolean {
    const [address, bits, ...rest] = value.trim().split("/");
    if (rest.length > 0 || (bits !== undefined && !/^[0-9]{1,3}$/.test(bits))) {
        return false;
    }
    if (/^[0-9]{1,3}(\.[0-9]{1,3}){3}$/.test(address)) {
        const prefix = bits === undefined ? 32 : Number(bits);
        return address.split(".").every((o) => Number(o) <= 255) && prefix <= 32 && prefix >= 8;
    }
    const hextets = ipv6(address);
    if (hextets === undefined) {
        return false;
    }
    const prefix = bits === undefined ? 128 : Number(bits);
    if (prefix > 128) {
        return false;
    }
    const mapped = hextets.slice(0, 5).every((h) => h === 0) && hextets[5] === 0xffff;
    return mapped ? prefix - 96 >= 8 : prefix >= 16;
}

/** The eight 16-bit groups of an IPv6 address (`::` and a dotted IPv4 tail allowed), or undefined. */
function ipv6(address: string): number[] | undefined {
    let text = address.toLowerCase();
    const v4 = /^(.*:)([0-9]{1,3}(?:\.[0-9]{1,3}){3})$/.exec(text);
    if (v4) {
        const octets = v4[2].split(".").map(Number);
        if (octets.some((o) => o > 255)) {
            return undefined;
        }
        text = `${v4[1]}${((octets[0] << 8) | octets[1]).toString(16)}:${((octets[2] << 8) | octets[3]).toString(16)}`;
    }
    const halves = text.split("::");
    if (halves.length > 2) {
        return undefined;
    }
    const group = (s: string) => (s === "" ? [] : s.split(":"));
    const head = group(halves[0]);
    const tail = halves.length === 2 ? group(halves[1]) : [];
    const missing = 8 - head.length - tail.length;
    if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) {
        return undefined;
    }
    const all = [...head, ...new Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
    if (!all.every((h) => /^[0-9a-f]{1,4}$/.test(h))) {
        return undefined;
    }
    return all.map((h) => parseInt(h, 16));
}

/**
 * The condition keys of `NARROWING_KEYS` that the statement pins to fixed callers: a narrowing
 * operator (see {@link operatorOf}) with only fixed values (see {@link fixedValue}); values are
 * alternatives, so one open value opens the key. Conditions are all required, so any pinned key
 * narrows the statement.
 */
export function pinnedKeys(s: Statement): Set<string> {
    const out = new Set<string>();
    for (const [op, keys] of Object.entries(s.condition)) {
        const operator = operatorOf(op);
        if (operator === undefined) {
            continue;
        }
        for (const [key, values] of Object.entries(keys)) {
            const kind = NARROWING_KEYS.get(key);
            // An IP key needs IpAddress, and IpAddress an IP key; ARN operators only read ARN keys.
            if (kind === undefined || (kind === "ip") !== (operator.family === "ip") || (operator.family === "arn" && kind !== "arn")) {
                continue;
            }
            if (values.length > 0 && values.every((v) => fixedValue(kind, v, operator.wildcards))) {
                out.add(key);
            }
        }
    }
    return out;
}

/** True if the statement's Condition limits who can use it to fixed callers (see {@link pinnedKeys}). */
export function hasNarrowingCondition(s: Statement): boolean {
    return pinnedKeys(s).size > 0;
}

/**
 * True if the statement lets anyone in without a narrowing condition: a `*` principal, or an Allow
 * with `NotPrincipal` (everyone except the principals it names).
 */
export function isPublicAllow(s: Statement): boolean {
    return s.effect === "Allow" && ((s.principal?.anyone ?? false) || s.notPrincipal !== undefined) && !hasNarrowingCondition(s);
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

/** `statement 2`, for messages: by position only, since the document may be a secret (its Sid included). */
export function describeStatement(s: Statement): string {
    return `statement ${s.index + 1}`;
}
