/**
 * Renders the generated documentation from the policy registry: the README's policy table and
 * coverage sections, the policy reference and the guideline coverage. `npm run docs` writes them;
 * test/docs.spec.ts fails when a committed copy is stale.
 */
import type { Policy } from "@pulumi/policy";
import { detailsOf, defaultEnforcement, Severity } from "../../policypack/lib/policy";
import { EXEMPTION_SETTINGS } from "../../policypack/lib/exemptions";
import { Framework, FRAMEWORKS, FrameworkId, FrameworkItem, frameworkItemsOf, splitItem } from "../../policypack/lib/frameworks";
import { GUIDELINE_DOCUMENT, GUIDELINES, GuidelineId, SECTIONS } from "../../policypack/lib/guidelines";
import { handedOver } from "../../policypack/lib/handover";
import { policies } from "../../policypack/registry";
import { CONSTRAINTS } from "../constraints/constraints";
import { CATALOGUE } from "./catalogue";
import { omitted as awsMlOmitted } from "./omitted/awsMl";
import { omitted as awsPlatformOmitted } from "./omitted/awsPlatform";
import { omitted as azureOmitted } from "./omitted/azure";
import { omitted as stackOmitted } from "./omitted/stack";

export const OMITTED: Readonly<Record<string, string>> = { ...awsMlOmitted, ...awsPlatformOmitted, ...azureOmitted, ...stackOmitted };

const SEVERITY_ORDER: Severity[] = ["critical", "high", "medium", "low"];

function cloudOf(p: Policy): string {
    return p.name.startsWith("aws-") ? "AWS" : p.name.startsWith("azure-") ? "Azure" : "AWS + Azure";
}

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function level(p: Policy): string {
    return p.enforcementLevel ?? defaultEnforcement(p.severity as Severity);
}

/** The README table: one row per policy, grouped by cloud, in registry order. */
export function renderPolicyTable(): string {
    const lines = [
        `${policies.length} policies (${policies.filter((p) => detailsOf(p).kind === "stack").length} stack policies). Default enforcement follows severity: critical and high are \`mandatory\`, medium and low \`advisory\`. ✎ = can remediate.`,
        "",
        "| Policy | Cloud | Kind | Severity | Default | Guidelines | Description |",
        "|---|---|---|---|---|---|---|",
    ];
    for (const p of policies) {
        const d = detailsOf(p);
        const name = `[\`${p.name}\`](policypack/docs/POLICIES.md#${p.name})${d.remediable ? " ✎" : ""}`;
        lines.push(`| ${name} | ${cloudOf(p)} | ${d.kind} | ${p.severity} | ${level(p)} | ${d.guidelines.join(", ")} | ${cell(p.description)} |`);
    }
    return lines.join("\n");
}

/** The README coverage section: catalogue rows implemented, and those left out with reasons. */
export function renderCatalogueCoverage(): string {
    const implementedBy = new Map<string, string[]>();
    for (const p of policies) {
        for (const c of detailsOf(p).controls) {
            implementedBy.set(c, [...(implementedBy.get(c) ?? []), p.name]);
        }
    }
    const done = CATALOGUE.filter((c) => implementedBy.has(c.id)).length;
    const left = CATALOGUE.filter((c) => OMITTED[c.id] !== undefined);
    const lines = [
        `${done} of the ${CATALOGUE.length} rows of the control catalogue are implemented; ${left.length} are left out on purpose, ${CATALOGUE.length - done - left.length} are not yet implemented.`,
        "",
    ];
    if (left.length) {
        lines.push("Rows left out, and why:", "", "| Control | Suggested name | Reason |", "|---|---|---|");
        for (const c of left) {
            lines.push(`| ${c.id} | \`${c.suggestedName}\` | ${cell(OMITTED[c.id])} |`);
        }
        lines.push("");
    }
    const todo = CATALOGUE.filter((c) => !implementedBy.has(c.id) && OMITTED[c.id] === undefined);
    if (todo.length) {
        lines.push(`Not yet implemented: ${todo.map((c) => c.id).join(", ")}.`, "");
    }
    lines.push("The guideline-by-guideline view is in [policypack/docs/GUIDELINES.md](policypack/docs/GUIDELINES.md).");
    return lines.join("\n");
}

/** policypack/docs/POLICIES.md: everything about each policy. */
export function renderReference(): string {
    const out = [
        "# Policy reference",
        "",
        "Generated from the policy registry by `npm run docs`; do not edit by hand.",
        "",
        `Every policy cites items of the *${GUIDELINE_DOCUMENT.name}* (${GUIDELINE_DOCUMENT.version}) under the ids of [GUIDELINES.md](GUIDELINES.md), and the control catalogue rows it implements.`,
        "",
        `Besides the settings listed under each policy, every policy takes ${Object.keys(EXEMPTION_SETTINGS)
            .map((k) => `\`${k}\``)
            .join(" and ")}, the administrator's exemptions (see the README, "Exemptions").`,
        "",
    ];
    const inStackPass = new Set(handedOver(policies));
    for (const p of policies) {
        const d = detailsOf(p);
        out.push(`## ${p.name}`, "", p.description, "");
        out.push(`- **Cloud / kind:** ${cloudOf(p)}, ${d.kind} policy${d.remediable ? " (can remediate)" : ""}`);
        out.push(`- **Severity:** ${p.severity}; **default enforcement:** ${level(p)}`);
        out.push(`- **Guidelines:** ${d.guidelines.map((g) => `${g} (${GUIDELINES[g]})`).join("; ")}`);
        out.push(`- **Controls:** ${d.controls.join(", ")}; **theme:** ${d.theme}`);
        const items = frameworkItemsOf(d.theme, d.guidelines, d.controls);
        if (items.length) {
            out.push(`- **Also serves** ([FRAMEWORKS.md](FRAMEWORKS.md)): ${items.map(itemText).join("; ")}`);
        }
        out.push(`- **Resource types:** ${d.resourceTypes.map((t) => `\`${t}\``).join(", ")}`);
        if (d.kind === "resource" && d.retiredFor === undefined && p.configSchema?.properties?.allDataStores !== undefined) {
            out.push(
                `- **Scope:** only the resources its \`aiTagKeys\` tags (or another scope setting below) mark as AI, or every one with \`allDataStores\`${
                    inStackPass.has(p) ? "; an untagged one that the dependency graph proves AI is judged in the stack pass" : ""
                }. The README's "Which resources count as AI" says how configuration resources without tags of their own are judged.`,
            );
        }
        const props = Object.fromEntries(Object.entries(p.configSchema?.properties ?? {}).filter(([k]) => !(k in EXEMPTION_SETTINGS)));
        if (Object.keys(props).length) {
            out.push("- **Config:**");
            for (const [k, s] of Object.entries(props)) {
                out.push(`  - \`${k}\` (default \`${JSON.stringify(s.default)}\`): ${s.description ?? ""}`);
            }
        }
        out.push(`- **Fix:** ${p.remediationSteps}`);
        out.push(`- **Docs:** ${p.url}`, "");
    }
    return out.join("\n");
}

/** policypack/docs/GUIDELINES.md: which policies enforce each guideline item. */
export function renderGuidelineCoverage(): string {
    const by = new Map<GuidelineId, Policy[]>();
    for (const p of policies) {
        for (const g of detailsOf(p).guidelines) {
            by.set(g, [...(by.get(g) ?? []), p]);
        }
    }
    const out = [
        "# Guideline coverage",
        "",
        "Generated from the policy registry by `npm run docs`; do not edit by hand.",
        "",
        `*${GUIDELINE_DOCUMENT.name}*, ${GUIDELINE_DOCUMENT.specification}. The ids are this project's own.`,
        "",
        "| Id | Guideline item | Policies | Severities |",
        "|---|---|---|---|",
    ];
    for (const g of Object.keys(GUIDELINES) as GuidelineId[]) {
        const ps = by.get(g) ?? [];
        out.push(
            `| ${g} | ${SECTIONS[g.slice(0, 3)]}: ${GUIDELINES[g]} | ${ps.length ? ps.map((p) => `\`${p.name}\``).join(", ") : "none (not enforceable in infrastructure code)"} | ${severities(ps)} |`,
        );
    }
    return out.join("\n") + "\n";
}

function itemText(item: FrameworkItem): string {
    const { framework, id } = splitItem(item);
    const f = FRAMEWORKS[framework];
    return `${framework === "owasp-llm" ? "OWASP " : framework === "nist-ai-rmf" ? "NIST AI RMF " : "ATLAS "}${id} (${(f.items as Record<string, string>)[id]})`;
}

function severities(ps: readonly Policy[]): string {
    return (
        SEVERITY_ORDER.map((s) => [s, ps.filter((p) => p.severity === s).length] as const)
            .filter(([, n]) => n > 0)
            .map(([s, n]) => `${n} ${s}`)
            .join(", ") || "-"
    );
}

/** policypack/docs/FRAMEWORKS.md: per framework, which policies serve each item (policypack/lib/frameworks.ts). */
export function renderFrameworkCoverage(): string {
    const by = new Map<FrameworkItem, Policy[]>();
    for (const p of policies) {
        const d = detailsOf(p);
        for (const item of frameworkItemsOf(d.theme, d.guidelines, d.controls)) {
            by.set(item, [...(by.get(item) ?? []), p]);
        }
    }
    const out = [
        "# Coverage of other frameworks",
        "",
        "<!-- Generated by `npm run docs` from policypack/lib/frameworks.ts; test/docs.spec.ts keeps it current. -->",
        "",
        `Every policy cites the *${GUIDELINE_DOCUMENT.name}* on its \`framework\` field ([GUIDELINES.md](GUIDELINES.md)). Beside them, each`,
        "policy carries as tags the items of the frameworks below that it serves, where the mapping is real: one table in",
        "[policypack/lib/frameworks.ts](../lib/frameworks.ts), keyed by the policy's theme, guideline ids or control rows.",
        "A policy serves an item; it does not, alone, satisfy it.",
    ];
    for (const f of Object.keys(FRAMEWORKS) as FrameworkId[]) {
        const fw = FRAMEWORKS[f];
        const ids = Object.keys(fw.items);
        const covered = ids.filter((id) => by.has(`${f}:${id}` as FrameworkItem)).length;
        const note: string | undefined = (fw as Framework).note;
        out.push("", `## ${fw.name} (${fw.version})`, "", `Source: ${fw.source}. Tags: \`${fw.tagPrefix}<id>\`. ${covered} of the ${ids.length} items listed are served.`);
        out.push(...(note ? ["", note] : []), "");
        out.push("| Id | Item | Policies | Severities |", "|---|---|---|---|");
        for (const id of ids) {
            const ps = by.get(`${f}:${id}` as FrameworkItem) ?? [];
            const name = (fw.items as Record<string, string>)[id];
            out.push(`| ${id} | ${cell(name)} | ${ps.length ? ps.map((p) => `[\`${p.name}\`](POLICIES.md#${p.name})`).join(", ") : fw.uncovered} | ${severities(ps)} |`);
        }
    }
    return out.join("\n") + "\n";
}

/** policypack/docs/CONSTRAINTS.md: the cloud-side constraints the pack relies on (test/constraints/constraints.ts). */
export function renderConstraints(): string {
    const out = [
        "# Cloud-side constraints",
        "",
        "<!-- Generated by `npm run docs` from test/constraints/constraints.ts; test/docs.spec.ts keeps it current. -->",
        "",
        "Settings a cloud rejects together, features that need a SKU, and settings that cannot be undone, with how",
        "the pack's controls are met together under each. Every entry is tested (test/constraints.spec.ts): its",
        'compliant configurations pass every policy of the pack with no violation and no "cannot verify", and the',
        "combination the cloud rejects, where the pack can see it, is reported.",
    ];
    for (const cloud of ["AWS", "Azure"] as const) {
        out.push("", `## ${cloud}`);
        for (const c of CONSTRAINTS.filter((x) => x.cloud === cloud)) {
            out.push("", `### ${c.title}`, "", `- **Cloud rule**: ${c.rule} ([source](${c.source}))`, `- **The pack**: ${c.pack}`);
            out.push(`- **Policies**: ${c.policies.map((p) => `[\`${p}\`](POLICIES.md#${p})`).join(", ")}`);
            out.push(
                `- **Tested**: passes every policy: ${c.compliant.map((x) => x.title).join("; ")}.${c.rejected ? ` Reported: ${c.rejected.title} (\`${c.rejected.policy}\`).` : ""}`,
            );
        }
    }
    return out.join("\n") + "\n";
}

/** Replaces the text between `<!-- <marker>:start -->` and `<!-- <marker>:end -->`. */
export function replaceSection(doc: string, marker: string, content: string): string {
    const start = `<!-- ${marker}:start -->`;
    const end = `<!-- ${marker}:end -->`;
    const i = doc.indexOf(start);
    const j = doc.indexOf(end);
    if (i < 0 || j < i) {
        throw new Error(`README has no ${start} ... ${end} section`);
    }
    return `${doc.slice(0, i + start.length)}\n${content}\n${doc.slice(j)}`;
}

export function renderReadme(readme: string): string {
    return replaceSection(replaceSection(readme, "policies", renderPolicyTable()), "coverage", renderCatalogueCoverage());
}
