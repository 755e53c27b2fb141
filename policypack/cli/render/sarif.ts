/**
 * SARIF 2.1.0, for code scanning (GitHub's upload-sarif and other SARIF viewers).
 *
 * - One rule per policy with a finding: id and name, description, help (remediation steps and
 *   URL), the level its effective enforcement level gives, `security-severity` from its severity,
 *   and its guideline ids as tags.
 * - One result per violation: the resource's URN as logical location and, where `check` knows it,
 *   the program file and line that registered the resource as physical location (else the
 *   program's entry module, or the state file: code scanning needs a file for every result).
 * - "Cannot verify" entries are not findings: they are tool notifications, not results.
 *
 * File URIs are relative to `options.cwd` (run `check` from the repository root in CI).
 */
import { createHash } from "crypto";
import * as path from "path";
import type { EnforcementLevel, Severity } from "../../engine/analyzer";
import { Report, ReportDiagnostic, ReportPolicy, ReportResource, isMandatory } from "../report";
import type { RenderOptions } from "./index";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI = "https://github.com/secure-ai-policies/secure-ai-policies";

type Level = "error" | "warning" | "note" | "none";

/** GitHub's bands: critical > 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9. */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = { critical: "9.5", high: "8.0", medium: "5.5", low: "2.0", "": undefined };

function levelOf(enforcementLevel: EnforcementLevel): Level {
    return enforcementLevel === "mandatory" || enforcementLevel === "remediate" ? "error" : enforcementLevel === "advisory" ? "warning" : "none";
}

function rule(p: ReportPolicy): Record<string, unknown> {
    const helpText = [p.remediationSteps, p.url ? `See ${p.url}` : undefined].filter(Boolean).join("\n\n") || p.description;
    const helpMarkdown = [p.remediationSteps, p.url ? `[Documentation](${p.url})` : undefined].filter(Boolean).join("\n\n") || p.description;
    const securitySeverity = SECURITY_SEVERITY[p.severity];
    return {
        id: p.name,
        name: p.name,
        shortDescription: { text: p.displayName || p.description },
        fullDescription: { text: p.description },
        help: { text: helpText, markdown: helpMarkdown },
        ...(p.url ? { helpUri: p.url } : {}),
        defaultConfiguration: { level: levelOf(p.enforcementLevel) },
        properties: {
            ...(securitySeverity ? { "security-severity": securitySeverity } : {}),
            tags: ["security", ...p.guidelines],
            precision: "high",
        },
    };
}

function toUri(file: string): string {
    return file.split(path.sep).join("/").split("/").map(encodeURIComponent).join("/");
}

export function renderSarif(report: Report, options: RenderOptions): string {
    const cwd = options.cwd ?? process.cwd();
    const relative = (abs: string) => toUri(path.relative(cwd, abs) || ".");
    const programDir = report.program.directory;
    // Where a finding goes when the program's registration site is unknown.
    const fallback = report.program.state ?? (report.program.entry ? path.join(programDir, report.program.entry) : undefined);

    const physical = (r: ReportResource) => {
        if (r.location) {
            return {
                artifactLocation: { uri: relative(path.join(programDir, r.location.file)) },
                region: { startLine: r.location.line, startColumn: Math.max(1, r.location.column) },
            };
        }
        return fallback ? { artifactLocation: { uri: relative(fallback) }, region: { startLine: 1 } } : undefined;
    };
    const location = (r: ReportResource) => {
        const p = physical(r);
        return { ...(p ? { physicalLocation: p } : {}), logicalLocations: [{ name: r.name, fullyQualifiedName: r.urn, kind: "resource" }] };
    };

    const rules = report.policies.map(rule);
    const ruleIndex = new Map(report.policies.map((p, i) => [p.name, i]));
    const results: unknown[] = [];
    const notifications: unknown[] = [];
    const findings = report.resources.flatMap((r) => r.diagnostics.map((d) => [r, d] as [ReportResource, ReportDiagnostic]));
    for (const [r, d] of findings) {
        const message = { text: `${r.type} "${r.name}": ${d.message}` };
        if (d.kind === "unknown") {
            notifications.push({ level: "note", message, locations: [location(r)], descriptor: { id: d.policy } });
            continue;
        }
        results.push({
            ruleId: d.policy,
            ...(ruleIndex.has(d.policy) ? { ruleIndex: ruleIndex.get(d.policy) } : {}),
            level: isMandatory(d) ? "error" : levelOf(d.enforcementLevel),
            message,
            locations: [location(r)],
            // Alerts follow the resource, not the line it is registered on.
            partialFingerprints: { "secureAiPolicies/v1": createHash("sha256").update(`${d.policy}\n${r.urn}`).digest("hex") },
            properties: { urn: r.urn, resourceType: r.type, enforcementLevel: d.enforcementLevel, stage: d.stage },
        });
    }
    if (report.error) {
        notifications.push({ level: "error", message: { text: `${report.error.cause}: ${report.error.message}` } });
    }
    const sarif = {
        $schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: report.policyPack.name,
                        version: report.policyPack.version,
                        semanticVersion: report.policyPack.version,
                        informationUri: INFORMATION_URI,
                        rules,
                    },
                },
                invocations: [
                    {
                        executionSuccessful: report.status !== "error",
                        exitCode: report.summary.exitCode,
                        ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
                    },
                ],
                results,
            },
        ],
    };
    return JSON.stringify(sarif, null, 2) + "\n";
}
