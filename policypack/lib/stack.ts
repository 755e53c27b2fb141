/**
 * Declaring a stack policy: controls that judge how resources relate (a bucket and its public
 * access block, an endpoint and its configuration, a workspace and the diagnostic setting that
 * targets it) and whether something the stack needs is present at all.
 *
 * ## The index
 *
 * `AnalyzeStack` hands every stack policy the whole stack as `PolicyResource` objects whose
 * `props` are outputs (during a preview: the inputs carried forward, often unknown) and whose
 * `dependencies` / `propertyDependencies` are the program's dependency graph. {@link StackIndex}
 * indexes that once: URN -> resource, canonical type -> resources, forward and reverse edges
 * (per property), the set of "AI" resources ({@link AiScope}) and, on demand, which configuration
 * resource is attached to which target ({@link Attachments}). Every structure is built in one
 * pass over the resources and their edges, so a policy's cost is linear in the size of the stack.
 *
 * The index is keyed by the AnalyzeStack request itself (requestScope.ts), never by what the
 * resources look like: two requests with the same URNs and different properties (a preview and its
 * update, or two stacks analysed at once) each get their own. The stack policies of one request read
 * one shared array of resources (sharedStackResources.ts) or, without that speed-up, equal copies
 * the SDK builds per policy; either way the request's index serves them all. Outside a request
 * scope (in-process callers) the index is keyed by the resource array.
 *
 * ## Correlation
 *
 * A link is taken from the graph first: `propertyDependencies[<property>]` of the configuration
 * resource names the target's URN, also in preview. Only when the graph says nothing is the
 * property's value compared with the targets' known identifiers (bucket name, ARN, Azure id).
 * When neither can decide, because a value is only known after `pulumi up`, the target is
 * reported as "cannot verify until the values are known" (advisory), never as a violation.
 *
 * Properties are read only through {@link readKey} / {@link readPath} or a {@link Section}, so
 * unknowns never throw and malformed values never crash an analysis.
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { Section } from "./check";
import { exemptionFor, isExempt } from "./exemptions";
import { Collector, Common, common, configOf, flush, internalError, notApplicableCheaply, setDetails, typeList } from "./policy";
import { Read, UNKNOWN, readKey, readPath } from "./props";
import { ScopeKnobs } from "./scope";
import { stackRequestScope } from "./requestScope";
import { readsSharedResources, stackResourcesOf } from "./sharedStackResources";
import { TagReport, taggedWith, tagsOf } from "./tags";
import { canonicalType, cloudOf } from "./types";

/** What an unknown reference could still name: any resource, or only these (see StackIndex.candidates). */
export type Candidates = "any" | ReadonlySet<StackResource>;

/** One resource of the stack, as stack policies see it. */
export interface StackResource {
    readonly resource: PolicyResource;
    readonly type: string;
    /** Canonical token (see types.ts). */
    readonly canonical: string;
    readonly urn: string;
    readonly name: string;
    /** Position in the stack (the order the engine sent), for stable output. */
    readonly position: number;
}

/** An edge of the dependency graph: `from` depends on `to`, through `prop` ("" for plain dependencies). */
export interface Edge {
    readonly from: StackResource;
    readonly to: StackResource;
    readonly prop: string;
}

// ---------------------------------------------------------------------------------------------
// Which resources are "AI" (the one place that says so; README: "Which resources count as AI").
// ---------------------------------------------------------------------------------------------

/**
 * Modules whose every resource is an AI service resource. Matched on the canonical token, so
 * versioned azure-native tokens and renamed modules are covered.
 */
export const AI_SERVICE_MODULES: readonly string[] = [
    "aws:sagemaker/",
    "aws:bedrock/",
    "aws:bedrockmodel/",
    "aws:bedrockfoundation/",
    "aws:comprehend/",
    "aws:kendra/",
    "aws:lex/",
    "aws:qbusiness/",
    "aws:rekognition/",
    "aws:transcribe/",
    "aws:agentregistry/",
    "azure-native:machinelearningservices:",
    "azure-native:cognitiveservices:",
    "azure-native:search:",
];

/** AI-adjacent resources that are AI by nature although their module is generic. */
export const AI_SERVICE_TYPES: readonly string[] = [
    "aws:s3/vectorsVectorBucket:VectorsVectorBucket",
    "aws:s3/vectorsIndex:VectorsIndex",
    "aws:opensearch/serverlessCollection:ServerlessCollection",
];

/**
 * Generic data stores: AI when an AI resource uses them, when tagged, or with `allDataStores`. The
 * graph walk stops at them (a data store's own dependencies are not AI by that alone). KMS replica
 * keys are left out on purpose: an AI resource that uses a replica also relies on its primary key,
 * which the walk reaches only through the replica.
 */
export const DATA_STORE_TYPES: readonly string[] = [
    "aws:s3/bucket:Bucket",
    "aws:kms/key:Key",
    "aws:kms/externalKey:ExternalKey",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:ecr/repository:Repository",
    "aws:ecrpublic/repository:Repository",
    "aws:efs/fileSystem:FileSystem",
    "aws:dynamodb/table:Table",
    "aws:opensearch/domain:Domain",
    "aws:elasticsearch/domain:Domain",
    "azure-native:storage:StorageAccount",
    "azure-native:keyvault:Vault",
    "azure-native:containerregistry:Registry",
    "azure-native:operationalinsights:Workspace",
];

const AI_TYPE_SET = new Set(AI_SERVICE_TYPES);
const DATA_STORE_SET = new Set(DATA_STORE_TYPES);

/** True when the canonical token belongs to an AI service. */
export function isAiServiceType(canonical: string): boolean {
    return AI_TYPE_SET.has(canonical) || AI_SERVICE_MODULES.some((m) => canonical.startsWith(m));
}

export function isDataStoreType(canonical: string): boolean {
    return DATA_STORE_SET.has(canonical);
}

/** Why a resource counts as AI. */
export type AiReason =
    | { kind: "service" }
    | { kind: "tag" }
    /** An AI resource (`via`) depends on it, directly or through configuration resources. */
    | { kind: "graph"; via: StackResource };

/**
 * The AI resources of a stack, computed once per tag configuration:
 * 1. AI service resources (AI_SERVICE_MODULES, AI_SERVICE_TYPES);
 * 2. resources tagged with one of `aiTagKeys` (in `tags`, or as AWS provider default tags: see tags.ts);
 * 3. resources that a resource of (1) depends on, directly or through configuration resources:
 *    the walk follows `dependencies` and `propertyDependencies` outwards from AI service
 *    resources, through any resource that is not itself a data store, and stops at data stores
 *    (a training job's output bucket is AI; the bucket that bucket logs to is not, by this rule).
 *    A tag marks only the tagged resource: the walk does not start from it.
 */
export class AiScope {
    private readonly reasons: (AiReason | undefined)[];
    private readonly unknownTags: boolean[];
    /** Per resource, its first malformed tag container or value (reported by the policies that need to know). */
    private readonly malformedTags: ({ path: string; expected: string; got: unknown } | undefined)[];
    /** AI service resources in stack order. */
    readonly services: readonly StackResource[];

    constructor(index: StackIndex, aiTagKeys: readonly string[]) {
        const n = index.resources.length;
        this.reasons = new Array<AiReason | undefined>(n);
        this.unknownTags = new Array<boolean>(n).fill(false);
        this.malformedTags = new Array(n);
        const services: StackResource[] = [];
        const queue: StackResource[] = [];
        let at = 0;
        const report: TagReport = {
            unknown: () => undefined,
            malformed: (path, expected, got) => void (this.malformedTags[at] ??= { path, expected, got }),
        };
        for (const r of index.resources) {
            if (isAiServiceType(r.canonical)) {
                this.reasons[r.position] = { kind: "service" };
                services.push(r);
                queue.push(r);
                continue;
            }
            at = r.position;
            const tagged = taggedWith(tagsOf(r.resource.props, r.resource.provider), aiTagKeys, report);
            if (tagged === true) {
                // The tag marks this resource only: a tagged trail does not make its log bucket AI.
                this.reasons[r.position] = { kind: "tag" };
            } else if (tagged === undefined && this.malformedTags[r.position] === undefined) {
                this.unknownTags[r.position] = true;
            }
        }
        this.services = services;
        // Breadth-first over outgoing edges: each resource is expanded at most once (linear).
        for (let head = 0; head < queue.length; head++) {
            const from = queue[head];
            const own = this.reasons[from.position];
            const via = own?.kind === "graph" ? own.via : from;
            for (const to of index.dependenciesOf(from)) {
                if (this.reasons[to.position] !== undefined) {
                    continue;
                }
                this.reasons[to.position] = { kind: "graph", via };
                if (!isDataStoreType(to.canonical)) {
                    queue.push(to);
                }
            }
        }
    }

    /** Why `r` is AI, or undefined when it is not (or its tags are unknown: see tagsUnknown). */
    reason(r: StackResource): AiReason | undefined {
        return this.reasons[r.position];
    }

    isAi(r: StackResource): boolean {
        return this.reasons[r.position] !== undefined;
    }

    /** True when `r` is not AI by any known fact but its tags are unknown during preview. */
    tagsUnknown(r: StackResource): boolean {
        return this.reasons[r.position] === undefined && this.unknownTags[r.position];
    }

    /** The first malformed part of `r`'s tags, for the policy to report on `r`; undefined when there is none. */
    malformedTagsOf(r: StackResource): { path: string; expected: string; got: unknown } | undefined {
        return this.malformedTags[r.position];
    }

    /** Whether `r` itself carries an AI tag (AI service resources are not looked at). */
    tagState(r: StackResource): "tagged" | "untagged" | "unknown" | "malformed" {
        if (this.reasons[r.position]?.kind === "tag") {
            return "tagged";
        }
        if (this.malformedTags[r.position] !== undefined) {
            return "malformed";
        }
        return this.unknownTags[r.position] ? "unknown" : "untagged";
    }
}

// ---------------------------------------------------------------------------------------------
// Attachments: configuration resources that point at a target through one property.
// ---------------------------------------------------------------------------------------------

/** How configuration resources point at their targets. */
export interface AttachmentSpec {
    /** Canonical tokens of the targets (e.g. buckets). */
    targets: readonly string[];
    /** Canonical tokens of the configuration resources (e.g. public access blocks). */
    attachments: readonly string[];
    /** The configuration resource's property that names the target (e.g. "bucket"). */
    via: string;
    /**
     * The targets' properties whose known values identify them (e.g. "bucket", "id", "arn").
     * Compared with the `via` value after {@link normaliseId}.
     */
    keys: readonly string[];
    /** Also accept a `via` value that starts with a target identifier followed by "/" (Azure child ids). */
    prefix?: boolean;
    /**
     * A property of the configuration resource read when `via` is absent (outputs after `pulumi up`
     * may drop inputs); its value is matched by prefix (e.g. a diagnostic setting's `id` starts with
     * the id of the resource it targets).
     */
    fallback?: string;
    /**
     * Custom identifiers of a target, replacing `keys` (e.g. Azure resources, whose outputs carry
     * a name but no id). With it, `name` must be set: it keys the cache.
     */
    idOf?: (target: StackResource) => Read[];
    /** Normalises the configuration resource's `via` value for comparison with `idOf` (default: normaliseId). */
    valueId?: (value: string) => string;
    /**
     * The targets' input properties their identifiers are computed from (e.g. a bucket's "bucket",
     * an Azure resource's name and "resourceGroupName"); default: `keys`. A configuration resource
     * whose value is unknown and computed from one of their sources may still name the target (see
     * {@link StackIndex.candidates}).
     */
    identity?: readonly string[];
    /** Names a spec with custom functions, for the cache. */
    name?: string;
}

/** Identifiers compare as the clouds do: S3 ARNs reduce to the bucket name; Azure ids ignore case. */
export function normaliseId(value: string): string {
    let v = value.trim();
    if (v.startsWith("arn:aws:s3:::")) {
        v = v.slice("arn:aws:s3:::".length);
        const slash = v.indexOf("/");
        if (slash >= 0) {
            v = v.slice(0, slash);
        }
    }
    if (v.startsWith("/subscriptions/") || v.startsWith("/SUBSCRIPTIONS/")) {
        return v.toLowerCase().replace(/\/+$/, "");
    }
    return v;
}

/**
 * Which configuration resources are attached to which target, and what cannot be known yet.
 *
 * Absence is decided from the graph where it can be: a configuration resource whose target value is
 * unknown in preview but computed from other resources can only name what those resources are or
 * lead to (see {@link StackIndex.candidates}), so a target outside that set has no such
 * configuration resource: a violation in preview, not "cannot verify". Only a configuration resource
 * that could still name the target keeps it undecided.
 */
export class Attachments {
    private readonly linked = new Map<string, StackResource[]>();
    private readonly resolved = new Map<string, StackResource[]>();
    /** Attachments whose target is only known after `pulumi up` (value unknown, no link to a target). */
    readonly unresolvedUnknown: StackResource[] = [];
    /** Attachments with a known target value that matches no target with known identifiers. */
    readonly unresolvedKnown: StackResource[] = [];
    private readonly targetUnknown = new Set<string>();
    private readonly unresolved = new Map<string, "unknown" | "known" | "external">();
    /** Some unresolved attachment could name any target (the engine recorded no source for its value). */
    private anyTarget = false;
    /** Targets an unresolved attachment could still name, by URN. */
    private readonly maybe = new Set<string>();

    constructor(index: StackIndex, spec: AttachmentSpec) {
        const targetTypes = new Set(spec.targets);
        const ids = new Map<string, StackResource[]>();
        for (const t of index.ofType(...spec.targets)) {
            let known = 0;
            const values = spec.idOf ? spec.idOf(t) : spec.keys.map((key) => readKey(t.resource.props, key));
            for (const v of values) {
                if (v === UNKNOWN) {
                    continue;
                }
                if (typeof v === "string" && v !== "") {
                    known++;
                    const id = spec.idOf ? v : normaliseId(v);
                    const list = ids.get(id);
                    if (list) {
                        list.push(t);
                    } else {
                        ids.set(id, [t]);
                    }
                }
            }
            if (known === 0) {
                this.targetUnknown.add(t.urn);
            }
        }
        for (const a of index.ofType(...spec.attachments)) {
            const graph = index.propertyDependencies(a, spec.via);
            let targets = graph?.filter((t) => targetTypes.has(t.canonical)) ?? [];
            if (graph === undefined && targets.length === 0 && !index.recordsProperties(a)) {
                // No per-property record at all (older engines, hand-built requests): a single target
                // among the plain dependencies is the link. (With a record, a dependency of another
                // property, such as a logging configuration's source bucket, says nothing about this one.)
                const plain = index.dependenciesOf(a).filter((t) => targetTypes.has(t.canonical));
                if (plain.length === 1) {
                    targets = plain;
                }
            }
            if (targets.length === 0) {
                let v = readKey(a.resource.props, spec.via);
                let prefix = spec.prefix ?? false;
                let fromGraph = graph !== undefined;
                if (v === undefined && spec.fallback !== undefined) {
                    v = readKey(a.resource.props, spec.fallback);
                    prefix = true;
                    fromGraph = false;
                }
                if (v === UNKNOWN) {
                    const could = fromGraph ? index.candidates(spec.targets, spec.identity ?? spec.keys)(a, spec.via) : "any";
                    if (could !== "any" && could.size === 0) {
                        // Computed only from resources that are not targets and lead to none: it names something else.
                        this.unresolved.set(a.urn, "external");
                        continue;
                    }
                    this.unresolvedUnknown.push(a);
                    this.unresolved.set(a.urn, "unknown");
                    if (could === "any") {
                        this.anyTarget = true;
                    } else {
                        for (const t of could) {
                            this.maybe.add(t.urn);
                        }
                    }
                    continue;
                }
                if (typeof v !== "string" || v === "") {
                    continue; // absent or malformed: the configuration resource's own policy judges it
                }
                const id = (spec.valueId ?? normaliseId)(v);
                targets = ids.get(id) ?? (prefix ? prefixMatch(ids, id) : []);
                if (targets.length === 0) {
                    this.unresolvedKnown.push(a);
                    this.unresolved.set(a.urn, "known");
                    continue;
                }
            }
            targets = [...new Set(targets)];
            this.resolved.set(a.urn, targets);
            for (const t of targets) {
                const list = this.linked.get(t.urn);
                if (list) {
                    list.push(a);
                } else {
                    this.linked.set(t.urn, [a]);
                }
            }
        }
    }

    /** The configuration resources attached to `target`, in stack order. */
    of(target: StackResource): readonly StackResource[] {
        return this.linked.get(target.urn) ?? [];
    }

    /**
     * What the configuration resource `a` points at: the targets in the stack ("linked"); a target
     * known only after `pulumi up` ("unknown": its value is unknown, or it matches no target while
     * some target's identifiers are unknown); a target outside the stack ("external"); or nothing
     * readable ("none": absent or malformed value).
     */
    pointsAt(a: StackResource): { state: "linked" | "unknown" | "external" | "none"; targets: readonly StackResource[] } {
        const targets = this.resolved.get(a.urn);
        if (targets !== undefined) {
            return { state: "linked", targets };
        }
        const unresolved = this.unresolved.get(a.urn);
        if (unresolved === "unknown" || unresolved === "external") {
            return { state: unresolved, targets: [] };
        }
        if (unresolved === "known") {
            return { state: this.targetUnknown.size > 0 ? "unknown" : "external", targets: [] };
        }
        return { state: "none", targets: [] };
    }

    /**
     * True when an unlinked configuration resource might still turn out to target `target` once
     * values are known: its target value is unknown and could name `target` (the graph does not rule
     * it out), or it is known but `target`'s identifiers are not.
     */
    mayAttach(target: StackResource): boolean {
        return this.anyTarget || this.maybe.has(target.urn) || (this.unresolvedKnown.length > 0 && this.targetUnknown.has(target.urn));
    }
}

/** Azure child ids (`<account id>/blobServices/default`) start with the parent's id. */
function prefixMatch(ids: Map<string, StackResource[]>, id: string): StackResource[] {
    const parts = id.split("/");
    for (let i = parts.length - 1; i > 1; i--) {
        const hit = ids.get(parts.slice(0, i).join("/"));
        if (hit) {
            return hit;
        }
    }
    return [];
}

// ---------------------------------------------------------------------------------------------
// The index.
// ---------------------------------------------------------------------------------------------

export class StackIndex {
    readonly resources: readonly StackResource[];
    private readonly byUrn = new Map<string, StackResource>();
    private readonly byType = new Map<string, StackResource[]>();
    private readonly forward: StackResource[][];
    private readonly perProperty: (Map<string, StackResource[]> | undefined)[];
    private readonly reverse: Edge[][];
    private readonly scopes = new Map<string, AiScope>();
    private readonly attachmentCache = new Map<string, Attachments>();
    private readonly reachCache = new Map<number, readonly number[]>();
    private readonly candidateCache = new Map<string, (r: StackResource, prop: string) => Candidates>();

    constructor(input: readonly PolicyResource[]) {
        const resources: StackResource[] = [];
        for (let i = 0; i < input.length; i++) {
            const resource = input[i];
            const type = typeof resource.type === "string" ? resource.type : "";
            const urn = typeof resource.urn === "string" ? resource.urn : "";
            const r: StackResource = { resource, type, canonical: canonicalType(type), urn, name: String(resource.name ?? ""), position: i };
            resources.push(r);
            // With duplicate URNs the first one wins, as a URN can only name one resource.
            if (!this.byUrn.has(urn)) {
                this.byUrn.set(urn, r);
            }
            const list = this.byType.get(r.canonical);
            if (list) {
                list.push(r);
            } else {
                this.byType.set(r.canonical, [r]);
            }
        }
        this.resources = resources;
        this.forward = resources.map(() => []);
        this.perProperty = new Array(resources.length);
        this.reverse = resources.map(() => []);
        for (const r of resources) {
            const seen = new Set<number>();
            const add = (dep: PolicyResource | undefined, prop: string, into?: StackResource[]) => {
                const to = dep && typeof dep.urn === "string" ? this.byUrn.get(dep.urn) : undefined;
                if (to === undefined || to === r) {
                    return; // dangling or self reference
                }
                into?.push(to);
                this.reverse[to.position].push({ from: r, to, prop });
                if (!seen.has(to.position)) {
                    seen.add(to.position);
                    this.forward[r.position].push(to);
                }
            };
            const pd = r.resource.propertyDependencies;
            if (pd !== null && typeof pd === "object") {
                const map = new Map<string, StackResource[]>();
                for (const prop of Object.keys(pd)) {
                    const deps = pd[prop];
                    const into: StackResource[] = [];
                    if (Array.isArray(deps)) {
                        for (const d of deps) {
                            add(d, prop, into);
                        }
                    }
                    map.set(prop, into);
                }
                this.perProperty[r.position] = map;
            }
            if (Array.isArray(r.resource.dependencies)) {
                for (const d of r.resource.dependencies) {
                    add(d, "");
                }
            }
        }
    }

    /** The index for this request's resources: built once, shared by the request's stack policies. */
    static of(resources: readonly PolicyResource[]): StackIndex {
        const request = stackRequestScope();
        let index = request !== undefined ? byRequest.get(request) : byArray.get(resources);
        // Every stack policy of a request is given the same resources (the same array when they are
        // shared, equal copies when the SDK builds them per policy): the request's index serves all.
        if (index === undefined || index.resources.length !== resources.length) {
            index = new StackIndex(resources);
            if (request !== undefined) {
                byRequest.set(request, index);
            } else {
                byArray.set(resources, index);
            }
        }
        return index;
    }

    get(urn: string): StackResource | undefined {
        return this.byUrn.get(urn);
    }

    /** All resources of the given canonical types, in stack order within each type. */
    ofType(...types: readonly string[]): StackResource[] {
        if (types.length === 1) {
            return this.byType.get(types[0]) ?? [];
        }
        const out: StackResource[] = [];
        for (const t of new Set(types)) {
            out.push(...(this.byType.get(t) ?? []));
        }
        return out;
    }

    /** True when the stack has a resource of one of the types. */
    has(...types: readonly string[]): boolean {
        return types.some((t) => (this.byType.get(t)?.length ?? 0) > 0);
    }

    /** What `r` depends on directly (dependencies and property dependencies, each once, no dangling ones). */
    dependenciesOf(r: StackResource): readonly StackResource[] {
        return this.forward[r.position];
    }

    /**
     * The resources `r.props[prop]` was computed from; undefined when the engine recorded nothing for
     * that property (an empty list means it recorded "no dependencies").
     */
    propertyDependencies(r: StackResource, prop: string): readonly StackResource[] | undefined {
        return this.perProperty[r.position]?.get(prop);
    }

    /** True when the engine sent per-property dependencies for `r` (for any property). */
    recordsProperties(r: StackResource): boolean {
        return this.perProperty[r.position] !== undefined;
    }

    /**
     * True when the engine recorded that `r.props[prop]` was computed from resources and all of them
     * are of `types`: an unknown value inside it then comes from one of those (e.g. a key id that
     * is unknown in preview but computed from an `aws.kms.Key` is a customer-managed key).
     */
    derivedOnlyFrom(r: StackResource, prop: string, types: ReadonlySet<string>): boolean {
        const deps = this.propertyDependencies(r, prop);
        return deps !== undefined && deps.length > 0 && deps.every((d) => types.has(d.canonical));
    }

    /** The edges into `r`: who depends on it, through which property. */
    dependents(r: StackResource): readonly Edge[] {
        return this.reverse[r.position];
    }

    /** Resources of the given types that depend on `r` (through `prop` if given), each once. */
    referrers(r: StackResource, types: readonly string[], prop?: string): StackResource[] {
        const wanted = new Set(types);
        const out = new Set<StackResource>();
        for (const e of this.reverse[r.position]) {
            if (wanted.has(e.from.canonical) && (prop === undefined || e.prop === prop)) {
                out.add(e.from);
            }
        }
        return [...out];
    }

    /**
     * What `r` depends on directly or through configuration resources: the walk follows outgoing
     * edges through resources that are not data stores and stops at data stores (which are
     * included). Its cost is the size of the part of the graph it reaches; policies that need this
     * for every AI resource at once use {@link aiScope}, which walks the whole graph once.
     */
    reachedFrom(r: StackResource): StackResource[] {
        const seen = new Set<number>([r.position]);
        const out: StackResource[] = [];
        const queue: StackResource[] = [r];
        for (let head = 0; head < queue.length; head++) {
            for (const to of this.forward[queue[head].position]) {
                if (seen.has(to.position)) {
                    continue;
                }
                seen.add(to.position);
                out.push(to);
                if (!isDataStoreType(to.canonical)) {
                    queue.push(to);
                }
            }
        }
        return out;
    }

    /** Positions of what `r` depends on, directly or transitively (each once; cached). */
    private reach(r: StackResource): readonly number[] {
        let hit = this.reachCache.get(r.position);
        if (hit === undefined) {
            const seen = new Set<number>([r.position]);
            const queue: StackResource[] = [r];
            for (let head = 0; head < queue.length; head++) {
                for (const to of this.forward[queue[head].position]) {
                    if (!seen.has(to.position)) {
                        seen.add(to.position);
                        queue.push(to);
                    }
                }
            }
            seen.delete(r.position);
            hit = [...seen];
            this.reachCache.set(r.position, hit);
        }
        return hit;
    }

    /**
     * Which resources of `targetTypes` an unknown value of `r.props[prop]` could still name, judged
     * from the graph; "any" when the engine recorded no source for it. A value computed from sources
     * can name a target that is one of them or that one of them depends on (an output can echo a
     * dependency's id, as a mount target's `fileSystemId` does), and a target whose identifying
     * inputs (`identity`: e.g. a bucket's `bucket`, an Azure resource's name and resource group) come
     * from one of them (an id built from a resource group's id and a literal name, a name with a
     * shared random suffix). Any other target is not named by it. Built once per target set.
     */
    candidates(targetTypes: readonly string[], identity: readonly string[]): (r: StackResource, prop: string) => Candidates {
        const key = `${targetTypes.join(",")}|${identity.join(",")}`;
        let find = this.candidateCache.get(key);
        if (find === undefined) {
            const wanted = new Set(targetTypes);
            // Source position -> targets whose identifying inputs are computed from it.
            const bySource = new Map<number, StackResource[]>();
            for (const t of this.ofType(...targetTypes)) {
                const map = this.perProperty[t.position];
                // Without a per-property record, any dependency may feed the identifiers.
                const sources = map === undefined ? this.forward[t.position] : identity.flatMap((p) => map.get(p) ?? []);
                for (const d of sources) {
                    const list = bySource.get(d.position);
                    if (list) {
                        list.push(t);
                    } else {
                        bySource.set(d.position, [t]);
                    }
                }
            }
            find = (r, prop) => {
                const sources = this.propertyDependencies(r, prop);
                if (sources === undefined || sources.length === 0) {
                    return "any";
                }
                const out = new Set<StackResource>();
                for (const d of sources) {
                    for (const p of [d.position, ...this.reach(d)]) {
                        const t = this.resources[p];
                        if (wanted.has(t.canonical)) {
                            out.add(t);
                        }
                    }
                    for (const t of bySource.get(d.position) ?? []) {
                        out.add(t);
                    }
                }
                return out;
            };
            this.candidateCache.set(key, find);
        }
        return find;
    }

    /** The AI resources under a tag configuration (computed once per configuration). */
    aiScope(aiTagKeys: readonly string[]): AiScope {
        const key = aiTagKeys.join("\u0000");
        let scope = this.scopes.get(key);
        if (!scope) {
            scope = new AiScope(this, aiTagKeys);
            this.scopes.set(key, scope);
        }
        return scope;
    }

    /** Configuration resources attached to targets (computed once per spec). */
    attachments(spec: AttachmentSpec): Attachments {
        const key = `${spec.targets.join(",")}|${spec.attachments.join(",")}|${spec.via}|${spec.keys.join(",")}|${spec.prefix ?? false}|${spec.fallback ?? ""}|${(spec.identity ?? []).join(",")}|${spec.name ?? ""}`;
        let a = this.attachmentCache.get(key);
        if (!a) {
            a = new Attachments(this, spec);
            this.attachmentCache.set(key, a);
        }
        return a;
    }
}

/** Indexes by AnalyzeStack request (requestScope.ts), or by resource array outside a request. */
const byRequest = new WeakMap<object, StackIndex>();
const byArray = new WeakMap<readonly PolicyResource[], StackIndex>();

// ---------------------------------------------------------------------------------------------
// What a stack policy's `validate` gets.
// ---------------------------------------------------------------------------------------------

/** What `validateStack` gets: the shared index, the policy's config, and a per-URN reporter. */
export class StackCheck<C> {
    readonly index: StackIndex;
    private readonly collectors = new Map<string | undefined, Collector>();
    constructor(
        resources: readonly PolicyResource[],
        readonly config: Readonly<C>,
    ) {
        this.index = StackIndex.of(resources);
    }

    /** All resources of the given canonical types, in stack order within each type. */
    ofType(...types: string[]): StackResource[] {
        return this.index.ofType(...types);
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

    /** @internal The policy itself failed (reported on the stack, as an advisory). */
    failure(message: string): void {
        this.collector(undefined, "cloud").failure(message);
    }

    /** A violation of the policy by `r` (or by the stack as a whole when `r` is undefined). */
    violation(r: StackResource | undefined, message: string): void {
        this.collector(r?.urn, r ? (cloudOf(r.type) ?? "cloud") : "cloud").violation(message);
    }

    /**
     * A link or value that cannot be known until `pulumi up`: reported once per resource as the
     * advisory "cannot verify until the values are known", naming `what`.
     */
    unknown(r: StackResource | undefined, what: string): void {
        this.collector(r?.urn, "cloud").unknown(what);
    }

    /**
     * A section over `r` whose unknowns are not recorded (malformed values still are): for reads
     * whose uncertainty the policy reports itself, on the resource it judges.
     */
    quiet(r: StackResource): Section {
        const c = this.collector(r.urn, cloudOf(r.type) ?? "cloud");
        return new Section({ cloud: c.cloud, violation: (m) => c.violation(m), unknown: () => undefined }, r.resource.props, "");
    }

    /** Raw read of a property without recording anything (for correlation). */
    peek(r: StackResource, path: string): Read {
        return readPath(r.resource.props, path);
    }

    /**
     * @internal Reports what the policy found. Findings on a resource tagged secure-ai-policies/exempt
     * with this policy's name, or matched by an entry of its `exemptions` setting in force, are not
     * reported; the reasons of the latter are returned (`<name>: <reason>`). A finding on a resource
     * whose exemption expired says so. Returns whether anything was reported.
     */
    flush(description: string, report: ReportViolation, policy?: string, exemptions?: unknown, now?: Date): { reported: boolean; exempted: string[] } {
        let reported = false;
        const exempted: string[] = [];
        for (const [urn, c] of this.collectors) {
            const r = urn === undefined ? undefined : this.index.get(urn);
            if (r !== undefined) {
                if (policy !== undefined && isExempt(r.resource.props, policy)) {
                    continue;
                }
                const verdict = exemptionFor(exemptions, r.name, r.urn, now);
                if (verdict.kind === "exempt") {
                    exempted.push(`${r.name}: ${verdict.reason}`);
                    continue;
                }
                c.note = verdict.kind === "expired" ? verdict.note : undefined;
            }
            reported ||= c.violations.length + c.failures.length + c.unknowns.length > 0;
            flush(description, c, report, urn, policy === undefined ? undefined : { policy, resource: urn });
        }
        return { reported, exempted };
    }
}

/** Config every scoped stack policy takes (the same knobs as the resource policies' scope). */
export type StackScopeKnobs = ScopeKnobs;

/**
 * Whether a data store is in scope for the data-store controls: AI by the graph, by its tag, or
 * every data store with `allDataStores`. Undefined when only its unknown tags could say (recorded
 * as "cannot verify") or its tags are malformed (reported on it, naming the property).
 */
export function dataStoreInScope(s: StackCheck<ScopeKnobs>, r: StackResource): boolean | undefined {
    if (s.config.allDataStores) {
        return true;
    }
    const scope = s.index.aiScope(s.config.aiTagKeys);
    if (scope.isAi(r)) {
        return true;
    }
    const malformed = scope.malformedTagsOf(r);
    if (malformed !== undefined) {
        s.read(r).malformed(malformed.path, malformed.expected, malformed.got);
        return undefined;
    }
    if (scope.tagsUnknown(r)) {
        s.unknown(r, "tags (whether it is an AI data store)");
        return undefined;
    }
    return false;
}

/** "the training job `train`" style phrase saying why a resource is in scope, for messages. */
export function whyAi(s: StackCheck<ScopeKnobs>, r: StackResource): string {
    const reason = s.index.aiScope(s.config.aiTagKeys).reason(r);
    if (reason?.kind === "graph") {
        return `used by the AI resource "${reason.via.name}" (${shortType(reason.via.type)})`;
    }
    if (reason?.kind === "tag") {
        return "tagged as an AI data store";
    }
    if (reason?.kind === "service") {
        return "an AI service resource";
    }
    return "in scope (allDataStores)";
}

/** `aws:s3/bucket:Bucket` -> `Bucket`; for messages. */
export function shortType(type: string): string {
    const i = type.lastIndexOf(":");
    return i >= 0 ? type.slice(i + 1) : type;
}

export interface StackPolicyDef<C> extends Common<C> {
    /** The canonical tokens the policy judges; with none of them in the stack it is not applicable. */
    resourceTypes: readonly string[];
    /**
     * Widens applicability beyond `resourceTypes` (e.g. "any AI service resource", which is a set of
     * modules rather than a list of tokens). Gets the canonical token.
     */
    appliesTo?: (canonical: string) => boolean;
    validate(s: StackCheck<C>): void;
}

export function stackPolicy<C = Record<string, never>>(def: StackPolicyDef<C>): StackValidationPolicy {
    const types = new Set(def.resourceTypes.map(canonicalType));
    const validateStack = (args: StackValidationArgs, report: ReportViolation) => {
        const resources = stackResourcesOf(args);
        const applies = def.appliesTo;
        if (!resources.some((r) => types.has(canonicalType(r.type)) || (applies !== undefined && applies(canonicalType(r.type))))) {
            notApplicableCheaply(args, `the stack has no ${applies ? "resource this policy covers" : typeList(def.resourceTypes)}`);
        }
        let s: StackCheck<C> | undefined;
        const given = args.getConfig<Record<string, unknown>>();
        try {
            s = new StackCheck<C>(resources, configOf(def, given));
            def.validate(s);
        } catch (e) {
            if (!s) {
                (report as unknown as (v: object) => void)({ message: `${def.description}\n${internalError(e)}`, enforcementLevel: "advisory" });
                return;
            }
            s.failure(internalError(e));
        }
        // A stack policy is one result for the whole stack: when the only findings were on resources
        // its `exemptions` cover, it is not applicable, naming them; otherwise they are left out.
        const { reported, exempted } = s.flush(def.description, report, def.name, given.exemptions);
        if (!reported && exempted.length > 0) {
            notApplicableCheaply(args, exempted.length === 1 ? exempted[0] : `${exempted.length} findings exempted: ${exempted.join("; ")}`);
        }
    };
    readsSharedResources(validateStack);
    const policy: StackValidationPolicy = { ...common(def), validateStack };
    setDetails(policy, {
        kind: "stack",
        resourceTypes: def.resourceTypes,
        controls: def.controls,
        guidelines: def.guidelines,
        theme: def.theme,
        remediable: false,
        retiredFor: def.retiredFor,
    });
    return policy;
}
