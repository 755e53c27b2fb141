/**
 * JUnit XML, for CI test reports: one test suite per resource, one test case per finding.
 * A mandatory violation is a failure, an advisory violation passes with its message as output,
 * a "cannot verify" is skipped, and a resource without findings is one passing case. A check that
 * could not run is one error.
 */
import { Report, ReportResource, isMandatory } from "../report";

function xml(text: string): string {
    return (
        text
            .replace(/&/g, "&amp;")
            .replace(/</g, "&lt;")
            .replace(/>/g, "&gt;")
            .replace(/"/g, "&quot;")
            // XML 1.0 has no place for control characters other than tab and newlines.
            .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "")
    );
}

function suite(r: ReportResource): { xml: string; tests: number; failures: number; skipped: number } {
    const cases: string[] = [];
    let failures = 0;
    let skipped = 0;
    const classname = xml(`${r.type}.${r.name}`);
    for (const d of r.diagnostics) {
        const name = xml(d.policy);
        const head = `    <testcase classname="${classname}" name="${name}">`;
        if (d.kind === "unknown") {
            skipped++;
            cases.push(`${head}\n      <skipped message="${xml(d.message)}"/>\n    </testcase>`);
        } else if (isMandatory(d)) {
            failures++;
            const severity = d.severity ? ` (severity ${d.severity})` : "";
            cases.push(
                `${head}\n      <failure type="${xml(d.enforcementLevel)}" message="${xml(d.description)}">${xml(`[${d.enforcementLevel}]${severity} ${d.message}`)}</failure>\n    </testcase>`,
            );
        } else {
            cases.push(`${head}\n      <system-out>${xml(`[${d.enforcementLevel}] ${d.message}`)}</system-out>\n    </testcase>`);
        }
    }
    if (!cases.length) {
        cases.push(`    <testcase classname="${classname}" name="no findings"/>`);
    }
    const tests = cases.length;
    return {
        xml: `  <testsuite name="${xml(`${r.type}::${r.name}`)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">\n    <properties>\n      <property name="urn" value="${xml(r.urn)}"/>\n    </properties>\n${cases.join("\n")}\n  </testsuite>`,
        tests,
        failures,
        skipped,
    };
}

export function renderJunit(report: Report): string {
    const name = xml(`${report.policyPack.name}@${report.policyPack.version}`);
    const time = (report.timing.totalMs / 1000).toFixed(3);
    const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
    if (report.error) {
        const error = `    <testcase classname="${xml(report.program.directory)}" name="check">\n      <error type="${xml(report.error.cause)}" message="${xml(report.error.message)}"/>\n    </testcase>`;
        return `${head}<testsuites name="${name}" tests="1" failures="0" errors="1" time="${time}">\n  <testsuite name="check" tests="1" failures="0" errors="1" skipped="0">\n${error}\n  </testsuite>\n</testsuites>\n`;
    }
    const suites = report.resources.map(suite);
    const total = (k: "tests" | "failures" | "skipped") => suites.reduce((n, s) => n + s[k], 0);
    return `${head}<testsuites name="${name}" tests="${total("tests")}" failures="${total("failures")}" errors="0" skipped="${total("skipped")}" time="${time}">\n${suites.map((s) => s.xml).join("\n")}\n</testsuites>\n`;
}
