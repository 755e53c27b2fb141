/** Checks of AWS policy documents (resource policies and IAM policies) shared by services. */
import type { Section } from "../../lib/check";
import { describeStatement, isPublicAllow, parsePolicyDocument, ParsedDocument, whoIsUnknown } from "../../lib/awsPolicyDocument";
import { UNKNOWN } from "../../lib/props";

/**
 * Reads the policy document at `path`: parsed statements, or undefined after reporting why it
 * cannot be judged (unknown during preview, or malformed). Absent documents read as no statements.
 * Parts of a document may still be unknown (`UNKNOWN_PART`); each check decides whether they matter.
 */
export function readPolicyDocument(r: Section, path: string): (ParsedDocument & { ok: true }) | undefined {
    const raw = r.raw(path);
    if (raw === UNKNOWN) {
        return undefined;
    }
    if (raw === undefined) {
        return { ok: true, statements: [], hasUnknowns: false };
    }
    const doc = parsePolicyDocument(raw);
    if (doc.ok) {
        return doc;
    }
    if (doc.unknown) {
        r.unknown(path);
    } else {
        r.violation(`cannot evaluate ${r.path(path)}: the policy document ${doc.reason}.`);
    }
    return undefined;
}

/** Reports every Allow statement open to everyone (`"*"` or NotPrincipal) without a narrowing condition (see isPublicAllow). */
export function publicStatementCheck(r: Section, path: string, consequence: string): void {
    const doc = readPolicyDocument(r, path);
    for (const s of doc?.statements ?? []) {
        if (s.effect !== "Deny" && whoIsUnknown(s)) {
            r.unknown(`${path} (${describeStatement(s)}: its principal or condition)`);
        } else if (isPublicAllow(s)) {
            const who = s.principal?.anyone ? 'Principal "*"' : "everyone but its NotPrincipal";
            r.violation(`${r.path(path)} ${describeStatement(s)} allows ${who} with no condition narrowing it to your organisation, accounts or network: ${consequence}.`);
        }
    }
}
