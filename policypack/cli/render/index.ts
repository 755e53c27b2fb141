/**
 * The output formats of `check`. Each renderer is a pure function of the one `Report` (render/<format>.ts).
 */
import type { Report } from "../report";
import { renderJson } from "./json";
import { renderJunit } from "./junit";
import { renderMarkdown } from "./markdown";
import { renderSarif } from "./sarif";
import { renderText } from "./text";

export interface RenderOptions {
    /** ANSI colours (text on a terminal without NO_COLOR). */
    color: boolean;
    /** The directory file paths are made relative to (SARIF); default the working directory. */
    cwd?: string;
}

export const renderers = {
    text: renderText,
    json: renderJson,
    sarif: renderSarif,
    junit: renderJunit,
    markdown: renderMarkdown,
} satisfies Record<string, (report: Report, options: RenderOptions) => string>;

export type Format = keyof typeof renderers;

export const FORMATS = Object.keys(renderers) as Format[];

export function render(format: Format, report: Report, options: RenderOptions): string {
    return renderers[format](report, options);
}
