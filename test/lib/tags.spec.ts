import * as assert from "assert";
import { UNKNOWN } from "../../policypack/lib/props";
import { ProviderLike, tagKeys, taggedWith } from "../../policypack/lib/tags";

const aws = (defaultTags?: unknown): ProviderLike => ({ type: "pulumi:providers:aws", props: defaultTags === undefined ? {} : { defaultTags } });
const KEYS = ["ai-workload"];

/** taggedWith, and the properties it says are unknown (and malformed, marked with "!"). */
function judge(tags: unknown, tagsAll: unknown, provider?: ProviderLike): [boolean | undefined, string[]] {
    const reported: string[] = [];
    const answer = taggedWith({ tags, tagsAll, provider }, KEYS, { unknown: (p) => void reported.push(p), malformed: (p) => void reported.push(`!${p}`) });
    return [answer, reported];
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
        ["tags is a list: malformed, never silently untagged", ["ai-workload"], undefined, undefined, undefined, ["!tags"]],
        ["tags is a string: malformed", "ai-workload=true", undefined, undefined, undefined, ["!tags"]],
        ["a boolean true value (YAML programs send one) counts as set", { "ai-workload": true }, undefined, undefined, true, []],
        ["a boolean false value says no", { "ai-workload": false }, undefined, undefined, false, []],
        ["a number counts as its text", { "ai-workload": 1 }, undefined, undefined, true, []],
        ["a number 0 says no", { "ai-workload": 0 }, undefined, undefined, false, []],
        ["an object value is malformed", { "ai-workload": { on: true } }, undefined, undefined, undefined, ["!tags.ai-workload"]],
        ["own tags unknown, default tags mark it: settled, nothing unknown reported", UNKNOWN, undefined, aws('{"tags":{"ai-workload":"1"}}'), true, []],
        ["tagsAll malformed", {}, "x", undefined, undefined, ["!tagsAll"]],
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
    it("reports a tag container that is not a map as malformed, naming it", () => {
        const reported: string[] = [];
        const k = tagKeys({ tags: ["owner"], tagsAll: undefined, provider: undefined }, { malformed: (p) => void reported.push(p) });
        assert.deepStrictEqual([k.malformed, reported], [true, ["tags"]]);
    });
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
