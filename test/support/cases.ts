/**
 * Table-driven policy tests. Each policy is tested through the real protocol with at least the
 * five kinds of input every policy must handle; `test/zz-coverage.spec.ts` fails when a policy of
 * the registry lacks one of them.
 */
import * as assert from "assert";
import type { PolicyPackConfigFile, PolicyPackProcess, Resource } from "../../policypack/engine/analyzer";
import { analyzeAsPreview, engineValidator, messagesOf, Outcome, outcomeOf, startPack } from "./harness";

export type Kind = "violating" | "compliant" | "absent" | "unknown" | "malformed";

export interface Case {
    kind: Kind;
    /** What the case shows, e.g. `directInternetAccess "Enabled"`. */
    title: string;
    props: Record<string, unknown>;
    expect: Outcome;
    /** Every diagnostic message of the policy must match. */
    message?: RegExp;
    /** Overrides the type token (e.g. a versioned azure-native token). */
    type?: string;
    /** The resource's provider as the engine sends it (e.g. an AWS provider with default tags). */
    provider?: Resource["provider"];
}

export const covered = new Map<string, Set<Kind>>();

/** A resource of a policyCases table, with the config its pack ran with (fixtures for the fuzz run). */
export interface Fixture {
    policy: string;
    type: string;
    kind: Kind;
    expect: Outcome;
    props: Record<string, unknown>;
    provider?: Resource["provider"];
    config: PolicyPackConfigFile;
}

/** Every case of every policyCases table, registered as the spec files load. */
export const fixtures: Fixture[] = [];

/** The config each usePack accessor configures (for fixtures). */
const accessorConfig = new WeakMap<object, PolicyPackConfigFile>();

/**
 * The pack for the enclosing describe block, configured with `config` (as `--policy-pack-config`
 * would). One pack process serves a whole test file: each block only re-sends Configure, as the
 * engine does, and the process is stopped when the next file starts (or at the end).
 */
export function usePack(config: PolicyPackConfigFile = {}): () => PolicyPackProcess {
    let view: PolicyPackProcess | undefined;
    before(async function () {
        this.timeout(120000);
        const pack = await packForFile(fileOf(this.test?.parent));
        // Blocks nest and share the file's process, and one block may hold several accessors with
        // different configs: every call first re-sends this accessor's config if another is in force.
        const ensure = async () => {
            if (configured.get(pack) !== config) {
                await pack.configure(config, engineValidator);
                configured.set(pack, config);
            }
        };
        view = Object.create(pack) as PolicyPackProcess;
        // A preview's view: what Analyze reports, and what the stack pass reports for the resource.
        view.analyze = async (r) => (await ensure(), analyzeAsPreview(pack, r));
        view.analyzeStack = async (rs) => (await ensure(), pack.analyzeStack(rs));
        view.remediate = async (r) => (await ensure(), pack.remediate(r));
        view.configure = async (file, validate) => (configured.delete(pack), pack.configure(file, validate));
        await ensure();
    });
    const accessor = () => {
        assert.ok(view, "pack not started");
        return view;
    };
    accessorConfig.set(accessor, config);
    return accessor;
}

let current: { file: string; pack: Promise<PolicyPackProcess> } | undefined;
const configured = new WeakMap<PolicyPackProcess, PolicyPackConfigFile>();

async function packForFile(file: string): Promise<PolicyPackProcess> {
    if (current?.file !== file) {
        const previous = current;
        current = { file, pack: startPack() };
        if (previous) {
            await (await previous.pack).stop();
        }
    }
    return current.pack;
}

function fileOf(suite: Mocha.Suite | undefined): string {
    for (let s = suite; s; s = s.parent) {
        if (s.file) {
            return s.file;
        }
    }
    return "";
}

// Root-level hook: the last file's pack is stopped when the run ends.
after(async () => {
    if (current) {
        await (await current.pack).stop();
        current = undefined;
    }
});

/** Defines one `it` per case for `policy` on resources of `type`. */
export function policyCases(pack: () => PolicyPackProcess, policy: string, type: string, cases: Case[]): void {
    let kinds = covered.get(policy);
    if (!kinds) {
        kinds = new Set();
        covered.set(policy, kinds);
    }
    for (const c of cases) {
        kinds.add(c.kind);
        fixtures.push({ policy, type: c.type ?? type, kind: c.kind, expect: c.expect, props: c.props, provider: c.provider, config: accessorConfig.get(pack) ?? {} });
        it(`${policy}: ${c.kind}: ${c.title} -> ${c.expect}`, async () => {
            const result = await pack().analyze({ type: c.type ?? type, name: "r", properties: c.props, provider: c.provider });
            const messages = messagesOf(result, policy);
            assert.strictEqual(outcomeOf(result, policy), c.expect, `diagnostics: ${JSON.stringify(messages)}`);
            if (c.message) {
                assert.ok(messages.length > 0, "no diagnostic to match the message against");
                for (const m of messages) {
                    assert.match(m, c.message);
                }
            }
        });
    }
}

/** Runs `policy` on `props` and returns its outcome and messages (for bespoke assertions). */
export async function judge(pack: PolicyPackProcess, policy: string, type: string, props: Record<string, unknown>) {
    const result = await pack.analyze({ type, name: "r", properties: props });
    return { outcome: outcomeOf(result, policy), messages: messagesOf(result, policy), result };
}
