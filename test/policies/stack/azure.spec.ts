import * as assert from "assert";
import { UNKNOWN_VALUES } from "../../support/harness";
import { usePack } from "../../support/cases";
import { assertClean, assertUnknowns, azureStack, OmissionCase, omissionCases, urnByName, findings, patch, preview, replace, without, withoutGraph } from "./support";

const u = urnByName;

describe("stack: Azure ML platform", function () {
    const pack = usePack();
    const base = azureStack();

    it("a compliant stack gives no finding", async () => {
        assertClean(await pack().analyzeStack(base));
    });

    describe("each single omission gives exactly its violation, on the offending resource", () => {
        const cases: OmissionCase[] = [
            {
                title: "workspace without diagnostic setting",
                stack: () => without(base, "ml-workspace-diag"),
                expect: [{ policy: "azure-machinelearning-workspace-diagnostic-settings", on: "ml-workspace", message: /has no diagnostic setting/ }],
            },
            {
                title: "online endpoint without diagnostic setting",
                stack: () => without(base, "scoring-diag"),
                expect: [{ policy: "azure-machinelearning-endpoint-registry-diagnostic-settings", on: "scoring" }],
            },
            {
                title: "workspace registry without diagnostic setting",
                stack: () => without(base, "mlacr-diag"),
                expect: [{ policy: "azure-machinelearning-endpoint-registry-diagnostic-settings", on: "mlacr", message: /container registry of an AI workload/ }],
            },
            {
                title: "OpenAI account without diagnostic setting",
                stack: () => without(base, "openai-diag"),
                expect: [{ policy: "azure-cognitiveservices-account-diagnostic-settings", on: "openai" }],
            },
            {
                title: "AI Search without diagnostic setting",
                stack: () => without(base, "rag-search-diag"),
                expect: [{ policy: "azure-search-keyvault-diagnostic-settings", on: "rag-search" }],
            },
            {
                title: "workspace key vault without diagnostic setting",
                stack: () => without(base, "mlkv-diag"),
                expect: [{ policy: "azure-search-keyvault-diagnostic-settings", on: "mlkv", message: /key vault of an AI workload/ }],
            },
            {
                title: "a diagnostic setting that enables no logs",
                stack: () => patch(base, "openai-diag", (p) => ({ ...p, logs: [{ categoryGroup: "allLogs", enabled: false }] })),
                expect: [{ policy: "azure-cognitiveservices-account-diagnostic-settings", on: "openai", message: /"openai-diag"\) that send no resource logs/ }],
            },
            {
                title: "a diagnostic setting without a destination",
                stack: () => patch(base, "ml-workspace-diag", ({ workspaceId: _, ...p }) => p),
                expect: [{ policy: "azure-machinelearning-workspace-diagnostic-settings", on: "ml-workspace" }],
            },
            {
                title: "workspace storage without blob soft delete",
                stack: () => without(base, "mlstore-blob"),
                expect: [{ policy: "azure-storage-ai-blob-soft-delete-versioning", on: "mlstore", message: /no BlobServiceProperties/ }],
            },
            {
                title: "blob versioning off",
                stack: () => patch(base, "mlstore-blob", (p) => ({ ...p, isVersioningEnabled: false })),
                expect: [{ policy: "azure-storage-ai-blob-soft-delete-versioning", on: "mlstore-blob", message: /isVersioningEnabled is false/ }],
            },
            {
                title: "the workspace's storage account is not tagged as AI",
                stack: () => patch(base, "mlstore", (p) => ({ ...p, tags: { owner: "ml-platform", "data-classification": "confidential" } })),
                expect: [{ policy: "ai-data-stores-tagged", on: "mlstore", message: /used by the AI resource "ml-workspace" \(Workspace\)/ }],
            },
            {
                title: "OpenAI account without inventory tags",
                stack: () => patch(base, "openai", ({ tags: _, ...p }) => p),
                expect: [{ policy: "ai-assets-required-tags", on: "openai", message: /"owner", "data-classification"/ }],
            },
        ];
        omissionCases(pack, cases);
    });

    it("the graph alone puts an untagged workspace storage account in scope", async () => {
        const stack = without(
            patch(base, "mlstore", (p) => ({ ...p, tags: {} })),
            "mlstore-blob",
        );
        const fs = findings(await pack().analyzeStack(stack), new Set(["azure-storage-ai-blob-soft-delete-versioning"]));
        assert.deepStrictEqual(
            fs.map((f) => f.urn),
            [u(stack, "mlstore")],
        );
    });

    describe("graph-proven AI data stores get their high-severity resource-level controls in the stack pass (lib/handover.ts)", () => {
        const untagged = (network: Record<string, unknown>) =>
            patch(base, "mlstore", ({ tags: _, publicNetworkAccess: __, ...p }) => ({ ...p, ...network, tags: { owner: "ml-platform" } }));
        const NETWORK = new Set(["azure-storage-network-restricted"]);
        const wide = usePack({ "azure-storage-network-restricted": { allDataStores: true } });

        it("an untagged workspace storage account open to every network gets the network finding, saying why", async () => {
            const stack = untagged({ publicNetworkAccess: "Enabled" });
            const result = await pack().analyzeStack(stack);
            const fs = findings(result, NETWORK);
            assert.deepStrictEqual(
                fs.map((f) => [f.urn, f.advisory]),
                [[u(stack, "mlstore"), false]],
            );
            assert.match(fs[0].message, /publicNetworkAccess is "Enabled".*Judged as an AI data store: the AI resource "ml-workspace" \(Workspace\) uses it/s);
            assert.strictEqual(result.diagnostics.find((d) => d.policyName === "azure-storage-network-restricted")?.enforcementLevel, "mandatory");
        });
        it("the workspace's untagged key vault, registry and storage account get every high and critical control of theirs", async () => {
            const untag = ({ tags: _, ...p }: Record<string, unknown>) => ({ ...p, tags: { owner: "ml-platform" } });
            let stack = patch(base, "mlstore", (p) => ({ ...untag(p), allowBlobPublicAccess: true }));
            stack = patch(stack, "mlkv", (p) => ({ ...untag(p), properties: { ...(p.properties as object), enablePurgeProtection: false } }));
            stack = patch(stack, "mlacr", (p) => ({ ...untag(p), anonymousPullEnabled: true }));
            const HANDED = new Set(["azure-storage-blob-public-access-disabled", "azure-keyvault-purge-protection", "azure-acr-anonymous-pull-disabled"]);
            const fs = findings(await pack().analyzeStack(stack), HANDED);
            assert.deepStrictEqual(
                fs.map((f) => [f.policy, f.urn, f.advisory]).sort(),
                [
                    ["azure-acr-anonymous-pull-disabled", u(stack, "mlacr"), false],
                    ["azure-keyvault-purge-protection", u(stack, "mlkv"), false],
                    ["azure-storage-blob-public-access-disabled", u(stack, "mlstore"), false],
                ].sort(),
            );
            for (const f of fs) {
                assert.match(f.message, /Judged as an AI data store: the AI resource "ml-workspace" \(Workspace\) uses it/);
            }
        });
        it("an untagged one with the network closed passes", async () => {
            assert.deepStrictEqual(findings(await pack().analyzeStack(untagged({ publicNetworkAccess: "Disabled" })), NETWORK), []);
        });
        it("its network setting unknown in preview: 'cannot verify', never a violation", async () => {
            const fs = findings(await pack().analyzeStack(untagged({ publicNetworkAccess: UNKNOWN_VALUES.string })), NETWORK);
            assert.ok(fs.length === 1 && fs[0].unknown && fs[0].advisory, JSON.stringify(fs));
        });
        it("a tagged store is judged by the resource pass only, not twice", async () => {
            const stack = patch(base, "mlstore", (p) => ({ ...p, publicNetworkAccess: "Enabled" }));
            const result = await pack().analyzeStack(stack);
            assert.deepStrictEqual(findings(result, NETWORK), []);
            assert.ok(result.notApplicable.some((n) => n.policyName === "azure-storage-network-restricted" && /AI by the dependency graph alone/.test(n.reason)));
        });
        it("with allDataStores the resource pass judges every store, so the stack pass does not", async () => {
            const result = await wide().analyzeStack(untagged({ publicNetworkAccess: "Enabled" }));
            assert.deepStrictEqual(findings(result, NETWORK), []);
        });
        it("a store exempted from the policy is not judged", async () => {
            const stack = patch(untagged({ publicNetworkAccess: "Enabled" }), "mlstore", (p) => ({
                ...p,
                tags: { owner: "ml-platform", "secure-ai-policies/exempt": "azure-storage-network-restricted" },
            }));
            assert.deepStrictEqual(findings(await pack().analyzeStack(stack), NETWORK), []);
        });
    });

    it("versioned tokens and the old insights module are the same resources", async () => {
        const stack = base.map((r) =>
            r.type === "azure-native:machinelearningservices:Workspace"
                ? { ...r, type: "azure-native:machinelearningservices/v20240401:Workspace" }
                : r.type === "azure-native:monitor:DiagnosticSetting"
                  ? { ...r, type: "azure-native:insights/v20210501preview:DiagnosticSetting" }
                  : r,
        );
        assertClean(await pack().analyzeStack(stack));
    });

    it("the tokens of generated local packages (`pulumi package add azure-native <module> <version>`) are the same resources", async () => {
        // Every token and every URN (which embeds the token) as the engine sends them for such a program.
        const generated = (stack: typeof base) => {
            const spell = (type: string) => type.replace(/^azure-native:([a-z]+):([A-Za-z]+)$/, "azure-native_$1_v20250401preview:$1:$2");
            const urns = new Map(stack.map((r) => [r.urn as string, (r.urn as string).replace(`::${r.type}::`, `::${spell(r.type)}::`)]));
            const re = (urn: string) => urns.get(urn) ?? urn;
            return stack.map((r) => ({
                ...r,
                type: spell(r.type),
                urn: re(r.urn as string),
                parent: r.parent === undefined ? undefined : re(r.parent),
                dependencies: r.dependencies?.map(re),
                propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([k, v]) => [k, v.map(re)])),
            }));
        };
        assertClean(await pack().analyzeStack(generated(base)));
        const open = generated(without(base, "openai-diag"));
        const fs = findings(await pack().analyzeStack(open));
        assert.deepStrictEqual(
            fs.map((f) => [f.policy, f.urn]),
            [["azure-cognitiveservices-account-diagnostic-settings", u(open, "openai")]],
        );
    });

    describe("preview and correlation", () => {
        it("stays clean in preview when the graph links the resources", async () => {
            assertClean(await pack().analyzeStack(preview(base, ["name", "id"])));
        });
        it("without a graph, resource URIs with known names link the settings (second source)", async () => {
            assertClean(await pack().analyzeStack(withoutGraph(base)));
        });
        it("without a graph, a setting's own id links it when its resourceUri is not in the outputs", async () => {
            const stack = withoutGraph(base).map((r) => {
                if (r.type !== "azure-native:monitor:DiagnosticSetting" && r.type !== "azure-native:insights:DiagnosticSetting") {
                    return r;
                }
                const { resourceUri, ...rest } = r.properties;
                return { ...r, properties: { ...rest, id: `${String(resourceUri)}/providers/Microsoft.Insights/diagnosticSettings/${r.name}` } };
            });
            assertClean(await pack().analyzeStack(stack));
        });
        it("a resourceUri known only after `pulumi up`, with no graph, is 'cannot verify' on every possible target", async () => {
            const stack = replace(withoutGraph(base), "openai-diag", (r) => ({ ...r, properties: { ...r.properties, resourceUri: UNKNOWN_VALUES.string } }));
            const fs = findings(await pack().analyzeStack(stack));
            assert.ok(
                fs.every((f) => f.unknown && f.advisory),
                JSON.stringify(fs),
            );
            assert.ok(fs.some((f) => f.urn === u(stack, "openai")));
        });
        it("a blob service whose account name is unknown and unlinked is 'cannot verify' on the account", async () => {
            const stack = replace(base, "mlstore-blob", (r) => ({
                ...r,
                properties: { ...r.properties, accountName: UNKNOWN_VALUES.string },
                propertyDependencies: {},
                dependencies: [],
            }));
            assertUnknowns(await pack().analyzeStack(stack), [
                { policy: "azure-storage-ai-blob-soft-delete-versioning", urn: u(stack, "mlstore"), message: /cannot verify until the values are known/ },
            ]);
        });
    });
});
