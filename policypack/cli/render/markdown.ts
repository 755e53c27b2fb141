/**
 * Markdown for a pull-request comment: the result, the mandatory violations in a table (policy,
 * severity, resource, where it is registered, what is wrong), advisory violations, "cannot verify"
 * entries and how to fix each failing policy in collapsed sections.
 */
import * as path from "path";
import { Report, ReportDiagnostic, ReportResource, isMandatory } from "../report";
import type { RenderOptions } from "./index";

/** A hidden marker, so a workflow can find and update its earlier comment. */
export const MARKDOWN_MARKER = "<!-- secure-ai-policies check -->";

function cell(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

function code(text: string): string {
    return `\`${text.replace(/`/g, "'")}\``;
}

type Finding = [ReportResource, ReportDiagnostic];

/** Rows per table: a pull-request comment holds at most 65,536 characters. */
const MAX_ROWS = 40;

function table(findings: Finding[], where: (r: ReportResource) => string): string[] {
    const lines = ["| Policy | Severity | Resource | Where | Finding |", "|---|---|---|---|---|"];
    for (const [r, d] of findings.slice(0, MAX_ROWS)) {
        // The message's first line repeats the policy's description; the rest says what is wrong.
        const detail = d.message.includes("\n") ? d.message.slice(d.message.indexOf("\n") + 1) : d.message;
        lines.push(`| ${code(d.policy)} | ${d.severity || "–"} | ${code(r.type)} ${code(r.name)} | ${where(r)} | ${cell(detail)} |`);
    }
    if (findings.length > MAX_ROWS) {
        lines.push("", `…and ${findings.length - MAX_ROWS} more: see the full report (\`--format json\` or \`--format sarif\`).`);
    }
    return lines;
}

function details(summary: string, body: string[]): string[] {
    return ["<details>", `<summary>${summary}</summary>`, "", ...body, "", "</details>", ""];
}

export function renderMarkdown(report: Report, options: RenderOptions): string {
    const cwd = options.cwd ?? process.cwd();
    const lines = [MARKDOWN_MARKER];
    const pack = `${report.policyPack.name}@v${report.policyPack.version}`;
    const target = report.program.state ? `state ${code(path.basename(report.program.state))}` : code(path.basename(report.program.directory));
    const what = `${target}, stack ${code(report.program.stack)}`;
    if (report.error) {
        lines.push(`### ⚠️ ${pack}: could not check ${what}`, "", `${cell(report.error.message)} (${code(report.error.cause)})`, "");
        return lines.join("\n");
    }
    const sum = report.summary;
    const findings = report.resources.flatMap((r) => r.diagnostics.map((d) => [r, d] as Finding));
    const mandatory = findings.filter(([, d]) => isMandatory(d));
    const advisory = findings.filter(([, d]) => d.kind === "violation" && !isMandatory(d));
    const unknown = findings.filter(([, d]) => d.kind === "unknown");
    const where = (r: ReportResource) => {
        if (!r.location) return "–";
        const file = path.relative(cwd, path.join(report.program.directory, r.location.file)).split(path.sep).join("/");
        return code(`${file}:${r.location.line}`);
    };

    lines.push(
        sum.exitCode === 1
            ? `### ❌ ${pack}: ${sum.mandatory} mandatory violation${sum.mandatory === 1 ? "" : "s"} in ${what}`
            : `### ✅ ${pack}: no mandatory violation in ${what}`,
        "",
        `${sum.resources} resources checked against ${sum.policies} policies: **${sum.mandatory} mandatory**, ${sum.advisory} advisory, ` +
            `${sum.unknown} cannot be verified until the values are known, ${sum.remediations} remediated.`,
        "",
    );
    if (mandatory.length) {
        lines.push("#### Mandatory violations", "", ...table(mandatory, where), "");
    }
    if (advisory.length) {
        lines.push(...details(`Advisory violations (${advisory.length})`, table(advisory, where)));
    }
    if (unknown.length) {
        lines.push(...details(`Cannot verify until the values are known (${unknown.length})`, table(unknown, where)));
    }
    const failing = new Set(mandatory.map(([, d]) => d.policy));
    const fixes = report.policies.filter((p) => failing.has(p.name) && (p.remediationSteps || p.url));
    if (fixes.length) {
        const body = fixes.flatMap((p) => [`- ${code(p.name)}: ${p.remediationSteps ?? ""}${p.url ? ` ([docs](${p.url}))` : ""}`]);
        lines.push(...details("How to fix the mandatory violations", body));
    }
    return lines.join("\n");
}
