/**
 * The pack as the engine sees it: analyzer info and metadata, configuration with the engine's
 * semantics (defaults, levels, validation errors), protocol edges, and the launcher.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";
import { PolicyConfigError, PolicyPackProcess } from "../policypack/engine/analyzer";
import { defaultEnforcement, detailsOf, Severity } from "../policypack/lib/policy";
import { displayNameOf } from "../policypack/lib/displayName";
import { GUIDELINE_DOCUMENT } from "../policypack/lib/guidelines";
import { PACK_DISPLAY_NAME, PACK_README, PACK_TAGS, repositoryOf } from "../policypack/metadata";
import { policies } from "../policypack/registry";
import { engineValidator, outcomeOf, REPO, startPack, UNKNOWN_VALUES } from "./support/harness";

const NOTEBOOK = "aws:sagemaker/notebookInstance:NotebookInstance";
const REPOSITORY = "aws:ecr/repository:Repository";
const openNotebook = { instanceType: "ml.t3.medium", roleArn: "arn:aws:iam::111122223333:role/n" };

describe("protocol: analyzer info and metadata", function () {
    let pack: PolicyPackProcess;
    before(async () => {
        pack = await startPack();
    });
    after(() => pack.stop());

    it("reports the pack's name, version and config support", async () => {
        const info = await pack.getAnalyzerInfo();
        const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
        assert.strictEqual(info.name, "secure-ai-policies");
        assert.strictEqual(info.version, pkg.version);
        assert.strictEqual(info.supportsConfig, true);
    });

    it("sends the pack's own metadata: display name, readme and tags (policypack/metadata.ts)", async () => {
        const raw = await new Promise<{ getDisplayname(): string; getReadme(): string; getTagsList(): string[]; getRepository(): string }>((resolve, reject) =>
            pack.rawClient.getAnalyzerInfo(new pack.modules.Empty(), (err, res) => (err ? reject(err) : resolve(res as never))),
        );
        assert.strictEqual(raw.getDisplayname(), PACK_DISPLAY_NAME);
        assert.strictEqual(raw.getReadme(), PACK_README);
        assert.deepStrictEqual(raw.getTagsList(), [...PACK_TAGS]);
        const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
        assert.strictEqual(raw.getRepository(), repositoryOf(pkg) ?? "");
    });

    it("sends every policy with its metadata on the SDK's own fields", async () => {
        const info = await pack.getAnalyzerInfo();
        assert.deepStrictEqual(
            info.policies.map((p) => p.name),
            policies.map((p) => p.name),
        );
        for (const [i, sent] of info.policies.entries()) {
            const p = policies[i];
            const d = detailsOf(p);
            assert.strictEqual(sent.severity, p.severity, p.name);
            // Retired policies stay registered, disabled (lib/policy.ts: retiredFor).
            const level = d.retiredFor !== undefined ? "disabled" : defaultEnforcement(p.severity as Severity);
            assert.strictEqual(sent.enforcementLevel, level, `${p.name}: level follows severity`);
            assert.strictEqual(sent.type, d.kind);
            assert.strictEqual(sent.description, p.description);
            assert.strictEqual(sent.displayName, displayNameOf(p.name));
            assert.deepStrictEqual(sent.framework, { ...GUIDELINE_DOCUMENT, reference: d.guidelines.join(", ") });
            for (const tag of [...d.guidelines, d.theme, ...d.controls]) {
                assert.ok(sent.tags.includes(tag), `${p.name} lacks tag ${tag}`);
            }
            assert.match(sent.url, /^https:\/\/(docs\.aws\.amazon\.com|learn\.microsoft\.com|www\.pulumi\.com)\//, p.name);
            assert.ok(sent.remediationSteps.length > 20, p.name);
            for (const [k, schema] of Object.entries(sent.configSchema?.properties ?? {})) {
                assert.ok("default" in schema, `${p.name}.${k} has no default`);
                assert.deepStrictEqual(
                    engineValidator({ type: "object", properties: sent.configSchema?.properties }, { [k]: schema.default }),
                    [],
                    `${p.name}.${k}: default fails its own schema`,
                );
            }
        }
    });

    it("names policies <cloud>-<service>-<what> in kebab-case, uniquely, with one-sentence descriptions", () => {
        const names = new Set<string>();
        for (const p of policies) {
            assert.match(p.name, /^(aws|azure|ai)-[a-z0-9]+(-[a-z0-9]+){1,7}$/, p.name);
            assert.ok(p.name.length <= 64, `${p.name} is longer than 64 characters`);
            assert.ok(!names.has(p.name), `duplicate ${p.name}`);
            names.add(p.name);
            assert.match(p.description, /^[A-Z][^\n]*\.$/, `${p.name}: description must be one sentence`);
            assert.ok(!/\.\s+[A-Z]/.test(p.description.slice(0, -1)), `${p.name}: description must be one sentence`);
        }
    });
});

describe("protocol: configuration with the engine's semantics", function () {
    let pack: PolicyPackProcess;
    before(async () => {
        pack = await startPack();
    });
    after(() => pack.stop());

    async function levelFor(policy: string, type: string, props: Record<string, unknown>) {
        const res = await pack.analyze({ type, name: "r", properties: props });
        return res.diagnostics.filter((d) => d.policyName === policy).map((d) => d.enforcementLevel);
    }

    it("defaults: high severity fails the preview (mandatory), medium warns (advisory), with severity on each diagnostic", async () => {
        await pack.configure({}, engineValidator);
        const res = await pack.analyze({ type: NOTEBOOK, name: "r", properties: openNotebook });
        const byName = new Map(res.diagnostics.map((d) => [d.policyName, d]));
        assert.strictEqual(byName.get("aws-sagemaker-notebook-no-direct-internet")?.enforcementLevel, "mandatory");
        assert.strictEqual(byName.get("aws-sagemaker-notebook-no-direct-internet")?.severity, "high");
        assert.strictEqual(byName.get("aws-sagemaker-notebook-kms")?.enforcementLevel, "advisory");
        assert.strictEqual(byName.get("aws-sagemaker-notebook-kms")?.severity, "medium");
    });

    it("a per-policy level, `all`, and `disabled` take effect in the engine's order", async () => {
        await pack.configure(
            { all: "mandatory", "aws-sagemaker-notebook-no-direct-internet": "advisory", "aws-sagemaker-notebook-root-disabled": { enforcementLevel: "disabled" } },
            engineValidator,
        );
        assert.deepStrictEqual(await levelFor("aws-sagemaker-notebook-no-direct-internet", NOTEBOOK, openNotebook), ["advisory"]);
        assert.deepStrictEqual(await levelFor("aws-sagemaker-notebook-kms", NOTEBOOK, openNotebook), ["mandatory"]);
        const res = await pack.analyze({ type: NOTEBOOK, name: "r", properties: openNotebook });
        assert.strictEqual(outcomeOf(res, "aws-sagemaker-notebook-root-disabled"), "pass");
        assert.ok(!res.notApplicable.some((n) => n.policyName === "aws-sagemaker-notebook-root-disabled"));
    });

    it("policy settings take effect, merged over the schema defaults", async () => {
        const props = {
            name: "m",
            imageTagMutability: "IMMUTABLE_WITH_EXCLUSION",
            imageTagMutabilityExclusionFilters: [{ filter: "latest*", filterType: "WILDCARD" }],
            tags: { "ai-workload": "true" },
        };
        await pack.configure({}, engineValidator);
        assert.strictEqual(outcomeOf(await pack.analyze({ type: REPOSITORY, name: "r", properties: props }), "aws-ecr-repository-immutable-tags"), "violation");
        const effective = await pack.configure({ "aws-ecr-repository-immutable-tags": { allowImmutableWithExclusion: true } }, engineValidator);
        // Every policy also carries the exemption settings' defaults (lib/exemptions.ts).
        const exemptionDefaults = { exemptions: [], exemptionMaxDays: 365 };
        assert.deepStrictEqual(effective["aws-ecr-repository-immutable-tags"], {
            enforcementLevel: "advisory",
            properties: { aiTagKeys: ["ai-workload"], allDataStores: false, allowImmutableWithExclusion: true, ...exemptionDefaults },
        });
        assert.strictEqual(outcomeOf(await pack.analyze({ type: REPOSITORY, name: "r", properties: props }), "aws-ecr-repository-immutable-tags"), "pass");
        assert.deepStrictEqual(effective["aws-sagemaker-notebook-kms"].properties, { approvedKmsKeyArns: [], ...exemptionDefaults });
    });

    it("an allow-list setting is enforced", async () => {
        await pack.configure({ "aws-sagemaker-notebook-kms": { approvedKmsKeyArns: ["arn:aws:kms:eu-west-1:111122223333:key/approved"] } }, engineValidator);
        const other = { ...openNotebook, kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/other" };
        const res = await pack.analyze({ type: NOTEBOOK, name: "r", properties: other });
        assert.strictEqual(outcomeOf(res, "aws-sagemaker-notebook-kms"), "violation");
        const ok = await pack.analyze({ type: NOTEBOOK, name: "r", properties: { ...openNotebook, kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/approved" } });
        assert.strictEqual(outcomeOf(ok, "aws-sagemaker-notebook-kms"), "pass");
    });

    it("rejects invalid settings with a message naming the policy and the field, as the engine does", async () => {
        await assert.rejects(pack.configure({ "aws-sagemaker-notebook-kms": { approvedKmsKeyArns: "arn:aws:kms:eu-west-1:1:key/k" } }, engineValidator), (e: Error) => {
            assert.ok(e instanceof PolicyConfigError);
            assert.match(e.message, /validating policy config for "secure-ai-policies"/);
            assert.match(e.message, /aws-sagemaker-notebook-kms: approvedKmsKeyArns: Invalid type\. Expected: array, given: string/);
            return true;
        });
        await assert.rejects(pack.configure({ "aws-sagemaker-notebook-kms": "strict" }, engineValidator), /"strict" is not a valid enforcement level/);
        await assert.rejects(pack.configure({ "aws-sagemaker-notebook-kms": 3 }, engineValidator), /must be a string or object/);
    });

    it("an unknown value is an advisory even when the policy is mandatory: reported once, by ai-preview-unknown-values, in the stack pass", async () => {
        await pack.configure({}, engineValidator);
        const notebook = { type: NOTEBOOK, name: "r", properties: { ...openNotebook, directInternetAccess: UNKNOWN_VALUES.string } };
        const res = await pack.analyze(notebook);
        assert.strictEqual(
            res.diagnostics.find((x) => x.policyName === "aws-sagemaker-notebook-no-direct-internet"),
            undefined,
        );
        const stack = await pack.analyzeStack([notebook]);
        const d = stack.diagnostics.find((x) => x.policyName === "ai-preview-unknown-values");
        assert.strictEqual(d?.enforcementLevel, "advisory");
        assert.match(d.message, /\ncannot verify until the values are known \(after `pulumi up`\): [^]*\n- aws-sagemaker-notebook-no-direct-internet: directInternetAccess\n/);
    });

    it("with ai-preview-unknown-values disabled, each policy reports its own unknowns as an advisory", async () => {
        await pack.configure({ "ai-preview-unknown-values": "disabled" }, engineValidator);
        const res = await pack.analyze({ type: NOTEBOOK, name: "r", properties: { ...openNotebook, directInternetAccess: UNKNOWN_VALUES.string } });
        const d = res.diagnostics.find((x) => x.policyName === "aws-sagemaker-notebook-no-direct-internet");
        assert.strictEqual(d?.enforcementLevel, "advisory");
        assert.match(
            d.message,
            /^SageMaker notebook instances must not have direct internet access\.\ncannot verify until the values are known \(after `pulumi up`\): directInternetAccess\./,
        );
        await pack.configure({}, engineValidator);
    });

    it("ConfigureStack with stack tags is accepted", async () => {
        await pack.configureStack({ tags: { "pulumi:project": "ml", team: "ml-platform" } });
    });
});

describe("protocol: edges the engine tolerates", function () {
    let pack: PolicyPackProcess;
    before(async () => {
        pack = await startPack();
    });
    after(() => pack.stop());

    function unary(method: string, req: unknown): Promise<{ code?: number; res?: unknown }> {
        const client = pack.rawClient as unknown as Record<string, (r: unknown, cb: (e: { code: number } | null, res: unknown) => void) => void>;
        return new Promise((resolve) => client[method].call(client, req, (e, res) => resolve(e ? { code: e.code } : { res })));
    }

    it("Handshake and Cancel answer UNIMPLEMENTED", async () => {
        const { pb, Empty } = pack.modules;
        assert.strictEqual((await unary("handshake", new pb.AnalyzerHandshakeRequest())).code, 12);
        assert.strictEqual((await unary("cancel", new Empty())).code, 12);
    });

    it("GetPluginInfo reports the @pulumi/policy version", async () => {
        const { Empty } = pack.modules;
        const { res } = await unary("getPluginInfo", new Empty());
        const policyPkg = JSON.parse(fs.readFileSync(require.resolve("@pulumi/policy/package.json", { paths: [REPO] }), "utf8"));
        assert.strictEqual((res as { getVersion(): string }).getVersion(), String(policyPkg.version).replace(/^v/, ""));
    });
});

describe("launcher and runtime dependencies", function () {
    it("starts through run-policy-pack (the engine's path) and directly, printing only the port first", async () => {
        for (const launcher of ["engine", "direct"] as const) {
            const pack = await PolicyPackProcess.start(REPO, { launcher });
            try {
                assert.ok(pack.port > 0);
                assert.strictEqual((await pack.getAnalyzerInfo()).name, "secure-ai-policies");
            } finally {
                await pack.stop();
            }
        }
    });

    it("depends at run time only on @pulumi/policy and @pulumi/pulumi, and ships compiled JavaScript", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
        assert.deepStrictEqual(Object.keys(pkg.dependencies).sort(), ["@pulumi/policy", "@pulumi/pulumi"]);
        assert.strictEqual(pkg.main, "bin/index.js");
        assert.ok(fs.existsSync(path.join(REPO, pkg.main)));
    });

    it("loads no cloud SDK module while judging a resource of every type the policies cover", async () => {
        // startPack preloads a guard that kills the pack (exit 97) if it loads @pulumi/aws or @pulumi/azure-native.
        const pack = await startPack();
        try {
            const types = new Set(policies.flatMap((p) => [...detailsOf(p).resourceTypes]));
            for (const type of types) {
                await pack.analyze({ type, name: "r", properties: {} });
            }
            await pack.analyzeStack([...types].map((type, i) => ({ type, name: `r${i}`, properties: {} })));
        } finally {
            await pack.stop();
        }
    });

    it("the guard really fails a process that loads a cloud SDK", () => {
        const guard = path.join(__dirname, "support", "noCloudSdk.js");
        const r = spawnSync(process.execPath, ["--require", guard, "-e", "require('@pulumi/aws/sagemaker')"], { cwd: REPO, encoding: "utf8" });
        assert.strictEqual(r.status, 97, r.stderr);
        assert.match(r.stderr, /loaded a cloud SDK module/);
    });
});

describe("per-resource exemptions by tag", function () {
    let pack: PolicyPackProcess;
    before(async () => {
        pack = await startPack();
    });
    after(() => pack.stop());

    it("exempts a resource from the policies its secure-ai-policies/exempt tag names, visibly", async () => {
        const tags = { "secure-ai-policies/exempt": "aws-sagemaker-notebook-kms aws-sagemaker-notebook-in-vpc" };
        const res = await pack.analyze({ type: NOTEBOOK, name: "r", properties: { ...openNotebook, tags } });
        for (const p of ["aws-sagemaker-notebook-kms", "aws-sagemaker-notebook-in-vpc"]) {
            assert.strictEqual(outcomeOf(res, p), "not-applicable", p);
            assert.match(res.notApplicable.find((n) => n.policyName === p)!.reason, /exempted by the resource's secure-ai-policies\/exempt tag/);
        }
        assert.strictEqual(outcomeOf(res, "aws-sagemaker-notebook-root-disabled"), "violation", "other policies still apply");
    });

    it("accepts comma-separated names (Azure) and ignores an exemption tag unknown during preview", async () => {
        const commas = await pack.analyze({
            type: NOTEBOOK,
            name: "r",
            properties: { ...openNotebook, tags: { "secure-ai-policies/exempt": "aws-sagemaker-notebook-kms,aws-sagemaker-notebook-imdsv2" } },
        });
        assert.strictEqual(outcomeOf(commas, "aws-sagemaker-notebook-imdsv2"), "not-applicable");
        const unknown = await pack.analyze({ type: NOTEBOOK, name: "r", properties: { ...openNotebook, tags: { "secure-ai-policies/exempt": UNKNOWN_VALUES.string } } });
        assert.strictEqual(outcomeOf(unknown, "aws-sagemaker-notebook-kms"), "violation");
    });
});

describe("per-resource exemptions in stack policies", function () {
    let pack: PolicyPackProcess;
    before(async () => {
        pack = await startPack();
    });
    after(() => pack.stop());

    it("a stack policy does not report a resource whose exemption tag names it", async () => {
        const model = (tags: Record<string, string>) => ({
            type: "aws:sagemaker/model:Model",
            name: "fraud",
            properties: { executionRoleArn: "arn:aws:iam::111122223333:role/m", primaryContainer: { image: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/m:1" }, tags },
        });
        const flagged = await pack.analyzeStack([model({ owner: "ml" })]);
        assert.ok(
            flagged.diagnostics.some((d) => d.policyName === "aws-sagemaker-model-card" && d.urn.endsWith("::fraud")),
            JSON.stringify(flagged.diagnostics.map((d) => d.policyName)),
        );
        const exempt = await pack.analyzeStack([model({ owner: "ml", "secure-ai-policies/exempt": "aws-sagemaker-model-card" })]);
        assert.ok(!exempt.diagnostics.some((d) => d.policyName === "aws-sagemaker-model-card"));
    });
});
