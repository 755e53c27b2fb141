/**
 * lib/configValidation.ts in-process: what Configure refuses, and the registry of semantic checks
 * other modules add per setting. test/reliability.spec.ts checks the same through the protocol.
 */
import * as assert from "assert";
import type { Policy } from "@pulumi/policy";
import { registerConfigCheck, schemaErrors, validatePackConfig } from "../../policypack/lib/configValidation";
import { policies } from "../../policypack/registry";

/** The reconciled config the engine sends when the file is empty: every policy, its level and defaults. */
function defaults(): Record<string, { enforcementLevel: string; properties: Record<string, unknown> }> {
    const out: Record<string, { enforcementLevel: string; properties: Record<string, unknown> }> = {};
    for (const p of policies) {
        const properties: Record<string, unknown> = {};
        for (const [k, schema] of Object.entries((p.configSchema?.properties ?? {}) as Record<string, { default?: unknown }>)) {
            properties[k] = schema.default;
        }
        out[p.name] = { enforcementLevel: p.enforcementLevel ?? "advisory", properties };
    }
    return out;
}

function withSetting(policy: string, key: string, value: unknown) {
    const config = defaults();
    config[policy] = { ...config[policy], properties: { ...config[policy].properties, [key]: value } };
    return config;
}

describe("lib/configValidation: validatePackConfig", () => {
    it("accepts the engine's reconciled defaults for every policy, and an `all` level", () => {
        assert.deepStrictEqual(validatePackConfig(policies, { ...defaults(), all: { enforcementLevel: "mandatory" } }), []);
    });
    it("refuses wrong types and nulls, naming the policy and the field", () => {
        assert.deepStrictEqual(validatePackConfig(policies, withSetting("aws-sagemaker-notebook-kms", "approvedKmsKeyArns", "arn:aws:kms:x")), [
            "aws-sagemaker-notebook-kms: approvedKmsKeyArns: Invalid type. Expected: array, given: string",
        ]);
        assert.deepStrictEqual(validatePackConfig(policies, withSetting("aws-sagemaker-notebook-kms", "approvedKmsKeyArns", null)), [
            "aws-sagemaker-notebook-kms: approvedKmsKeyArns: Invalid type. Expected: array, given: null",
        ]);
        assert.deepStrictEqual(validatePackConfig(policies, withSetting("aws-sagemaker-notebook-kms", "approvedKmsKeyArns", [7])), [
            "aws-sagemaker-notebook-kms: approvedKmsKeyArns.0: Invalid type. Expected: string, given: integer",
        ]);
    });
    it("refuses settings no schema declares, suggesting the likely one", () => {
        const [error] = validatePackConfig(policies, withSetting("aws-s3-bucket-sse-kms-cmk", "alldatastores", true));
        assert.match(error, /^aws-s3-bucket-sse-kms-cmk: alldatastores: this policy has no such setting \(did you mean "allDataStores"\?\) \(its settings: /);
        assert.match(
            validatePackConfig(policies, withSetting("aws-cloudtrail-log-file-validation", "enabled", true))[0],
            /enabled: this policy has no such setting \(its settings: exemptions, exemptionMaxDays\)/,
        );
    });
    it("refuses unknown policy names (suggesting the likely one), settings for `all`, and invalid levels", () => {
        assert.deepStrictEqual(validatePackConfig(policies, { "aws-sagemaker-notebok-kms": { enforcementLevel: "advisory", properties: {} } }), [
            'aws-sagemaker-notebok-kms: no policy of this name in the pack (did you mean "aws-sagemaker-notebook-kms"?)',
        ]);
        assert.deepStrictEqual(validatePackConfig(policies, { all: { enforcementLevel: "mandatory", properties: { allDataStores: true } } }), [
            "all: allDataStores: settings cannot be given for all policies at once; give them to each policy",
        ]);
        assert.deepStrictEqual(validatePackConfig(policies, { "aws-sagemaker-notebook-kms": { enforcementLevel: "level 7" } }), [
            'aws-sagemaker-notebook-kms: enforcementLevel: "level 7" is not a valid enforcement level; use one of advisory, mandatory, disabled, remediate',
        ]);
    });
    it("refuses a configured pattern that could take unbounded time (the protectedStacks check)", () => {
        assert.deepStrictEqual(validatePackConfig(policies, withSetting("ai-data-stores-protected", "protectedStacks", "^(prod|production)(-.*)?$")), []);
        assert.match(
            validatePackConfig(policies, withSetting("ai-data-stores-protected", "protectedStacks", "(a+)+$"))[0],
            /^ai-data-stores-protected: protectedStacks: it repeats a group/,
        );
    });
    it("runs the semantic checks other modules register per setting name, with the policy's config and the time", () => {
        const fake = {
            name: "fake-policy",
            description: "d",
            enforcementLevel: "advisory",
            configSchema: { properties: { horizonDays: { type: "integer" }, fakeExpiries: { type: "array", items: { type: "string" } } } },
            validateResource: () => undefined,
        } as unknown as Policy;
        const seen: unknown[] = [];
        registerConfigCheck("fakeExpiries", (value, context) => {
            seen.push(context.policy, context.config.horizonDays, context.now.toISOString());
            return (value as string[]).flatMap((d, i) =>
                Date.parse(d) > context.now.getTime() + (context.config.horizonDays as number) * 86400000 ? [{ at: String(i), message: "is too far ahead" }] : [],
            );
        });
        const now = new Date("2025-01-01T00:00:00Z");
        const errors = validatePackConfig(
            [fake],
            { "fake-policy": { enforcementLevel: "advisory", properties: { horizonDays: 30, fakeExpiries: ["2025-01-10", "2026-01-01"] } } },
            now,
        );
        assert.deepStrictEqual(errors, ["fake-policy: fakeExpiries.1: is too far ahead"]);
        assert.deepStrictEqual(seen, ["fake-policy", 30, "2025-01-01T00:00:00.000Z"]);
        // A value that fails the schema is reported as such; the semantic check does not see it.
        seen.length = 0;
        assert.match(validatePackConfig([fake], { "fake-policy": { properties: { horizonDays: 30, fakeExpiries: "soon" } } }, now)[0], /fakeExpiries: Invalid type/);
        assert.deepStrictEqual(seen, []);
    });
    it("schemaErrors never echoes a value", () => {
        const errors = schemaErrors({ type: "object", properties: { k: { type: "string", pattern: "^a" } } }, { k: "s3cr3t" });
        assert.deepStrictEqual(errors, ["k: Does not match pattern '^a'"]);
    });
});
