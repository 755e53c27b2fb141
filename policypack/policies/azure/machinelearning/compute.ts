/**
 * Azure Machine Learning compute: compute instances (a data scientist's VM) and compute clusters
 * (AmlCompute, for training). Entra-only access, no public IPs or public SSH, inside a network you
 * control, and instances that shut down when idle.
 *
 * Shape (API 2025-12-01): the resource's `properties` holds `computeType` (which decides the kind
 * of compute) and `disableLocalAuth`; the type-specific settings are one level deeper, in
 * `properties.properties` (`enableNodePublicIp`, `subnet.id`, `sshSettings`, ...). Other compute
 * types (AKS, Databricks, attached VMs, ...) are configured elsewhere and are not judged here.
 */
import { resourcePolicy, ResourceCheck } from "../../../lib/policy";
import { requireBoolean } from "../common";

const COMPUTE = "azure-native:machinelearningservices:Compute";
const DOCS = "https://learn.microsoft.com/azure/machine-learning/";
const COMPUTE_TYPES = [
    "AKS",
    "Kubernetes",
    "AmlCompute",
    "ComputeInstance",
    "DataFactory",
    "VirtualMachine",
    "HDInsight",
    "Databricks",
    "DataLakeAnalytics",
    "SynapseSpark",
] as const;
type ComputeType = (typeof COMPUTE_TYPES)[number];

/**
 * The compute type when it is one of `types`; ends the evaluation as not-applicable for other
 * types; undefined when unknown during preview or malformed (both recorded).
 */
function computeTypeOf<C>(r: ResourceCheck<C>, types: readonly ComputeType[]): ComputeType | undefined {
    const type = r.enum("properties.computeType", COMPUTE_TYPES);
    if (!type) {
        return undefined;
    }
    if (type.value === undefined || !types.includes(type.value)) {
        r.notApplicable(`applies only to ${types.join(" and ")} compute`);
    }
    return type.value;
}

export const mlComputeLocalAuthDisabled = resourcePolicy({
    name: "azure-ml-compute-local-auth-disabled",
    description: "Machine Learning compute instances and clusters must disable local (key-based) authentication.",
    severity: "high",
    guidelines: ["DES-3j"],
    controls: ["ACC-Z05"],
    theme: "access",
    resourceTypes: [COMPUTE],
    remediationSteps: "Set `properties.disableLocalAuth: true` so only Entra identities can use the compute.",
    url: `${DOCS}how-to-integrate-azure-policy`,
    validate(r) {
        if (!computeTypeOf(r, ["ComputeInstance", "AmlCompute"])) {
            return;
        }
        // Azure default: local authentication allowed.
        requireBoolean(r, "properties.disableLocalAuth", true, false, "the compute accepts keys that bypass Entra ID, its conditional access and its audit trail");
    },
});

export const mlComputeNoPublicIp = resourcePolicy({
    name: "azure-ml-compute-no-public-ip",
    description: "Machine Learning compute instances and clusters must not have public IP addresses.",
    severity: "high",
    guidelines: ["DEP-1"],
    controls: ["ACC-Z06"],
    theme: "network",
    resourceTypes: [COMPUTE],
    remediationSteps: "Set `properties.properties.enableNodePublicIp: false` and put the compute in a subnet (or a workspace managed network) with the outbound access it needs.",
    url: `${DOCS}how-to-secure-training-vnet`,
    validate(r) {
        if (!computeTypeOf(r, ["ComputeInstance", "AmlCompute"])) {
            return;
        }
        // Azure default: true (the SDK fills true for clusters; instances get a public IP unless told otherwise).
        requireBoolean(r, "properties.properties.enableNodePublicIp", false, true, "every node is directly addressable from the internet");
    },
});

export const mlComputeInVnet = resourcePolicy<{ managedNetworkWorkspaces: boolean }>({
    name: "azure-ml-compute-in-vnet",
    description: "Machine Learning compute instances and clusters must run in a virtual network subnet.",
    severity: "medium",
    guidelines: ["DEP-1"],
    controls: ["ACC-Z07"],
    theme: "network",
    resourceTypes: [COMPUTE],
    config: {
        managedNetworkWorkspaces: {
            type: "boolean",
            default: false,
            description: "Set true when your workspaces use a managed virtual network (ACC-Z02): Azure then places compute in it and no subnet is given.",
        },
    },
    remediationSteps: "Set `properties.properties.subnet: { id: <subnet resource id> }`, or use a workspace managed network and set managedNetworkWorkspaces.",
    url: `${DOCS}how-to-secure-training-vnet`,
    validate(r) {
        if (!computeTypeOf(r, ["ComputeInstance", "AmlCompute"]) || r.config.managedNetworkWorkspaces) {
            return;
        }
        // A subnet id computed from another resource (the program's subnet) is set: presence needs no value.
        const subnet = r.setToUnknown("properties.properties.subnet.id") ? undefined : r.string("properties.properties.subnet.id");
        if (subnet && subnet.value === undefined) {
            r.violation(`${subnet.text}: the compute runs outside your virtual network, beyond your network security groups and firewalls. Set it to a subnet id.`);
        }
    },
});

export const mlComputeInstanceSshDisabled = resourcePolicy({
    name: "azure-ml-compute-instance-ssh-disabled",
    description: "Machine Learning compute instances must not open SSH to the public network.",
    severity: "high",
    guidelines: ["DEP-1"],
    controls: ["ACC-Z08"],
    theme: "network",
    resourceTypes: [COMPUTE],
    remediationSteps: 'Set `properties.properties.sshSettings.sshPublicAccess: "Disabled"` (or leave it unset); use the studio terminal or SSH over a private network.',
    url: `${DOCS}how-to-create-compute-instance`,
    validate(r) {
        if (!computeTypeOf(r, ["ComputeInstance"])) {
            return;
        }
        // Azure default: "Disabled".
        const ssh = r.enum("properties.properties.sshSettings.sshPublicAccess", ["Enabled", "Disabled"], { absent: "Disabled" });
        if (ssh?.value === "Enabled") {
            r.violation(`${ssh.text}: the instance's SSH port is open to the internet. Set it to "Disabled".`);
        }
    },
});

export const mlComputeClusterRemoteLoginDisabled = resourcePolicy({
    name: "azure-ml-compute-cluster-remote-login-disabled",
    description: "Machine Learning compute clusters must not open their SSH port to the public network.",
    severity: "high",
    guidelines: ["DEP-1"],
    controls: ["ACC-Z08"],
    theme: "network",
    resourceTypes: [COMPUTE],
    remediationSteps: 'Set `properties.properties.remoteLoginPortPublicAccess: "Disabled"`.',
    url: `${DOCS}how-to-create-attach-compute-cluster`,
    validate(r) {
        if (!computeTypeOf(r, ["AmlCompute"])) {
            return;
        }
        // Azure default: "NotSpecified", which closes the port only when the cluster is in a VNet.
        const login = r.enum("properties.properties.remoteLoginPortPublicAccess", ["Enabled", "Disabled", "NotSpecified"], { absent: "NotSpecified" });
        if (!login || login.value === "Disabled") {
            return;
        }
        if (login.value === "Enabled") {
            r.violation(`${login.text}: the SSH port of every node is open to the internet. Set it to "Disabled".`);
            return;
        }
        // A subnet id computed from another resource (the program's subnet) is set: presence needs no value.
        const subnet = r.setToUnknown("properties.properties.subnet.id") ? undefined : r.string("properties.properties.subnet.id");
        if (subnet && subnet.value === undefined) {
            r.violation(`${login.text} and ${subnet.text}: without a VNet, Azure opens the SSH port of every node to the internet. Set remoteLoginPortPublicAccess to "Disabled".`);
        }
    },
});

export const mlComputeInstanceIdleShutdown = resourcePolicy<{ maximumIdleMinutes: number }>({
    name: "azure-ml-compute-instance-idle-shutdown",
    description: "Machine Learning compute instances must shut down after a period of inactivity.",
    severity: "low",
    guidelines: ["DEP-1", "OPS-3"],
    controls: ["RES-Z02"],
    theme: "resilience",
    resourceTypes: [COMPUTE],
    config: {
        maximumIdleMinutes: {
            type: "integer",
            minimum: 15,
            maximum: 4320,
            default: 240,
            description: "The longest idle time accepted before shutdown, in minutes (Azure allows 15 minutes to 3 days).",
        },
    },
    remediationSteps: 'Set `properties.properties.idleTimeBeforeShutdown` to an ISO 8601 duration such as "PT60M".',
    url: `${DOCS}how-to-create-compute-instance#configure-idle-shutdown`,
    validate(r) {
        if (!computeTypeOf(r, ["ComputeInstance"])) {
            return;
        }
        const idle = r.duration("properties.properties.idleTimeBeforeShutdown", "PT60M");
        if (!idle) {
            return;
        }
        if (idle.value === undefined) {
            // Azure default: no idle shutdown.
            r.violation(
                `${idle.text}: an idle instance keeps running, with its credentials and data, until someone stops it. Set an idle time of at most ${r.config.maximumIdleMinutes} minutes.`,
            );
            return;
        }
        if (idle.value > r.config.maximumIdleMinutes) {
            r.violation(`${r.path("properties.properties.idleTimeBeforeShutdown")} is longer than maximumIdleMinutes (${r.config.maximumIdleMinutes}). Shorten it.`);
        }
    },
});

export const computePolicies = [
    mlComputeLocalAuthDisabled,
    mlComputeNoPublicIp,
    mlComputeInVnet,
    mlComputeInstanceSshDisabled,
    mlComputeClusterRemoteLoginDisabled,
    mlComputeInstanceIdleShutdown,
];
