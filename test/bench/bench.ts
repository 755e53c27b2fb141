/**
 * `npm run bench`: what the engine waits for, for this pack against two generated packs on the same
 * node_modules, measured side by side in one run, through the engine's launcher and protocol:
 *
 * - empty pack: one no-op policy;
 * - floor pack: exactly this pack's number of resource policies (same enforcement levels), each
 *   applying to no resource through the SDK's exact-type fast path, and its number of no-op stack
 *   policies: the least any pack of this size can cost with @pulumi/policy, whose Analyze handler
 *   visits every policy and answers a not-applicable entry for each.
 *
 * Measured:
 * - start-up: spawn to port line, median of 11 interleaved starts each;
 * - Analyze: pack-process CPU (all its threads, from /proc/<pid>/task/<tid>/schedstat) and wall
 *   time per resource, over 1,000 mixed AWS/Azure resources (AI and not, tagged and not, some under
 *   versioned tokens) sent one at a time as the engine does, without decoding the response (the
 *   engine decodes in Go); median of 5 rounds after a warm-up. Within a round the packs take turns
 *   every 25 resources, so load from other processes falls on all of them alike;
 * - AnalyzeStack over synthetic AI platform stacks of 1,000 and 10,000 resources, wall time and
 *   pack-process CPU (median of 5, interleaved);
 * - peak RSS of each pack process.
 *
 * Budgets (issues 2, 5, 12): start-up <= 1.15x the empty pack; Analyze CPU <= 1.25x the floor pack;
 * AnalyzeStack at 10,000 resources <= 1.5x the empty pack, and linear growth (<= 12x the 1,000
 * figure). This is a benchmark, not a timed test: it prints whether the budgets are met and exits 0.
 */
import * as fs from "fs";
import * as path from "path";
import { PolicyPackProcess, Resource } from "../../policypack/engine/analyzer";
import { policies } from "../../policypack/registry";
import { syntheticStack } from "../policies/stack/support";
import { benchResources } from "./resources";

const REPO = path.resolve(__dirname, "..", "..", "..");
const WORK = path.join(REPO, ".bench");
const BUDGET = { startup: 1.15, analyzeCpu: 1.25, stack10k: 1.5, stackGrowth: 12 };
function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A generated pack beside the real one, sharing its node_modules. */
function generatedPack(name: string, source: string): string {
    const dir = path.join(WORK, name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version: "0.0.0", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(path.join(dir, "index.js"), source);
    const link = path.join(dir, "node_modules");
    if (!fs.existsSync(link)) {
        fs.symlinkSync(path.join(REPO, "node_modules"), link, "dir");
    }
    return dir;
}

function emptyPack(): string {
    return generatedPack(
        "empty-pack",
        `const { PolicyPack } = require("@pulumi/policy");\n` +
            `new PolicyPack("empty-pack", { policies: [{ name: "noop", description: "Does nothing.", enforcementLevel: "advisory", validateResource: () => {} }] });\n`,
    );
}

/** The floor pack: this pack's resource policies' levels and stack policy count, doing nothing. */
function floorPack(): { dir: string; resource: number; stack: number } {
    const levels = policies.filter((p) => "validateResource" in p).map((p) => p.enforcementLevel ?? "advisory");
    const stack = policies.length - levels.length;
    const dir = generatedPack(
        "floor-pack",
        `const { PolicyPack } = require("@pulumi/policy");\n` +
            `const levels = ${JSON.stringify(levels)};\n` +
            `const resource = levels.map((enforcementLevel, i) => {\n` +
            `    const validateResource = () => {};\n` +
            `    validateResource.__pulumiType = "floor:index/none" + i + ":None" + i;\n` +
            `    return { name: "floor-resource-" + i, description: "Applies to no resource.", enforcementLevel, validateResource };\n` +
            `});\n` +
            `const stack = Array.from({ length: ${stack} }, (_, i) => ({ name: "floor-stack-" + i, description: "Does nothing.", enforcementLevel: "advisory", validateStack: () => {} }));\n` +
            `new PolicyPack("floor-pack", { policies: [...resource, ...stack] });\n`,
    );
    return { dir, resource: levels.length, stack };
}

/** Nanoseconds the process's threads (JavaScript, GC helpers, libuv) have run on a CPU so far. */
function cpuNs(pid: number): number {
    let ns = 0;
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
        try {
            ns += Number(fs.readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
        } catch {
            // A thread that ended meanwhile.
        }
    }
    return ns;
}

type Packs<T> = { ours: T; floor: T; empty: T };
const NAMES = ["ours", "floor", "empty"] as const;
/** Resources sent to one pack before the next pack's turn. */
const BATCH = 25;

/**
 * Per-Analyze pack-process CPU and wall time of each pack, in ms, over rounds of all the resources.
 * Within a round the packs take turns every {@link BATCH} resources, in rotating order, so that
 * load from other processes falls on all of them alike; each round yields one ratio.
 */
async function analyzeRounds(packs: Packs<PolicyPackProcess>, resources: Resource[], rounds: number) {
    const cpu: Packs<number[]> = { ours: [], floor: [], empty: [] };
    const wall: Packs<number[]> = { ours: [], floor: [], empty: [] };
    const ratio: number[] = [];
    const bytes: Packs<number> = { ours: 0, floor: 0, empty: 0 };
    for (let i = 0; i < rounds; i++) {
        const ns: Packs<number> = { ours: 0, floor: 0, empty: 0 };
        const wallNs: Packs<number> = { ours: 0, floor: 0, empty: 0 };
        for (let at = 0, turn = i; at < resources.length; at += BATCH, turn++) {
            const batch = resources.slice(at, at + BATCH);
            for (const name of [...NAMES.slice(turn % 3), ...NAMES.slice(0, turn % 3)]) {
                const p = packs[name];
                const cpu0 = cpuNs(p.pid!);
                const t = process.hrtime.bigint();
                let size = 0;
                for (const r of batch) {
                    size += await p.analyzeWire(r);
                }
                wallNs[name] += Number(process.hrtime.bigint() - t);
                ns[name] += cpuNs(p.pid!) - cpu0;
                bytes[name] += size / resources.length / rounds;
            }
        }
        for (const name of NAMES) {
            cpu[name].push(ns[name] / 1e6 / resources.length);
            wall[name].push(wallNs[name] / 1e6 / resources.length);
        }
        ratio.push(ns.ours / ns.floor);
    }
    const med = (x: Packs<number[]>): Packs<number> => ({ ours: median(x.ours), floor: median(x.floor), empty: median(x.empty) });
    return { cpu: med(cpu), wall: med(wall), ratio: median(ratio), ratios: ratio, rounds: { cpu, wall }, bytes };
}

/** Median ms of AnalyzeStack over a synthetic stack, wall and pack-process CPU, interleaved between the two packs. */
async function stackLatency(ours: PolicyPackProcess, base: PolicyPackProcess, n: number, rounds: number) {
    const stack = syntheticStack(n);
    await ours.analyzeStack(stack);
    await base.analyzeStack(stack);
    const wall = { ours: [] as number[], empty: [] as number[] };
    const cpu = { ours: [] as number[], empty: [] as number[] };
    for (let i = 0; i < rounds; i++) {
        const order: Array<["ours" | "empty", PolicyPackProcess]> = [
            ["ours", ours],
            ["empty", base],
        ];
        for (const [name, p] of i % 2 ? order.reverse() : order) {
            const cpu0 = cpuNs(p.pid!);
            const t = process.hrtime.bigint();
            await p.analyzeStack(stack);
            wall[name].push(Number(process.hrtime.bigint() - t) / 1e6);
            cpu[name].push((cpuNs(p.pid!) - cpu0) / 1e6);
        }
    }
    return { ours: median(wall.ours), empty: median(wall.empty), cpu: { ours: median(cpu.ours), empty: median(cpu.empty) } };
}

function cell(value: number, unit: string, digits: number): string {
    return `${value.toFixed(digits).padStart(9)} ${unit.padEnd(3)}`;
}

async function main(): Promise<void> {
    const empty = emptyPack();
    const floor = floorPack();
    console.log(
        `secure-ai-policies benchmark, node ${process.version}, ${policies.length} policies (${floor.resource} resource, ${floor.stack} stack); ` +
            `floor pack: ${floor.resource} resource policies that apply to no resource, ${floor.stack} no-op stack policies; load average ${fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`,
    );

    // Start-up, interleaved so machine noise hits both packs alike.
    const starts = { ours: [] as number[], empty: [] as number[] };
    const startCpu = { ours: [] as number[], empty: [] as number[] };
    for (let i = 0; i < 11; i++) {
        const order: Array<["ours" | "empty", string]> = [
            ["empty", empty],
            ["ours", REPO],
        ];
        for (const [name, dir] of i % 2 ? order.reverse() : order) {
            const p = await PolicyPackProcess.start(dir);
            starts[name].push(p.startupMs);
            startCpu[name].push(cpuNs(p.pid!) / 1e6);
            await p.stop();
        }
    }

    const resources = benchResources(1000);
    const packs: Packs<PolicyPackProcess> = {
        ours: await PolicyPackProcess.start(REPO),
        floor: await PolicyPackProcess.start(floor.dir),
        empty: await PolicyPackProcess.start(empty),
    };
    for (const name of NAMES) {
        await packs[name].configureStack();
        await packs[name].configure();
    }
    await analyzeRounds(packs, resources.slice(0, 500), 1);
    const analyze = await analyzeRounds(packs, resources, 5);

    // What a response of this pack carries, averaged over the resources.
    let diagnostics = 0;
    let notApplicable = 0;
    for (const r of resources) {
        const res = await packs.ours.analyze(r);
        diagnostics += res.diagnostics.length;
        notApplicable += res.notApplicable.length;
    }

    const stack1k = await stackLatency(packs.ours, packs.empty, 1000, 5);
    const stack10k = await stackLatency(packs.ours, packs.empty, 10000, 5);
    const rss: Packs<number> = { ours: packs.ours.peakRssMiB() ?? NaN, floor: packs.floor.peakRssMiB() ?? NaN, empty: packs.empty.peakRssMiB() ?? NaN };
    for (const name of NAMES) {
        await packs[name].stop();
    }

    const startup = { ours: median(starts.ours), empty: median(starts.empty) };
    console.log("");
    console.log(`${"".padEnd(36)} ${"this pack".padStart(13)} ${"floor pack".padStart(13)} ${"empty pack".padStart(13)}   this/floor  this/empty`);
    const line = (label: string, v: Partial<Packs<number>>, unit: string, digits: number) =>
        console.log(
            `${label.padEnd(36)} ${cell(v.ours!, unit, digits)} ${v.floor === undefined ? "".padStart(13) : cell(v.floor, unit, digits)} ${cell(v.empty!, unit, digits)}   ` +
                `${v.floor === undefined ? "".padStart(10) : `${(v.ours! / v.floor).toFixed(2)}x`.padStart(10)}  ${`${(v.ours! / v.empty!).toFixed(2)}x`.padStart(10)}`,
        );
    line("start-up, spawn to port (median 11)", startup, "ms", 0);
    line("start-up, pack-process CPU", { ours: median(startCpu.ours), empty: median(startCpu.empty) }, "ms", 0);
    line("Analyze, pack-process CPU each", analyze.cpu, "ms", 3);
    line("Analyze, wall time each", analyze.wall, "ms", 3);
    line("Analyze, response size", analyze.bytes, "B", 0);
    line("AnalyzeStack, 1,000 resources", stack1k, "ms", 0);
    line("AnalyzeStack, 10,000 resources", stack10k, "ms", 0);
    line("AnalyzeStack, 1,000, pack-process CPU", stack1k.cpu, "ms", 0);
    line("AnalyzeStack, 10,000, pack-process CPU", stack10k.cpu, "ms", 0);
    line("peak RSS", rss, "MiB", 0);
    console.log("");
    console.log(
        `this pack's Analyze responses: ${(diagnostics / resources.length).toFixed(2)} diagnostics and ${(notApplicable / resources.length).toFixed(1)} not-applicable entries on average`,
    );
    console.log(`Analyze CPU ratio to the floor, per round: ${analyze.ratios.map((r) => r.toFixed(2)).join(", ")}`);
    console.log("");
    const verdict = (name: string, value: number, budget: number) => console.log(`${value <= budget ? "MET   " : "MISSED"} ${name}: ${value.toFixed(2)}x (budget <= ${budget}x)`);
    verdict("start-up ratio to the empty pack", startup.ours / startup.empty, BUDGET.startup);
    verdict("Analyze pack-process CPU ratio to the floor pack (median of rounds)", analyze.ratio, BUDGET.analyzeCpu);
    verdict("AnalyzeStack ratio to the empty pack at 10,000 resources, wall", stack10k.ours / stack10k.empty, BUDGET.stack10k);
    verdict("AnalyzeStack ratio to the empty pack at 10,000 resources, pack-process CPU", stack10k.cpu.ours / stack10k.cpu.empty, BUDGET.stack10k);
    verdict("AnalyzeStack growth, 10,000 vs 1,000 resources (this pack)", stack10k.ours / stack1k.ours, BUDGET.stackGrowth);
    fs.writeFileSync(
        path.join(WORK, "results.json"),
        JSON.stringify(
            {
                policies: policies.length,
                floor,
                startupMs: starts,
                analyze,
                response: { diagnostics, notApplicable },
                analyzeStackMs: { n1000: stack1k, n10000: stack10k },
                peakRssMiB: rss,
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
