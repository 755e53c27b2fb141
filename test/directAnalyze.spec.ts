/**
 * The pack's own Analyze handler (lib/directAnalyze.ts) must answer exactly what the SDK's handler
 * answers: a pack with it and a pack without (SECURE_AI_POLICIES_FAST_PATHS=0) must agree on every
 * diagnostic (policy, message, severity, enforcement level, URN) and every not-applicable entry
 * (policy and reason, in order), over the benchmark's resource mix, resources with preview
 * unknowns, empty properties, other spellings of their types and providers, under configurations
 * that disable, tighten and remediate, and over every resource of the example programs.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Writable } from "stream";
import { readProgram } from "../policypack/cli/program";
import { programSource } from "../policypack/cli/sources/program";
import { pulumiDirOf, type AnalyzeResult, type PolicyPackConfigFile, type PolicyPackProcess, type Resource } from "../policypack/engine/analyzer";
import { SDK_SERVER_SHA256 } from "../policypack/lib/directAnalyze";
import { sdkFile } from "../policypack/lib/sdk";
import { benchResources } from "./bench/resources";
import { REPO, startPack, UNKNOWN_VALUES } from "./support/harness";

const EXAMPLES = path.join(REPO, "examples");

/** The bench's mix, and the same resources with preview unknowns, no properties, and a provider with default tags. */
function resourceMix(): Resource[] {
    const out = benchResources(400);
    for (const [i, base] of benchResources(400).entries()) {
        const r = { ...base, name: `${base.name}-v` };
        if (i % 3 === 0) r.properties = {};
        if (i % 3 === 1) r.properties = { ...r.properties, tags: UNKNOWN_VALUES.object, policy: UNKNOWN_VALUES.string, kmsKeyId: UNKNOWN_VALUES.string };
        if (i % 3 === 2 && r.type.startsWith("aws:")) {
            r.provider = {
                type: "pulumi:providers:aws",
                name: "default_7_0_0",
                urn: "urn:pulumi:dev::p::pulumi:providers:aws::default_7_0_0",
                properties: { defaultTags: { tags: { "ai-workload": "true" } } },
            };
        }
        if (i % 5 === 0 && r.type === "aws:s3/bucket:Bucket") r.type = "aws:s3/bucketV2:BucketV2";
        out.push(r);
    }
    return out;
}

/** The resources of an example program, as `check` sends them (the program is run once). */
async function exampleResources(name: string): Promise<Resource[]> {
    const yaml = require(require.resolve("js-yaml", { paths: [pulumiDirOf(REPO)] })) as { load(t: string): unknown };
    const source = programSource(readProgram(path.join(EXAMPLES, name), "dev", {}, yaml), "dev", REPO);
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    const { resources } = await source.resources({ out: sink, progress: () => undefined, clear: () => undefined, onStop: () => undefined, timeoutSeconds: 300 });
    return resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, properties: r.properties, options: r.options, provider: r.provider }));
}

async function sameResults(fast: PolicyPackProcess, plain: PolicyPackProcess, resources: Resource[]): Promise<{ diagnostics: number; notApplicable: number }> {
    let diagnostics = 0;
    let notApplicable = 0;
    for (let i = 0; i < resources.length; i += 50) {
        const batch = resources.slice(i, i + 50);
        const [a, b] = await Promise.all([Promise.all(batch.map((r) => fast.analyze(r))), Promise.all(batch.map((r) => plain.analyze(r)))]);
        a.forEach((x: AnalyzeResult, j) => {
            assert.deepStrictEqual(x, b[j], `${batch[j].type}::${batch[j].name}`);
            diagnostics += x.diagnostics.length;
            notApplicable += x.notApplicable.length;
        });
    }
    return { diagnostics, notApplicable };
}

describe("direct Analyze (lib/directAnalyze.ts) answers exactly as the SDK's handler", function () {
    let fast: PolicyPackProcess;
    let plain: PolicyPackProcess;
    before(async () => {
        [fast, plain] = await Promise.all([startPack(), startPack({}, { env: { SECURE_AI_POLICIES_FAST_PATHS: "0" } })]);
    });
    after(async () => {
        await Promise.all([fast.stop(), plain.stop()]);
    });

    it("is written against the installed @pulumi/policy server (else the pack runs on the SDK's path)", () => {
        const { createHash } = require("crypto") as typeof import("crypto");
        const hash = createHash("sha256")
            .update(fs.readFileSync(sdkFile("@pulumi/policy/server.js")!))
            .digest("hex");
        assert.strictEqual(hash, SDK_SERVER_SHA256, "@pulumi/policy changed: review lib/directAnalyze.ts against its server.js, then update the hash");
    });

    it("over the benchmark's mix, with unknowns, empty properties, other spellings and providers", async () => {
        const n = await sameResults(fast, plain, resourceMix());
        assert.ok(n.diagnostics > 200 && n.notApplicable > 10000, "the comparison should involve real findings and not-applicable entries");
    });

    it("under a config that disables, tightens and remediates, and with stack tags", async () => {
        const config: PolicyPackConfigFile = {
            all: "mandatory",
            "aws-s3-ai-bucket-public-access-block": "disabled",
            "aws-sagemaker-endpoint-data-capture": "remediate",
        };
        try {
            await Promise.all([fast.configureStack({ tags: { team: "ml" } }), plain.configureStack({ tags: { team: "ml" } })]);
            await Promise.all([fast.configure(config), plain.configure(config)]);
            const n = await sameResults(fast, plain, resourceMix());
            assert.ok(n.diagnostics > 200);
        } finally {
            await Promise.all([fast.configure(), plain.configure()]);
        }
    });

    for (const name of fs.readdirSync(EXAMPLES).filter((d) => fs.existsSync(path.join(EXAMPLES, d, "expected-violations.json")))) {
        it(`over every resource of examples/${name}, with its policy config`, async () => {
            const configFile = path.join(EXAMPLES, name, "policy-config.json");
            const config = fs.existsSync(configFile) ? (JSON.parse(fs.readFileSync(configFile, "utf8")) as PolicyPackConfigFile) : {};
            const resources = await exampleResources(name);
            assert.ok(resources.length > 10, "the program registered its resources");
            try {
                await Promise.all([fast.configure(config), plain.configure(config)]);
                await sameResults(fast, plain, resources);
            } finally {
                await Promise.all([fast.configure(), plain.configure()]);
            }
        });
    }
});
