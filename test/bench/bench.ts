/**
 * `npm run bench`: the pack's cost against an empty pack (one no-op policy) on the same
 * node_modules, measured side by side in one run, through the engine's launcher and protocol.
 *
 * - start-up: spawn to port line, median of 7 interleaved starts each;
 * - Analyze: latency per resource over 1,000 mixed AWS/Azure resources sent one at a time
 *   (median of 5 interleaved rounds after a warm-up);
 * - peak RSS of each pack process.
 *
 * Budgets (issue 2): start-up ratio <= 1.15, per-resource ratio <= 1.25. This is a benchmark, not
 * a timed test: it prints whether the budgets are met and exits 0 either way.
 */
import * as fs from "fs";
import * as path from "path";
import { PolicyPackProcess, Resource } from "../../policypack/engine/analyzer";
import { policies } from "../../policypack/registry";
import { mixedResources } from "./resources";

const REPO = path.resolve(__dirname, "..", "..", "..");
const WORK = path.join(REPO, ".bench");
const BUDGET = { startup: 1.15, perResource: 1.25 };

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

async function analyzeAll(p: PolicyPackProcess, resources: Resource[]): Promise<number> {
    const t = process.hrtime.bigint();
    for (const r of resources) {
        await p.analyze(r);
    }
    return Number(process.hrtime.bigint() - t) / 1e6 / resources.length;
}

function row(label: string, ours: number, empty: number, unit: string, digits = 2): string {
    return `${label.padEnd(34)} ${ours.toFixed(digits).padStart(9)} ${unit.padEnd(3)} ${empty.toFixed(digits).padStart(9)} ${unit.padEnd(3)} ${(ours / empty).toFixed(2).padStart(6)}x`;
}

async function main(): Promise<void> {
    const empty = emptyPack();
    console.log(`secure-ai-policies benchmark: ${policies.length} policies vs an empty pack (1 no-op policy), node ${process.version}`);

    // Start-up, interleaved so machine noise hits both packs alike.
    const ourStarts: number[] = [];
    const emptyStarts: number[] = [];
    for (let i = 0; i < 7; i++) {
        await startups(i % 2 ? REPO : empty, 1, i % 2 ? ourStarts : emptyStarts);
        await startups(i % 2 ? empty : REPO, 1, i % 2 ? emptyStarts : ourStarts);
    }

    // Per-resource Analyze latency over 1,000 mixed resources.
    const resources = mixedResources(1000);
    const ours = await PolicyPackProcess.start(REPO);
    const base = await PolicyPackProcess.start(empty);
    await ours.configure();
    await base.configure();
    await analyzeAll(ours, resources.slice(0, 300));
    await analyzeAll(base, resources.slice(0, 300));
    const ourRounds: number[] = [];
    const emptyRounds: number[] = [];
    for (let i = 0; i < 5; i++) {
        if (i % 2) {
            ourRounds.push(await analyzeAll(ours, resources));
            emptyRounds.push(await analyzeAll(base, resources));
        } else {
            emptyRounds.push(await analyzeAll(base, resources));
            ourRounds.push(await analyzeAll(ours, resources));
        }
    }
    // What a response carries for our pack, averaged over the resources.
    let diagnostics = 0;
    let notApplicable = 0;
    for (const r of resources) {
        const res = await ours.analyze(r);
        diagnostics += res.diagnostics.length;
        notApplicable += res.notApplicable.length;
    }
    const rssOurs = ours.peakRssMiB() ?? NaN;
    const rssEmpty = base.peakRssMiB() ?? NaN;
    await ours.stop();
    await base.stop();

    const startup = median(ourStarts) / median(emptyStarts);
    const perResource = median(ourRounds) / median(emptyRounds);
    console.log("");
    console.log(`${"".padEnd(34)} ${"this pack".padStart(13)} ${"empty pack".padStart(13)}  ratio`);
    console.log(row("start-up, spawn to port (median 7)", median(ourStarts), median(emptyStarts), "ms", 0));
    console.log(row("Analyze per resource (1,000 mixed)", median(ourRounds), median(emptyRounds), "ms", 3));
    console.log(row("peak RSS", rssOurs, rssEmpty, "MiB", 0));
    console.log("");
    console.log(`per Analyze response: ${(diagnostics / resources.length).toFixed(2)} diagnostics, ${(notApplicable / resources.length).toFixed(1)} not-applicable entries on average`);
    console.log("");
    const verdict = (name: string, value: number, budget: number) =>
        console.log(`${value <= budget ? "MET   " : "MISSED"} ${name}: ${value.toFixed(2)}x (budget <= ${budget}x)`);
    verdict("start-up ratio", startup, BUDGET.startup);
    verdict("per-resource Analyze ratio", perResource, BUDGET.perResource);
    fs.writeFileSync(
        path.join(WORK, "results.json"),
        JSON.stringify({ policies: policies.length, startupMs: { ours: ourStarts, empty: emptyStarts }, perResourceMs: { ours: ourRounds, empty: emptyRounds }, peakRssMiB: { ours: rssOurs, empty: rssEmpty }, ratios: { startup, perResource } }, null, 2),
    );
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
