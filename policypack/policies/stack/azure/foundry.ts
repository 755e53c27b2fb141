/**
 * AI Foundry Agent Service: where agents keep their data and which network they run in. Capability
 * hosts (`cognitiveservices:AccountCapabilityHost`, `ProjectCapabilityHost`) name the connections
 * to the customer's own file storage (Storage), thread storage (Cosmos DB) and vector store (AI
 * Search); without them agent threads, files and embeddings live on Microsoft-managed multitenant
 * resources ("basic setup"). A project's capability host overrides its account's, which gives the
 * defaults for every project (learn.microsoft.com/azure/ai-foundry/agents/concepts/capability-hosts).
 * Agents run in the customer's virtual network when the account injects them into a subnet
 * (`properties.networkInjections[]` with scenario "agent"), or, in the older form, when the account's
 * capability host names a `customerSubnet`.
 *
 * A capability host names its account in `accountName`: linked through the graph
 * (`propertyDependencies.accountName`), else by the known name.
 */
import type { Section } from "../../../lib/check";
import { readKey } from "../../../lib/props";
import { StackCheck, StackResource, stackPolicy } from "../../../lib/stack";

const ACCOUNT = "azure-native:cognitiveservices:Account";
const ACCOUNT_HOST = "azure-native:cognitiveservices:AccountCapabilityHost";
const PROJECT_HOST = "azure-native:cognitiveservices:ProjectCapabilityHost";
const DOCS = "https://learn.microsoft.com/azure/ai-foundry/agents/";

/** The stores a standard agent setup brings, by the capability host property that names them. */
const STORES: readonly { path: string; what: string }[] = [
    { path: "storageConnections", what: "file storage (storageConnections)" },
    { path: "threadStorageConnections", what: "thread storage (threadStorageConnections)" },
    { path: "vectorStoreConnections", what: "vector store (vectorStoreConnections)" },
];

/** The properties block of a capability host (it differs between the two resources). */
function hostBlock(h: StackResource): string {
    return h.canonical === PROJECT_HOST ? "projectCapabilityHostProperties" : "capabilityHostProperties";
}

/**
 * The account a capability host belongs to, as a key: the Account resource's URN when the graph or
 * a known name links it to one in the stack, else `name:<account name>`; undefined when unknown.
 */
function accountKeyOf(s: StackCheck<unknown>, h: StackResource, byName: ReadonlyMap<string, StackResource>): string | undefined {
    const linked = s.index.propertyDependencies(h, "accountName")?.find((d) => d.canonical === ACCOUNT);
    if (linked !== undefined) {
        return linked.urn;
    }
    const name = readKey(h.resource.props, "accountName");
    if (typeof name !== "string" || name === "") {
        return undefined;
    }
    return byName.get(name.toLowerCase())?.urn ?? `name:${name.toLowerCase()}`;
}

/** Accounts of the stack by known name (input `accountName`, output `name`). */
function accountsByName(s: StackCheck<unknown>): Map<string, StackResource> {
    const out = new Map<string, StackResource>();
    for (const a of s.ofType(ACCOUNT)) {
        for (const key of ["accountName", "name"]) {
            const v = readKey(a.resource.props, key);
            if (typeof v === "string" && v !== "") {
                out.set(v.toLowerCase(), a);
            }
        }
    }
    return out;
}

/** Capability hosts grouped by account key; hosts whose account is unknown under "". */
function hostsByAccount(s: StackCheck<unknown>, byName: ReadonlyMap<string, StackResource>): Map<string, StackResource[]> {
    const out = new Map<string, StackResource[]>();
    for (const h of s.ofType(ACCOUNT_HOST, PROJECT_HOST)) {
        const key = accountKeyOf(s, h, byName) ?? "";
        out.set(key, [...(out.get(key) ?? []), h]);
    }
    return out;
}

/** Whether a capability host names connections in `path` (a non-empty list); undefined when unknown. */
function names(sec: Section, block: string, path: string): boolean | undefined {
    return sec.isSet(`${block}.${path}`, "list");
}

export const agentOwnStores = stackPolicy({
    name: "azure-cognitive-agent-own-stores",
    description:
        "AI Foundry agent capability hosts must keep agent files, threads and vectors in the customer's own storage, Cosmos DB and AI Search (standard agent setup), set on the project's capability host or inherited from the account's.",
    severity: "medium",
    guidelines: ["DEV-2", "DEP-1"],
    controls: ["ENC-Z14"],
    theme: "encryption",
    resourceTypes: [ACCOUNT_HOST, PROJECT_HOST],
    remediationSteps:
        "Create connections to your Storage account, Cosmos DB account and AI Search service (Entra ID auth) and set `storageConnections`, `threadStorageConnections` and `vectorStoreConnections` on the project capability host (`projectCapabilityHostProperties`) or, as defaults for every project, on the account capability host (`capabilityHostProperties`).",
    url: `${DOCS}concepts/capability-hosts`,
    validate(s) {
        const byAccount = hostsByAccount(s, accountsByName(s));
        const accountHostsOf = (key: string) => (byAccount.get(key) ?? []).filter((h) => h.canonical === ACCOUNT_HOST);
        const projectHostsOf = (key: string) => (byAccount.get(key) ?? []).filter((h) => h.canonical === PROJECT_HOST);
        const allAccountHosts = s.ofType(ACCOUNT_HOST);
        const unlinkedProjectHosts = projectHostsOf("");
        for (const [key, hosts] of byAccount) {
            for (const h of hosts) {
                const project = h.canonical === PROJECT_HOST;
                // An account host is judged on its own only when no project host of the stack can override it.
                if (!project && (projectHostsOf(key).length > 0 || unlinkedProjectHosts.length > 0 || (key === "" && s.ofType(PROJECT_HOST).length > 0))) {
                    continue;
                }
                // A project host inherits from its account's host: certainly one of the same account,
                // possibly one whose account (or its own) is only known after `pulumi up`.
                const sure = project && key !== "" ? accountHostsOf(key) : [];
                const maybe = project ? (key === "" ? allAccountHosts : accountHostsOf("")) : [];
                const missing: string[] = [];
                for (const store of STORES) {
                    let verdict = names(s.quiet(h), hostBlock(h), store.path);
                    for (const a of [...sure, ...maybe]) {
                        if (verdict === true) {
                            break;
                        }
                        const v = names(s.quiet(a), hostBlock(a), store.path);
                        verdict = v === true && sure.includes(a) ? true : v === true || v === undefined ? undefined : verdict;
                    }
                    if (verdict === undefined) {
                        s.unknown(h, `${hostBlock(h)}.${store.path} (or its account capability host's)`);
                    } else if (verdict === false) {
                        missing.push(store.what);
                    }
                }
                if (missing.length > 0) {
                    s.violation(
                        h,
                        `this ${project ? "project" : "account"} capability host names no ${missing.join(", ")}${project ? ", and no account capability host of the stack gives it" : ""}: agent threads, uploaded files and embeddings are kept on Microsoft-managed multitenant resources, outside your keys, network rules and retention. Name connections to your own Storage account, Cosmos DB and AI Search service.`,
                    );
                }
            }
        }
    },
});

/** Whether the account injects agents into a customer subnet; undefined when unknown (recorded). */
function injectsAgents(sec: Section): boolean | undefined {
    return sec.some("properties.networkInjections", (n) => {
        const scenario = n.enum("scenario", ["agent", "none"]);
        if (scenario === undefined || scenario.value !== "agent") {
            return scenario === undefined ? undefined : false;
        }
        const subnet = n.string("subnetArmId");
        const managed = n.boolean("useMicrosoftManagedNetwork", { absent: false });
        return subnet === undefined || managed === undefined ? undefined : subnet.value !== undefined && managed.value === false;
    });
}

export const agentCustomerSubnet = stackPolicy({
    name: "azure-cognitive-agent-network-injection",
    description: "AI Foundry accounts that host agents (have an agent capability host) must run them in a subnet of the customer's virtual network.",
    severity: "medium",
    guidelines: ["DEP-1", "DES-3c"],
    controls: ["ACC-Z23"],
    theme: "network",
    resourceTypes: [ACCOUNT_HOST],
    remediationSteps:
        'On the account set `properties.networkInjections: [{ scenario: "agent", subnetArmId: <subnet id delegated to Microsoft.App/environments>, useMicrosoftManagedNetwork: false }]` (or, in the older form, `capabilityHostProperties.customerSubnet` on the account capability host).',
    url: `${DOCS}how-to/virtual-networks`,
    validate(s) {
        const byName = accountsByName(s);
        const hostsOf = new Map<string, StackResource[]>();
        for (const h of s.ofType(ACCOUNT_HOST)) {
            const key = accountKeyOf(s, h, byName);
            const subnet = s.quiet(h).string("capabilityHostProperties.customerSubnet");
            if (subnet?.value !== undefined) {
                continue; // the older form: this host's agents run in the customer's subnet
            }
            if (key === undefined || subnet === undefined) {
                s.unknown(h, "which account it belongs to, or its customerSubnet");
                continue;
            }
            hostsOf.set(key, [...(hostsOf.get(key) ?? []), h]);
        }
        for (const a of s.ofType(ACCOUNT)) {
            const hosts = hostsOf.get(a.urn);
            if (hosts === undefined) {
                continue;
            }
            const injected = injectsAgents(s.read(a));
            if (injected === false) {
                s.violation(
                    a,
                    `this account hosts agents (capability host ${hosts.map((h) => `"${h.name}"`).join(", ")}) but properties.networkInjections injects none into your subnet: the agents' tools and code reach your data from Microsoft's network rather than yours, outside your network rules. Add { scenario: "agent", subnetArmId, useMicrosoftManagedNetwork: false }.`,
                );
            }
        }
        // Hosts of accounts outside the stack are not judged: their account's network is not visible here.
    },
});

export const foundryStackPolicies = [agentOwnStores, agentCustomerSubnet];
