/**
 * What `check` puts through the pack, whatever it comes from (a program run, a state file): the
 * resources as the engine sees them, in the order the engine would analyse them.
 */
import type { Resource } from "../../engine/analyzer";
import type { Report } from "../report";

/** A program file position (1-based line and column); the file is relative to the program directory. */
export interface SourceLocation {
    file: string;
    line: number;
    column: number;
}

export interface SourceResource extends Resource {
    urn: string;
    /** Parent URN ("" for the stack and default providers). */
    parent: string;
    custom: boolean;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /**
     * What AnalyzeStack sees: a state's outputs. Absent in a preview, where the state of a custom
     * resource is its (remediated) inputs.
     */
    outputs?: Record<string, unknown>;
    /**
     * A multi-language (remote) component: its children are registered by a provider plugin in a
     * real preview only, so check cannot see them.
     */
    remote?: boolean;
    /** Where the program registered the resource, when known. */
    location?: SourceLocation;
}

/** A source, read and ready to run. */
export interface Source {
    project: string;
    stack: string;
    /** Stack config, as ConfigureStack sends it. */
    config: Record<string, string>;
    /** true for a preview (a program run), false for existing state. */
    dryRun: boolean;
    /** Analyze sees remediated inputs (a preview or update); false: remediations are only reported (state). */
    applyRemediations: boolean;
    /** How the report names what was checked. */
    program: Report["program"];
    /** Produces the resources; may be stopped with the function given to onStop. */
    resources(io: SourceIO): Promise<{ resources: SourceResource[]; programMs: number }>;
}

export interface SourceIO {
    /** Where the program's own stdout goes. */
    out: NodeJS.WritableStream;
    progress(text: string): void;
    /** Called before the program's output is written (clears a progress line). */
    clear(): void;
    onStop(stop: () => void): void;
    timeoutSeconds: number;
}
