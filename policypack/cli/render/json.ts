/** JSON: the report as it is, described by report.schema.json. */
import type { Report } from "../report";

export function renderJson(report: Report): string {
    return JSON.stringify(report, null, 2) + "\n";
}
