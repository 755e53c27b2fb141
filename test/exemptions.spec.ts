/**
 * The administrator's exemptions (lib/exemptions.ts) through the Analyzer protocol: Configure
 * validates them, Analyze and AnalyzeStack honour them while in force and say when they expired.
 * Dates are relative to today (UTC), with days of margin, so the test needs no clock of its own;
 * the boundary days are tested in-process (test/lib/exemptions.spec.ts).
 */
import * as assert from "assert";
import { PolicyConfigError, PolicyPackProcess } from "../policypack/engine/analyzer";
import { outcomeOf, messagesOf, startPack } from "./support/harness";

const NOTEBOOK = "aws:sagemaker/notebookInstance:NotebookInstance";
const openNotebook = { instanceType: "ml.t3.medium", roleArn: "arn:aws:iam::111122223333:role/n" };
const KMS = "aws-sagemaker-notebook-kms";

/** `YYYY-MM-DD`, `days` from today (UTC). */
function day(days: number): string {
    return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

const model = (name: string) => ({
    type: "aws:sagemaker/model:Model",
    name,
    properties: { executionRoleArn: "arn:aws:iam::111122223333:role/m", primaryContainer: { image: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/m:1" }, tags: { owner: "ml" } },
});

describe("exemptions in the policy config", function () {
    let pack: PolicyPackProcess;
    before(async () => {
        pack = await startPack();
    });
    after(() => pack.stop());

    async function refused(file: Record<string, unknown>): Promise<string> {
        try {
            await pack.configure(file);
        } catch (e) {
            assert.ok(e instanceof PolicyConfigError, String(e));
            return e.message;
        }
        return assert.fail(`accepted ${JSON.stringify(file)}`);
    }

    it("a resource matched by name, URN or glob is not applicable, with the reason, expiry and ticket", async () => {
        const urn = pack.urnOf(NOTEBOOK, "research");
        for (const pattern of ["research", urn, "res*", "urn:pulumi:*::*NotebookInstance::research", "r?search"]) {
            await pack.configure({ [KMS]: { exemptions: [{ resources: [pattern], reason: "vendor image cannot use a CMK", expires: day(30), ticket: "SEC-42" }] } });
            const res = await pack.analyze({ type: NOTEBOOK, name: "research", properties: openNotebook });
            assert.strictEqual(outcomeOf(res, KMS), "not-applicable", pattern);
            assert.strictEqual(
                res.notApplicable.find((n) => n.policyName === KMS)!.reason,
                `exempted by the policy config until ${day(30)}: vendor image cannot use a CMK; ticket SEC-42`,
            );
            assert.strictEqual(outcomeOf(res, "aws-sagemaker-notebook-root-disabled"), "violation", "other policies still judge it");
            const other = await pack.analyze({ type: NOTEBOOK, name: "other", properties: openNotebook });
            assert.strictEqual(outcomeOf(other, KMS), "violation", `${pattern} does not match "other"`);
        }
    });

    it("an expired exemption no longer applies, and the finding says it expired and when", async () => {
        await pack.configure({ [KMS]: { exemptions: [{ resources: ["research"], reason: "pilot", expires: day(-3) }] } });
        const res = await pack.analyze({ type: NOTEBOOK, name: "research", properties: openNotebook });
        assert.strictEqual(outcomeOf(res, KMS), "violation");
        const [message] = messagesOf(res, KMS);
        assert.match(message, new RegExp(`The exemption for this resource expired on ${day(-3)} \\(pilot\\); renew it or fix the resource\\.$`));
        // One in force wins over an expired one.
        await pack.configure({
            [KMS]: {
                exemptions: [
                    { resources: ["research"], reason: "pilot", expires: day(-3) },
                    { resources: ["res*"], reason: "renewed", expires: day(10) },
                ],
            },
        });
        assert.strictEqual(outcomeOf(await pack.analyze({ type: NOTEBOOK, name: "research", properties: openNotebook }), KMS), "not-applicable");
    });

    it("stack policies honour them: exempted resources are not reported, and a policy with nothing else to say is not applicable naming them", async () => {
        await pack.configure({ "aws-sagemaker-model-card": { exemptions: [{ resources: ["fraud"], reason: "card kept in the wiki", expires: day(60), ticket: "ML-7" }] } });
        const only = await pack.analyzeStack([model("fraud")]);
        assert.strictEqual(outcomeOf(only, "aws-sagemaker-model-card"), "not-applicable");
        assert.strictEqual(
            only.notApplicable.find((n) => n.policyName === "aws-sagemaker-model-card")!.reason,
            `fraud: exempted by the policy config until ${day(60)}: card kept in the wiki; ticket ML-7`,
        );
        const both = await pack.analyzeStack([model("fraud"), model("churn")]);
        const urns = both.diagnostics.filter((d) => d.policyName === "aws-sagemaker-model-card").map((d) => d.urn);
        assert.ok(
            urns.some((u) => u.endsWith("::churn")),
            JSON.stringify(urns),
        );
        assert.ok(!urns.some((u) => u.endsWith("::fraud")), JSON.stringify(urns));

        await pack.configure({ "aws-sagemaker-model-card": { exemptions: [{ resources: ["fraud"], reason: "card kept in the wiki", expires: day(-1) }] } });
        const expired = await pack.analyzeStack([model("fraud")]);
        const messages = messagesOf(expired, "aws-sagemaker-model-card");
        assert.strictEqual(messages.length, 1);
        assert.match(messages[0], new RegExp(`expired on ${day(-1)} \\(card kept in the wiki\\)`));
    });

    it("Configure refuses invalid entries, naming the policy and the field", async () => {
        const entry = { resources: ["research"], reason: "pilot", expires: day(30) };
        const refusal = async (e: Record<string, unknown>, extra: Record<string, unknown> = {}) => refused({ [KMS]: { exemptions: [e], ...extra } });
        assert.match(await refusal({ resources: ["research"], expires: day(30) }), /aws-sagemaker-notebook-kms: exemptions\.0: reason is required/);
        assert.match(await refusal({ ...entry, reason: "  " }), /aws-sagemaker-notebook-kms: exemptions\.0\.reason: must say why the resources are exempt/);
        assert.match(await refusal({ resources: ["research"], reason: "pilot" }), /aws-sagemaker-notebook-kms: exemptions\.0: expires is required/);
        assert.match(await refusal({ ...entry, expires: "31/12/2026" }), /aws-sagemaker-notebook-kms: exemptions\.0\.expires: Does not match pattern/);
        assert.match(await refusal({ ...entry, expires: "2026-02-30" }), /aws-sagemaker-notebook-kms: exemptions\.0\.expires: "2026-02-30" is not a calendar date/);
        assert.match(await refusal({ ...entry, expires: day(400) }), /aws-sagemaker-notebook-kms: exemptions\.0\.expires: \S+ is more than 365 days ahead \(exemptionMaxDays\)/);
        assert.match(await refusal({ ...entry, resources: [] }), /aws-sagemaker-notebook-kms: exemptions\.0\.resources: Array must have at least 1 items/);
        assert.match(await refusal({ ...entry, owner: "me" }), /aws-sagemaker-notebook-kms: exemptions\.0: Additional property owner is not allowed/);
        // The maximum is a setting: a shorter one refuses what the default allows, a longer one allows more.
        assert.match(await refusal({ ...entry, expires: day(60) }, { exemptionMaxDays: 30 }), /exemptions\.0\.expires: \S+ is more than 30 days ahead/);
        await pack.configure({ [KMS]: { exemptions: [{ ...entry, expires: day(400) }], exemptionMaxDays: 730 } });
        assert.strictEqual(outcomeOf(await pack.analyze({ type: NOTEBOOK, name: "research", properties: openNotebook }), KMS), "not-applicable");
    });
});
