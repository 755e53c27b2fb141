/**
 * examples/policy-groups: the config each group gets from organisation.json is valid for the pack
 * (the checks Configure makes), reaches every policy that declares a setting, and sets the groups'
 * enforcement. The program itself is type-checked with the other examples (typecheck:examples).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { declaredSettings, groupConfig, parseOrganisationFile } from "../examples/policy-groups/groups";
import { PolicyConfigEntry, validatePackConfig } from "../policypack/lib/configValidation";
import { policies } from "../policypack/registry";
import { REPO } from "./support/harness";

const FILE = path.join(REPO, "examples", "policy-groups", "organisation.json");

/** A group's config as Configure receives it (levels apart from `all`, which the engine applies itself). */
function asConfigure(config: Record<string, unknown>): Record<string, PolicyConfigEntry> {
    const out: Record<string, PolicyConfigEntry> = {};
    for (const [name, entry] of Object.entries(config)) {
        out[name] = typeof entry === "string" ? { enforcementLevel: entry } : { properties: entry as Record<string, unknown> };
    }
    return out;
}

describe("examples/policy-groups", () => {
    const org = parseOrganisationFile(fs.readFileSync(FILE, "utf8"));
    const declared = declaredSettings(policies);

    it("every group's config from organisation.json is valid for the pack", () => {
        for (const [group, all] of [
            ["production", "mandatory"],
            ["development", "advisory"],
            ["audit", undefined],
        ] as const) {
            assert.deepStrictEqual(validatePackConfig(policies, asConfigure(groupConfig(org, group, declared, all))), [], group);
        }
    });

    it("gives each organisation setting to every policy that declares it, and the group's own settings on top", () => {
        const production = groupConfig(org, "production", declared, "mandatory");
        assert.strictEqual(production.all, "mandatory");
        const kms = policies.filter((p) => p.configSchema?.properties?.approvedKmsKeyArns !== undefined);
        assert.ok(kms.length > 20);
        for (const p of kms) {
            assert.deepStrictEqual((production[p.name] as Record<string, unknown>).approvedKmsKeyArns, org.settings.approvedKmsKeyArns, p.name);
        }
        assert.strictEqual((production["aws-sagemaker-notebook-kms"] as { exemptions: unknown[] }).exemptions.length, 1);
        const development = groupConfig(org, "development", declared, "advisory");
        assert.strictEqual(development.all, "advisory");
        assert.strictEqual((development["aws-sagemaker-notebook-kms"] as Record<string, unknown>).exemptions, undefined, "exemptions are per group");
        assert.strictEqual(groupConfig(org, "audit", declared).all, undefined, "the audit group keeps the pack's levels");
        // A policy that declares none of the settings gets no entry.
        assert.strictEqual(production["aws-cloudtrail-log-file-validation"], undefined);
    });

    it("refuses an organisation file that names a policy the pack does not have, or lacks a group", () => {
        const bad = { ...org, groups: { ...org.groups, production: { ...org.groups.production, policies: { "aws-sagemaker-notebok-kms": {} } } } };
        assert.throws(() => groupConfig(bad, "production", declared), /the pack has no policy "aws-sagemaker-notebok-kms"/);
        assert.throws(() => parseOrganisationFile(JSON.stringify({ settings: {}, groups: { production: { stacks: [] } } })), /groups\.development\.stacks/);
        assert.throws(() => parseOrganisationFile("{"), /organisation\.json: not valid JSON/);
    });
});
