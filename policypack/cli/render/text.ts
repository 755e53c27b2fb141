/**
 * Text: findings grouped by resource like the policy section of `pulumi preview`, then a summary
 * that names every mandatory violation.
 */
import { Report, isMandatory, mandatoryViolations } from "../report";
import type { RenderOptions } from "./index";

interface Style {
    red(s: string): string;
    yellow(s: string): string;
    green(s: string): string;
    dim(s: string): string;
    bold(s: string): string;
    cyan(s: string): string;
}

function style(color: boolean): Style {
    const wrap = (code: string) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
    return { red: wrap("31"), yellow: wrap("33"), green: wrap("32"), dim: wrap("2"), bold: wrap("1"), cyan: wrap("36") };
}

function indent(text: string, by: string): string {
    return text
        .split("\n")
        .map((l) => by + l)
        .join("\n");
}

export function renderText(report: Report, options: RenderOptions): string {
    const s = style(options.color);
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
            const stack = d.stage === "stack" ? s.dim("  (stack policy)") : "";
            if (d.kind === "unknown") {
                // Not a violation: neither a level nor a severity applies until the values are known.
                lines.push(`            ${s.dim("? [cannot verify]")}  ${d.policy}${stack}`);
            } else {
                const level = isMandatory(d) ? s.red(`- [${d.enforcementLevel}]`) : s.yellow(`- [${d.enforcementLevel}]`);
                const severity = d.severity ? `  [severity: ${d.severity}]` : "";
                lines.push(`            ${level}${severity}  ${d.policy}${stack}`);
            }
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
    const mandatory = mandatoryViolations(report);
    if (mandatory.length) {
        lines.push(`    Mandatory violations:`);
        for (const v of mandatory) {
            lines.push(`        ${s.red(v.policy)}  on ${v.type}  ${s.bold(v.name)}`);
        }
    }
    for (const r of report.resources.filter((x) => x.notAnalysed)) {
        lines.push(`    ${s.yellow(`not analysed: ${r.type} ${r.name}`)} — run a real preview to check what it creates`);
    }
    const unseen = sum.notAnalysed ? `; ${sum.notAnalysed} ${sum.notAnalysed === 1 ? "component was" : "components were"} not analysed, so this is not a clean run` : "";
    lines.push(
        sum.exitCode === 1
            ? `    ${s.red("Result: FAILED")} (${report.program.state ? "`pulumi policy analyze`" : "a real `pulumi preview`"} with this pack would fail on the mandatory violations)`
            : `    ${s.green("Result: PASSED")} (no mandatory violation${unseen})`,
    );
    return lines.join("\n") + "\n";
}
