/**
 * A seeded, bounded fuzz run through the Analyzer protocol. Its seeds are the policies' own test
 * fixtures (every policyCases table and remediationCases spec, registered as the spec files load,
 * so this file runs after them) and the realistic stacks of the stack tests. At positions of those
 * properties it sends values unknown during preview, unknown list elements, wrong JSON types,
 * removed values and marker text as secrets, and checks the invariants of README "Reliability":
 *
 * 1. no call fails and no policy fails ("the policy failed", the SDK's "can't run policy");
 * 2. no diagnostic, not-applicable reason or remediation diagnostic shows marker text sent as a secret;
 * 3. an unknown never turns a passing (or not applicable) policy into a violation: at worst it
 *    is "cannot verify";
 * 4. a wrong type where removing the value would be a finding is itself a finding (never a pass);
 * 5. remediations only tighten, are idempotent and keep secrets secret;
 * 6. requests sent concurrently get exactly the results they get one at a time;
 * 7. every call answers within a time bound.
 *
 * `npm test` runs a quick sample (one position of each kind per fixture); `npm run fuzz` runs
 * every position (FUZZ=full), with and without the fast paths. FUZZ_SEED picks another sample.
 */
import * as assert from "assert";
import type { AnalyzeResult, PolicyPackConfigFile, PolicyPackProcess, Resource, StackResource } from "../policypack/engine/analyzer";
import { detailsOf } from "../policypack/lib/policy";
import { policies } from "../policypack/registry";
import { awsStack, azureStack, findings, preview } from "./policies/stack/support";
import { Fixture, fixtures } from "./support/cases";
import {
    deletedAt,
    isSecretEnvelope,
    longListAt,
    mapLeaves,
    MARKER,
    MARKER_ACCOUNT,
    sentinelFor,
    unknownElementEverywhere,
    Position,
    positions,
    random,
    sample,
    secretMarkerAt,
    secretPaths,
    showPath,
    unknownAt,
    unknownElementAt,
    valueAt,
    wrongTypeAt,
} from "./support/fuzz";
import { engineValidator, Outcome, outcomeOf, secret, startPack } from "./support/harness";
import { remediationFixtures } from "./support/remediation";

const FULL = process.env.FUZZ === "full";
const SEED = Number(process.env.FUZZ_SEED ?? 15);
/** Positions tried per fixture and kind of mutation. */
const PER_FIXTURE = Number(process.env.FUZZ_PER ?? (FULL ? Number.POSITIVE_INFINITY : 1));
/** No single call may take longer (generous: the machine may be busy). */
const CALL_BOUND_MS = 10000;

const RESOURCE_POLICIES = policies.filter((p) => detailsOf(p).kind === "resource").map((p) => p.name);
const CRASH = /the policy failed|can't run policy|Please report this/;

/** Collects invariant failures; each test asserts none, showing the first few. */
class Failures {
    readonly list: string[] = [];
    add(invariant: string, where: string, detail: string): void {
        this.list.push(`${invariant}: ${where}: ${detail}`);
    }
    assertNone(): void {
        const shown = this.list.slice(0, 25).join("\n");
        assert.strictEqual(this.list.length, 0, `${this.list.length} invariant failures (seed ${SEED}):\n${shown}`);
    }
}

function outcomes(result: AnalyzeResult): Map<string, Outcome> {
    const out = new Map<string, Outcome>();
    for (const name of RESOURCE_POLICIES) {
        out.set(name, outcomeOf(result, name));
    }
    return out;
}

/** Invariants 1, 2 and 7 for one answer. */
function checkAnswer(f: Failures, where: string, result: AnalyzeResult, ms: number, markers: readonly string[] = []): void {
    for (const d of result.diagnostics) {
        if (CRASH.test(d.message)) {
            f.add("no policy fails", where, `${d.policyName}: ${d.message.split("\n").pop()}`);
        }
        for (const m of markers) {
            if (d.message.includes(m) || d.description.includes(m)) {
                f.add("no secret text", where, `${d.policyName} shows it: ${d.message.split("\n").pop()}`);
            }
        }
    }
    for (const n of result.notApplicable) {
        for (const m of markers) {
            if (n.reason.includes(m)) {
                f.add("no secret text", where, `${n.policyName}'s not-applicable reason shows it: ${n.reason}`);
            }
        }
    }
    if (ms > CALL_BOUND_MS) {
        f.add("bounded time", where, `the call took ${Math.round(ms)} ms`);
    }
}

async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
    const started = process.hrtime.bigint();
    const value = await call();
    return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** Fixtures the quick run samples (the full run takes them all). */
const QUICK_FIXTURES = Number(process.env.FUZZ_FIXTURES ?? 300);

/** The fixtures (each resource once; `limit` of them, seeded) grouped by the config their pack ran with. */
function fixtureGroups(limit = Number.POSITIVE_INFINITY, rand?: () => number): Map<string, Fixture[]> {
    const unique = new Map<string, Fixture>();
    for (const f of fixtures) {
        unique.set(JSON.stringify([f.config, f.type, f.props, f.provider]), f);
    }
    const chosen = rand && limit < unique.size ? sample(rand, [...unique.values()], limit) : [...unique.values()];
    const groups = new Map<string, Fixture[]>();
    for (const f of chosen) {
        const config = JSON.stringify(f.config);
        groups.set(config, [...(groups.get(config) ?? []), f]);
    }
    return groups;
}

describe(`fuzz (${FULL ? "full" : "quick"} run, seed ${SEED})`, function () {
    this.timeout(FULL ? 4 * 3600 * 1000 : 600000);
    let pack: PolicyPackProcess;
    /** Requests and their answers, replayed concurrently by invariant 6. */
    const replay: { config: PolicyPackConfigFile; resource: Resource; result: AnalyzeResult }[] = [];

    before(async function () {
        this.timeout(120000);
        assert.ok(fixtures.length > 100, "the policy specs register their fixtures (run the whole suite, or npm run fuzz)");
        pack = await startPack({}, { env: process.env.FUZZ_FAST_PATHS === "0" ? { SECURE_AI_POLICIES_FAST_PATHS: "0" } : {} });
    });
    after(async () => {
        await pack?.stop();
    });

    it("resource policies: no failure, no secret text, unknowns never violate, wrong types never pass", async () => {
        const f = new Failures();
        const rand = random(SEED);
        let calls = 0;
        for (const [config, group] of fixtureGroups(FULL ? Number.POSITIVE_INFINITY : QUICK_FIXTURES, rand)) {
            const file = JSON.parse(config) as PolicyPackConfigFile;
            await pack.configure(file, engineValidator);
            for (const fx of group) {
                const resource = (props: Record<string, unknown>): Resource => ({ type: fx.type, name: "r", properties: props, provider: fx.provider });
                const analyze = async (props: Record<string, unknown>, where: string, markers: string[] = []) => {
                    const r = resource(props);
                    const { value, ms } = await timed(() => pack.analyze(r));
                    calls++;
                    checkAnswer(f, where, value, ms, markers);
                    if (rand() < 0.05) replay.push({ config: file, resource: r, result: value });
                    return value;
                };
                const label = `${fx.policy} ${fx.kind} fixture (${fx.type})`;
                const base = outcomes(await analyze(fx.props, label));
                const all = positions(fx.props);
                const judged = (p: Position, what: string) => `${label}, ${what} at ${showPath(p.path)}`;

                // 3: an unknown value, or an unknown element beside known ones, never violates.
                const unknownCases: [Position, Record<string, unknown> | undefined, string][] = [
                    ...sample(rand, all, PER_FIXTURE).map((p): [Position, Record<string, unknown> | undefined, string] => [p, unknownAt(fx.props, p), "unknown value"]),
                    ...sample(
                        rand,
                        all.filter((p) => p.kind === "array" && !p.inJson),
                        PER_FIXTURE,
                    ).map((p): [Position, Record<string, unknown> | undefined, string] => [p, unknownElementAt(fx.props, p, rand), "unknown element"]),
                ];
                for (const [p, props, what] of unknownCases) {
                    if (!props) continue;
                    const after = outcomes(await analyze(props, judged(p, what)));
                    for (const [policy, before] of base) {
                        const now = after.get(policy);
                        if ((before === "pass" || before === "not-applicable") && now !== before && now !== "unknown" && now !== "pass") {
                            f.add("unknowns never violate", judged(p, what), `${policy} was ${before}, is ${now}`);
                        }
                    }
                }

                // 4: where removing a value is a finding, a value of the wrong type is one too.
                for (const p of sample(rand, all, PER_FIXTURE)) {
                    const removed = outcomes(await analyze(deletedAt(fx.props, p), judged(p, "value removed")));
                    const wrongResult = await analyze(wrongTypeAt(fx.props, p), judged(p, "wrong type"));
                    const wrong = outcomes(wrongResult);
                    for (const [policy, before] of base) {
                        const gone = removed.get(policy);
                        const now = wrong.get(policy);
                        if (before === "pass" && (gone === "violation" || gone === "malformed") && (now === "pass" || now === "not-applicable")) {
                            f.add("wrong types never pass", judged(p, `a ${p.kind} replaced by another type`), `${policy} is ${now} (removing it: ${gone})`);
                        }
                    }
                }

                // 2: marker text sent as a secret is never shown.
                for (const p of sample(
                    rand,
                    all.filter((x) => x.kind === "string"),
                    PER_FIXTURE,
                )) {
                    const marked = secretMarkerAt(fx.props, p, Math.floor(rand() * 3)) ?? secretMarkerAt(fx.props, p, 0);
                    if (marked) await analyze(marked.props, judged(p, "secret with marker text"), marked.markers);
                }
            }
        }
        assert.ok(calls > Math.min(fixtures.length, QUICK_FIXTURES), `only ${calls} calls`);
        f.assertNone();
    });

    it("resources sent concurrently get exactly their answers sent one at a time", async () => {
        const byConfig = new Map<string, typeof replay>();
        for (const r of replay) {
            const key = JSON.stringify(r.config);
            byConfig.set(key, [...(byConfig.get(key) ?? []), r]);
        }
        let compared = 0;
        for (const [config, list] of byConfig) {
            await pack.configure(JSON.parse(config) as PolicyPackConfigFile, engineValidator);
            const again = await Promise.all(list.map((r) => pack.analyze(r.resource)));
            again.forEach((r, i) => assert.deepStrictEqual(r, list[i].result, `${list[i].resource.type} ${JSON.stringify(list[i].resource.properties)}`));
            compared += list.length;
        }
        assert.ok(compared > 10, `only ${compared} answers compared`);
    });

    it("remediations only tighten, are idempotent, keep secrets secret and never show them", async () => {
        const f = new Failures();
        const rand = random(SEED + 1);
        for (const { policy, type, spec } of remediationFixtures) {
            await pack.configure({ [policy]: "remediate" }, engineValidator);
            const seeds = [spec.violating, spec.fixed, ...spec.compliant, spec.unknown];
            for (const props0 of seeds) {
                const variants: { props: Record<string, unknown>; what: string; markers: string[] }[] = [{ props: props0, what: "as given", markers: [] }];
                const all = positions(props0);
                for (const p of sample(rand, all, PER_FIXTURE)) {
                    variants.push({ props: unknownAt(props0, p), what: `unknown at ${showPath(p.path)}`, markers: [] });
                    variants.push({ props: wrongTypeAt(props0, p), what: `wrong type at ${showPath(p.path)}`, markers: [] });
                }
                for (const p of sample(
                    rand,
                    all.filter((x) => x.kind === "string" && !x.inJson),
                    PER_FIXTURE,
                )) {
                    const m = secretMarkerAt(props0, p, 1);
                    if (m) variants.push({ props: m.props, what: `secret at ${showPath(p.path)}`, markers: m.markers });
                }
                for (const v of variants) {
                    const where = `${policy} remediation of ${type}, ${v.what}`;
                    const r = (props: Record<string, unknown>): Resource => ({ type, name: "r", properties: props });
                    const first = await pack.remediate(r(v.props));
                    const fixed = [...first].reverse().find((x) => x.properties !== undefined)?.properties ?? v.props;
                    for (const x of first) {
                        for (const m of v.markers) {
                            if (x.diagnostic.includes(m)) f.add("no secret text", where, `remediation diagnostic shows it: ${x.diagnostic}`);
                        }
                    }
                    const second = await pack.remediate(r(fixed));
                    if (second.some((x) => x.properties !== undefined && JSON.stringify(x.properties) !== JSON.stringify(fixed))) {
                        f.add("remediations are idempotent", where, `a second run changed ${JSON.stringify(fixed)} again`);
                    }
                    for (const path of secretPaths(v.props)) {
                        const out = valueAt(fixed, path);
                        if (out !== undefined && !isSecretEnvelope(out)) {
                            f.add("remediations keep secrets", where, `${showPath(path)} lost its secret envelope`);
                        }
                    }
                    const [before, after] = [outcomes(await pack.analyze(r(v.props))), outcomes(await pack.analyze(r(fixed)))];
                    for (const [name, was] of before) {
                        const now = after.get(name);
                        if ((was === "pass" || was === "not-applicable") && (now === "violation" || now === "malformed")) {
                            f.add("remediations only tighten", where, `${name} was ${was}, is ${now} after the fix`);
                        }
                    }
                }
            }
        }
        f.assertNone();
    });

    it("stack policies: no failure, no secret text, unknowns never violate; concurrent requests get their own answers", async () => {
        await pack.configure({}, engineValidator);
        const f = new Failures();
        const rand = random(SEED + 2);
        const stacks: [string, StackResource[]][] = [
            ["AWS stack", awsStack()],
            ["Azure stack", azureStack()],
            ["AWS stack in preview", preview(awsStack())],
            ["Azure stack in preview", preview(azureStack())],
        ];
        const mutationsPerStack = FULL ? 400 : 12;
        const sent: { stack: StackResource[]; result: AnalyzeResult }[] = [];
        for (const [label, stack] of stacks) {
            const base = await pack.analyzeStack(stack);
            const violations = new Set(
                findings(base)
                    .filter((x) => !x.unknown)
                    .map((x) => `${x.policy} ${x.urn}`),
            );
            for (let i = 0; i < mutationsPerStack; i++) {
                const at = Math.floor(rand() * stack.length);
                const target = stack[at];
                const all = positions(target.properties);
                if (all.length === 0) continue;
                const [p] = sample(rand, all, 1);
                const where = `${label}, ${target.name} (${target.type}) at ${showPath(p.path)}`;
                const withProps = (props: Record<string, unknown>) => stack.map((r, j) => (j === at ? { ...r, properties: props } : r));
                const cases: [string, StackResource[], string[]][] = [
                    ["unknown", withProps(unknownAt(target.properties, p)), []],
                    ["wrong type", withProps(wrongTypeAt(target.properties, p)), []],
                ];
                const element = unknownElementAt(target.properties, p, rand);
                if (element) cases.push(["unknown element", withProps(element), []]);
                const marked = secretMarkerAt(target.properties, p, Math.floor(rand() * 3));
                if (marked) cases.push(["secret with marker text", withProps(marked.props), marked.markers]);
                for (const [what, mutated, markers] of cases) {
                    const { value, ms } = await timed(() => pack.analyzeStack(mutated));
                    checkAnswer(f, `${where}: ${what}`, value, ms, markers);
                    if (what.startsWith("unknown")) {
                        for (const x of findings(value)) {
                            if (!x.unknown && !violations.has(`${x.policy} ${x.urn}`)) {
                                f.add("unknowns never violate", `${where}: ${what}`, `${x.policy} on ${x.urn.split("::").pop()}: ${x.message.split("\n").pop()}`);
                            }
                        }
                    }
                    if (rand() < 0.3) sent.push({ stack: mutated, result: value });
                }
            }
        }
        f.assertNone();
        const again = await Promise.all(sent.map((s) => pack.analyzeStack(s.stack)));
        again.forEach((r, i) => assert.deepStrictEqual(r, sent[i].result, `stack request ${i} sent concurrently`));
    });
});

/** Runs `work` on every item, `width` at a time (the engine sends requests concurrently too). */
async function inBatches<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
    for (let i = 0; i < items.length; i += width) {
        await Promise.all(items.slice(i, i + width).map(work));
    }
}

/** Every top-level property sent as a secret, as a program that marks its inputs secret sends them. */
function allSecret(props: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, isSecretEnvelope(v) || v === undefined ? v : secret(v)]));
}

describe("every fixture, exhaustively (deterministic)", function () {
    this.timeout(FULL ? 3600 * 1000 : 600000);
    let pack: PolicyPackProcess;
    before(async function () {
        this.timeout(120000);
        assert.ok(fixtures.length > 100, "the policy specs register their fixtures (run the whole suite, or npm run fuzz)");
        pack = await startPack({}, { env: process.env.FUZZ_FAST_PATHS === "0" ? { SECURE_AI_POLICIES_FAST_PATHS: "0" } : {} });
    });
    after(async () => {
        await pack?.stop();
    });

    it("no diagnostic or remediation shows text from a secret: every string of every fixture carries marker text, sent as a secret", async () => {
        const f = new Failures();
        // Marker text after every string, and a marker account id in place of every account id.
        const marked = [
            (props: Record<string, unknown>) =>
                mapLeaves(props, (v, kind) => (kind === "string" ? `${(v as string).replace(/\b\d{12}\b/g, MARKER_ACCOUNT)}${MARKER}` : v)) as Record<string, unknown>,
        ];
        const markers = [MARKER, MARKER_ACCOUNT];
        let calls = 0;
        for (const [config, group] of fixtureGroups()) {
            await pack.configure(JSON.parse(config) as PolicyPackConfigFile, engineValidator);
            await inBatches(group, 20, async (fx) => {
                for (const mark of marked) {
                    const r: Resource = { type: fx.type, name: "r", properties: allSecret(mark(fx.props)), provider: fx.provider };
                    const { value, ms } = await timed(() => pack.analyze(r));
                    calls++;
                    checkAnswer(f, `${fx.policy} ${fx.kind} fixture (${fx.type})`, value, ms, markers);
                }
            });
        }
        for (const { policy, type, spec } of remediationFixtures) {
            await pack.configure({ [policy]: "remediate" }, engineValidator);
            for (const props of [spec.violating, spec.unknown, ...spec.compliant]) {
                for (const mark of marked) {
                    const input = allSecret(mark(props));
                    const out = await pack.remediate({ type, name: "r", properties: input });
                    calls++;
                    for (const x of out) {
                        if (markers.some((m) => x.diagnostic.includes(m))) f.add("no secret text", `${policy} remediation`, `its diagnostic shows it: ${x.diagnostic}`);
                        for (const key of Object.keys(input)) {
                            if (x.properties && key in x.properties && !isSecretEnvelope(x.properties[key])) {
                                f.add("remediations keep secrets", `${policy} remediation`, `${key} lost its secret envelope`);
                            }
                        }
                    }
                }
            }
        }
        // Every distinct fixture (fixtures shared by policies of one type are sent once) and every remediation.
        const distinct = [...fixtureGroups().values()].reduce((n, g) => n + g.length, 0);
        assert.ok(distinct > 100 && calls >= distinct + remediationFixtures.length, `only ${calls} calls for ${distinct} distinct fixtures`);
        f.assertNone();
    });

    it("unknowns never violate: every leaf of every compliant fixture unknown, and an unknown element in every list", async () => {
        const f = new Failures();
        for (const [config, group] of fixtureGroups()) {
            await pack.configure(JSON.parse(config) as PolicyPackConfigFile, engineValidator);
            await inBatches(
                group.filter((fx) => fx.kind === "compliant" && fx.expect === "pass"),
                20,
                async (fx) => {
                    const base = outcomes(await pack.analyze({ type: fx.type, name: "r", properties: fx.props, provider: fx.provider }));
                    const variants: [string, Record<string, unknown>][] = [
                        ["every leaf unknown", mapLeaves(fx.props, (_, kind) => sentinelFor(kind), false) as Record<string, unknown>],
                        ["an unknown element in every list", unknownElementEverywhere(fx.props) as Record<string, unknown>],
                    ];
                    for (const [what, props] of variants) {
                        const where = `${fx.policy} compliant fixture (${fx.type}), ${what}`;
                        const { value, ms } = await timed(() => pack.analyze({ type: fx.type, name: "r", properties: props, provider: fx.provider }));
                        checkAnswer(f, where, value, ms);
                        const after = outcomes(value);
                        for (const [policy, before] of base) {
                            const now = after.get(policy);
                            if ((before === "pass" || before === "not-applicable") && now !== before && now !== "unknown" && now !== "pass") {
                                f.add(
                                    "unknowns never violate",
                                    where,
                                    `${policy} was ${before}, is ${now}: ${value.diagnostics
                                        .find((d) => d.policyName === policy)
                                        ?.message.split("\n")
                                        .pop()}`,
                                );
                            }
                        }
                    }
                },
            );
        }
        f.assertNone();
    });

    it("bounded time: lists of the fixtures with 10,000 elements, unknown or known, cost linearly", async () => {
        // Linear, not merely fast on this machine: 10,000 elements may cost at most 20 times what
        // 1,000 cost (linear readers cost about ten times, quadratic ones a hundred), and never more
        // than a hard bound.
        const f = new Failures();
        const BOUND_MS = 30000;
        const seen = new Set<string>();
        const cases: { fx: Fixture; p: Position }[] = [];
        for (const fx of fixtures) {
            for (const p of positions(fx.props).filter((x) => x.kind === "array" && !x.inJson)) {
                const key = `${fx.type} ${showPath(p.path)}`;
                if (!seen.has(key)) {
                    seen.add(key);
                    cases.push({ fx, p });
                }
            }
        }
        const chosen = FULL ? cases : sample(random(SEED + 3), cases, 12);
        assert.ok(chosen.length >= Math.min(12, cases.length) && chosen.length > 5, `only ${chosen.length} lists`);
        let worst = 0;
        for (const { fx, p } of chosen) {
            await pack.configure(fx.config, engineValidator);
            for (const unknown of [true, false]) {
                const where = `${fx.type} ${showPath(p.path)} with ${unknown ? "unknown" : "known"} elements`;
                // The faster of two runs: a busy machine only ever slows a run down.
                const time = async (n: number) => {
                    const props = longListAt(fx.props, p, n, unknown) as Record<string, unknown>;
                    let best = Number.POSITIVE_INFINITY;
                    for (let run = 0; run < 2; run++) {
                        const { value, ms } = await timed(() => pack.analyze({ type: fx.type, name: "r", properties: props, provider: fx.provider }));
                        checkAnswer(f, `${where} (${n})`, value, 0);
                        best = Math.min(best, ms);
                    }
                    return best;
                };
                const small = await time(1000);
                const large = await time(10000);
                worst = Math.max(worst, large / Math.max(small, 50));
                if (large > BOUND_MS || large > 20 * Math.max(small, 50)) {
                    f.add("bounded time", where, `10,000 elements took ${Math.round(large)} ms, 1,000 took ${Math.round(small)} ms`);
                }
            }
        }
        f.assertNone();
        console.log(`        (${chosen.length} lists; 10,000 elements cost at most ${worst.toFixed(1)} times 1,000)`);
    });
});
