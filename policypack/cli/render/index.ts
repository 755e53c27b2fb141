/**
 * The output formats of `check`. Each renderer is a pure function of the one `Report` (render/<format>.ts).
 */
import type { Report } from "../report";
import { renderJson } from "./json";
import { renderText } from "./text";

export interface RenderOptions {
    /** ANSI colours (text on a terminal without NO_COLOR). */
    color: boolean;
}

export const renderers = {
    text: renderText,
    json: renderJson,
} satisfies Record<string, (report: Report, options: RenderOptions) => string>;

export type Format = keyof typeof renderers;

export const FORMATS = Object.keys(renderers) as Format[];

export function render(format: Format, report: Report, options: RenderOptions): string {
    return renderers[format](report, options);
}
