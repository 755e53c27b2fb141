/**
 * Finding and reading the identity policy documents of IAM resources, and asking what a statement
 * grants. A document may sit on an iam.Policy, a RolePolicy/UserPolicy/GroupPolicy (`policy`), or
 * inside a Role (`inlinePolicies[].policy`); each arrives as a JSON string or an object.
 */
import type { Section } from "../../../lib/check";
import { actionMatches, globMatch, hasUnknownPart, Statement, UNKNOWN_PART } from "../../../lib/awsPolicyDocument";
import type { ResourceCheck } from "../../../lib/policy";
import { readPolicyDocument } from "../policyDocuments";

export const IAM_POLICY = "aws:iam/policy:Policy";
export const ROLE = "aws:iam/role:Role";
export const IDENTITY_POLICY_TYPES = [IAM_POLICY, "aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy", ROLE];
export const IAM_DOCS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/";

/** Calls `check` with every identity policy document of the resource, and the section it sits in. */
export function forEachIdentityDocument<C>(r: ResourceCheck<C>, check: (where: Section, path: string, statements: Statement[]) => void): void {
    const places: [Section, string][] = [];
    if (r.type === ROLE) {
        for (const inline of r.list("inlinePolicies") ?? []) {
            places.push([inline, "policy"]);
        }
    } else {
        places.push([r, "policy"]);
    }
    for (const [where, path] of places) {
        const doc = readPolicyDocument(where, path);
        if (doc) {
            check(where, path, doc.statements);
        }
    }
}

/** "yes", "no" or "unknown" (a part of the statement is only known after `pulumi up`). */
export type Answer = "yes" | "no" | "unknown";

/** Does an Allow statement grant `action`? Action lists grant what they match; NotAction grants the rest. */
export function grantsAction(s: Statement, action: string): Answer {
    if (s.action.length > 0) {
        if (s.action.some((p) => p !== UNKNOWN_PART && actionMatches(p, action))) {
            return "yes";
        }
        return hasUnknownPart(s.action) ? "unknown" : "no";
    }
    if (s.notAction.length > 0) {
        if (s.notAction.some((p) => p !== UNKNOWN_PART && actionMatches(p, action))) {
            return "no";
        }
        return hasUnknownPart(s.notAction) ? "unknown" : "yes";
    }
    return "no";
}

/** Does the statement apply to every resource (`"*"`, or NotResource, which allows all but a few)? */
export function onAllResources(s: Statement): Answer {
    if (s.notResource.length > 0 || s.resource.includes("*")) {
        return "yes";
    }
    return hasUnknownPart(s.resource) ? "unknown" : "no";
}

/** Combines two answers with "and". */
export function both(a: Answer, b: Answer): Answer {
    if (a === "no" || b === "no") {
        return "no";
    }
    return a === "yes" && b === "yes" ? "yes" : "unknown";
}

/**
 * Does an Allow statement grant every action of `service`? An Action pattern that matches
 * `"<service>:"` with an empty action name (`"svc:*"`, `"sage*:*"`, `"bedrock*"`) covers the whole
 * service (`"*"` and `"*:*"` are administrator access, judged by their own policy); a NotAction grants the whole service when none of its patterns touches that service.
 */
export function grantsWholeService(s: Statement, service: string): Answer {
    if (s.action.length > 0) {
        if (s.action.some((p) => p !== UNKNOWN_PART && p !== "*" && p !== "*:*" && globMatch(p, `${service}:`))) {
            return "yes";
        }
        return hasUnknownPart(s.action) ? "unknown" : "no";
    }
    if (s.notAction.length > 0) {
        if (s.notAction.some((p) => p !== UNKNOWN_PART && touchesService(p, service))) {
            return "no";
        }
        return hasUnknownPart(s.notAction) ? "unknown" : "yes";
    }
    return "no";
}

/** True if the pattern matches at least one action of the service (`"svc:Get*"`, `"s*"`, `"*"`). */
function touchesService(pattern: string, service: string): boolean {
    const colon = pattern.indexOf(":");
    return colon < 0 ? globMatch(pattern, `${service}:`) : globMatch(pattern.slice(0, colon), service);
}

/** The statement's Effect as a three-way answer to "is it an Allow?". */
export function isAllow(s: Statement): Answer {
    return s.effect === "Allow" ? "yes" : s.effect === "Unknown" ? "unknown" : "no";
}
