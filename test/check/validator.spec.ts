/**
 * The config validator `check` ships (the runtime package may not depend on ajv): gojsonschema's
 * wording for each keyword the pack's config schemas use, the same verdicts as the engine-faithful
 * ajv validator of the test harness on every policy schema of the pack, and the engine's
 * reconciliation errors through reconcileConfig.
 */
import * as assert from "assert";
import { AnalyzerInfo, reconcileConfig } from "../../policypack/engine/analyzer";
import { configValidator } from "../../policypack/cli/validator";
import { engineValidator } from "../support/harness";
import { policies } from "../../policypack/registry";

const obj = (properties: Record<string, unknown>, required: string[] = []) => ({ type: "object", properties, ...(required.length ? { required } : {}) });

describe("check config validator", () => {
    const cases: [string, Record<string, unknown>, Record<string, unknown>, string[]][] = [
        ["valid config", obj({ n: { type: "integer", minimum: 1 } }), { n: 3 }, []],
        ["type", obj({ b: { type: "boolean" } }), { b: "yes" }, ["b: Invalid type. Expected: boolean, given: string"]],
        ["integer vs number", obj({ n: { type: "integer" } }), { n: 1.5 }, ["n: Invalid type. Expected: integer, given: number"]],
        ["number accepts integers", obj({ n: { type: "number" } }), { n: 2 }, []],
        [
            "array items",
            obj({ a: { type: "array", items: { type: "string", minLength: 1 } } }),
            { a: ["x", "", 3] },
            ["a.1: String length must be greater than or equal to 1", "a.2: Invalid type. Expected: string, given: integer"],
        ],
        ["enum", obj({ e: { type: "string", enum: ["Input", "Output"] } }), { e: "Both" }, ['e: e must be one of the following: "Input", "Output"']],
        ["minimum", obj({ n: { type: "integer", minimum: 7 } }), { n: 1 }, ["n: Must be greater than or equal to 7"]],
        ["maximum", obj({ n: { type: "number", maximum: 100 } }), { n: 101 }, ["n: Must be less than or equal to 100"]],
        ["minLength", obj({ s: { type: "string", minLength: 3 } }), { s: "ab" }, ["s: String length must be greater than or equal to 3"]],
        ["pattern", obj({ s: { type: "string", pattern: "^arn:aws:kms:" } }), { s: "key-1" }, ["s: Does not match pattern '^arn:aws:kms:'"]],
        ["required", obj({ s: { type: "string" } }, ["s"]), {}, ["s is required"]],
        ["unknown keys are allowed (no additionalProperties)", obj({}), { other: 1 }, []],
    ];
    for (const [name, schema, config, messages] of cases) {
        it(`${name}: gojsonschema's message`, () => {
            assert.deepStrictEqual(configValidator(schema, config), messages);
        });
    }

    it("gives the same verdict as the harness's ajv validator on every policy schema of the pack", () => {
        let compared = 0;
        for (const p of policies) {
            const properties = (p.configSchema?.properties ?? {}) as Record<string, Record<string, unknown>>;
            const schema = obj(properties);
            // Defaults are valid; a value of the wrong type is not.
            const defaults: Record<string, unknown> = {};
            for (const [k, s] of Object.entries(properties)) {
                if ("default" in s) defaults[k] = s.default;
            }
            assert.deepStrictEqual(configValidator(schema, defaults), [], `${p.name} defaults`);
            for (const [k, s] of Object.entries(properties)) {
                const wrong = s.type === "string" ? 42 : "not-a-" + String(s.type);
                const mine = configValidator(schema, { ...defaults, [k]: wrong });
                const theirs = engineValidator(schema, { ...defaults, [k]: wrong });
                assert.ok(mine.length > 0, `${p.name}.${k}: a wrong type is rejected`);
                assert.strictEqual(mine.length > 0, theirs.length > 0, `${p.name}.${k}`);
                assert.strictEqual(mine[0], theirs[0], `${p.name}.${k}: same type message`);
                compared++;
            }
        }
        assert.ok(compared > 0, "the pack has configurable policies to compare");
    });

    it("reports errors with the engine's shape through reconcileConfig", () => {
        const info: AnalyzerInfo = {
            name: "secure-ai-policies",
            version: "0.1.0",
            supportsConfig: true,
            initialConfig: {},
            policies: [
                {
                    name: "p",
                    displayName: "p",
                    description: "d",
                    enforcementLevel: "mandatory",
                    severity: "high",
                    type: "resource",
                    configSchema: { properties: { minimumDays: { type: "integer", minimum: 30, default: 30 } }, required: [] },
                    tags: [],
                    remediationSteps: "",
                    url: "",
                },
            ],
        };
        assert.deepStrictEqual(reconcileConfig(info, { all: "advisory" }, configValidator).p, { enforcementLevel: "advisory", properties: { minimumDays: 30 } });
        assert.throws(
            () => reconcileConfig(info, { p: { minimumDays: 7 } }, configValidator),
            /^Error: validating policy config for "secure-ai-policies":\n {2}p: minimumDays: Must be greater than or equal to 30$/,
        );
    });
});
