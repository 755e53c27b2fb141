/**
 * Declaring a stack policy: controls that judge how resources relate (a bucket and its public
 * access block, an endpoint and its configuration). Resources are indexed once per analysis, so a
 * policy's cost stays linear in the size of the stack.
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { Section } from "./check";
import { Collector, Common, common, configOf, flush, internalError, notApplicableCheaply, setDetails, typeList } from "./policy";
import { canonicalType, cloudOf } from "./types";

/** One resource of the stack, as stack policies see it. */
export interface StackResource {
    readonly resource: PolicyResource;
    readonly type: string;
    /** Canonical token (see types.ts). */
    readonly canonical: string;
    readonly urn: string;
}

/** What `validateStack` gets: the resources indexed once by canonical type, and a reporter. */
export class StackCheck<C> {
    private readonly byType = new Map<string, StackResource[]>();
    private readonly collectors = new Map<string | undefined, Collector>();
    constructor(
        readonly args: StackValidationArgs,
        readonly config: Readonly<C>,
    ) {
        for (const resource of args.resources) {
            const canonical = canonicalType(resource.type);
            let list = this.byType.get(canonical);
            if (!list) {
                list = [];
                this.byType.set(canonical, list);
            }
            list.push({ resource, type: resource.type, canonical, urn: resource.urn });
        }
    }

    /** All resources of the given canonical types, in stack order within each type. */
    ofType(...types: string[]): StackResource[] {
        const out: StackResource[] = [];
        for (const t of types) {
            out.push(...(this.byType.get(t) ?? []));
        }
        return out;
    }

    private collector(urn: string | undefined, cloud: string): Collector {
        let c = this.collectors.get(urn);
        if (!c) {
            c = new Collector(cloud);
            this.collectors.set(urn, c);
        }
        return c;
    }

    /** A section over a resource's properties whose outcomes are reported against its URN. */
    read(r: StackResource): Section {
        return new Section(this.collector(r.urn, cloudOf(r.type) ?? "cloud"), r.resource.props, "");
    }

    violation(r: StackResource | undefined, message: string): void {
        this.collector(r?.urn, r ? cloudOf(r.type) ?? "cloud" : "cloud").violation(message);
    }

    /** A link or value that cannot be known until `pulumi up`: reported as advisory. */
    unknown(r: StackResource | undefined, what: string): void {
        this.collector(r?.urn, "cloud").unknown(what);
    }

    /** @internal */
    flush(description: string, report: ReportViolation): void {
        for (const [urn, c] of this.collectors) {
            flush(description, c, report, urn);
        }
    }
}

export interface StackPolicyDef<C> extends Common<C> {
    /** The canonical tokens the policy judges; with none of them in the stack it is not applicable. */
    resourceTypes: readonly string[];
    validate(s: StackCheck<C>): void;
}

export function stackPolicy<C = Record<string, never>>(def: StackPolicyDef<C>): StackValidationPolicy {
    const types = new Set(def.resourceTypes.map(canonicalType));
    const validateStack = (args: StackValidationArgs, report: ReportViolation) => {
        if (!args.resources.some((r) => types.has(canonicalType(r.type)))) {
            notApplicableCheaply(args, `the stack has no ${typeList(def.resourceTypes)}`);
        }
        const s = new StackCheck<C>(args, configOf(def, args.getConfig()));
        try {
            def.validate(s);
        } catch (e) {
            s.violation(undefined, internalError(e));
        }
        s.flush(def.description, report);
    };
    const policy: StackValidationPolicy = { ...common(def), validateStack };
    setDetails(policy, {
        kind: "stack",
        resourceTypes: def.resourceTypes,
        controls: def.controls,
        guidelines: def.guidelines,
        theme: def.theme,
        remediable: false,
    });
    return policy;
}

