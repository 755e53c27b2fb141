/**
 * Exemptions: a resource that one or more policies do not judge, reported as not applicable with
 * the reason, so it stays visible in `pulumi preview` summaries and Pulumi Cloud. Two routes:
 *
 * ## By tag (the developer's route)
 *
 * A resource tagged
 *
 *     secure-ai-policies/exempt = "aws-sagemaker-notebook-kms aws-sagemaker-notebook-in-vpc"
 *
 * is not judged by the named policies. Names are separated by spaces (AWS tag values allow no
 * commas) or commas (Azure). Unknown tags during preview exempt nothing. The tag lives in the
 * program, so whoever can change the program can exempt; it has no reason, owner or end date.
 *
 * ## By policy config (the administrator's route)
 *
 * Every policy takes an `exemptions` setting, a list of
 *
 *     { "resources": ["<name | URN | glob over either>"], "reason": "...", "expires": "YYYY-MM-DD", "ticket": "SEC-123" }
 *
 * set in the policy-pack config (a policy group's config in Pulumi Cloud), which the program's
 * authors cannot change. A matching resource is not applicable with the reason and ticket until the
 * end of the expiry day (UTC); from the next day the exemption no longer applies and the policy's
 * findings on that resource say that it expired, and when. Config validation (configValidation.ts)
 * rejects an entry whose reason is blank, whose date is not a calendar date, or whose expiry lies
 * more than `exemptionMaxDays` (default 365) ahead. The engine has no pack-wide setting (its `all`
 * entry carries enforcement levels only), so the maximum is a setting of each policy too.
 *
 * Globs: `*` matches any run of characters (including `:` and `/`), `?` one character; a pattern
 * is matched against the resource's name and against its URN, whole and case-sensitively.
 */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { registerConfigCheck } from "./configValidation";
import { readKey, UNKNOWN } from "./props";

export const EXEMPT_TAG = "secure-ai-policies/exempt";

/** True if the resource's `tags` exempt it from `policy`. */
export function isExempt(props: unknown, policy: string): boolean {
    const tags = readKey(props, "tags");
    if (tags === undefined || tags === UNKNOWN || typeof tags !== "object") {
        return false;
    }
    const value = readKey(tags, EXEMPT_TAG);
    if (typeof value !== "string") {
        return false;
    }
    return value.split(/[\s,]+/).includes(policy);
}

/** One entry of a policy's `exemptions` setting. */
export interface ConfigExemption {
    resources: readonly string[];
    reason: string;
    /** `YYYY-MM-DD`: the last day (UTC) on which the exemption applies. */
    expires: string;
    ticket?: string;
}

export const DEFAULT_EXEMPTION_MAX_DAYS = 365;

/** The settings every policy takes (lib/policy.ts adds them to each config schema). */
export const EXEMPTION_SETTINGS: Record<"exemptions" | "exemptionMaxDays", PolicyConfigJSONSchema & { default: unknown; description: string }> = {
    exemptions: {
        type: "array",
        default: [],
        description:
            "Resources this policy does not judge, set by the administrator of the policy config: each entry names resources (name, URN, or a glob over either with * and ?), a reason, an expiry date (YYYY-MM-DD, at most exemptionMaxDays ahead) and optionally a ticket. Matching resources are reported as not applicable with the reason; after the expiry date the policy judges them again and says the exemption expired.",
        items: {
            type: "object",
            properties: {
                resources: { type: "array", minItems: 1, items: { type: "string", minLength: 1 } },
                reason: { type: "string", minLength: 1 },
                expires: { type: "string", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
                ticket: { type: "string" },
            },
            required: ["resources", "reason", "expires"],
            additionalProperties: false,
        },
    },
    exemptionMaxDays: {
        type: "integer",
        default: DEFAULT_EXEMPTION_MAX_DAYS,
        minimum: 1,
        maximum: 3650,
        description: "How many days ahead an entry of `exemptions` may expire (default one year).",
    },
};

/** Milliseconds since the epoch of the start (UTC) of `YYYY-MM-DD`, or undefined when it is no calendar date. */
export function dayOf(date: string): number | undefined {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!m) {
        return undefined;
    }
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = Date.UTC(y, mo - 1, d);
    const back = new Date(t);
    return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t : undefined;
}

const DAY = 24 * 60 * 60 * 1000;

/** The start (UTC) of the day `now` falls on. */
function startOfDay(now: Date): number {
    return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

// Config validation: what the schema cannot say. Runs only on schema-valid values.
registerConfigCheck("exemptions", (value, { config, now }) => {
    const max = typeof config.exemptionMaxDays === "number" ? config.exemptionMaxDays : DEFAULT_EXEMPTION_MAX_DAYS;
    const today = startOfDay(now);
    const problems: { at: string; message: string }[] = [];
    (value as ConfigExemption[]).forEach((e, i) => {
        if (e.reason.trim() === "") {
            problems.push({ at: `${i}.reason`, message: "must say why the resources are exempt" });
        }
        const day = dayOf(e.expires);
        if (day === undefined) {
            problems.push({ at: `${i}.expires`, message: `${JSON.stringify(e.expires)} is not a calendar date (YYYY-MM-DD)` });
        } else if (day - today > max * DAY) {
            problems.push({
                at: `${i}.expires`,
                message: `${e.expires} is more than ${max} days ahead (exemptionMaxDays); exemptions must be renewed at least that often`,
            });
        }
        e.resources.forEach((r, j) => {
            if (r.trim() === "") {
                problems.push({ at: `${i}.resources.${j}`, message: "names no resource" });
            }
        });
    });
    return problems;
});

/** Whether `text` matches the glob `pattern` (`*` any run, `?` one character), whole, in at most (pattern length × text length) steps. */
export function globMatches(pattern: string, text: string): boolean {
    let p = 0;
    let t = 0;
    let star = -1;
    let mark = 0;
    while (t < text.length) {
        if (p < pattern.length && (pattern[p] === "?" || pattern[p] === text[t])) {
            p++;
            t++;
        } else if (p < pattern.length && pattern[p] === "*") {
            star = p++;
            mark = t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.length && pattern[p] === "*") {
        p++;
    }
    return p === pattern.length;
}

/** What the `exemptions` setting says about one resource. */
export type ExemptionVerdict =
    | { kind: "none" }
    /** Not applicable: the text to report as the reason. */
    | { kind: "exempt"; reason: string }
    /** Judged again: the text to add to each finding. */
    | { kind: "expired"; note: string };

const NONE: ExemptionVerdict = { kind: "none" };

/**
 * The verdict of `exemptions` (the policy's setting, as the engine passed it) on the resource
 * `name` / `urn` at `now`. An entry in force wins over an expired one; malformed entries (possible
 * only for callers that skip Configure's validation) are ignored.
 */
export function exemptionFor(exemptions: unknown, name: string, urn: string, now: Date = new Date()): ExemptionVerdict {
    if (!Array.isArray(exemptions) || exemptions.length === 0) {
        return NONE;
    }
    const today = startOfDay(now);
    let expired: ConfigExemption | undefined;
    for (const e of exemptions as unknown[]) {
        if (!isEntry(e) || !e.resources.some((r) => typeof r === "string" && (globMatches(r, name) || globMatches(r, urn)))) {
            continue;
        }
        const day = dayOf(e.expires);
        if (day === undefined) {
            continue;
        }
        if (today <= day) {
            return { kind: "exempt", reason: `exempted by the policy config until ${e.expires}: ${e.reason}${ticket(e)}` };
        }
        if (expired === undefined || e.expires > expired.expires) {
            expired = e;
        }
    }
    if (expired !== undefined) {
        return { kind: "expired", note: `The exemption for this resource expired on ${expired.expires} (${expired.reason}${ticket(expired)}); renew it or fix the resource.` };
    }
    return NONE;
}

function ticket(e: ConfigExemption): string {
    return typeof e.ticket === "string" && e.ticket !== "" ? `; ticket ${e.ticket}` : "";
}

function isEntry(e: unknown): e is ConfigExemption {
    const o = e as Record<string, unknown>;
    return e !== null && typeof e === "object" && Array.isArray(o.resources) && typeof o.reason === "string" && typeof o.expires === "string";
}
