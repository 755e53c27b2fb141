/**
 * Declaring a policy. Each policy is one call to {@link resourcePolicy} or {@link stackPolicy} with
 * its metadata; the result is a plain `@pulumi/policy` policy object whose metadata sits on the
 * SDK's own fields (severity, framework, tags, remediationSteps, url, configSchema), so the CLI and
 * Pulumi Cloud show it, and whose functions never throw on bad input.
 */
import type { EnforcementLevel, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { Section, Sink, WHOLE_OBJECT } from "./check";
import { evaluatesDirectly } from "./directAnalyze";
import { displayNameOf } from "./displayName";
import { frameworkItemsOf, tagOf } from "./frameworks";
import { EXEMPT_TAG, EXEMPTION_SETTINGS, exemptionFor, isExempt } from "./exemptions";
import { GUIDELINE_DOCUMENT, GuidelineId } from "./guidelines";
import { Claim, deferUnknowns } from "./previewUnknowns";
import { UNKNOWN, readKey, readPath, segments } from "./props";
import { canonicalType, cloudOf, isOneOf } from "./types";

export type Severity = "low" | "medium" | "high" | "critical";

/** The mission area a policy belongs to; one per policy, shown as a tag. */
export type Theme = "registry" | "encryption" | "access" | "network" | "logging" | "monitoring" | "guardrails" | "supply-chain" | "resilience" | "inventory";

/**
 * The default enforcement follows from severity: critical and high findings fail the preview
 * (mandatory), medium and low ones warn (advisory). Users override any policy, or all of them,
 * with `--policy-pack-config`.
 */
export function defaultEnforcement(severity: Severity): EnforcementLevel {
    return severity === "critical" || severity === "high" ? "mandatory" : "advisory";
}

/** A config knob: a JSON schema with a mandatory default and description. */
export type Knob<T> = PolicyConfigJSONSchema & { default: T; description: string };
export type Knobs<C> = { [K in keyof C]: Knob<C[K]> };

export interface Common<C> {
    /**
     * `<cloud>-<service>-<what>` (`ai-<what>` for the few controls that span both clouds), kebab-case,
     * stable forever: users configure policies by it.
     */
    name: string;
    /** One sentence saying what must hold. */
    description: string;
    severity: Severity;
    /** The guideline items this policy enforces (ids of the project's guideline list). */
    guidelines: readonly GuidelineId[];
    /** The control catalogue rows it implements (e.g. "ACC-A01"). */
    controls: readonly string[];
    theme: Theme;
    /** What to change, in the program's own terms. */
    remediationSteps: string;
    /** The provider's documentation of the setting. */
    url: string;
    /** Config knobs, each with a default. */
    config?: Knobs<C>;
    /** Overrides the severity-derived default; say why in a comment where you use it. */
    enforcementLevel?: EnforcementLevel;
    /**
     * The policy that took over this one's control. A retired policy stays registered forever, so that
     * policy groups and config files naming it stay valid; it is disabled by default and its
     * `validate` must never report (end it with `r.notApplicable`, naming the successor).
     */
    retiredFor?: string;
}

/** What `validate` gets: a section over the resource's inputs plus its identity and config. */
export class ResourceCheck<C> extends Section {
    constructor(
        sink: Sink,
        readonly args: ResourceValidationArgs,
        readonly config: Readonly<C>,
    ) {
        super(sink, args.props, "");
    }
    get type(): string {
        return this.args.type;
    }
    get name(): string {
        return this.args.name;
    }
    /** The resource's provider (its inputs, e.g. the AWS provider's default tags), when the engine sent it. */
    get provider(): ResourceValidationArgs["provider"] {
        return this.args.provider;
    }
    /** Ends the evaluation: the policy does not cover this resource (shown in compliance summaries). */
    notApplicable(reason: string): never {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        const e = new NotApplicable(reason);
        Error.stackTraceLimit = limit;
        throw e;
    }
}

/** Thrown by ResourceCheck.notApplicable, turned into the SDK's not-applicable result. */
class NotApplicable extends Error {}

/**
 * `args.notApplicable` throws an error the SDK catches; capturing its stack trace is most of the
 * cost of a policy on a resource it does not cover (measured: ~7 us of ~10 us), and nobody ever
 * sees that stack. So the error is created without one; the limit is restored at once.
 */
export function notApplicableCheaply(args: { notApplicable(reason?: string): never }, reason: string): never {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        return args.notApplicable(reason);
    } finally {
        Error.stackTraceLimit = limit;
    }
}

export interface ResourcePolicyDef<C> extends Common<C> {
    /** Canonical type tokens (see types.ts: versioned and deprecated spellings also match). */
    resourceTypes: readonly string[];
    validate(r: ResourceCheck<C>): void;
    /**
     * Optional fix, run when a user sets the policy to "remediate". It may only tighten settings,
     * must be idempotent, and changes the properties in place through `r.ensure` (which keeps
     * secrets secret).
     */
    remediate?(r: Remediation<C>): void;
}

/** Details the docs and tests need beyond the SDK's fields. */
export interface PolicyDetails {
    kind: "resource" | "stack";
    resourceTypes: readonly string[];
    controls: readonly string[];
    guidelines: readonly GuidelineId[];
    theme: Theme;
    remediable: boolean;
    /** Set for retired policies: the policy that judges their control now. */
    retiredFor?: string;
}

const details = new WeakMap<object, PolicyDetails>();

/** @internal Records what docs and tests need about a policy. */
export function setDetails(policy: object, d: PolicyDetails): void {
    details.set(policy, d);
}

export function detailsOf(policy: object): PolicyDetails {
    const d = details.get(policy);
    if (!d) {
        throw new Error("not a secure-ai-policies policy");
    }
    return d;
}

/** @internal The SDK fields every policy carries. */
export function common<C>(def: Common<C>) {
    return {
        name: def.name,
        displayName: displayNameOf(def.name),
        description: def.description,
        enforcementLevel: def.retiredFor !== undefined ? "disabled" : (def.enforcementLevel ?? defaultEnforcement(def.severity)),
        severity: def.severity,
        framework: { ...GUIDELINE_DOCUMENT, reference: def.guidelines.join(", ") },
        // The NCSC/CISA ids, theme and controls, then the OWASP, NIST AI RMF and MITRE ATLAS items (frameworks.ts).
        tags: [...def.guidelines, def.theme, ...def.controls, ...frameworkItemsOf(def.theme, def.guidelines, def.controls).map(tagOf)],
        remediationSteps: def.remediationSteps,
        url: def.url,
        // Every policy takes the administrator's exemptions (exemptions.ts) beside its own knobs.
        configSchema: { properties: { ...def.config, ...EXEMPTION_SETTINGS } },
    };
}

/** The config a policy runs with: the engine fills schema defaults; direct callers may not. */
/** @internal */
export function configOf<C>(def: Common<C>, given: Record<string, unknown>): C {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(def.config ?? {})) {
        const knob = (def.config as Record<string, Knob<unknown>>)[key];
        out[key] = given[key] !== undefined ? given[key] : knob.default;
    }
    return out as C;
}

/** Collects one evaluation's outcomes and turns them into diagnostics. */
/** @internal */
/** The most violations one policy reports on one resource; the rest are counted in one more message. */
export const MAX_VIOLATIONS = 100;

export class Collector implements Sink {
    readonly violations: string[] = [];
    readonly unknowns: string[] = [];
    /** The policy's own failures (a bug in the pack, not a finding about the resource). */
    readonly failures: string[] = [];
    /** Added to every finding: why the resource is judged although it was exempted (an expired exemption). */
    note: string | undefined;
    /** The unknowns as a set, once there are enough of them that scanning the list would be quadratic. */
    private seen: Set<string> | undefined;
    /** The violations as a set, for the same reason (a list of thousands of elements, each a finding). */
    private reported: Set<string> | undefined;
    constructor(readonly cloud: string) {}
    /** Distinct violations beyond MAX_VIOLATIONS, counted but not kept (a list of thousands of offending elements). */
    dropped = 0;
    violation(message: string): void {
        // The same finding twice (a value read by two checks) says nothing more.
        if (this.reported !== undefined) {
            if (!this.reported.has(message)) {
                this.reported.add(message);
                if (this.violations.length < MAX_VIOLATIONS) {
                    this.violations.push(message);
                } else {
                    this.dropped++;
                }
            }
        } else if (!this.violations.includes(message)) {
            this.violations.push(message);
            if (this.violations.length > 16) {
                this.reported = new Set(this.violations);
            }
        }
    }
    /** The policy itself failed: reported as an advisory, since it says nothing about the resource. */
    failure(message: string): void {
        this.failures.push(message);
    }
    /** Unknowns the dependency graph may settle, by path (see previewUnknowns.ts). */
    claims: Map<string, Claim> | undefined;
    claim(path: string, claim: Claim): void {
        (this.claims ??= new Map()).set(path, claim);
    }
    unknown(path: string): void {
        if (this.seen !== undefined) {
            if (!this.seen.has(path)) {
                this.seen.add(path);
                this.unknowns.push(path);
            }
        } else if (!this.unknowns.includes(path)) {
            this.unknowns.push(path);
            if (this.unknowns.length > 16) {
                this.seen = new Set(this.unknowns);
            }
        }
    }
}

/** Text of the advisory for values only known after `pulumi up`. */
export function cannotVerifyYet(paths: readonly string[]): string {
    const list = paths.slice(0, 5).join(", ") + (paths.length > 5 ? `, and ${paths.length - 5} more` : "");
    const whole = paths.some((p) => p.endsWith(WHOLE_OBJECT))
        ? " A preview leaves an object unknown as a whole when any value inside it is computed from another resource (azure-native does so with `properties`), so none of its settings can be read yet."
        : "";
    return `cannot verify until the values are known (after \`pulumi up\`): ${list}.${whole} The policy runs again on the real values during the update.`;
}

/**
 * Reports what a collector gathered: violations, or else one advisory for unknowns. With `waits`
 * (the policy's name and the resource judged), unknowns alone are handed to
 * `ai-preview-unknown-values`, which reports them once per resource (previewUnknowns.ts).
 */
/** @internal */
export function flush(description: string, c: Collector, report: ReportViolation, urn?: string, waits?: { policy: string; resource: string | undefined }): void {
    const note = c.note === undefined ? "" : `\n${c.note}`;
    for (const message of c.violations) {
        report(message + note, urn);
    }
    if (c.dropped > 0) {
        report(`and ${c.dropped} more violations of this policy on the same resource, not shown: fix the ones above and run again.`, urn);
    }
    // The object form carries its own enforcement level: unknowns, and the pack's own failures,
    // never fail a preview.
    const advisory = report as unknown as (v: object) => void;
    for (const message of c.failures) {
        advisory({ message: `${description}\n${message}`, urn, enforcementLevel: "advisory" });
    }
    if (c.violations.length === 0 && c.failures.length === 0 && c.unknowns.length > 0) {
        if (waits !== undefined && deferUnknowns(waits.policy, waits.resource, c.unknowns, c.claims)) {
            return;
        }
        advisory({ message: `${description}\n${cannotVerifyYet(c.unknowns)}${note}`, urn, enforcementLevel: "advisory" });
    }
}

/**
 * A policy's code failing is reported against the resource, as an advisory, rather than crashing
 * the analysis or failing the preview: it is the pack's fault, not the resource's. (Config is
 * validated in Configure and readers never throw, so this is the last resort.) The message names
 * the kind of error and where in the pack it happened, never the error's text, which may quote a
 * property value (JSON.parse does).
 */
/** @internal */
export function internalError(e: unknown): string {
    const kind = e instanceof Error ? e.name : "unexpected error";
    const frame = e instanceof Error ? /[\\/]((?:bin|policypack)[\\/][^\s():]+):(\d+)/.exec(e.stack ?? "") : null;
    const where = frame ? ` at ${frame[1].replace(/\\/g, "/")}:${frame[2]}` : "";
    return `cannot evaluate this resource: the policy failed (${kind}${where}). Please report this to secure-ai-policies.`;
}

/** @internal */
export function typeList(types: readonly string[]): string {
    return types.length === 1 ? types[0] : `${types.length} resource types`;
}

/** Each resource policy's definition, for the stack pass's hand-over (handover.ts). */
const definitions = new WeakMap<object, ResourcePolicyDef<unknown>>();

/** @internal The definition `policy` was declared with, when it is a resource policy of this pack. */
export function resourceDefinitionOf(policy: object): ResourcePolicyDef<unknown> | undefined {
    return definitions.get(policy);
}

/**
 * @internal Runs a resource policy's validate on one resource with the given config: what it found,
 * or the reason it does not apply. Never throws (a failing policy is recorded as a failure).
 */
export function judgeResource<C>(def: ResourcePolicyDef<C>, args: ResourceValidationArgs, config: Readonly<C>): { collector: Collector; notApplicable?: string } {
    const collector = new Collector(cloudOf(args.type) ?? "cloud");
    try {
        def.validate(new ResourceCheck<C>(collector, args, config));
    } catch (e) {
        if (e instanceof NotApplicable) {
            return { collector, notApplicable: e.message };
        }
        collector.failure(internalError(e));
    }
    return { collector };
}

export function resourcePolicy<C = Record<string, never>>(def: ResourcePolicyDef<C>): ResourceValidationPolicy {
    const types = new Set(def.resourceTypes.map(canonicalType));
    const notCovered = `applies only to ${typeList(def.resourceTypes)}`;

    // The policy's judgement: reports its findings, or returns why it does not apply. It never
    // throws, so the pack's own Analyze handler (directAnalyze.ts) calls it directly; the SDK calls
    // `validateResource`, which turns the reason into the SDK's not-applicable error.
    const evaluate = (args: ResourceValidationArgs, report: ReportViolation): string | undefined => {
        if (!isOneOf(types, args.type)) {
            return notCovered;
        }
        if (isExempt(args.props, def.name)) {
            return `exempted by the resource's ${EXEMPT_TAG} tag`;
        }
        const given = args.getConfig<Record<string, unknown>>();
        const exemption = exemptionFor(given.exemptions, args.name, args.urn);
        if (exemption.kind === "exempt") {
            return exemption.reason;
        }
        const { collector: c, notApplicable } = judgeResource(def, args, configOf(def, given));
        if (notApplicable !== undefined) {
            return notApplicable;
        }
        if (exemption.kind === "expired") {
            c.note = exemption.note;
        }
        flush(def.description, c, report, undefined, { policy: def.name, resource: args.urn });
        return undefined;
    };
    const validateResource = (args: ResourceValidationArgs, report: ReportViolation) => {
        const reason = evaluate(args, report);
        if (reason !== undefined) {
            notApplicableCheaply(args, reason);
        }
    };
    // With a single token that has no other spelling, let the SDK skip other resource types without
    // deserialising their properties (its `__pulumiType` fast path, as validateResourceOfType sets).
    const only = def.resourceTypes.length === 1 ? def.resourceTypes[0] : undefined;
    if (only !== undefined && hasSingleSpelling(only)) {
        (validateResource as { __pulumiType?: string }).__pulumiType = only;
    }
    evaluatesDirectly(validateResource, { covers: (type) => isOneOf(types, type), notCovered, evaluate });

    const policy: ResourceValidationPolicy = { ...common(def), validateResource };
    definitions.set(policy, def as ResourcePolicyDef<unknown>);
    if (def.remediate) {
        const remediate = def.remediate;
        policy.remediateResource = (args) => {
            if (!isOneOf(types, args.type)) {
                return undefined;
            }
            const r = new Remediation<C>(args, configOf(def, args.getConfig()));
            try {
                remediate(r);
            } catch {
                // A failing fix must not abort the deployment; the policy's validation still reports.
                return undefined;
            }
            return r.changed ? args.props : undefined;
        };
    }
    setDetails(policy, {
        kind: "resource",
        resourceTypes: def.resourceTypes,
        controls: def.controls,
        guidelines: def.guidelines,
        theme: def.theme,
        remediable: def.remediate !== undefined,
        retiredFor: def.retiredFor,
    });
    return policy;
}

/** Tokens whose resource is only ever sent under that exact token (no versions, no twins). */
function hasSingleSpelling(token: string): boolean {
    if (token.startsWith("azure-native:")) {
        return false;
    }
    return !token.startsWith("aws:s3/bucket");
}

/**
 * Remediation context. `ensure` sets a property only when the current value is not already
 * compliant, so running it twice changes nothing, and it never loosens a setting.
 */
export class Remediation<C> {
    changed = false;
    /** Reads the current properties (e.g. for scope checks); its findings are discarded. */
    readonly read: Section;
    constructor(
        readonly args: ResourceValidationArgs,
        readonly config: Readonly<C>,
    ) {
        this.read = new Section(new Collector(cloudOf(args.type) ?? "cloud"), args.props, "");
    }

    /** The current value at `path` (UNKNOWN during preview, undefined when absent). */
    current(path: string): unknown {
        return readPath(this.args.props, path);
    }

    /**
     * Sets `path` to `value` unless `isCompliant(current)` holds (default: equal, ignoring case for
     * strings). Values unknown during preview are left alone. Missing parent objects are created;
     * a parent that is not an object is left alone.
     */
    ensure(path: string, value: unknown, isCompliant: (current: unknown) => boolean = (v) => sameValue(v, value)): void {
        this.ensureIn(this.args.props, path, value, isCompliant);
    }

    /**
     * {@link ensure} on every element of the list at `listPath`, relative to the element (e.g.
     * `ensureEach("productionVariants", "enableSsmAccess", false, ...)`). An unknown or absent list,
     * and unknown or non-object elements, are left alone.
     */
    ensureEach(listPath: string, path: string, value: unknown, isCompliant: (current: unknown) => boolean = (v) => sameValue(v, value)): void {
        const list = this.current(listPath);
        if (!Array.isArray(list)) {
            return;
        }
        for (let i = 0; i < list.length; i++) {
            const element = readKey(list, i);
            if (element !== null && typeof element === "object" && !Array.isArray(element)) {
                this.ensureIn(element, path, value, isCompliant);
            }
        }
    }

    private ensureIn(root: unknown, path: string, value: unknown, isCompliant: (current: unknown) => boolean): void {
        const current = readPath(root, path);
        if (current === UNKNOWN || isCompliant(current)) {
            return;
        }
        const parts = segments(path);
        let parent: unknown = root;
        for (let i = 0; i < parts.length - 1; i++) {
            const next = readKey(parent, parts[i]);
            if (next === UNKNOWN) {
                return;
            }
            if (next === undefined) {
                (parent as Record<string, unknown>)[parts[i]] = {};
                parent = (parent as Record<string, unknown>)[parts[i]];
            } else if (typeof next === "object" && !Array.isArray(next)) {
                parent = next;
            } else {
                return;
            }
        }
        (parent as Record<string, unknown>)[parts[parts.length - 1]] = value;
        this.changed = true;
    }
}

function sameValue(a: unknown, b: unknown): boolean {
    if (typeof a === "string" && typeof b === "string") {
        return a.toLowerCase() === b.toLowerCase();
    }
    return a === b;
}
