/**
 * Azure AI resources are only observable when a diagnostic setting sends their resource logs
 * somewhere: ML workspaces, online endpoints and registries, AI services (OpenAI) accounts, AI
 * Search services, and the key vaults and container registries an AI workload uses.
 *
 * A diagnostic setting names its target in `resourceUri`. The link is taken from the graph
 * (`propertyDependencies.resourceUri`), else from the known URI (its resource-type segment and
 * name, since azure-native outputs carry a resource's name but not its id), else from the
 * setting's own id, which starts with the target's id.
 */
import { Read, readKey, UNKNOWN } from "../../../lib/props";
import { Attachments, dataStoreInScope, StackCheck, StackResource, stackPolicy } from "../../../lib/stack";
import { ScopeKnobs, stackScopeKnobs } from "../common";

const DIAGNOSTIC_SETTING = "azure-native:monitor:DiagnosticSetting";
export const WORKSPACE = "azure-native:machinelearningservices:Workspace";
const ONLINE_ENDPOINT = "azure-native:machinelearningservices:OnlineEndpoint";
const ML_REGISTRY = "azure-native:machinelearningservices:Registry";
const CONTAINER_REGISTRY = "azure-native:containerregistry:Registry";
const COGNITIVE_ACCOUNT = "azure-native:cognitiveservices:Account";
const SEARCH = "azure-native:search:Service";
const KEY_VAULT = "azure-native:keyvault:Vault";
const DOCS = "https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings";

/** The ARM resource-type segment and the input that names each target (outputs have `name`). */
const TARGETS: Readonly<Record<string, { segment: string; nameInput: string }>> = {
    [WORKSPACE]: { segment: "workspaces", nameInput: "workspaceName" },
    [ONLINE_ENDPOINT]: { segment: "onlineendpoints", nameInput: "endpointName" },
    [ML_REGISTRY]: { segment: "registries", nameInput: "registryName" },
    [CONTAINER_REGISTRY]: { segment: "registries", nameInput: "registryName" },
    [COGNITIVE_ACCOUNT]: { segment: "accounts", nameInput: "accountName" },
    [SEARCH]: { segment: "searchservices", nameInput: "searchServiceName" },
    [KEY_VAULT]: { segment: "vaults", nameInput: "vaultName" },
};

/** `<type segment>/<name>` of an ARM id or URI (a diagnostic setting's id is cut before `/providers/microsoft.insights`). */
export function armKey(uri: string): string {
    const lower = uri.toLowerCase().replace(/\/+$/, "");
    const cut = lower.indexOf("/providers/microsoft.insights/");
    const parts = (cut >= 0 ? lower.slice(0, cut) : lower).split("/");
    return parts.length >= 2 ? `${parts[parts.length - 2]}/${parts[parts.length - 1]}` : lower;
}

function targetKey(t: StackResource): Read[] {
    const spec = TARGETS[t.canonical];
    const out: Read[] = [];
    for (const key of ["name", spec.nameInput]) {
        const v = readKey(t.resource.props, key);
        out.push(typeof v === "string" ? `${spec.segment}/${v.toLowerCase()}` : v);
    }
    return out;
}

function diagnosticSettings(s: StackCheck<unknown>): Attachments {
    return s.index.attachments({
        name: "azure-diagnostic-settings",
        targets: Object.keys(TARGETS),
        attachments: [DIAGNOSTIC_SETTING],
        via: "resourceUri",
        keys: [],
        fallback: "id",
        // An ARM id is built from the resource group and the names (an endpoint's includes its workspace's).
        identity: ["resourceGroupName", "workspaceName", ...Object.values(TARGETS).map((t) => t.nameInput)],
        idOf: targetKey,
        valueId: armKey,
    });
}

/** True when the setting sends some resource logs to a destination; undefined when unknown. */
function sendsLogs(s: StackCheck<unknown>, ds: StackResource): boolean | undefined {
    const sec = s.read(ds);
    const enabled = sec.some("logs", (log) => {
        const on = log.boolean("enabled");
        if (on === undefined || on.value !== true) {
            return on === undefined ? undefined : false;
        }
        const group = log.string("categoryGroup");
        const category = log.string("category");
        return group === undefined || category === undefined ? undefined : group.value !== undefined || category.value !== undefined;
    });
    if (enabled === false) {
        return false;
    }
    if (hasDestination(s, ds)) {
        return enabled;
    }
    let destination: boolean | undefined = false;
    for (const path of DESTINATIONS) {
        const d = sec.string(path);
        if (d === undefined) {
            destination = destination || undefined;
        } else if (d.value !== undefined) {
            destination = true;
        }
    }
    return enabled === true && destination === true ? true : enabled === undefined || destination === undefined ? undefined : false;
}

/** Where a diagnostic setting can send logs. */
const DESTINATIONS = ["workspaceId", "storageAccountId", "eventHubAuthorizationRuleId", "marketplacePartnerId"];

/** Resources whose id a destination can be computed from (canonical tokens). */
const DESTINATION_TYPES: ReadonlySet<string> = new Set([
    "azure-native:operationalinsights:Workspace",
    "azure-native:storage:StorageAccount",
    "azure-native:eventhub:NamespaceAuthorizationRule",
    "azure-native:eventhub:EventHubAuthorizationRule",
]);

/**
 * True when a destination is certainly set: known, or (in preview) unknown but computed only from
 * the program's Log Analytics workspace, storage account or Event Hubs rule, whose ids are never
 * empty. Otherwise the caller reads the destinations (recording unknowns).
 */
function hasDestination(s: StackCheck<unknown>, ds: StackResource): boolean {
    return DESTINATIONS.some((path) => {
        const v = readKey(ds.resource.props, path);
        return (typeof v === "string" && v !== "") || (v === UNKNOWN && s.index.derivedOnlyFrom(ds, path, DESTINATION_TYPES));
    });
}

/** Judges every target: a diagnostic setting that sends logs, else a violation (or "cannot verify"). */
function requireDiagnostics(s: StackCheck<ScopeKnobs>, targets: readonly StackResource[], what: (t: StackResource) => string): void {
    const settings = diagnosticSettings(s);
    for (const t of targets) {
        const attached = settings.of(t);
        let verdict: boolean | undefined = false;
        for (const ds of attached) {
            const v = sendsLogs(s, ds);
            if (v === true) {
                verdict = true;
                break;
            }
            verdict = verdict || v;
        }
        if (verdict !== false) {
            continue; // covered, or a setting's contents are unknown (reported on the setting)
        }
        if (attached.length > 0) {
            s.violation(
                t,
                `${what(t)} has ${attached.length === 1 ? "a diagnostic setting" : "diagnostic settings"} (${attached.map((d) => `"${d.name}"`).join(", ")}) that send no resource logs to a destination. Enable a log category group ("allLogs" or "audit") and set workspaceId, storageAccountId or eventHubAuthorizationRuleId.`,
            );
            continue;
        }
        if (settings.mayAttach(t)) {
            s.unknown(t, "which diagnostic setting targets it (resource ids are only known after `pulumi up`)");
            continue;
        }
        s.violation(
            t,
            `${what(t)} has no diagnostic setting: its resource logs (who called it, what changed) are not kept anywhere. Add a DiagnosticSetting with resourceUri set to its id that sends "allLogs" or "audit" to a Log Analytics workspace.`,
        );
    }
}

const fix =
    'Add an `azure-native.monitor.DiagnosticSetting` with `resourceUri: <resource>.id`, `logs: [{ categoryGroup: "allLogs", enabled: true }]` and `workspaceId` of a Log Analytics workspace (or `storageAccountId` / `eventHubAuthorizationRuleId`).';

export const workspaceDiagnostics = stackPolicy<ScopeKnobs>({
    name: "azure-machinelearning-workspace-diagnostic-settings",
    description: "Every Azure Machine Learning workspace must have a diagnostic setting that sends its resource logs to a destination.",
    severity: "medium",
    guidelines: ["OPS-2", "DEP-3"],
    controls: ["LOG-Z01"],
    theme: "logging",
    resourceTypes: [WORKSPACE],
    config: stackScopeKnobs,
    remediationSteps: fix,
    url: DOCS,
    validate(s) {
        requireDiagnostics(s, s.ofType(WORKSPACE), () => "this Azure ML workspace");
    },
});

export const endpointRegistryDiagnostics = stackPolicy<ScopeKnobs>({
    name: "azure-machinelearning-endpoint-registry-diagnostic-settings",
    description:
        "Every Azure ML online endpoint and registry, and every container registry of an AI workload, must have a diagnostic setting that sends its resource logs to a destination.",
    severity: "low",
    guidelines: ["OPS-2"],
    controls: ["LOG-Z02"],
    theme: "logging",
    resourceTypes: [ONLINE_ENDPOINT, ML_REGISTRY, CONTAINER_REGISTRY],
    config: stackScopeKnobs,
    remediationSteps: fix,
    url: DOCS,
    validate(s) {
        const registries = s.ofType(CONTAINER_REGISTRY).filter((r) => dataStoreInScope(s, r) === true);
        requireDiagnostics(s, [...s.ofType(ONLINE_ENDPOINT, ML_REGISTRY), ...registries], (t) =>
            t.canonical === ONLINE_ENDPOINT ? "this online endpoint" : t.canonical === ML_REGISTRY ? "this ML registry" : "this container registry of an AI workload",
        );
    },
});

export const cognitiveDiagnostics = stackPolicy<ScopeKnobs>({
    name: "azure-cognitiveservices-account-diagnostic-settings",
    description: "Every Azure AI services (Cognitive Services, OpenAI) account must have a diagnostic setting that sends its resource logs to a destination.",
    severity: "high",
    guidelines: ["OPS-2", "DEP-3"],
    controls: ["LOG-Z03"],
    theme: "logging",
    resourceTypes: [COGNITIVE_ACCOUNT],
    config: stackScopeKnobs,
    remediationSteps: fix,
    url: DOCS,
    validate(s) {
        requireDiagnostics(s, s.ofType(COGNITIVE_ACCOUNT), () => "this AI services account");
    },
});

export const searchVaultDiagnostics = stackPolicy<ScopeKnobs>({
    name: "azure-search-keyvault-diagnostic-settings",
    description: "Every AI Search service, and every key vault of an AI workload, must have a diagnostic setting that sends its resource logs to a destination.",
    severity: "low",
    guidelines: ["OPS-2"],
    controls: ["LOG-Z04"],
    theme: "logging",
    resourceTypes: [SEARCH, KEY_VAULT],
    config: stackScopeKnobs,
    remediationSteps: fix,
    url: DOCS,
    validate(s) {
        const vaults = s.ofType(KEY_VAULT).filter((v) => dataStoreInScope(s, v) === true);
        requireDiagnostics(s, [...s.ofType(SEARCH), ...vaults], (t) => (t.canonical === SEARCH ? "this AI Search service" : "this key vault of an AI workload"));
    },
});

export const monitorStackPolicies = [workspaceDiagnostics, endpointRegistryDiagnostics, cognitiveDiagnostics, searchVaultDiagnostics];
