/**
 * `npm run bench`: the pack's cost against an empty pack (one no-op policy) on the same
 * node_modules, measured side by side in one run, through the engine's launcher and protocol.
 *
 * - start-up: spawn to port line, median of 11 interleaved starts each;
 * - Analyze: latency per resource over 1,000 mixed AWS/Azure resources sent one at a time
 *   (median of 5 interleaved rounds after a warm-up), measured twice: as the engine sees it on the
 *   wire (the response arrives but is not decoded; the engine decodes in Go), and with this
 *   Node client decoding every response;
 * - where the time goes: the SDK server's own time per resource in-process, and what a response
 *   carries (diagnostics, not-applicable entries, bytes);
 * - AnalyzeStack over synthetic AI platform stacks of 1,000 and 10,000 resources (median of 5);
 * - peak RSS of each pack process.
 *
 * Budgets: start-up ratio <= 1.15, per-resource ratio <= 1.25 (issue 2); AnalyzeStack at 10,000
 * resources <= 2x the empty pack, and within 12x of the 1,000 figure (issue 5). This is a benchmark, not
 * a timed test: it prints whether the budgets are met and exits 0 either way.
 */
import * as fs from "fs";
import * as path from "path";
import { PolicyPackProcess, Resource } from "../../policypack/engine/analyzer";
import { shareDeserialization } from "../../policypack/lib/sharedDeserialization";
import { policies } from "../../policypack/registry";
import { syntheticStack } from "../policies/stack/support";
import { mixedResources } from "./resources";

const REPO = path.resolve(__dirname, "..", "..", "..");
const WORK = path.join(REPO, ".bench");
const BUDGET = { startup: 1.15, perResource: 1.25, stack10k: 2, stackGrowth: 12 };

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** An empty pack beside the real one, sharing its node_modules. */
function emptyPack(): string {
    const dir = path.join(WORK, "empty-pack");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "empty-pack", version: "0.0.0", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(
        path.join(dir, "index.js"),
        `const { PolicyPack } = require("@pulumi/policy");\n` +
            `new PolicyPack("empty-pack", { policies: [{ name: "noop", description: "Does nothing.", enforcementLevel: "advisory", validateResource: () => {} }] });\n`,
    );
    const link = path.join(dir, "node_modules");
    if (!fs.existsSync(link)) {
        fs.symlinkSync(path.join(REPO, "node_modules"), link, "dir");
    }
    return dir;
}

async function startups(dir: string, rounds: number, out: number[]): Promise<void> {
    for (let i = 0; i < rounds; i++) {
        const p = await PolicyPackProcess.start(dir);
        out.push(p.startupMs);
        await p.stop();
    }
}

async function analyzeAll(p: PolicyPackProcess, resources: Resource[], wire: boolean): Promise<number> {
    const t = process.hrtime.bigint();
    for (const r of resources) {
        if (wire) {
            await p.analyzeWire(r);
        } else {
            await p.analyze(r);
        }
    }
    return Number(process.hrtime.bigint() - t) / 1e6 / resources.length;
}

/** Median ms per resource for each pack over interleaved rounds. */
async function latency(ours: PolicyPackProcess, base: PolicyPackProcess, resources: Resource[], wire: boolean) {
    const o: number[] = [];
    const e: number[] = [];
    for (let i = 0; i < 5; i++) {
        const first = i % 2 ? ours : base;
        const second = i % 2 ? base : ours;
        const a = await analyzeAll(first, resources, wire);
        const b = await analyzeAll(second, resources, wire);
        (first === ours ? o : e).push(a);
        (second === ours ? o : e).push(b);
    }
    return { ours: median(o), empty: median(e), rounds: { ours: o, empty: e } };
}

/** The SDK server's own time per resource, in this process (internal API; profiling only). */
async function serverMicros(policyList: readonly unknown[], requests: unknown[]): Promise<number> {
    const server = require(require.resolve("@pulumi/policy/server.js", { paths: [REPO] }));
    const handler = server.makeAnalyzeRpcFun("bench", "0.0.0", "advisory", policyList);
    const once = async () => {
        for (const request of requests) {
            await new Promise<void>((resolve, reject) => handler({ request }, (err: Error | null) => (err ? reject(err) : resolve())));
        }
    };
    await once();
    const t = process.hrtime.bigint();
    await once();
    return Number(process.hrtime.bigint() - t) / 1e3 / requests.length;
}

function row(label: string, ours: number, empty: number, unit: string, digits = 2): string {
    return `${label.padEnd(34)} ${ours.toFixed(digits).padStart(9)} ${unit.padEnd(3)} ${empty.toFixed(digits).padStart(9)} ${unit.padEnd(3)} ${(ours / empty).toFixed(2).padStart(6)}x`;
}

/** Median ms of AnalyzeStack over a synthetic stack, interleaved between the two packs. */
async function stackLatency(ours: PolicyPackProcess, base: PolicyPackProcess, n: number, rounds: number) {
    const stack = syntheticStack(n);
    await ours.analyzeStack(stack);
    await base.analyzeStack(stack);
    const o: number[] = [];
    const e: number[] = [];
    for (let i = 0; i < rounds; i++) {
        for (const [p, out] of i % 2
            ? ([
                  [ours, o],
                  [base, e],
              ] as const)
            : ([
                  [base, e],
                  [ours, o],
              ] as const)) {
            const t = process.hrtime.bigint();
            await p.analyzeStack(stack);
            out.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
    }
    return { ours: median(o), empty: median(e) };
}

async function main(): Promise<void> {
    const empty = emptyPack();
    console.log(`secure-ai-policies benchmark: ${policies.length} policies vs an empty pack (1 no-op policy), node ${process.version}`);

    // Start-up, interleaved so machine noise hits both packs alike.
    const ourStarts: number[] = [];
    const emptyStarts: number[] = [];
    for (let i = 0; i < 11; i++) {
        await startups(i % 2 ? REPO : empty, 1, i % 2 ? ourStarts : emptyStarts);
        await startups(i % 2 ? empty : REPO, 1, i % 2 ? emptyStarts : ourStarts);
    }

    // Per-resource Analyze latency over 1,000 mixed resources.
    const resources = mixedResources(1000);
    const ours = await PolicyPackProcess.start(REPO);
    const base = await PolicyPackProcess.start(empty);
    await ours.configure();
    await base.configure();
    await analyzeAll(ours, resources.slice(0, 300), false);
    await analyzeAll(base, resources.slice(0, 300), false);
    const wire = await latency(ours, base, resources, true);
    const decoded = await latency(ours, base, resources, false);

    // What a response carries for our pack, averaged over the resources.
    let diagnostics = 0;
    let notApplicable = 0;
    let bytes = 0;
    for (const r of resources) {
        const res = await ours.analyze(r);
        diagnostics += res.diagnostics.length;
        notApplicable += res.notApplicable.length;
        bytes += await ours.analyzeWire(r);
    }
    const rssOurs = ours.peakRssMiB() ?? NaN;
    const rssEmpty = base.peakRssMiB() ?? NaN;
    const requests = resources.map((r) => ours.analyzeRequest(r));

    // AnalyzeStack over synthetic AI platform stacks of 1,000 and 10,000 resources.
    const stack1k = await stackLatency(ours, base, 1000, 5);
    const stack10k = await stackLatency(ours, base, 10000, 5);
    await ours.stop();
    await base.stop();

    shareDeserialization();
    const noop = [{ name: "noop", description: "Does nothing.", enforcementLevel: "advisory", validateResource: () => undefined }];
    const serverOurs = await serverMicros(policies, requests);
    const serverEmpty = await serverMicros(noop, requests);

    const startup = median(ourStarts) / median(emptyStarts);
    console.log("");
    console.log(`${"".padEnd(34)} ${"this pack".padStart(13)} ${"empty pack".padStart(13)}  ratio`);
    console.log(row("start-up, spawn to port (median 11)", median(ourStarts), median(emptyStarts), "ms", 0));
    console.log(row("Analyze per resource, wire", wire.ours, wire.empty, "ms", 3));
    console.log(row("Analyze per resource, decoded", decoded.ours, decoded.empty, "ms", 3));
    console.log(row("SDK server time per resource", serverOurs / 1000, serverEmpty / 1000, "ms", 3));
    console.log(row("AnalyzeStack, 1,000 resources", stack1k.ours, stack1k.empty, "ms", 0));
    console.log(row("AnalyzeStack, 10,000 resources", stack10k.ours, stack10k.empty, "ms", 0));
    console.log(row("peak RSS", rssOurs, rssEmpty, "MiB", 0));
    console.log("");
    const na = notApplicable / resources.length;
    console.log(
        `per Analyze response: ${(diagnostics / resources.length).toFixed(2)} diagnostics, ${na.toFixed(1)} not-applicable entries, ${(bytes / resources.length).toFixed(0)} bytes on average`,
    );
    console.log(
        `server time beyond the empty pack: ${(serverOurs - serverEmpty).toFixed(0)} us per resource, ${((serverOurs - serverEmpty) / Math.max(na, 1)).toFixed(2)} us per not-applicable entry`,
    );
    console.log("");
    const verdict = (name: string, value: number, budget: number) => console.log(`${value <= budget ? "MET   " : "MISSED"} ${name}: ${value.toFixed(2)}x (budget <= ${budget}x)`);
    verdict("start-up ratio", startup, BUDGET.startup);
    verdict("per-resource Analyze ratio, wire", wire.ours / wire.empty, BUDGET.perResource);
    verdict("per-resource Analyze ratio, decoded by a Node client", decoded.ours / decoded.empty, BUDGET.perResource);
    verdict("AnalyzeStack ratio at 10,000 resources", stack10k.ours / stack10k.empty, BUDGET.stack10k);
    verdict("AnalyzeStack growth, 10,000 vs 1,000 resources (this pack)", stack10k.ours / stack1k.ours, BUDGET.stackGrowth);
    fs.writeFileSync(
        path.join(WORK, "results.json"),
        JSON.stringify(
            {
                policies: policies.length,
                startupMs: { ours: ourStarts, empty: emptyStarts },
                wire,
                decoded,
                serverMicros: { ours: serverOurs, empty: serverEmpty },
                response: { diagnostics, notApplicable, bytes },
                analyzeStackMs: { n1000: stack1k, n10000: stack10k },
                peakRssMiB: { ours: rssOurs, empty: rssEmpty },
            },
            null,
            2,
        ),
    );
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
