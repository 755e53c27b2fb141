/**
 * Azure AI services accounts, Machine Learning workspaces (and AI Foundry hubs) and AI Search
 * services must be reached through private endpoints: with public network access off (judged by
 * each service's own network policy), a private endpoint is the only way in, and without one the
 * service is either public or unreachable.
 *
 * A private endpoint names its target in `privateLinkServiceConnections[].privateLinkServiceId` (or
 * `manualPrivateLinkServiceConnections[]`, for approval by another tenant). The link is taken from
 * the graph (`propertyDependencies` of those properties), else from the known id's resource-type
 * segment and name (azure-native outputs carry a resource's name, not its id). A connection whose
 * target is known only after `pulumi up` keeps the targets it could name undecided ("cannot
 * verify"), never a violation; the graph rules out targets it cannot name (README, "Stack policies in
 * preview decide absence from the graph").
 */
import { readKey, UNKNOWN } from "../../../lib/props";
import { StackCheck, StackResource, stackPolicy } from "../../../lib/stack";
import { armKey } from "./monitor";

const PRIVATE_ENDPOINT = "azure-native:network:PrivateEndpoint";
const ACCOUNT = "azure-native:cognitiveservices:Account";
const WORKSPACE = "azure-native:machinelearningservices:Workspace";
const SEARCH = "azure-native:search:Service";
const CONNECTIONS = ["privateLinkServiceConnections", "manualPrivateLinkServiceConnections"];

/** The ARM resource-type segment, the input that names each target, and how messages call it. */
const TARGETS: Readonly<Record<string, { segment: string; nameInput: string; what: string }>> = {
    [ACCOUNT]: { segment: "accounts", nameInput: "accountName", what: "AI services account" },
    [WORKSPACE]: { segment: "workspaces", nameInput: "workspaceName", what: "Machine Learning workspace" },
    [SEARCH]: { segment: "searchservices", nameInput: "searchServiceName", what: "AI Search service" },
};
const TARGET_TYPES = Object.keys(TARGETS);

/** What the stack's private endpoints reach: targets for certain, and what unknown connections could still reach. */
interface Reach {
    linked: Set<StackResource>;
    /** Some connection's target is unknown and the graph cannot narrow it. */
    any: boolean;
    /** Targets an unknown connection could still name. */
    maybe: Set<StackResource>;
    /** Some known connection id names no target with known names (a target with unknown names may be it). */
    unmatchedKnown: boolean;
}

function reach(s: StackCheck<unknown>, targets: readonly StackResource[]): Reach {
    const byKey = new Map<string, StackResource[]>();
    for (const t of targets) {
        const spec = TARGETS[t.canonical];
        for (const key of ["name", spec.nameInput]) {
            const v = readKey(t.resource.props, key);
            if (typeof v === "string" && v !== "") {
                const k = `${spec.segment}/${v.toLowerCase()}`;
                byKey.set(k, [...(byKey.get(k) ?? []), t]);
            }
        }
    }
    const wanted = new Set(targets);
    const out: Reach = { linked: new Set(), any: false, maybe: new Set(), unmatchedKnown: false };
    const candidates = s.index.candidates(TARGET_TYPES, ["resourceGroupName", ...Object.values(TARGETS).map((t) => t.nameInput)]);
    for (const pe of s.ofType(PRIVATE_ENDPOINT)) {
        for (const prop of CONNECTIONS) {
            const graph = s.index.propertyDependencies(pe, prop);
            let linked = graph?.filter((d) => wanted.has(d)) ?? [];
            if (graph === undefined && !s.index.recordsProperties(pe)) {
                // No per-property record at all: a single target among the plain dependencies is the link.
                const plain = s.index.dependenciesOf(pe).filter((d) => wanted.has(d));
                linked = plain.length === 1 ? plain : [];
            }
            if (linked.length > 0) {
                linked.forEach((t) => out.linked.add(t));
                continue;
            }
            const unknownTarget = () => {
                const could = graph !== undefined ? candidates(pe, prop) : "any";
                if (could === "any") {
                    out.any = true;
                } else {
                    could.forEach((t) => out.maybe.add(t));
                }
            };
            const raw = readKey(pe.resource.props, prop);
            if (raw === UNKNOWN) {
                unknownTarget();
                continue;
            }
            if (Array.isArray(raw) && raw.some((_, i) => readKey(raw, i) === UNKNOWN)) {
                unknownTarget(); // an element known only after `pulumi up`
            }
            // Malformed lists and ids are reported on the endpoint (and link nothing).
            const quiet = s.quiet(pe);
            for (const e of quiet.list(prop) ?? []) {
                if (readKey(e.root, "privateLinkServiceId") === UNKNOWN) {
                    unknownTarget();
                    continue;
                }
                const id = e.string("privateLinkServiceId");
                if (id?.value !== undefined) {
                    const hit = byKey.get(armKey(id.value));
                    if (hit) {
                        hit.forEach((t) => out.linked.add(t));
                    } else {
                        out.unmatchedKnown = true;
                    }
                }
            }
        }
    }
    return out;
}

/** True when no name of `t` is known yet (its id cannot be compared). */
function namesUnknown(t: StackResource): boolean {
    return !["name", TARGETS[t.canonical].nameInput].some((k) => {
        const v = readKey(t.resource.props, k);
        return typeof v === "string" && v !== "";
    });
}

export const aiPrivateEndpoints = stackPolicy({
    name: "azure-ai-private-endpoints",
    description: "Every Azure AI services account, Machine Learning workspace (or AI Foundry hub) and AI Search service must have a private endpoint.",
    severity: "medium",
    guidelines: ["DEP-1", "DES-3c"],
    controls: ["ACC-Z24"],
    theme: "network",
    resourceTypes: [ACCOUNT, WORKSPACE, SEARCH],
    remediationSteps:
        'Add a `network.PrivateEndpoint` in your virtual network with `privateLinkServiceConnections: [{ privateLinkServiceId: <service>.id, groupIds: ["account"] }]` ("amlworkspace" for a workspace, "searchService" for AI Search) and a private DNS zone group, and set the service\'s public network access to "Disabled".',
    url: "https://learn.microsoft.com/azure/private-link/private-endpoint-overview",
    validate(s) {
        // Hub projects are reached through their hub's private endpoint.
        const targets = s.ofType(...TARGET_TYPES).filter((t) => {
            const kind = readKey(t.resource.props, "kind");
            return !(t.canonical === WORKSPACE && typeof kind === "string" && kind.toLowerCase() === "project");
        });
        const r = reach(s, targets);
        for (const t of targets) {
            if (r.linked.has(t)) {
                continue;
            }
            if (r.any || r.maybe.has(t) || (r.unmatchedKnown && namesUnknown(t))) {
                s.unknown(t, "which private endpoint connects to it (resource ids are only known after `pulumi up`)");
                continue;
            }
            s.violation(
                t,
                `this ${TARGETS[t.canonical].what} has no private endpoint in the stack: with public network access off it cannot be reached from your network, and with it on its models, data and indexes are exposed to the internet. Add a PrivateEndpoint whose privateLinkServiceConnections name it, and keep public network access "Disabled".`,
            );
        }
    },
});

export const privateEndpointStackPolicies = [aiPrivateEndpoints];
