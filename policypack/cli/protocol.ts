/**
 * What the program runner (a child process) tells `check` over the IPC channel. Property values
 * keep the wire encoding the engine uses (unknown sentinels, secret, asset and resource-reference
 * envelopes), so the pack sees exactly what the engine would send.
 */

/** One `RegisterResource` call as the resource monitor received it. */
export interface Registration {
    /** Order in which the program sent the registration (0-based). */
    seq: number;
    type: string;
    name: string;
    urn: string;
    custom: boolean;
    /**
     * A multi-language (remote) component: a provider plugin constructs it and registers its
     * children, so under the mocks it has none and check cannot see what it creates.
     */
    remote: boolean;
    /** Parent URN ("" for the stack itself). */
    parent: string;
    /** Provider reference as the SDK sends it (`<urn>::<id>`), "" for the default provider. */
    provider: string;
    /** Provider plugin version requested by the SDK (used for default provider names). */
    version: string;
    inputs: Record<string, unknown>;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    protect: boolean;
    ignoreChanges: string[];
    aliases: string[];
    additionalSecretOutputs: string[];
    /**
     * The program file (relative to the program directory), line and column that registered the
     * resource: the first frame of the stack trace at registration in the program's own code.
     */
    location?: { file: string; line: number; column: number };
    /** Outputs registered with registerOutputs (component resources), if any. */
    outputs?: Record<string, unknown>;
}

export type RunnerMessage =
    | { kind: "registration"; registration: Registration }
    | { kind: "outputs"; urn: string; outputs: Record<string, unknown> }
    | { kind: "done"; programMs: number }
    | { kind: "failed"; cause: FailureCause; message: string; detail?: string };

/** Why a program could not be checked (exit code 2). */
export type FailureCause = "no-sdk" | "no-entry" | "compile" | "program" | "config" | "invoke" | "read" | "runtime";

/** What `check` passes to the runner (as JSON in argv[2]). */
export interface RunnerOptions {
    programDir: string;
    entry: string;
    project: string;
    stack: string;
    organization: string;
    /** Stack config as the language host puts it in PULUMI_CONFIG. */
    config: Record<string, string>;
    /** Secret stack config keys left unset (they cannot be decrypted offline). */
    secretConfig?: string[];
    /** Where to look for `typescript` when the program has none of its own. */
    fallbackModuleDirs: string[];
    /**
     * Run as a deployment instead of a preview, with each custom resource's state from this
     * module's `newResource(args)` (a Pulumi mocks function); the states come back as outputs.
     * Used to generate exported-state fixtures for `check --state`.
     */
    deployment?: { mocksModule: string };
}
