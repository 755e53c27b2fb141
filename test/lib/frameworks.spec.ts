/** lib/frameworks.ts: the one mapping table to OWASP, NIST AI RMF and MITRE ATLAS, and the tags it gives policies. */
import * as assert from "assert";
import { FRAMEWORK_MAPPING, FRAMEWORKS, FrameworkId, allItems, frameworkItemsOf, splitItem, tagOf } from "../../policypack/lib/frameworks";
import { GUIDELINES } from "../../policypack/lib/guidelines";
import { detailsOf } from "../../policypack/lib/policy";
import { policies } from "../../policypack/registry";
import { CATALOGUE } from "../docs/catalogue";

describe("lib/frameworks: other frameworks", () => {
    it("keys the table only by a theme in use, a guideline id or a control row some policy implements", () => {
        const themes = new Set(policies.map((p) => detailsOf(p).theme as string));
        const controls = new Set(policies.flatMap((p) => detailsOf(p).controls));
        const rows = new Set(CATALOGUE.map((c) => c.id));
        for (const key of Object.keys(FRAMEWORK_MAPPING)) {
            const known = themes.has(key) || key in GUIDELINES || (rows.has(key) && controls.has(key));
            assert.ok(known, `${key} is neither a theme, a guideline id nor an implemented control row`);
        }
    });

    it("cites only items the frameworks define, each once per key", () => {
        const items = new Set(allItems());
        for (const [key, list] of Object.entries(FRAMEWORK_MAPPING)) {
            assert.strictEqual(new Set(list).size, list.length, `${key} repeats an item`);
            for (const item of list) {
                assert.ok(items.has(item), `${key}: ${item} is not an item of its framework`);
            }
        }
        assert.strictEqual(Object.keys(FRAMEWORKS["owasp-llm"].items).length, 10);
    });

    it("tags each policy with the items its theme, guidelines and controls serve, beside the NCSC/CISA ids", () => {
        const bedrock = policies.find((p) => p.name === "aws-bedrock-guardrail-sensitive-information-filter")!;
        const d = detailsOf(bedrock);
        assert.deepStrictEqual(frameworkItemsOf(d.theme, d.guidelines, d.controls), ["owasp-llm:LLM02:2025", "mitre-atlas:AML.M0020"]);
        assert.ok(bedrock.tags!.includes("OWASP-LLM02:2025") && bedrock.tags!.includes("MITRE-ATLAS-AML.M0020"));
        assert.strictEqual(tagOf("nist-ai-rmf:MANAGE 4.3"), "NIST-AI-RMF-MANAGE-4.3");
        for (const p of policies) {
            const e = detailsOf(p);
            const tags = frameworkItemsOf(e.theme, e.guidelines, e.controls).map(tagOf);
            assert.deepStrictEqual(p.tags, [...e.guidelines, e.theme, ...e.controls, ...tags], p.name);
            assert.strictEqual(p.framework?.reference, e.guidelines.join(", "), `${p.name}: the SDK framework field stays the NCSC/CISA guideline`);
        }
    });

    it("every framework has items some policy serves", () => {
        for (const f of Object.keys(FRAMEWORKS) as FrameworkId[]) {
            const served = policies.some((p) => {
                const e = detailsOf(p);
                return frameworkItemsOf(e.theme, e.guidelines, e.controls).some((i) => splitItem(i).framework === f);
            });
            assert.ok(served, f);
        }
    });
});
