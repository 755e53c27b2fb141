/**
 * The engine-faithful test harness: starts the built pack through the Node language host's
 * launcher, configures it as the engine does (schema defaults, effective levels, validation), and
 * gives tests the outcome of each policy for a resource.
 */
import * as path from "path";
import Ajv from "ajv";
import { AnalyzeResult, ConfigValidator, PolicyPackConfigFile, PolicyPackProcess, Resource, StartOptions, UNKNOWN_VALUES, secret } from "../../policypack/engine/analyzer";

export { UNKNOWN_VALUES, secret };

/** The repository root: the pack directory (`main` points at the compiled bin/index.js). */
export const REPO = path.resolve(__dirname, "..", "..", "..");

/** Validates config like the engine's gojsonschema (draft-07 semantics), with its message shape. */
export const engineValidator: ConfigValidator = (() => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const cache = new Map<string, ReturnType<Ajv["compile"]>>();
    return (schema, config) => {
        const key = JSON.stringify(schema);
        let validate = cache.get(key);
        if (!validate) {
            validate = ajv.compile(schema);
            cache.set(key, validate);
        }
        if (validate(config)) {
            return [];
        }
        return (validate.errors ?? []).map((e) => {
            const field = e.instancePath ? e.instancePath.slice(1).replace(/\//g, ".") : "(root)";
            const detail =
                e.keyword === "type" ? `Invalid type. Expected: ${String(e.params.type)}, given: ${describeType(valueAt(config, e.instancePath))}` : (e.message ?? e.keyword);
            return field === "(root)" ? detail : `${field}: ${detail}`;
        });
    };
})();

function valueAt(config: unknown, pointer: string): unknown {
    let v: unknown = config;
    for (const part of pointer.split("/").slice(1)) {
        v = (v as Record<string, unknown>)?.[part];
    }
    return v;
}

function describeType(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
    return typeof v;
}

const GUARD = path.join(__dirname, "noCloudSdk.js");

/**
 * Starts the built pack (once per test file), sends ConfigureStack and Configure with the given
 * config file. The pack process runs with a guard that fails it if it loads a cloud SDK.
 */
export async function startPack(config: PolicyPackConfigFile = {}, options: StartOptions & { packDir?: string } = {}): Promise<PolicyPackProcess> {
    const pack = await PolicyPackProcess.start(options.packDir ?? REPO, {
        ...options,
        env: { NODE_OPTIONS: `--require ${GUARD}`, ...options.env },
    });
    await pack.configureStack();
    await pack.configure(config, engineValidator);
    return pack;
}

export type Outcome = "pass" | "violation" | "unknown" | "malformed" | "not-applicable";

/** The policy that reports, once per resource, what other policies could not know in a preview. */
export const PREVIEW_UNKNOWNS = "ai-preview-unknown-values";

/**
 * The diagnostics that speak for `policy`: its own, and the preview-unknowns report of a resource
 * where it is one of the policies waiting (`- <policy>: <properties>`).
 */
function diagnosticsFor(result: AnalyzeResult, policy: string) {
    const line = `\n- ${policy}: `;
    return result.diagnostics.filter((d) => d.policyName === policy || (d.policyName === PREVIEW_UNKNOWNS && policy !== PREVIEW_UNKNOWNS && d.message.includes(line)));
}

/**
 * Analyze as a preview shows it: the resource's own diagnostics, plus what the stack pass (sent
 * after every Analyze, over the same resource) reports for it in `ai-preview-unknown-values`,
 * where each policy that found only unknowns hands them (policypack/lib/previewUnknowns.ts).
 */
export async function analyzeAsPreview(pack: Pick<PolicyPackProcess, "analyze" | "analyzeStack">, r: Resource): Promise<AnalyzeResult> {
    const result = await pack.analyze(r);
    const stack = await pack.analyzeStack([r]);
    return { ...result, diagnostics: [...result.diagnostics, ...stack.diagnostics.filter((d) => d.policyName === PREVIEW_UNKNOWNS)] };
}

/** What one policy made of a resource, as a user would read it in `pulumi preview`. */
export function outcomeOf(result: AnalyzeResult, policy: string): Outcome {
    const ds = diagnosticsFor(result, policy);
    if (ds.length === 0) {
        return result.notApplicable.some((n) => n.policyName === policy) ? "not-applicable" : "pass";
    }
    if (ds.every((d) => d.enforcementLevel === "advisory" && d.message.includes("cannot verify until the values are known"))) {
        return "unknown";
    }
    if (ds.some((d) => d.message.includes("cannot evaluate"))) {
        return "malformed";
    }
    return "violation";
}

export function messagesOf(result: AnalyzeResult, policy: string): string[] {
    return diagnosticsFor(result, policy).map((d) => d.message);
}

/** A resource for Analyze with a default name. */
export function resource(type: string, properties: Record<string, unknown>, name = "r"): Resource {
    return { type, name, properties };
}
