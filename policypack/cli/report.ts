/**
 * The result of a check: a stable JSON report (documented by report.schema.json) and its text
 * rendering, grouped by resource like the policy section of `pulumi preview`.
 */
import type { Diagnostic, EnforcementLevel, Severity } from "../engine/analyzer";

export const REPORT_VERSION = 1;

export type DiagnosticKind = "violation" | "unknown";

export interface ReportDiagnostic {
    policy: string;
    severity: Severity;
    enforcementLevel: EnforcementLevel;
    /** "unknown": the policy could not judge a value only known after `pulumi up`. */
    kind: DiagnosticKind;
    /** "resource": from Analyze (inputs); "stack": from AnalyzeStack. */
    stage: "resource" | "stack";
    description: string;
    message: string;
}

export interface ReportRemediation {
    policy: string;
    description: string;
    /** Property paths the remediation changed (values are never shown: they may be secret). */
    changed: string[];
    message?: string;
}

export interface ReportResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    /**
     * Why the pack could not see what this resource creates: a multi-language (remote) component,
     * whose children a provider plugin registers in a real preview only.
     */
    notAnalysed?: string;
    diagnostics: ReportDiagnostic[];
    remediations: ReportRemediation[];
}

export interface ReportSummary {
    resources: number;
    policies: number;
    mandatory: number;
    advisory: number;
    unknown: number;
    remediations: number;
    /** Resources whose children check could not see (remote components): not a clean run. */
    notAnalysed: number;
    exitCode: 0 | 1 | 2;
}

export interface Report {
    version: typeof REPORT_VERSION;
    status: "passed" | "failed" | "error";
    program: { directory: string; project?: string; stack: string; entry?: string };
    policyPack: { name: string; version: string; directory: string };
    error?: { cause: string; message: string };
    resources: ReportResource[];
    summary: ReportSummary;
    timing: { programMs: number; analysisMs: number; totalMs: number };
}

const UNKNOWN_MARKERS = ["cannot verify until the values are known", "during preview: "];

export function kindOf(d: Diagnostic): DiagnosticKind {
    return d.enforcementLevel === "advisory" && UNKNOWN_MARKERS.some((m) => d.message.includes(m)) ? "unknown" : "violation";
}

/** Mandatory for the exit code: `mandatory`, and `remediate` violations left after remediation. */
export function isMandatory(d: ReportDiagnostic): boolean {
    return d.kind === "violation" && (d.enforcementLevel === "mandatory" || d.enforcementLevel === "remediate");
}

export function summarize(resources: ReportResource[], policies: number): ReportSummary {
    let mandatory = 0;
    let advisory = 0;
    let unknown = 0;
    let remediations = 0;
    let notAnalysed = 0;
    for (const r of resources) {
        if (r.notAnalysed) notAnalysed++;
        remediations += r.remediations.filter((x) => x.changed.length).length;
        for (const d of r.diagnostics) {
            if (d.kind === "unknown") unknown++;
            else if (isMandatory(d)) mandatory++;
            else advisory++;
        }
    }
    return { resources: resources.length, policies, mandatory, advisory, unknown, remediations, notAnalysed, exitCode: mandatory > 0 ? 1 : 0 };
}

/** What check says of a multi-language (remote) component, whose children it cannot see. */
export function notAnalysedMessage(type: string, name: string): string {
    return `not analysed: ${type} ${name} — a multi-language component whose resources its provider plugin creates, which check cannot run offline; run a real preview to check what it creates`;
}

/** Paths (dotted, [i] for arrays) where two property trees differ. */
export function changedPaths(before: unknown, after: unknown, prefix = ""): string[] {
    if (JSON.stringify(before) === JSON.stringify(after)) {
        return [];
    }
    const isObj = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);
    if (isObj(before) && isObj(after)) {
        const b = before as Record<string, unknown>;
        const a = after as Record<string, unknown>;
        const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
        return keys.flatMap((k) => changedPaths(b[k], a[k], prefix ? `${prefix}.${k}` : k));
    }
    if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
        return before.flatMap((x, i) => changedPaths(x, after[i], `${prefix}[${i}]`));
    }
    return [prefix || "(all properties)"];
}

// ---------------------------------------------------------------------------------------------
// Text rendering

interface Style {
    red(s: string): string;
    yellow(s: string): string;
    green(s: string): string;
    dim(s: string): string;
    bold(s: string): string;
    cyan(s: string): string;
}

export function style(color: boolean): Style {
    const wrap = (code: string) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
    return { red: wrap("31"), yellow: wrap("33"), green: wrap("32"), dim: wrap("2"), bold: wrap("1"), cyan: wrap("36") };
}

function indent(text: string, by: string): string {
    return text
        .split("\n")
        .map((l) => by + l)
        .join("\n");
}

export function renderText(report: Report, color: boolean): string {
    const s = style(color);
    const lines: string[] = [];
    const pack = `${report.policyPack.name}@v${report.policyPack.version}`;
    const flagged = report.resources.filter((r) => r.notAnalysed || r.diagnostics.length || r.remediations.some((x) => x.changed.length || x.message));
    const icon = report.summary.exitCode === 1 ? s.red("❌") : s.green("✅");
    lines.push(s.bold("Policies:"));
    lines.push(`    ${icon} ${s.bold(pack)} (local: ${report.policyPack.directory})`);
    for (const r of flagged) {
        lines.push(`        ${s.cyan(r.type)}  ${s.bold(r.name)}`);
        if (r.notAnalysed) {
            lines.push(`            ${s.yellow("?")} ${r.notAnalysed}`);
        }
        for (const x of r.remediations) {
            if (x.changed.length) {
                lines.push(`            ${s.green("✎ [remediated]")}  ${x.policy}`);
                lines.push(indent(`${x.description}\nchanged: ${x.changed.join(", ")}`, "              "));
            } else if (x.message) {
                lines.push(`            ${s.yellow("✎ [not remediated]")}  ${x.policy}`);
                lines.push(indent(x.message, "              "));
            }
        }
        for (const d of r.diagnostics) {
            const level = d.kind === "unknown" ? s.dim(`- [${d.enforcementLevel}]`) : isMandatory(d) ? s.red(`- [${d.enforcementLevel}]`) : s.yellow(`- [${d.enforcementLevel}]`);
            const severity = d.severity ? `  [severity: ${d.severity}]` : "";
            lines.push(`            ${level}${severity}  ${d.policy}${d.stage === "stack" ? s.dim("  (stack policy)") : ""}`);
            lines.push(indent(d.message, "              "));
        }
    }
    if (!flagged.length) {
        lines.push("        no findings");
    }
    const sum = report.summary;
    lines.push("");
    lines.push(s.bold("Summary:"));
    lines.push(`    ${sum.resources} resources checked against ${sum.policies} policies in ${(report.timing.totalMs / 1000).toFixed(1)} s`);
    lines.push(
        `    ${sum.mandatory ? s.red(`${sum.mandatory} mandatory`) : "0 mandatory"}, ${sum.advisory ? s.yellow(`${sum.advisory} advisory`) : "0 advisory"} violations; ` +
            `${sum.unknown} cannot be verified until the values are known; ${sum.remediations} remediated`,
    );
    for (const r of report.resources.filter((x) => x.notAnalysed)) {
        lines.push(`    ${s.yellow(`not analysed: ${r.type} ${r.name}`)} — run a real preview to check what it creates`);
    }
    const unseen = sum.notAnalysed ? `; ${sum.notAnalysed} ${sum.notAnalysed === 1 ? "component was" : "components were"} not analysed, so this is not a clean run` : "";
    lines.push(
        sum.exitCode === 1
            ? `    ${s.red("Result: FAILED")} (a real \`pulumi preview\` with this pack would fail on the mandatory violations)`
            : `    ${s.green("Result: PASSED")} (no mandatory violation${unseen})`,
    );
    return lines.join("\n") + "\n";
}
