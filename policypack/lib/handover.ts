/**
 * The hand-over from the stack pass to the resource-level data-store controls.
 *
 * A resource policy sees one resource, so it can only tell an AI data store by its tag (scope.ts).
 * A data store that the dependency graph alone proves to be AI (rule 3 of "Which resources count as
 * AI": a training job's output bucket, an ML workspace's storage account) is untagged, so the
 * resource pass finds the data-store controls not applicable to it. So that its high-severity
 * controls are still judged in the same run, and not only left to the advisory
 * `ai-data-stores-tagged` asking for the tag, each such policy also runs in the stack pass: there it
 * judges exactly the data stores of its types that are AI by the graph and not by their tag (tagged
 * ones, and every one under `allDataStores`, were judged resource by resource), with the same
 * validate function, and reports under its own name, on the data store, saying why it judged it.
 *
 * Which policies take part: resource policies whose scope is the AI data stores (they take the
 * `allDataStores` knob of scope.ts), whose severity is high or critical, and whose types include a
 * data-store type of stack.ts. The SDK runs a policy with both `validateResource` and
 * `validateStack` in both passes, under its one name and enforcement level.
 */
import type { Policy, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { isExempt } from "./exemptions";
import { configOf, flush, judgeResource, notApplicableCheaply, resourceDefinitionOf, Severity } from "./policy";
import type { ScopeKnobs } from "./scope";
import { readsSharedResources, stackResourcesOf } from "./sharedStackResources";
import { isDataStoreType, shortType, StackIndex } from "./stack";
import { canonicalType } from "./types";

/** The severities whose controls the stack pass judges on graph-proven AI data stores. */
export const HANDED_OVER_SEVERITIES: ReadonlySet<Severity> = new Set<Severity>(["high", "critical"]);

/** The policies of `policies` that judge graph-proven AI data stores in the stack pass. */
export function handedOver(policies: readonly Policy[]): Policy[] {
    return policies.filter((p) => typeof (p as { validateStack?: unknown }).validateStack === "function" && resourceDefinitionOf(p) !== undefined);
}

/** Gives each qualifying resource policy of `policies` its stack-pass hand-over (see the module comment). */
export function handOverGraphProvenStores(policies: readonly Policy[]): void {
    for (const policy of policies) {
        const def = resourceDefinitionOf(policy);
        if (def === undefined || def.retiredFor !== undefined || !HANDED_OVER_SEVERITIES.has(def.severity) || def.config === undefined || !("allDataStores" in def.config)) {
            continue;
        }
        const types = new Set(def.resourceTypes.map(canonicalType).filter(isDataStoreType));
        if (types.size === 0) {
            continue;
        }
        const name = def.name;
        const validateStack = (args: StackValidationArgs, report: ReportViolation) => {
            const config = configOf(def, args.getConfig()) as ScopeKnobs;
            if (config.allDataStores) {
                notApplicableCheaply(args, "allDataStores is set: every data store of its types is judged resource by resource");
            }
            const index = StackIndex.of(stackResourcesOf(args));
            const scope = index.aiScope(config.aiTagKeys);
            let judged = 0;
            for (const r of index.resources) {
                const reason = scope.reason(r);
                if (!types.has(r.canonical) || reason?.kind !== "graph" || isExempt(r.resource.props, name)) {
                    continue;
                }
                const resourceArgs: ResourceValidationArgs = {
                    type: r.type,
                    props: r.resource.props,
                    urn: r.urn,
                    name: r.name,
                    opts: r.resource.opts,
                    provider: r.resource.provider,
                    stackTags: args.stackTags,
                    getConfig: <T>() => ({ ...config, allDataStores: true }) as T,
                    notApplicable: args.notApplicable,
                    isType: () => false,
                    asType: () => undefined,
                };
                const { collector, notApplicable } = judgeResource(def, resourceArgs, { ...config, allDataStores: true });
                if (notApplicable !== undefined) {
                    continue;
                }
                judged++;
                // Each finding says why an untagged data store was judged.
                const why = `(Judged as an AI data store: the AI resource "${reason.via.name}" (${shortType(reason.via.type)}) uses it, although it is not tagged as one.)`;
                collector.violations.forEach((message, i) => (collector.violations[i] = `${message} ${why}`));
                flush(`${def.description}\n${why}`, collector, report, r.urn, { policy: name, resource: r.urn });
            }
            if (judged === 0) {
                notApplicableCheaply(args, "no data store of its types is AI by the dependency graph alone (tagged ones are judged resource by resource)");
            }
        };
        readsSharedResources(validateStack);
        Object.assign(policy, { validateStack });
    }
}
