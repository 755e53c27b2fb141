import * as assert from "assert";
import { UNKNOWN } from "../../policypack/lib/props";
import { ProviderLike, tagKeys, taggedWith } from "../../policypack/lib/tags";

const aws = (defaultTags?: unknown): ProviderLike => ({ type: "pulumi:providers:aws", props: defaultTags === undefined ? {} : { defaultTags } });
const KEYS = ["ai-workload"];

/** taggedWith, and the properties it says are unknown. */
function judge(tags: unknown, tagsAll: unknown, provider?: ProviderLike): [boolean | undefined, string[]] {
    const unknown: string[] = [];
    return [taggedWith({ tags, tagsAll, provider }, KEYS, (p) => unknown.push(p)), unknown];
}

describe("lib/tags: taggedWith (own tags, AWS default tags, tagsAll)", () => {
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

describe("lib/tags: tagKeys (required tags)", () => {
    const keys = (tags: unknown, tagsAll: unknown, provider?: ProviderLike) => {
        const k = tagKeys({ tags, tagsAll, provider });
        return [[...k.keys].sort(), k.unknown];
    };
    it("unites own tags, default tags and tagsAll, lower-cased", () => {
        assert.deepStrictEqual(keys({ Owner: "a" }, { "Data-Classification": "b" }, aws('{"tags":{"cost":"c"}}')), [["cost", "data-classification", "owner"], false]);
    });
    it("in preview (tagsAll unknown) known default tags complete the answer", () => {
        assert.deepStrictEqual(keys({ owner: "a" }, UNKNOWN, aws('{"tags":{"data-classification":"b"}}')), [["data-classification", "owner"], false]);
        assert.deepStrictEqual(keys({ owner: "a" }, UNKNOWN, aws()), [["owner"], false]);
    });
    it("more keys may come when tags, or tagsAll without a provider, or default tags are unknown", () => {
        assert.deepStrictEqual(keys(UNKNOWN, undefined, undefined)[1], true);
        assert.deepStrictEqual(keys({ owner: "a" }, UNKNOWN, undefined)[1], true);
        assert.deepStrictEqual(keys({ owner: "a" }, undefined, aws(UNKNOWN))[1], true);
        assert.deepStrictEqual(keys({ owner: "a" }, { owner: "a" }, aws(UNKNOWN))[1], false);
    });
});
