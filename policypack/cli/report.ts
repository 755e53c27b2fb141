/**
 * The result of a check: one `Report`, built once from what the pack said, that every output format
 * renders (render/*.ts) and that `--format json` prints as it is (documented by report.schema.json).
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
    /** Where the program registered the resource (file relative to the program directory), when known. */
    location?: { file: string; line: number; column: number };
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

/** What the pack says about a policy that has a finding in the report. */
export interface ReportPolicy {
    name: string;
    displayName?: string;
    description: string;
    severity: Severity;
    /** The policy's effective level in this check. */
    enforcementLevel: EnforcementLevel;
    /** Ids of the NCSC/CISA guideline items the policy serves (its framework reference). */
    guidelines: string[];
    tags: string[];
    remediationSteps?: string;
    url?: string;
}

export interface Report {
    version: typeof REPORT_VERSION;
    status: "passed" | "failed" | "error";
    /** What was checked: a program directory, or (check --state) a state file and its directory. */
    program: { directory: string; project?: string; stack: string; entry?: string; state?: string };
    policyPack: { name: string; version: string; directory: string };
    error?: { cause: string; message: string };
    resources: ReportResource[];
    /** The policies with a finding or remediation in this report, by name. */
    policies: ReportPolicy[];
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

/** A violation (not a "cannot verify") that fails the check. */
export interface MandatoryViolation {
    policy: string;
    type: string;
    name: string;
    urn: string;
}

/** The mandatory violations, in report order (resource, then finding). */
export function mandatoryViolations(report: Report): MandatoryViolation[] {
    return report.resources.flatMap((r) => r.diagnostics.filter(isMandatory).map((d) => ({ policy: d.policy, type: r.type, name: r.name, urn: r.urn })));
}

export interface ExpectedViolation {
    policy: string;
    type: string;
    name: string;
    enforcementLevel: string;
}

/** The violations an example's expected-violations.json records (policy, resource), sorted. */
export function expectedOf(report: Report): ExpectedViolation[] {
    const out: ExpectedViolation[] = [];
    for (const r of report.resources) {
        for (const d of r.diagnostics) {
            if (d.kind === "violation") out.push({ policy: d.policy, type: r.type, name: r.name, enforcementLevel: d.enforcementLevel });
        }
    }
    return out.sort((a, b) => `${a.policy} ${a.type} ${a.name}`.localeCompare(`${b.policy} ${b.type} ${b.name}`));
}
