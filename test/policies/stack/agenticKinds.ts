/**
 * Stack test cases for agentic-AI policies on AWS (issue 14): AWS Organizations, CodeBuild image
 * builds and IAM grants to invoke Bedrock models. test/policies/stack/kinds.spec.ts registers them,
 * so that each policy's suite of the five kinds of input sits with every other stack policy's.
 */
import * as assert from "assert";
import type { PolicyPackConfigFile, PolicyPackProcess } from "../../../policypack/engine/analyzer";
import { UNKNOWN_VALUES } from "../../support/harness";
import { usePack } from "../../support/cases";
import { awsStack, findings, Kind, res, stackCase } from "./support";

// ---------------------------------------------------------------------------------------------
// AWS Organizations: AI services opt-out and Bedrock guardrail policies.
// ---------------------------------------------------------------------------------------------

const ORG = "aws:organizations/organization:Organization";
const ORG_POLICY = "aws:organizations/policy:Policy";
const ATTACHMENT = "aws:organizations/policyAttachment:PolicyAttachment";
const optOutContent = JSON.stringify({ services: { default: { opt_out_policy: { "@@assign": "optOut" } } } });
const bedrockContent = JSON.stringify({
    bedrock: { guardrail_inference: { "eu-west-1": { org_guardrail: { identifier: { "@@assign": "arn:aws:bedrock:eu-west-1:111122223333:guardrail/abc:1" } } } } },
});

/** An organisation that enables, defines and attaches both policies; `change` edits one resource's properties by name. */
function orgStack(change: Record<string, Record<string, unknown>> = {}, omit: string[] = []): ReturnType<typeof res>[] {
    const props = (name: string, p: Record<string, unknown>) => ({ ...p, ...(change[name] ?? {}) });
    const org = res(
        ORG,
        "org",
        props("org", { featureSet: "ALL", enabledPolicyTypes: ["SERVICE_CONTROL_POLICY", "AISERVICES_OPT_OUT_POLICY", "BEDROCK_POLICY"], roots: [{ id: "r-abcd" }] }),
    );
    const optOut = res(ORG_POLICY, "ai-opt-out", props("ai-opt-out", { name: "ai-opt-out", type: "AISERVICES_OPT_OUT_POLICY", content: optOutContent, id: "p-optout" }));
    const optOutAttach = res(ATTACHMENT, "ai-opt-out-root", props("ai-opt-out-root", { policyId: "p-optout", targetId: "r-abcd" }), { policyId: optOut, targetId: org });
    const bedrock = res(
        ORG_POLICY,
        "bedrock-guardrail",
        props("bedrock-guardrail", { name: "bedrock-guardrail", type: "BEDROCK_POLICY", content: bedrockContent, id: "p-bedrock" }),
    );
    const bedrockAttach = res(ATTACHMENT, "bedrock-guardrail-root", props("bedrock-guardrail-root", { policyId: "p-bedrock", targetId: "r-abcd" }), {
        policyId: bedrock,
        targetId: org,
    });
    return [org, optOut, optOutAttach, bedrock, bedrockAttach].filter((r) => !omit.includes(r.name as string));
}

interface OrgCase {
    kind: Kind;
    title: string;
    stack: () => ReturnType<typeof res>[];
    expect: "pass" | "violation" | "unknown" | "malformed";
    on?: string;
    message?: RegExp;
}

/** One `it` per case, in a suite named after the policy (as test/policies/stack/kinds.spec.ts wants); `config` runs them with their own pack configuration. */
export function orgCases(shared: () => PolicyPackProcess, policy: string, cases: OrgCase[], config?: PolicyPackConfigFile): void {
    describe(policy, () => {
        const pack = config === undefined ? shared : usePack(config);
        for (const c of cases) {
            stackCase(policy, c.kind);
            it(`${c.kind}: ${c.title} -> ${c.expect}`, async () => {
                const stack = c.stack();
                const all = findings(await pack().analyzeStack(stack), new Set([policy]));
                const text = JSON.stringify(all.map((f) => `${f.urn.split("::").pop()}: ${f.message.split("\n").pop()}`));
                if (c.expect === "pass") {
                    assert.strictEqual(all.length, 0, text);
                    return;
                }
                assert.ok(all.length > 0, text);
                for (const f of all) {
                    if (c.expect === "violation") {
                        assert.ok(!f.unknown && !f.message.includes("cannot evaluate"), text);
                    } else if (c.expect === "unknown") {
                        assert.ok(f.unknown && f.advisory, text);
                    } else {
                        assert.ok(f.message.includes("cannot evaluate"), text);
                    }
                    if (c.on !== undefined) {
                        assert.strictEqual(f.urn, stack.find((r) => r.name === c.on)?.urn, text);
                    }
                    if (c.message !== undefined) {
                        assert.match(f.message, c.message);
                    }
                }
            });
        }
    });
}

/** The five kinds of input for the Organizations policies, registered by kinds.spec.ts. */
export function organizationsKinds(pack: () => PolicyPackProcess): void {
    orgCases(pack, "aws-organizations-ai-services-opt-out", [
        { kind: "compliant", title: "enabled, opting out by default, attached", stack: () => orgStack(), expect: "pass" },
        {
            kind: "violating",
            title: "default opts in",
            stack: () => orgStack({ "ai-opt-out": { content: JSON.stringify({ services: { default: { opt_out_policy: { "@@assign": "optIn" } } } }) } }),
            expect: "violation",
            on: "ai-opt-out",
            message: /@@assign is not "optOut"/,
        },
        {
            kind: "violating",
            title: "not attached",
            stack: () => orgStack({}, ["ai-opt-out-root"]),
            expect: "violation",
            on: "ai-opt-out",
            message: /no PolicyAttachment attaches/,
        },
        {
            kind: "violating",
            title: "policy type not enabled",
            stack: () => orgStack({ org: { enabledPolicyTypes: ["SERVICE_CONTROL_POLICY", "BEDROCK_POLICY"] } }),
            expect: "violation",
            on: "org",
            message: /enabledPolicyTypes does not include "AISERVICES_OPT_OUT_POLICY"/,
        },
        {
            kind: "absent",
            title: "no opt-out policy",
            stack: () => orgStack({}, ["ai-opt-out", "ai-opt-out-root"]),
            expect: "violation",
            on: "org",
            message: /no AI services opt-out policy/,
        },
        { kind: "unknown", title: "content built from outputs", stack: () => orgStack({ "ai-opt-out": { content: UNKNOWN_VALUES.string } }), expect: "unknown", on: "ai-opt-out" },
        { kind: "malformed", title: "content is not JSON", stack: () => orgStack({ "ai-opt-out": { content: "services: default" } }), expect: "malformed", on: "ai-opt-out" },
    ]);

    orgCases(
        pack,
        "aws-organizations-bedrock-guardrail-policy",
        [
            { kind: "compliant", title: "enabled, naming a guardrail, attached", stack: () => orgStack(), expect: "pass" },
            {
                kind: "violating",
                title: "not attached",
                stack: () => orgStack({}, ["bedrock-guardrail-root"]),
                expect: "violation",
                on: "bedrock-guardrail",
                message: /guardrail is not enforced anywhere/,
            },
            {
                kind: "violating",
                title: "no bedrock section",
                stack: () => orgStack({ "bedrock-guardrail": { content: "{}" } }),
                expect: "violation",
                on: "bedrock-guardrail",
                message: /no "bedrock" section/,
            },
            {
                kind: "absent",
                title: "no Bedrock policy (requireBedrockPolicy)",
                stack: () => orgStack({}, ["bedrock-guardrail", "bedrock-guardrail-root"]),
                expect: "violation",
                on: "org",
                message: /no Bedrock policy/,
            },
            {
                kind: "unknown",
                title: "attachment's policy id unknown and unlinked",
                stack: () => [...orgStack({}, ["bedrock-guardrail-root"]), res(ATTACHMENT, "mystery", { policyId: UNKNOWN_VALUES.string, targetId: "r-abcd" })],
                expect: "unknown",
                on: "bedrock-guardrail",
            },
            { kind: "malformed", title: "type is a number", stack: () => orgStack({ "bedrock-guardrail": { type: 7 } }), expect: "malformed", on: "bedrock-guardrail" },
        ],
        { "aws-organizations-bedrock-guardrail-policy": { requireBedrockPolicy: true } },
    );

    describe("aws-organizations-bedrock-guardrail-policy with the defaults", function () {
        orgCases(pack, "aws-organizations-bedrock-guardrail-policy", [
            {
                kind: "compliant",
                title: "an organisation without a Bedrock policy is fine unless required",
                stack: () => orgStack({}, ["bedrock-guardrail", "bedrock-guardrail-root"]),
                expect: "pass",
            },
        ]);
    });
}

// ---------------------------------------------------------------------------------------------
// CodeBuild projects linked to an AI repository.
// ---------------------------------------------------------------------------------------------

/** The five kinds of input for the CodeBuild stack policy, registered by kinds.spec.ts. */
export function codebuildKinds(pack: () => PolicyPackProcess): void {
    const base = awsStack();
    const repo = base.find((r) => r.name === "model-images") as ReturnType<typeof res>;
    const HF = "hf_" + "b".repeat(34);
    const project = (vars: unknown[], links = true, tags: Record<string, unknown> = { team: "ml" }) =>
        res(
            "aws:codebuild/project:Project",
            "serving-build",
            {
                name: "serving-build",
                serviceRole: "arn:aws:iam::111122223333:role/cb",
                environment: { computeType: "BUILD_GENERAL1_SMALL", image: "aws/codebuild/standard:7.0", type: "LINUX_CONTAINER", environmentVariables: vars },
                tags,
            },
            links ? { environment: repo } : {},
        );
    const repoVar = { name: "IMAGE_REPO", value: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/model-images" };

    orgCases(pack, "aws-codebuild-ai-repository-build-no-plaintext-secrets", [
        {
            kind: "violating",
            title: "token in plain text, building for the AI repository",
            stack: () => [...base, project([repoVar, { name: "HF_TOKEN", value: HF }])],
            expect: "violation",
            on: "serving-build",
            message: /environmentVariables\[1\]\.value looks like a Hugging Face token/,
        },
        {
            kind: "compliant",
            title: "token from Secrets Manager",
            stack: () => [...base, project([repoVar, { name: "HF_TOKEN", type: "SECRETS_MANAGER", value: "hf-token:token" }])],
            expect: "pass",
        },
        { kind: "compliant", title: "a project not linked to an AI repository", stack: () => [...base, project([{ name: "HF_TOKEN", value: HF }], false)], expect: "pass" },
        {
            kind: "compliant",
            title: "a tagged project is left to the resource policy",
            stack: () => [...base, project([{ name: "HF_TOKEN", value: HF }], true, { "ai-workload": "true" })],
            expect: "pass",
        },
        { kind: "absent", title: "no environment variables", stack: () => [...base, project([])], expect: "pass" },
        {
            kind: "unknown",
            title: "a variable's value known only after `pulumi up`",
            stack: () => [...base, project([{ name: "HF_TOKEN", value: UNKNOWN_VALUES.string }])],
            expect: "unknown",
            on: "serving-build",
        },
        { kind: "malformed", title: "variables are not a list", stack: () => [...base, project("HF_TOKEN" as unknown as unknown[])], expect: "malformed", on: "serving-build" },
    ]);
}

// ---------------------------------------------------------------------------------------------
// IAM grants of bedrock:InvokeModel* require the guardrail condition.
// ---------------------------------------------------------------------------------------------

/** The five kinds of input for the Bedrock invoke/guardrail IAM stack policy, registered by kinds.spec.ts. */
export function guardrailIamKinds(pack: () => PolicyPackProcess): void {
    const ROLE = "aws:iam/role:Role";
    const trust = (principal: unknown) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }] });
    const invoke = { Effect: "Allow", Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], Resource: "arn:aws:bedrock:eu-west-1::foundation-model/*" };
    const guarded = { ...invoke, Condition: { StringEquals: { "bedrock:GuardrailIdentifier": "arn:aws:bedrock:eu-west-1:111122223333:guardrail/abc:1" } } };
    const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
    const stack = (principal: unknown, ...statements: unknown[]) => {
        const role = res(ROLE, "app-role", { name: "app", assumeRolePolicy: principal === UNKNOWN_VALUES.string ? principal : trust(principal) });
        const policy = res(
            "aws:iam/rolePolicy:RolePolicy",
            "app-invoke",
            { role: "app", policy: statements.length === 1 && typeof statements[0] === "string" ? statements[0] : doc(...statements) },
            { role },
        );
        return [role, policy];
    };
    const user = { AWS: "arn:aws:iam::111122223333:root" };

    orgCases(pack, "aws-iam-bedrock-invoke-requires-guardrail", [
        {
            kind: "violating",
            title: "an application role invokes models freely",
            stack: () => stack(user, invoke),
            expect: "violation",
            on: "app-invoke",
            message: /policy statement 1 allows invoking Bedrock models without the bedrock:GuardrailIdentifier condition/,
        },
        {
            kind: "violating",
            title: "bedrock:* on a user's policy",
            stack: () => [res("aws:iam/userPolicy:UserPolicy", "analyst", { user: "analyst", policy: doc({ Effect: "Allow", Action: "bedrock:*", Resource: "*" }) })],
            expect: "violation",
            on: "analyst",
        },
        { kind: "compliant", title: "the guardrail is required", stack: () => stack(user, guarded), expect: "pass" },
        { kind: "compliant", title: "a Bedrock agent's service role", stack: () => stack({ Service: "bedrock.amazonaws.com" }, invoke), expect: "pass" },
        { kind: "compliant", title: "the compliant AWS stack", stack: () => awsStack(), expect: "pass" },
        {
            kind: "absent",
            title: "no condition on a role people assume",
            stack: () => stack({ AWS: "arn:aws:iam::111122223333:role/developer" }, invoke),
            expect: "violation",
            on: "app-invoke",
        },
        {
            kind: "unknown",
            title: "the role's trust policy is only known after `pulumi up`",
            stack: () => stack(UNKNOWN_VALUES.string, invoke),
            expect: "unknown",
            on: "app-invoke",
        },
        { kind: "malformed", title: "the policy is not JSON", stack: () => stack(user, "{"), expect: "malformed", on: "app-invoke" },
    ]);
}
