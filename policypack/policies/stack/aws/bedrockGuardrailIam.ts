/**
 * IAM statements that let people and applications call Bedrock models must require the
 * `bedrock:GuardrailIdentifier` condition key, so no caller can invoke a model without the
 * organisation's guardrail. It is a stack policy because the exception needs the graph: roles that
 * only AWS services assume (a Bedrock agent's service role) invoke models on the service's behalf,
 * and the service applies its own guardrail configuration (aws-bedrock-agent-guardrail), so their
 * policies, wherever they are attached, are not asked for the condition.
 */
import type { Section } from "../../../lib/check";
import { describeStatement, parsePolicyDocument, Statement } from "../../../lib/awsPolicyDocument";
import { StackCheck, StackResource, stackPolicy } from "../../../lib/stack";
import { grantsAction, isAllow } from "../../aws/iam/documents";
import { readPolicyDocument } from "../../aws/policyDocuments";

const POLICY = "aws:iam/policy:Policy";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const DOCUMENT_TYPES = [POLICY, ROLE_POLICY, "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy", ROLE];

interface GuardrailIamKnobs {
    invokeActions: string[];
    exemptServiceRoles: boolean;
}

/** "yes" when every Allow of the role's trust policy names only AWS service principals; "unknown" when the trust policy is not known yet. */
function serviceOnly(s: StackCheck<GuardrailIamKnobs>, role: StackResource): "yes" | "no" | "unknown" {
    const doc = parsePolicyDocument(s.peek(role, "assumeRolePolicy"));
    if (!doc.ok) {
        return doc.unknown ? "unknown" : "no";
    }
    const allows = doc.statements.filter((st) => st.effect !== "Deny");
    if (allows.length === 0) {
        return "no";
    }
    for (const st of allows) {
        const p = st.principal;
        if (st.effect === "Unknown" || p === undefined || st.notPrincipal !== undefined) {
            return st.effect === "Unknown" ? "unknown" : "no";
        }
        if (p.anyone || p.aws.length > 0 || p.federated.length > 0 || p.canonicalUser.length > 0 || p.service.length === 0) {
            return "no";
        }
    }
    return "yes";
}

/** The roles whose permissions the document resource `r` defines (empty when it is not known to belong to roles only). */
function ownerRoles(s: StackCheck<GuardrailIamKnobs>, r: StackResource): StackResource[] {
    if (r.canonical === ROLE) {
        return [r];
    }
    if (r.canonical === ROLE_POLICY) {
        const linked = (s.index.propertyDependencies(r, "role") ?? []).filter((d) => d.canonical === ROLE);
        if (linked.length > 0) {
            return linked;
        }
        const name = s.peek(r, "role");
        return typeof name === "string" ? s.ofType(ROLE).filter((role) => s.peek(role, "name") === name) : [];
    }
    if (r.canonical === POLICY) {
        const viaAttachments = s.index
            .referrers(r, [ROLE_POLICY_ATTACHMENT], "policyArn")
            .flatMap((a) => (s.index.propertyDependencies(a, "role") ?? []).filter((d) => d.canonical === ROLE));
        const viaRoles = s.index.referrers(r, [ROLE], "managedPolicyArns");
        const others = s.index.dependents(r).filter((e) => e.from.canonical !== ROLE_POLICY_ATTACHMENT && e.from.canonical !== ROLE);
        return others.length > 0 ? [] : [...viaAttachments, ...viaRoles];
    }
    return [];
}

/** Does the statement require the guardrail condition key (any operator)? */
function requiresGuardrail(st: Statement): boolean {
    return Object.values(st.condition).some((keys) => (keys["bedrock:guardrailidentifier"]?.length ?? 0) > 0);
}

export const bedrockInvokeRequiresGuardrail = stackPolicy<GuardrailIamKnobs>({
    name: "aws-iam-bedrock-invoke-requires-guardrail",
    description: "IAM statements that allow invoking Bedrock models must require the bedrock:GuardrailIdentifier condition, except on roles only AWS services assume.",
    severity: "medium",
    guidelines: ["DES-3g", "DES-3d", "DES-3j"],
    controls: ["SUP-A08"],
    theme: "guardrails",
    resourceTypes: DOCUMENT_TYPES,
    config: {
        invokeActions: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
            description: "Actions whose grants must carry the condition (Converse and ConverseStream are authorised by these).",
        },
        exemptServiceRoles: {
            type: "boolean",
            default: true,
            description: "Do not ask for the condition on policies that belong only to roles whose trust policy names AWS service principals alone.",
        },
    },
    remediationSteps:
        'Add `"Condition": { "StringEquals": { "bedrock:GuardrailIdentifier": "arn:aws:bedrock:<region>:<account>:guardrail/<id>:<version>" } }` to the statement, and a Deny of the same actions when the key differs (see the Bedrock user guide).',
    url: "https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-permissions-id.html",
    validate(s) {
        for (const r of s.ofType(...DOCUMENT_TYPES)) {
            const places: [Section, string][] = [];
            const sec = s.read(r);
            if (r.canonical === ROLE) {
                for (const inline of sec.list("inlinePolicies") ?? []) {
                    places.push([inline, "policy"]);
                }
            } else {
                places.push([sec, "policy"]);
            }
            const offending: [Section, string, Statement][] = [];
            let open = false;
            for (const [where, path] of places) {
                const doc = readPolicyDocument(where, path);
                for (const st of doc?.statements ?? []) {
                    if (requiresGuardrail(st) || isAllow(st) === "no") {
                        continue;
                    }
                    const grants = s.config.invokeActions.map((a) => grantsAction(st, a));
                    if (grants.includes("yes") && isAllow(st) === "yes") {
                        offending.push([where, path, st]);
                    } else if (grants.includes("unknown") || (grants.includes("yes") && isAllow(st) === "unknown")) {
                        open = true;
                        where.unknown(`${path} (${describeStatement(st)})`);
                    }
                }
            }
            if (offending.length === 0 || open) {
                continue;
            }
            if (s.config.exemptServiceRoles) {
                const roles = ownerRoles(s, r);
                const states = roles.map((role) => serviceOnly(s, role));
                if (roles.length > 0 && states.every((st) => st === "yes")) {
                    continue;
                }
                if (states.includes("unknown") && !states.includes("no")) {
                    s.unknown(r, "whether only AWS services assume the role it belongs to (its trust policy is only known after `pulumi up`)");
                    continue;
                }
            }
            for (const [where, path, st] of offending) {
                where.violation(
                    `${where.path(path)} ${describeStatement(st)} allows invoking Bedrock models without the bedrock:GuardrailIdentifier condition: callers can skip the guardrail and send prompts straight to the model. Require the guardrail.`,
                );
            }
        }
    },
});

export const bedrockGuardrailIamPolicies = [bedrockInvokeRequiresGuardrail];
