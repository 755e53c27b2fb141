import { policyCases, usePack } from "../../support/cases";
import { UNKNOWN_VALUES, versioned, withPath, without } from "./helpers";

const COMPUTE = "azure-native:machinelearningservices:Compute";
const V = versioned(COMPUTE, "v20240401");
const SUBNET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ai/subnets/snet-ml";

/** A compute instance as a careful user's program declares it. */
const instance = {
    resourceGroupName: "rg-ai",
    workspaceName: "mlw-fraud",
    computeName: "ci-alice",
    location: "westeurope",
    properties: {
        computeType: "ComputeInstance",
        disableLocalAuth: true,
        description: "Alice's notebook VM",
        properties: {
            vmSize: "Standard_DS3_v2",
            enableNodePublicIp: false,
            subnet: { id: SUBNET },
            sshSettings: { sshPublicAccess: "Disabled" },
            idleTimeBeforeShutdown: "PT60M",
            applicationSharingPolicy: "Personal",
            computeInstanceAuthorizationType: "personal",
            enableSSO: true,
            personalComputeInstanceSettings: { assignedUser: { objectId: "aaaaaaaa-0000-0000-0000-000000000001", tenantId: "bbbbbbbb-0000-0000-0000-000000000001" } },
        },
    },
    tags: { owner: "alice" },
};

/** A training cluster as a careful user's program declares it. */
const cluster = {
    resourceGroupName: "rg-ai",
    workspaceName: "mlw-fraud",
    computeName: "cpu-cluster",
    location: "westeurope",
    properties: {
        computeType: "AmlCompute",
        disableLocalAuth: true,
        properties: {
            vmSize: "Standard_D4s_v3",
            vmPriority: "Dedicated",
            osType: "Linux",
            enableNodePublicIp: false,
            remoteLoginPortPublicAccess: "Disabled",
            subnet: { id: SUBNET },
            scaleSettings: { minNodeCount: 0, maxNodeCount: 4, nodeIdleTimeBeforeScaleDown: "PT120S" },
        },
    },
};

/** An attached Databricks workspace: configured elsewhere, not judged. */
const databricks = {
    resourceGroupName: "rg-ai",
    workspaceName: "mlw-fraud",
    computeName: "dbx",
    properties: { computeType: "Databricks", resourceId: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/dbx" },
};

describe("azure: Machine Learning compute", function () {
    const pack = usePack();

    policyCases(pack, "azure-ml-compute-local-auth-disabled", COMPUTE, [
        {
            kind: "violating",
            title: "instance with local auth",
            props: withPath(instance, "properties.disableLocalAuth", false),
            expect: "violation",
            message: /properties.disableLocalAuth is false/,
        },
        { kind: "violating", title: "cluster with local auth (versioned token)", type: V, props: withPath(cluster, "properties.disableLocalAuth", false), expect: "violation" },
        { kind: "compliant", title: "instance", props: instance, expect: "pass" },
        { kind: "compliant", title: "cluster", props: cluster, expect: "pass" },
        { kind: "compliant", title: "Databricks is not judged", props: databricks, expect: "not-applicable" },
        {
            kind: "absent",
            title: "not set: local auth allowed by default",
            props: without(cluster, "properties.disableLocalAuth"),
            expect: "violation",
            message: /Azure default: false/,
        },
        { kind: "unknown", title: "unknown", props: withPath(instance, "properties.disableLocalAuth", UNKNOWN_VALUES.bool), expect: "unknown" },
        { kind: "unknown", title: "compute type unknown", props: withPath(instance, "properties.computeType", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "malformed", title: "a string", props: withPath(instance, "properties.disableLocalAuth", "on"), expect: "malformed" },
        {
            kind: "malformed",
            title: "unsupported compute type",
            props: withPath(instance, "properties.computeType", "Mainframe"),
            expect: "malformed",
            message: /properties.computeType/,
        },
    ]);

    policyCases(pack, "azure-ml-compute-no-public-ip", COMPUTE, [
        {
            kind: "violating",
            title: "instance with public IP",
            props: withPath(instance, "properties.properties.enableNodePublicIp", true),
            expect: "violation",
            message: /enableNodePublicIp is true/,
        },
        {
            kind: "violating",
            title: "cluster with public IP (versioned token)",
            type: V,
            props: withPath(cluster, "properties.properties.enableNodePublicIp", true),
            expect: "violation",
        },
        { kind: "compliant", title: "cluster without", props: cluster, expect: "pass" },
        {
            kind: "absent",
            title: "not set: public IP by default",
            props: without(cluster, "properties.properties.enableNodePublicIp"),
            expect: "violation",
            message: /Azure default: true/,
        },
        { kind: "absent", title: "no type-specific properties at all", props: without(instance, "properties.properties"), expect: "violation" },
        { kind: "unknown", title: "unknown", props: withPath(cluster, "properties.properties.enableNodePublicIp", UNKNOWN_VALUES.bool), expect: "unknown" },
        {
            kind: "malformed",
            title: "inner properties is a string",
            props: withPath(cluster, "properties.properties", "none"),
            expect: "malformed",
            message: /properties.properties/,
        },
    ]);

    policyCases(pack, "azure-ml-compute-in-vnet", COMPUTE, [
        { kind: "violating", title: "instance without subnet", props: without(instance, "properties.properties.subnet"), expect: "violation", message: /subnet.id is not set/ },
        { kind: "violating", title: "cluster without subnet (versioned token)", type: V, props: without(cluster, "properties.properties.subnet"), expect: "violation" },
        { kind: "compliant", title: "in a subnet", props: cluster, expect: "pass" },
        { kind: "absent", title: "empty subnet id", props: withPath(cluster, "properties.properties.subnet.id", ""), expect: "violation" },
        { kind: "unknown", title: "subnet id from another resource: set", props: withPath(instance, "properties.properties.subnet.id", UNKNOWN_VALUES.string), expect: "pass" },
        { kind: "unknown", title: "the whole properties object unknown: cannot verify", props: { ...instance, properties: UNKNOWN_VALUES.object }, expect: "unknown" },
        { kind: "malformed", title: "subnet is a string", props: withPath(instance, "properties.properties.subnet", SUBNET), expect: "malformed" },
    ]);

    policyCases(pack, "azure-ml-compute-instance-ssh-disabled", COMPUTE, [
        {
            kind: "violating",
            title: "public SSH",
            props: withPath(instance, "properties.properties.sshSettings.sshPublicAccess", "Enabled"),
            expect: "violation",
            message: /sshPublicAccess is "Enabled"/,
        },
        {
            kind: "violating",
            title: "lower-case (versioned token)",
            type: V,
            props: withPath(instance, "properties.properties.sshSettings.sshPublicAccess", "enabled"),
            expect: "violation",
        },
        { kind: "compliant", title: "Disabled", props: instance, expect: "pass" },
        { kind: "compliant", title: "clusters are judged by the cluster policy", props: cluster, expect: "not-applicable" },
        { kind: "absent", title: "no SSH settings: Disabled by default", props: without(instance, "properties.properties.sshSettings"), expect: "pass" },
        { kind: "unknown", title: "unknown", props: withPath(instance, "properties.properties.sshSettings.sshPublicAccess", UNKNOWN_VALUES.string), expect: "unknown" },
        { kind: "malformed", title: "a boolean", props: withPath(instance, "properties.properties.sshSettings.sshPublicAccess", true), expect: "malformed" },
    ]);

    policyCases(pack, "azure-ml-compute-cluster-remote-login-disabled", COMPUTE, [
        {
            kind: "violating",
            title: "Enabled",
            props: withPath(cluster, "properties.properties.remoteLoginPortPublicAccess", "Enabled"),
            expect: "violation",
            message: /remoteLoginPortPublicAccess is "Enabled"/,
        },
        {
            kind: "violating",
            title: "NotSpecified without a VNet (versioned token)",
            type: V,
            props: without(withPath(cluster, "properties.properties.remoteLoginPortPublicAccess", "NotSpecified"), "properties.properties.subnet"),
            expect: "violation",
            message: /without a VNet/,
        },
        { kind: "compliant", title: "Disabled", props: cluster, expect: "pass" },
        {
            kind: "compliant",
            title: "NotSpecified in a VNet: closed",
            props: withPath(cluster, "properties.properties.remoteLoginPortPublicAccess", "NotSpecified"),
            expect: "pass",
        },
        { kind: "compliant", title: "instances are judged by the instance policy", props: instance, expect: "not-applicable" },
        { kind: "absent", title: "not set, in a VNet: NotSpecified closes it", props: without(cluster, "properties.properties.remoteLoginPortPublicAccess"), expect: "pass" },
        {
            kind: "absent",
            title: "not set, no VNet: open",
            props: without(without(cluster, "properties.properties.remoteLoginPortPublicAccess"), "properties.properties.subnet"),
            expect: "violation",
            message: /Azure default: "NotSpecified"/,
        },
        {
            kind: "unknown",
            title: "subnet id computed from another resource: in a VNet, so the port is closed",
            props: without(withPath(cluster, "properties.properties.subnet.id", UNKNOWN_VALUES.string), "properties.properties.remoteLoginPortPublicAccess"),
            expect: "pass",
        },
        {
            kind: "unknown",
            title: "remote login unknown",
            props: withPath(cluster, "properties.properties.remoteLoginPortPublicAccess", UNKNOWN_VALUES.string),
            expect: "unknown",
        },
        { kind: "malformed", title: "unsupported value", props: withPath(cluster, "properties.properties.remoteLoginPortPublicAccess", "Maybe"), expect: "malformed" },
    ]);

    policyCases(pack, "azure-ml-compute-instance-idle-shutdown", COMPUTE, [
        {
            kind: "violating",
            title: "idle time longer than 4 hours",
            props: withPath(instance, "properties.properties.idleTimeBeforeShutdown", "P1D"),
            expect: "violation",
            message: /longer than maximumIdleMinutes \(240\)/,
        },
        { kind: "violating", title: "PT5H (versioned token)", type: V, props: withPath(instance, "properties.properties.idleTimeBeforeShutdown", "PT5H"), expect: "violation" },
        { kind: "compliant", title: "PT60M", props: instance, expect: "pass" },
        { kind: "compliant", title: "PT4H exactly", props: withPath(instance, "properties.properties.idleTimeBeforeShutdown", "PT4H"), expect: "pass" },
        { kind: "compliant", title: "clusters scale down instead", props: cluster, expect: "not-applicable" },
        {
            kind: "absent",
            title: "no idle shutdown",
            props: without(instance, "properties.properties.idleTimeBeforeShutdown"),
            expect: "violation",
            message: /idleTimeBeforeShutdown is not set/,
        },
        { kind: "unknown", title: "unknown", props: withPath(instance, "properties.properties.idleTimeBeforeShutdown", UNKNOWN_VALUES.string), expect: "unknown" },
        {
            kind: "malformed",
            title: "not an ISO 8601 duration",
            props: withPath(instance, "properties.properties.idleTimeBeforeShutdown", "60 minutes"),
            expect: "malformed",
            message: /ISO 8601/,
        },
        { kind: "malformed", title: "a number", props: withPath(instance, "properties.properties.idleTimeBeforeShutdown", 60), expect: "malformed" },
    ]);
});

describe("azure: Machine Learning compute, configured", function () {
    const pack = usePack({
        "azure-ml-compute-in-vnet": { managedNetworkWorkspaces: true },
        "azure-ml-compute-instance-idle-shutdown": { maximumIdleMinutes: 30 },
    });

    policyCases(pack, "azure-ml-compute-in-vnet", COMPUTE, [
        { kind: "compliant", title: "managed network: no subnet needed (versioned token)", type: V, props: without(instance, "properties.properties.subnet"), expect: "pass" },
    ]);
    policyCases(pack, "azure-ml-compute-instance-idle-shutdown", COMPUTE, [
        { kind: "violating", title: "PT60M above a 30-minute maximum (versioned token)", type: V, props: instance, expect: "violation", message: /maximumIdleMinutes \(30\)/ },
        { kind: "compliant", title: "PT30M", props: withPath(instance, "properties.properties.idleTimeBeforeShutdown", "PT30M"), expect: "pass" },
    ]);
});
