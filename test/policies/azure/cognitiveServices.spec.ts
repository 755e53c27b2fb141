import * as assert from "assert";
import { judge, policyCases, usePack } from "../../support/cases";
import { resource } from "../../support/harness";
import { generated, secret, UNKNOWN_VALUES, versioned, withPath, without } from "./helpers";

const ACCOUNT = "azure-native:cognitiveservices:Account";
const DEPLOYMENT = "azure-native:cognitiveservices:Deployment";
const RAI = "azure-native:cognitiveservices:RaiPolicy";
const PROJECT = "azure-native:cognitiveservices:Project";
const ACCOUNT_CONNECTION = "azure-native:cognitiveservices:AccountConnection";
const PROJECT_CONNECTION = "azure-native:cognitiveservices:ProjectConnection";
const WORKSPACE_CONNECTION = "azure-native:machinelearningservices:WorkspaceConnection";
const AV = versioned(ACCOUNT, "v20230501");
const DV = versioned(DEPLOYMENT, "v20241001");
const RV = versioned(RAI, "v20250401preview");

/** An Azure OpenAI account as a careful user's program declares it. */
const account = {
    resourceGroupName: "rg-ai",
    accountName: "oai-fraud",
    location: "swedencentral",
    kind: "OpenAI",
    sku: { name: "S0" },
    identity: { type: "SystemAssigned" },
    properties: {
        customSubDomainName: "oai-fraud",
        disableLocalAuth: true,
        publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny", ipRules: [], virtualNetworkRules: [] },
        restrictOutboundNetworkAccess: true,
        allowedFqdnList: ["stfraud.blob.core.windows.net"],
        encryption: {
            keySource: "Microsoft.KeyVault",
            keyVaultProperties: {
                keyVaultUri: "https://kv-ai.vault.azure.net/",
                keyName: "oai-cmk",
                keyVersion: "0123456789abcdef",
                identityClientId: "11111111-2222-3333-4444-555555555555",
            },
        },
    },
    tags: { owner: "fraud-team" },
};

/** A Speech account with customer-owned storage. */
const speech = {
    ...account,
    accountName: "speech-calls",
    kind: "SpeechServices",
    properties: { ...account.properties, userOwnedStorage: [{ resourceId: "/subscriptions/x/resourceGroups/rg-ai/providers/Microsoft.Storage/storageAccounts/stspeech" }] },
};

/** An AI Foundry project as a careful user's program declares it. */
const project = {
    resourceGroupName: "rg-ai",
    accountName: "aif-fraud",
    projectName: "fraud-agents",
    location: "swedencentral",
    identity: { type: "SystemAssigned" },
    properties: { displayName: "Fraud agents" },
};

/** A project connection to AI Search that authenticates with Entra ID. */
const connection = {
    resourceGroupName: "rg-ai",
    accountName: "aif-fraud",
    projectName: "fraud-agents",
    connectionName: "rag-index",
    properties: { authType: "AAD", category: "CognitiveSearch", target: "https://srch-fraud.search.windows.net", isSharedToAll: false },
};

/** A model deployment as a careful user's program declares it. */
const deployment = {
    resourceGroupName: "rg-ai",
    accountName: "oai-fraud",
    deploymentName: "gpt-4o",
    sku: { name: "Standard", capacity: 10 },
    properties: {
        model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
        raiPolicyName: "Microsoft.DefaultV2",
        versionUpgradeOption: "OnceCurrentVersionExpired",
    },
};

/** A custom content filter as a careful user's program declares it. */
const filters = [
    { name: "Hate", source: "Prompt", severityThreshold: "Medium", enabled: true, blocking: true },
    { name: "Hate", source: "Completion", severityThreshold: "Medium", enabled: true, blocking: true },
    { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
    { name: "Indirect Attack", source: "Prompt", enabled: true, blocking: true },
    { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
];
const rai = {
    resourceGroupName: "rg-ai",
    accountName: "oai-fraud",
    raiPolicyName: "fraud-strict",
    properties: { basePolicyName: "Microsoft.DefaultV2", mode: "Blocking", contentFilters: filters },
};
const withFilter = (i: number, change: Record<string, unknown>) =>
    withPath(
        rai,
        "properties.contentFilters",
        filters.map((f, j) => (j === i ? { ...f, ...change } : f)),
    );

/** A custom content filter that lists every category the content-filter policies judge. */
const harmFilters: { name: string; source: string; [k: string]: unknown }[] = [
    ...["Hate", "Sexual", "Violence", "Selfharm"].flatMap((name) => [
        { name, source: "Prompt", severityThreshold: "Medium", enabled: true, blocking: true },
        { name, source: "Completion", severityThreshold: name === "Hate" ? "Low" : "Medium", enabled: true, blocking: true },
    ]),
    ...filters.slice(2),
    { name: "Protected Material Code", source: "Completion", enabled: true, blocking: true },
];
const harmRai = withPath(rai, "properties.contentFilters", harmFilters);
/** harmRai with the filter `name` on `source` changed (an undefined value removes the property). */
const withHarm = (name: string, source: string, change: Record<string, unknown>) =>
    withPath(
        harmRai,
        "properties.contentFilters",
        harmFilters.map((f) => {
            if (f.name !== name || f.source !== source) {
                return f;
            }
            const changed: Record<string, unknown> = { ...f, ...change };
            for (const [k, v] of Object.entries(change)) {
                if (v === undefined) {
                    delete changed[k];
                }
            }
            return changed;
        }),
    );

describe("azure: AI services accounts", function () {
    const pack = usePack();

    policyCases(pack, "azure-cognitive-local-auth-disabled", ACCOUNT, [
        { kind: "violating", title: "false", props: withPath(account, "properties.disableLocalAuth", false), expect: "violation", message: /properties.disableLocalAuth is false/ },
        { kind: "compliant", title: "true (versioned token)", type: AV, props: account, expect: "pass" },
        { kind: "absent", title: "not set: keys allowed by default", props: without(account, "properties.disableLocalAuth"), expect: "violation", message: /Azure default: false/ },
        { kind: "absent", title: "no properties at all", props: without(account, "properties"), expect: "violation" },
        { kind: "unknown", title: "unknown", props: withPath(account, "properties.disableLocalAuth", UNKNOWN_VALUES.bool), expect: "unknown" },
        { kind: "malformed", title: "a string", props: withPath(account, "properties.disableLocalAuth", "yes"), expect: "malformed" },
    ]);

    policyCases(pack, "azure-cognitive-network-restricted", ACCOUNT, [
        {
            kind: "violating",
            title: "public and Allow",
            props: withPath(withPath(account, "properties.publicNetworkAccess", "Enabled"), "properties.networkAcls.defaultAction", "Allow"),
            expect: "violation",
            message: /properties.publicNetworkAccess is "Enabled" and properties.networkAcls.defaultAction is "Allow"/,
        },
        { kind: "compliant", title: "disabled (versioned token)", type: AV, props: account, expect: "pass" },
        { kind: "compliant", title: "public with a default-deny firewall", props: withPath(account, "properties.publicNetworkAccess", "Enabled"), expect: "pass" },
        {
            kind: "absent",
            title: "nothing set",
            props: without(without(account, "properties.publicNetworkAccess"), "properties.networkAcls"),
            expect: "violation",
            message: /Azure default: "Enabled".*Azure default: "Allow"/,
        },
        {
            kind: "unknown",
            title: "default action unknown",
            props: withPath(withPath(account, "properties.publicNetworkAccess", "Enabled"), "properties.networkAcls.defaultAction", UNKNOWN_VALUES.string),
            expect: "unknown",
        },
        { kind: "malformed", title: "unsupported public access value", props: withPath(account, "properties.publicNetworkAccess", "Sometimes"), expect: "malformed" },
    ]);

    policyCases(pack, "azure-cognitive-managed-identity", ACCOUNT, [
        { kind: "violating", title: "None", props: { ...account, identity: { type: "None" } }, expect: "violation", message: /identity.type is "None"/ },
        { kind: "compliant", title: "SystemAssigned (versioned token)", type: AV, props: account, expect: "pass" },
        {
            kind: "compliant",
            title: "both, either spelling",
            props: { ...account, identity: { type: "SystemAssigned,UserAssigned", userAssignedIdentities: ["/subscriptions/x/id"] } },
            expect: "pass",
        },
        { kind: "absent", title: "no identity", props: without(account, "identity"), expect: "violation", message: /Azure default: "None"/ },
        { kind: "unknown", title: "unknown", props: { ...account, identity: UNKNOWN_VALUES.object }, expect: "unknown" },
        { kind: "malformed", title: "type is a boolean", props: { ...account, identity: { type: true } }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-cognitive-managed-identity", PROJECT, [
        {
            kind: "violating",
            title: "project without identity",
            props: { ...project, identity: { type: "None" } },
            expect: "violation",
            message: /the project \(and its agents\) must then reach/,
        },
        { kind: "compliant", title: "project, SystemAssigned (versioned token)", type: versioned(PROJECT, "v20250601"), props: project, expect: "pass" },
        { kind: "absent", title: "project, no identity", props: without(project, "identity"), expect: "violation", message: /Azure default: "None"/ },
        { kind: "unknown", title: "project identity type unknown", props: withPath(project, "identity.type", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "malformed", title: "project identity is a list", props: { ...project, identity: ["SystemAssigned"] }, expect: "malformed" },
    ]);

    policyCases(pack, "azure-cognitive-outbound-restricted", ACCOUNT, [
        {
            kind: "violating",
            title: "OpenAI unrestricted",
            props: withPath(account, "properties.restrictOutboundNetworkAccess", false),
            expect: "violation",
            message: /restrictOutboundNetworkAccess is false/,
        },
        {
            kind: "violating",
            title: "AIServices, kind in other casing (versioned token)",
            type: AV,
            props: { ...withPath(account, "properties.restrictOutboundNetworkAccess", false), kind: "aiservices" },
            expect: "violation",
        },
        { kind: "compliant", title: "restricted", props: account, expect: "pass" },
        { kind: "compliant", title: "restricted with no destinations at all", props: withPath(account, "properties.allowedFqdnList", []), expect: "pass" },
        { kind: "compliant", title: "Speech account: not judged", props: without(speech, "properties.restrictOutboundNetworkAccess"), expect: "not-applicable" },
        {
            kind: "absent",
            title: "not set: unrestricted by default",
            props: without(account, "properties.restrictOutboundNetworkAccess"),
            expect: "violation",
            message: /Azure default: false/,
        },
        { kind: "unknown", title: "kind unknown", props: { ...account, kind: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "a number", props: withPath(account, "properties.restrictOutboundNetworkAccess", 0), expect: "malformed" },
    ]);

    policyCases(pack, "azure-cognitive-cmk", ACCOUNT, [
        {
            kind: "violating",
            title: "Microsoft-managed keys",
            props: withPath(account, "properties.encryption", { keySource: "Microsoft.CognitiveServices" }),
            expect: "violation",
            message: /keySource is "Microsoft.CognitiveServices"/,
        },
        {
            kind: "violating",
            title: "Key Vault without key name (versioned token)",
            type: AV,
            props: without(account, "properties.encryption.keyVaultProperties.keyName"),
            expect: "violation",
            message: /keyName is not set/,
        },
        { kind: "compliant", title: "Microsoft.KeyVault with key", props: account, expect: "pass" },
        {
            kind: "compliant",
            title: 'storage-style spelling "Microsoft.Keyvault"',
            props: withPath(account, "properties.encryption.keySource", "Microsoft.Keyvault"),
            expect: "pass",
        },
        {
            kind: "absent",
            title: "no encryption block",
            props: without(account, "properties.encryption"),
            expect: "violation",
            message: /Azure default: "Microsoft.CognitiveServices"/,
        },
        {
            kind: "unknown",
            title: "vault URI from another resource",
            props: withPath(account, "properties.encryption.keyVaultProperties.keyVaultUri", UNKNOWN_VALUES.string),
            expect: "unknown",
        },
        { kind: "malformed", title: "unsupported key source", props: withPath(account, "properties.encryption.keySource", "Microsoft.Storage"), expect: "malformed" },
    ]);

    policyCases(pack, "azure-cognitive-user-owned-storage", ACCOUNT, [
        {
            kind: "violating",
            title: "Speech without own storage",
            props: without(speech, "properties.userOwnedStorage"),
            expect: "violation",
            message: /userOwnedStorage is not set/,
        },
        {
            kind: "violating",
            title: "entry without resource id (versioned token)",
            type: AV,
            props: withPath(speech, "properties.userOwnedStorage", [{ identityClientId: "x" }]),
            expect: "violation",
        },
        { kind: "compliant", title: "Speech with own storage", props: speech, expect: "pass" },
        { kind: "compliant", title: "OpenAI: not judged", props: account, expect: "not-applicable" },
        { kind: "absent", title: "empty list", props: withPath(speech, "properties.userOwnedStorage", []), expect: "violation" },
        {
            kind: "unknown",
            title: "an entry without id beside an unknown entry",
            props: withPath(speech, "properties.userOwnedStorage", [{ identityClientId: "x" }, UNKNOWN_VALUES.object]),
            expect: "unknown",
        },
        {
            kind: "unknown",
            title: "storage id from another resource",
            props: withPath(speech, "properties.userOwnedStorage", [{ resourceId: UNKNOWN_VALUES.string }]),
            expect: "unknown",
        },
        { kind: "malformed", title: "a string", props: withPath(speech, "properties.userOwnedStorage", "stspeech"), expect: "malformed" },
    ]);
});

describe("azure: AI services model deployments and content filters", function () {
    const pack = usePack();

    policyCases(pack, "azure-cognitive-deployment-approved-models", DEPLOYMENT, [
        {
            kind: "violating",
            title: "unapproved provider",
            props: withPath(deployment, "properties.model", { format: "DeepSeek", name: "DeepSeek-R1", version: "1" }),
            expect: "violation",
            message: /not in approvedFormats/,
        },
        {
            kind: "violating",
            title: "Meta model (versioned token)",
            type: DV,
            props: withPath(deployment, "properties.model", { format: "Meta", name: "Llama-3.3-70B-Instruct", version: "4" }),
            expect: "violation",
        },
        { kind: "compliant", title: "OpenAI model", props: deployment, expect: "pass" },
        { kind: "compliant", title: "format in lower case", props: withPath(deployment, "properties.model.format", "openai"), expect: "pass" },
        { kind: "absent", title: "no format", props: without(deployment, "properties.model.format"), expect: "violation", message: /format is not set/ },
        { kind: "unknown", title: "model name unknown", props: withPath(deployment, "properties.model.name", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "malformed", title: "model is a string", props: withPath(deployment, "properties.model", "gpt-4o"), expect: "malformed" },
    ]);

    policyCases(pack, "azure-cognitive-deployment-content-filter", DEPLOYMENT, [
        {
            kind: "violating",
            title: "unreviewed custom filter",
            props: withPath(deployment, "properties.raiPolicyName", "no-filters"),
            expect: "violation",
            message: /names a policy not in approvedRaiPolicies/,
        },
        { kind: "compliant", title: "Microsoft.DefaultV2 (versioned token)", type: DV, props: deployment, expect: "pass" },
        { kind: "absent", title: "not set: Azure applies Microsoft.DefaultV2", props: without(deployment, "properties.raiPolicyName"), expect: "pass" },
        { kind: "unknown", title: "policy name from a RaiPolicy resource", props: withPath(deployment, "properties.raiPolicyName", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "malformed", title: "a list", props: withPath(deployment, "properties.raiPolicyName", ["Microsoft.DefaultV2"]), expect: "malformed" },
    ]);

    policyCases(pack, "azure-cognitive-deployment-version-pinned", DEPLOYMENT, [
        {
            kind: "violating",
            title: "upgrades when a new default appears",
            props: withPath(deployment, "properties.versionUpgradeOption", "OnceNewDefaultVersionAvailable"),
            expect: "violation",
            message: /versionUpgradeOption is "OnceNewDefaultVersionAvailable"/,
        },
        {
            kind: "violating",
            title: "no pinned version (versioned token)",
            type: DV,
            props: without(deployment, "properties.model.version"),
            expect: "violation",
            message: /model.version is not set/,
        },
        { kind: "compliant", title: "pinned, upgrade on expiry", props: deployment, expect: "pass" },
        { kind: "compliant", title: "NoAutoUpgrade", props: withPath(deployment, "properties.versionUpgradeOption", "NoAutoUpgrade"), expect: "pass" },
        {
            kind: "absent",
            title: "upgrade option not set: new default by default",
            props: without(deployment, "properties.versionUpgradeOption"),
            expect: "violation",
            message: /Azure default: "OnceNewDefaultVersionAvailable"/,
        },
        { kind: "unknown", title: "unknown", props: withPath(deployment, "properties.versionUpgradeOption", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "malformed", title: "unsupported option", props: withPath(deployment, "properties.versionUpgradeOption", "Always"), expect: "malformed" },
    ]);

    policyCases(pack, "azure-cognitive-rai-policy-prompt-shields", RAI, [
        {
            kind: "violating",
            title: "jailbreak shield disabled",
            props: withFilter(2, { enabled: false }),
            expect: "violation",
            message: /"Jailbreak" on Prompt \(properties\.contentFilters\[2\]\.enabled is false\)/,
        },
        {
            kind: "violating",
            title: "indirect attack annotates only (versioned token)",
            type: RV,
            props: withFilter(3, { blocking: false }),
            expect: "violation",
            message: /"Indirect Attack"/,
        },
        { kind: "violating", title: "jailbreak on the completion only", props: withFilter(2, { source: "Completion" }), expect: "violation" },
        { kind: "compliant", title: "both shields on and blocking", props: rai, expect: "pass" },
        {
            kind: "compliant",
            title: "names in other casing, enabled/blocking implicit",
            props: withPath(rai, "properties.contentFilters", [
                { name: "jailbreak", source: "prompt" },
                { name: "INDIRECT ATTACK", source: "Prompt" },
            ]),
            expect: "pass",
        },
        {
            kind: "absent",
            title: "no content filters listed",
            props: without(rai, "properties.contentFilters"),
            expect: "violation",
            message: /"Jailbreak" on Prompt is not listed; "Indirect Attack" on Prompt is not listed/,
        },
        { kind: "unknown", title: "a filter's enabled flag unknown", props: withFilter(2, { enabled: UNKNOWN_VALUES.bool }), expect: "unknown" },
        {
            kind: "unknown",
            title: "one shield missing among the known filters, beside an unknown filter",
            props: withPath(rai, "properties.contentFilters", [{ name: "Jailbreak", source: "Prompt" }, UNKNOWN_VALUES.object]),
            expect: "unknown",
        },
        {
            kind: "compliant",
            title: "both shields known beside an unknown filter: settled",
            props: withPath(rai, "properties.contentFilters", [{ name: "Jailbreak", source: "Prompt" }, UNKNOWN_VALUES.object, { name: "Indirect Attack", source: "Prompt" }]),
            expect: "pass",
        },
        { kind: "malformed", title: "unsupported source", props: withFilter(2, { source: "Everywhere" }), expect: "malformed" },
    ]);

    policyCases(pack, "azure-cognitive-rai-policy-synchronous", RAI, [
        {
            kind: "violating",
            title: "Asynchronous_filter",
            props: withPath(rai, "properties.mode", "Asynchronous_filter"),
            expect: "violation",
            message: /mode is "Asynchronous_filter"/,
        },
        { kind: "compliant", title: "Blocking (versioned token)", type: RV, props: rai, expect: "pass" },
        { kind: "absent", title: "not set: Default", props: without(rai, "properties.mode"), expect: "pass" },
        { kind: "unknown", title: "unknown", props: withPath(rai, "properties.mode", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "malformed", title: "a boolean", props: withPath(rai, "properties.mode", true), expect: "malformed" },
    ]);

    policyCases(pack, "azure-cognitive-rai-policy-harm-filters", RAI, [
        {
            kind: "violating",
            title: "violence on completions filtered only at High",
            props: withHarm("Violence", "Completion", { severityThreshold: "High" }),
            expect: "violation",
            message: /"Violence" on Completion \(properties.contentFilters\[\d+\].severityThreshold is "High", which lets content of lower severity through\)/,
        },
        {
            kind: "violating",
            title: "self-harm on prompts annotates only (versioned token)",
            type: RV,
            props: withHarm("Selfharm", "Prompt", { blocking: false }),
            expect: "violation",
            message: /"Selfharm" on Prompt \(.*blocking is false\)/,
        },
        { kind: "violating", title: "sexual on prompts disabled", props: withHarm("Sexual", "Prompt", { enabled: false }), expect: "violation", message: /"Sexual" on Prompt/ },
        {
            kind: "violating",
            title: "hate listed on prompts only",
            props: withPath(
                harmRai,
                "properties.contentFilters",
                harmFilters.filter((f) => !(f.name === "Hate" && f.source === "Completion")),
            ),
            expect: "violation",
            message: /"Hate" on Completion is not listed/,
        },
        { kind: "compliant", title: "all four on both sources at Medium or Low", props: harmRai, expect: "pass" },
        {
            kind: "compliant",
            title: 'names in other spellings ("SelfHarm", "self-harm"), enabled/blocking implicit',
            props: withPath(
                harmRai,
                "properties.contentFilters",
                harmFilters.map((f) => ({
                    name: f.name === "Selfharm" ? (f.source === "Prompt" ? "SelfHarm" : "self-harm") : f.name.toUpperCase(),
                    source: f.source,
                    severityThreshold: "low",
                })),
            ),
            expect: "pass",
        },
        {
            kind: "absent",
            title: "no content filters listed",
            props: without(harmRai, "properties.contentFilters"),
            expect: "violation",
            message: /"Hate" on Prompt is not listed/,
        },
        {
            kind: "absent",
            title: "threshold not set on a filter",
            props: withHarm("Hate", "Prompt", { severityThreshold: undefined }),
            expect: "violation",
            message: /severityThreshold is not set, so the level it filters at is not stated/,
        },
        { kind: "unknown", title: "a threshold unknown", props: withHarm("Violence", "Prompt", { severityThreshold: UNKNOWN_VALUES.string }), expect: "unknown" },
        {
            kind: "unknown",
            title: "a category missing among the known filters, beside an unknown filter",
            props: withPath(harmRai, "properties.contentFilters", [...harmFilters.slice(1), UNKNOWN_VALUES.object]),
            expect: "unknown",
        },
        {
            kind: "compliant",
            title: "every filter known beside an unknown filter: settled",
            props: withPath(harmRai, "properties.contentFilters", [...harmFilters, UNKNOWN_VALUES.object]),
            expect: "pass",
        },
        {
            kind: "unknown",
            title: "a known weak filter beside an unknown filter (which could be a strict one): open",
            props: withPath(harmRai, "properties.contentFilters", [
                ...harmFilters.map((f) => (f.name === "Violence" && f.source === "Completion" ? { ...f, severityThreshold: "High" } : f)),
                UNKNOWN_VALUES.object,
            ]),
            expect: "unknown",
        },
        { kind: "malformed", title: "unsupported threshold", props: withHarm("Hate", "Completion", { severityThreshold: "Extreme" }), expect: "malformed" },
        { kind: "malformed", title: "filters is a string", props: withPath(harmRai, "properties.contentFilters", "Hate"), expect: "malformed" },
    ]);

    policyCases(pack, "azure-cognitive-rai-policy-protected-material", RAI, [
        {
            kind: "violating",
            title: "protected code annotates only",
            props: withHarm("Protected Material Code", "Completion", { blocking: false }),
            expect: "violation",
            message: /"Protected Material Code" on Completion \(.*blocking is false\)/,
        },
        {
            kind: "violating",
            title: "protected text missing (versioned token)",
            type: RV,
            props: withPath(
                rai,
                "properties.contentFilters",
                filters.filter((f) => f.name !== "Protected Material Text"),
            ),
            expect: "violation",
            message: /"Protected Material Text" on Completion is not listed; "Protected Material Code" on Completion is not listed/,
        },
        {
            kind: "violating",
            title: "protected text on the prompt only",
            props: withHarm("Protected Material Text", "Completion", { source: "Prompt" }),
            expect: "violation",
            message: /"Protected Material Text" on Completion is not listed/,
        },
        { kind: "compliant", title: "both blocking on completions", props: harmRai, expect: "pass" },
        {
            kind: "compliant",
            title: "names in other casing, no threshold needed",
            props: withPath(rai, "properties.contentFilters", [
                { name: "protected material text", source: "completion" },
                { name: "Protected_Material_Code", source: "Completion", enabled: true, blocking: true },
            ]),
            expect: "pass",
        },
        {
            kind: "absent",
            title: "no content filters listed",
            props: without(rai, "properties.contentFilters"),
            expect: "violation",
            message: /"Protected Material Text" on Completion is not listed/,
        },
        { kind: "unknown", title: "blocking flag unknown", props: withHarm("Protected Material Code", "Completion", { blocking: UNKNOWN_VALUES.bool }), expect: "unknown" },
        { kind: "unknown", title: "a filter's name unknown", props: withHarm("Protected Material Text", "Completion", { name: UNKNOWN_VALUES.string }), expect: "unknown" },
        { kind: "malformed", title: "enabled is a number", props: withHarm("Protected Material Text", "Completion", { enabled: 1 }), expect: "malformed" },
    ]);

    it("a `properties` object unknown as a whole in preview is named as such, with the reason, in the resource's one report", async () => {
        const props = { ...account, properties: UNKNOWN_VALUES.object };
        for (const policy of ["azure-cognitive-local-auth-disabled", "azure-cognitive-network-restricted", "azure-cognitive-cmk"]) {
            const { outcome, messages } = await judge(pack(), policy, ACCOUNT, props);
            assert.strictEqual(outcome, "unknown", policy);
            assert.strictEqual(messages.length, 1, policy);
            assert.match(messages[0], /\ncannot verify until the values are known \(after `pulumi up`\): /);
            assert.match(messages[0], new RegExp(`\\n- ${policy}: properties \\(the whole object\\)\\n`));
            assert.match(
                messages[0],
                /\nA preview leaves an object unknown as a whole when any value inside it is computed from another resource \(azure-native does so with `properties`\)/,
            );
            assert.doesNotMatch(messages[0], /properties\.[a-zA-Z]/, policy);
        }
    });

    it("never echoes a secret value in a message", async () => {
        const props = withPath(withPath(deployment, "properties.raiPolicyName", secret("s3cr3t-filter")), "properties.model", {
            format: secret("s3cr3t-vendor"),
            name: "m",
            version: "1",
        });
        const all = await Promise.all(["azure-cognitive-deployment-content-filter", "azure-cognitive-deployment-approved-models"].map((p) => judge(pack(), p, DEPLOYMENT, props)));
        const text = all.flatMap((j) => j.messages).join("\n");
        assert.deepStrictEqual(
            all.map((j) => j.outcome),
            ["violation", "violation"],
            text,
        );
        assert.ok(!text.includes("s3cr3t"), text);
    });

    it("is not applicable to other resource types, and says so", async () => {
        const { result } = await judge(pack(), "azure-cognitive-deployment-content-filter", "azure-native:cognitiveservices:Account", account);
        const na = result.notApplicable.find((n) => n.policyName === "azure-cognitive-deployment-content-filter");
        assert.ok(na, "expected a not-applicable entry");
        assert.match(na.reason, /Deployment/);
    });
});

describe("azure: AI Foundry and Machine Learning connections", function () {
    const pack = usePack();

    policyCases(pack, "azure-cognitive-connection-entra-auth", PROJECT_CONNECTION, [
        {
            kind: "violating",
            title: "API key",
            props: withPath(connection, "properties", { ...connection.properties, authType: "ApiKey", credentials: { key: secret("s3cr3t-key") } }),
            expect: "violation",
            message: /authType is "ApiKey": the connection stores a secret/,
        },
        {
            kind: "violating",
            title: "account key on an account connection (versioned token)",
            type: versioned(ACCOUNT_CONNECTION, "v20250601"),
            props: withPath(without(connection, "projectName"), "properties.authType", "AccountKey"),
            expect: "violation",
        },
        { kind: "violating", title: "SAS on a hub connection", type: WORKSPACE_CONNECTION, props: withPath(connection, "properties.authType", "SAS"), expect: "violation" },
        { kind: "compliant", title: "AAD", props: connection, expect: "pass" },
        {
            kind: "compliant",
            title: "managed identity on an account connection",
            type: ACCOUNT_CONNECTION,
            props: withPath(connection, "properties.authType", "ManagedIdentity"),
            expect: "pass",
        },
        {
            kind: "compliant",
            title: "project managed identity on a hub connection (versioned token)",
            type: versioned(WORKSPACE_CONNECTION, "v20251201"),
            props: withPath(connection, "properties.authType", "projectmanagedidentity"),
            expect: "pass",
        },
        {
            kind: "absent",
            title: "auth type not set (Azure requires it)",
            props: without(connection, "properties.authType"),
            expect: "violation",
            message: /does not say how it authenticates/,
        },
        { kind: "unknown", title: "auth type unknown", props: withPath(connection, "properties.authType", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "malformed", title: "unsupported auth type", props: withPath(connection, "properties.authType", "Kerberos"), expect: "malformed" },
        { kind: "malformed", title: "properties is a string", props: { ...connection, properties: "AAD" }, expect: "malformed" },
    ]);

    it("never echoes a secret value in a message", async () => {
        const props = withPath(connection, "properties", {
            authType: "ApiKey",
            category: "CognitiveSearch",
            target: secret("s3cr3t-target"),
            credentials: { key: secret("s3cr3t-key") },
        });
        const j = await judge(pack(), "azure-cognitive-connection-entra-auth", PROJECT_CONNECTION, props);
        assert.strictEqual(j.outcome, "violation");
        assert.ok(!j.messages.join("\n").includes("s3cr3t"), j.messages.join("\n"));
    });

    describe("configured to accept public feeds", function () {
        const configured = usePack({ "azure-cognitive-connection-entra-auth": { acceptedAuthTypes: ["AAD", "None"] } });
        policyCases(configured, "azure-cognitive-connection-entra-auth", WORKSPACE_CONNECTION, [
            {
                kind: "compliant",
                title: "None accepted",
                props: withPath(connection, "properties", { authType: "None", category: "PythonFeed", target: "https://pypi.org/simple" }),
                expect: "pass",
            },
            {
                kind: "violating",
                title: "managed identity no longer listed",
                props: withPath(connection, "properties.authType", "ManagedIdentity"),
                expect: "violation",
                message: /one of "AAD", "None"/,
            },
        ]);
    });
});

describe("azure: AI services from a generated local package (`pulumi package add azure-native cognitiveservices 2025-04-01-preview`)", function () {
    const pack = usePack();
    /** An AI Services account as a hasty program declares it: public network, key auth, Microsoft-managed keys. */
    const open = withPath(withPath(without(account, "properties.encryption"), "properties.publicNetworkAccess", "Enabled"), "properties.disableLocalAuth", false);
    const cases: [string, Record<string, unknown>][] = [
        [ACCOUNT, { ...withPath(open, "kind", "AIServices"), properties: { ...(open.properties as object), networkAcls: { defaultAction: "Allow" } } }],
        [DEPLOYMENT, withPath(without(deployment, "properties.model.version"), "properties.raiPolicyName", "permissive")],
        [RAI, withPath(rai, "properties.mode", "Asynchronous_filter")],
    ];
    for (const [type, props] of cases) {
        it(`${generated(type)} gets exactly the findings of ${type}`, async () => {
            const [plain, gen] = await Promise.all([pack().analyze(resource(type, props)), pack().analyze(resource(generated(type), props))]);
            const judged = (r: typeof plain) => ({
                findings: r.diagnostics.map((d) => `${d.policyName}: ${d.message}`).sort(),
                notApplicable: r.notApplicable.map((n) => n.policyName).sort(),
            });
            assert.ok(plain.diagnostics.length > 0, "the canonical token should have findings");
            assert.deepStrictEqual(judged(gen), judged(plain));
        });
    }
});

describe("azure: AI services, configured", function () {
    const pack = usePack({
        "azure-cognitive-network-restricted": { requirePublicNetworkDisabled: true },
        "azure-cognitive-cmk": { excludedKinds: ["OpenAI"] },
        "azure-cognitive-deployment-approved-models": { approvedFormats: ["OpenAI", "Meta"], approvedModels: ["gpt-4o@2024-11-20", "Llama-3.3-70B-Instruct"] },
        "azure-cognitive-deployment-content-filter": { approvedRaiPolicies: ["fraud-strict"] },
        "azure-cognitive-rai-policy-harm-filters": { harmCategories: ["Hate", "Violence"], maxSeverityThreshold: "Low" },
    });

    policyCases(pack, "azure-cognitive-network-restricted", ACCOUNT, [
        {
            kind: "violating",
            title: "strict: default-deny firewall is not enough (versioned token)",
            type: AV,
            props: withPath(account, "properties.publicNetworkAccess", "Enabled"),
            expect: "violation",
            message: /Set it to "Disabled"/,
        },
    ]);
    policyCases(pack, "azure-cognitive-cmk", ACCOUNT, [
        { kind: "compliant", title: "excluded kind (versioned token)", type: AV, props: without(account, "properties.encryption"), expect: "not-applicable" },
    ]);
    policyCases(pack, "azure-cognitive-deployment-approved-models", DEPLOYMENT, [
        { kind: "compliant", title: "approved name and version (versioned token)", type: DV, props: deployment, expect: "pass" },
        {
            kind: "compliant",
            title: "approved name, any version",
            props: withPath(deployment, "properties.model", { format: "Meta", name: "llama-3.3-70b-instruct", version: "5" }),
            expect: "pass",
        },
        { kind: "violating", title: "other version", props: withPath(deployment, "properties.model.version", "2024-05-13"), expect: "violation", message: /not in approvedModels/ },
    ]);
    policyCases(pack, "azure-cognitive-rai-policy-harm-filters", RAI, [
        {
            kind: "violating",
            title: "strict: Medium is no longer strict enough (versioned token)",
            type: RV,
            props: harmRai,
            expect: "violation",
            message: /severityThreshold "Low" or stricter \("Hate" on Prompt .*; "Violence" on Prompt .*; "Violence" on Completion .*\)/,
        },
        {
            kind: "compliant",
            title: "only the configured categories, at Low",
            props: withPath(rai, "properties.contentFilters", [
                { name: "Hate", source: "Prompt", severityThreshold: "Low" },
                { name: "Hate", source: "Completion", severityThreshold: "Low" },
                { name: "Violence", source: "Prompt", severityThreshold: "Low" },
                { name: "Violence", source: "Completion", severityThreshold: "Low" },
            ]),
            expect: "pass",
        },
    ]);
    policyCases(pack, "azure-cognitive-deployment-content-filter", DEPLOYMENT, [
        { kind: "compliant", title: "approved custom filter (versioned token)", type: DV, props: withPath(deployment, "properties.raiPolicyName", "fraud-strict"), expect: "pass" },
        {
            kind: "violating",
            title: "Azure's default no longer approved",
            props: without(deployment, "properties.raiPolicyName"),
            expect: "violation",
            message: /Azure applies "Microsoft.DefaultV2"/,
        },
    ]);
});
