import * as assert from "assert";
import { UNKNOWN } from "../../policypack/lib/props";
import { aiTagged, ProviderLike } from "../../policypack/lib/scope";

const aws = (defaultTags?: unknown): ProviderLike => ({ type: "pulumi:providers:aws", props: defaultTags === undefined ? {} : { defaultTags } });
const KEYS = ["ai-workload"];

/** aiTagged, and the properties it says are unknown. */
function judge(tags: unknown, tagsAll: unknown, provider?: ProviderLike): [boolean | undefined, string[]] {
    const unknown: string[] = [];
    return [aiTagged(tags, tagsAll, provider, KEYS, (p) => unknown.push(p)), unknown];
}

describe("lib/scope: aiTagged (own tags, AWS default tags, tagsAll)", () => {
    const cases: [string, unknown, unknown, ProviderLike | undefined, boolean | undefined, string[]][] = [
        ["own tag", { "AI-Workload": "yes" }, undefined, undefined, true, []],
        ["own tag opted out, nothing else", { "ai-workload": "false" }, undefined, undefined, false, []],
        ["own tags unknown", UNKNOWN, undefined, aws(), undefined, ["tags"]],
        ["one own tag value unknown", { "ai-workload": UNKNOWN }, undefined, undefined, undefined, ["tags.ai-workload"]],
        ["default tags (JSON) mark it", { team: "x" }, undefined, aws('{"tags":{"ai-workload":"1"}}'), true, []],
        ["default tags unknown, no tagsAll", {}, undefined, aws(UNKNOWN), undefined, ["provider defaultTags"]],
        ["default tags unknown, tagsAll known without the key", {}, { team: "x" }, aws(UNKNOWN), false, []],
        ["default tags and tagsAll unknown", {}, UNKNOWN, aws(UNKNOWN), undefined, ["provider defaultTags", "tagsAll"]],
        ["tagsAll known with the key", {}, { "ai-workload": "y" }, undefined, true, []],
        ["tagsAll unknown, provider known without the key", {}, UNKNOWN, aws('{"tags":{"team":"x"}}'), false, []],
        ["tagsAll unknown, provider without default tags", {}, UNKNOWN, aws(), false, []],
        ["tagsAll unknown, provider not sent", {}, UNKNOWN, undefined, undefined, ["tagsAll"]],
        ["not an AWS provider", {}, undefined, { type: "pulumi:providers:aws-native", props: { defaultTags: '{"tags":{"ai-workload":"1"}}' } }, false, []],
        ["default tags not JSON", {}, undefined, aws("{tags:"), false, []],
        ["tags is a list", ["ai-workload"], undefined, undefined, false, []],
    ];
    for (const [title, tags, tagsAll, provider, expected, unknowns] of cases) {
        it(title, () => {
            assert.deepStrictEqual(judge(tags, tagsAll, provider), [expected, unknowns]);
        });
    }
});
