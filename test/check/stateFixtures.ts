/**
 * Exported-state fixtures for `check --state`: each bundled example run as a deployment under
 * Pulumi's mocks (not a preview), with the states a provider returns after `pulumi up` (ids,
 * ARNs, auto-names, `tagsAll` with the provider's default tags, the cloud's defaults for the
 * settings the pack judges), written as a `pulumi stack export` document (version 3):
 * deployment.resources with urn, custom, id, type, inputs, outputs, parent, provider,
 * dependencies and propertyDependencies, default providers first, as the engine records them.
 *
 * Regenerate after changing an example: `npm run build:test && node build/test/check/stateFixtures.js`.
 * This module is also the runner's mocks module (`newResource`).
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { pulumiDirOf } from "../../policypack/engine/analyzer";
import { readProgram } from "../../policypack/cli/program";
import { programSource } from "../../policypack/cli/sources/program";
import type { SourceResource } from "../../policypack/cli/sources/source";

const REPO = path.resolve(__dirname, "..", "..", "..");
export const STATE_FIXTURES = path.join(REPO, "test", "check", "fixtures", "state");
export const STATE_EXAMPLES = ["aws-ml-platform", "aws-ml-platform-insecure", "azure-ai-platform", "azure-ai-platform-insecure"];

const ACCOUNT = "123456789012";
const SUBSCRIPTION = "00000000-0000-0000-0000-000000000002";

const hash = (s: string, n = 7) => createHash("sha256").update(s).digest("hex").slice(0, n);

/** The cloud's defaults for settings the pack judges, as a deployed resource's state shows them. */
const AWS_DEFAULTS: Record<string, Record<string, unknown>> = {
    "aws:s3/bucket:Bucket": { forceDestroy: false, objectLockEnabled: false },
    "aws:ecr/repository:Repository": { imageTagMutability: "MUTABLE", forceDelete: false },
    "aws:kms/key:Key": { enableKeyRotation: false, keyUsage: "ENCRYPT_DECRYPT", customerMasterKeySpec: "SYMMETRIC_DEFAULT", isEnabled: true, multiRegion: false },
    "aws:sagemaker/notebookInstance:NotebookInstance": { directInternetAccess: "Enabled", rootAccess: "Enabled" },
    "aws:cloudwatch/logGroup:LogGroup": { retentionInDays: 0, skipDestroy: false },
};

/** Resources whose physical name the AWS provider generates from the logical name when unset. */
const AWS_AUTONAMED: Record<string, string> = {
    "aws:s3/bucket:Bucket": "bucket",
    "aws:ecr/repository:Repository": "name",
    "aws:iam/role:Role": "name",
    "aws:iam/policy:Policy": "name",
    "aws:iam/rolePolicy:RolePolicy": "name",
    "aws:cloudwatch/logGroup:LogGroup": "name",
    "aws:sagemaker/model:Model": "name",
    "aws:sagemaker/endpointConfiguration:EndpointConfiguration": "name",
    "aws:sagemaker/endpoint:Endpoint": "name",
    "aws:sagemaker/notebookInstance:NotebookInstance": "name",
    "aws:ec2/securityGroup:SecurityGroup": "name",
    "aws:backup/vault:Vault": "name",
    "aws:sagemaker/dataQualityJobDefinition:DataQualityJobDefinition": "name",
};

/** Computed outputs other resources of the examples refer to. */
function awsComputed(type: string, id: string, state: Record<string, unknown>, region: string): Record<string, unknown> {
    switch (type) {
        case "aws:ecr/repository:Repository":
            return { registryId: ACCOUNT, repositoryUrl: `${ACCOUNT}.dkr.ecr.${region}.amazonaws.com/${String(state.name)}` };
        case "aws:bedrock/guardrail:Guardrail":
            return { guardrailId: id, guardrailArn: state.arn, version: "DRAFT" };
        case "aws:bedrock/guardrailVersion:GuardrailVersion":
            return { version: "1" };
        default:
            return {};
    }
}

function defaultTags(): Record<string, unknown> {
    try {
        const config = JSON.parse(process.env.PULUMI_CONFIG ?? "{}") as Record<string, string>;
        return (JSON.parse(config["aws:defaultTags"] ?? "{}") as { tags?: Record<string, unknown> }).tags ?? {};
    } catch {
        return {};
    }
}

function awsState(type: string, name: string, inputs: Record<string, unknown>): { id: string; state: Record<string, unknown> } {
    const config = JSON.parse(process.env.PULUMI_CONFIG ?? "{}") as Record<string, string>;
    const region = config["aws:region"] ?? "us-east-1";
    const state: Record<string, unknown> = { ...AWS_DEFAULTS[type], ...inputs };
    const nameKey = AWS_AUTONAMED[type];
    if (nameKey && state[nameKey] === undefined) state[nameKey] = `${name}-${hash(type + name)}`;
    const [pkgModule, kind] = [type.split(":")[1].split("/")[0], type.split(":")[2]];
    const physical = (nameKey && (state[nameKey] as string)) || `${name}-${hash(type + name, 17)}`;
    const id =
        type === "aws:ec2/securityGroup:SecurityGroup"
            ? `sg-${hash(name, 17)}`
            : type === "aws:kms/key:Key"
              ? `${hash(name, 8)}-${hash(name + 1, 4)}-4${hash(name + 2, 3)}-8${hash(name + 3, 3)}-${hash(name + 4, 12)}`
              : physical;
    const lower = kind.charAt(0).toLowerCase() + kind.slice(1);
    state.arn ??=
        pkgModule === "s3"
            ? `arn:aws:s3:::${physical}`
            : pkgModule === "iam"
              ? `arn:aws:iam::${ACCOUNT}:${lower}/${physical}`
              : `arn:aws:${pkgModule}:${region}:${ACCOUNT}:${lower.replace(/([A-Z])/g, "-$1").toLowerCase()}/${id}`;
    if (type === "aws:kms/key:Key") state.keyId = id;
    Object.assign(state, awsComputed(type, id, state, region));
    if ("tags" in inputs || Object.keys(defaultTags()).length) {
        state.tagsAll = { ...defaultTags(), ...((inputs.tags as Record<string, unknown> | undefined) ?? {}) };
        state.tags ??= {};
    }
    return { id, state: { ...state, id } };
}

function azureState(type: string, name: string, inputs: Record<string, unknown>): { id: string; state: Record<string, unknown> } {
    // azure-native:<module>[/<version>]:<Type>
    const [, mod, kind] = type.split(":");
    const module = mod.split("/")[0];
    const nameInput = Object.keys(inputs).find((k) => k.endsWith("Name") && k !== "resourceGroupName" && typeof inputs[k] === "string");
    const physical = (nameInput ? (inputs[nameInput] as string) : undefined) ?? `${name}${hash(type + name, 8)}`;
    const group = (inputs.resourceGroupName as string | undefined) ?? "rg";
    const namespace = `Microsoft.${module.charAt(0).toUpperCase()}${module.slice(1)}`;
    const id =
        type === "azure-native:resources:ResourceGroup"
            ? `/subscriptions/${SUBSCRIPTION}/resourceGroups/${physical}`
            : `/subscriptions/${SUBSCRIPTION}/resourceGroups/${group}/providers/${namespace}/${kind.charAt(0).toLowerCase()}${kind.slice(1)}s/${physical}`;
    const state: Record<string, unknown> = { ...inputs, id, name: physical, type: `${namespace}/${kind}`, provisioningState: "Succeeded" };
    const guid = (salt: string) => {
        const h = hash(type + name + salt, 32);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    };
    if (type === "azure-native:managedidentity:UserAssignedIdentity")
        Object.assign(state, { principalId: guid("principal"), clientId: guid("client"), tenantId: "00000000-0000-0000-0000-000000000001" });
    if (type === "azure-native:keyvault:Vault") {
        state.properties = { ...(inputs.properties as Record<string, unknown> | undefined), vaultUri: `https://${physical}.vault.azure.net/` };
    }
    if (type === "azure-native:keyvault:Key") {
        const uri = `https://${String(inputs.vaultName ?? "vault")}.vault.azure.net/keys/${physical}`;
        Object.assign(state, { keyUri: uri, keyUriWithVersion: `${uri}/${hash(name, 32)}` });
    }
    if (type !== "azure-native:resources:ResourceGroup") state.azureApiVersion ??= "2024-01-01";
    return { id, state };
}

/** The runner's mocks: a provider's answer after creating the resource. */
/**
 * Data sources a deployment calls with known inputs, which a preview skips (its inputs are still
 * unknown there): the insecure Azure example reads an AI services account's and a storage
account's keys.
 */
export function call(args: { token: string; inputs: Record<string, unknown> }): Record<string, unknown> | undefined {
    if (args.token === "azure-native:cognitiveservices:listAccountKeys") {
        const account = String(args.inputs.accountName ?? "");
        return { key1: `key1-${hash(account, 32)}`, key2: `key2-${hash(account, 32)}` };
    }
    if (args.token === "azure-native:storage:listStorageAccountKeys") {
        const account = String(args.inputs.accountName ?? "");
        return { keys: [1, 2].map((n) => ({ keyName: `key${n}`, permissions: "FULL", value: `key${n}-${hash(account, 32)}` })) };
    }
    return undefined;
}

export function newResource(args: { type: string; name: string; inputs: Record<string, unknown> }): { id: string; state: Record<string, unknown> } {
    if (args.type.startsWith("aws:")) return awsState(args.type, args.name, args.inputs);
    if (args.type.startsWith("azure-native")) return azureState(args.type, args.name, args.inputs);
    const id = `${args.name}-${hash(args.type + args.name)}`;
    return { id, state: { ...args.inputs, id } };
}

/** The export document for a deployed program's resources. */
export function exportOf(resources: SourceResource[]): unknown {
    const providerIds = new Map<string, string>();
    const providerId = (urn: string) => {
        let id = providerIds.get(urn);
        if (!id) {
            const h = hash(urn, 32);
            id = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
            providerIds.set(urn, id);
        }
        return id;
    };
    return {
        version: 3,
        deployment: {
            manifest: { time: "2026-01-01T00:00:00.000000000Z", magic: "", version: "v3.248.0" },
            resources: resources.map((r) => {
                const isProvider = r.type.startsWith("pulumi:providers:");
                const out: Record<string, unknown> = { urn: r.urn, custom: r.custom };
                if (r.custom) out.id = isProvider ? providerId(r.urn) : String(r.outputs?.id ?? "");
                out.type = r.type;
                out.inputs = r.properties;
                out.outputs = isProvider ? r.properties : (r.outputs ?? {});
                if (r.parent) out.parent = r.parent;
                if (r.provider) out.provider = `${r.provider.urn}::${providerId(r.provider.urn)}`;
                if (r.options?.protect) out.protect = true;
                out.dependencies = r.dependencies;
                out.propertyDependencies = r.propertyDependencies;
                out.created = "2026-01-01T00:00:00Z";
                out.modified = "2026-01-01T00:00:00Z";
                return out;
            }),
        },
    };
}

async function main(): Promise<void> {
    // js-yaml comes with @pulumi/pulumi.
    const yaml = require(require.resolve("js-yaml", { paths: [pulumiDirOf(REPO)] })) as { load(t: string): unknown };
    fs.mkdirSync(STATE_FIXTURES, { recursive: true });
    for (const example of STATE_EXAMPLES) {
        const program = readProgram(path.join(REPO, "examples", example), "dev", {}, yaml);
        const source = programSource(program, "dev", REPO, { mocksModule: __filename });
        const { resources } = await source.resources({
            out: process.stderr,
            progress: () => undefined,
            clear: () => undefined,
            onStop: () => undefined,
            timeoutSeconds: 300,
        });
        const file = path.join(STATE_FIXTURES, `${example}.json`);
        fs.writeFileSync(file, JSON.stringify(exportOf(resources), null, 2) + "\n");
        process.stderr.write(`wrote ${path.relative(REPO, file)} (${resources.length} resources)\n`);
    }
}

if (require.main === module) {
    main().catch((e) => {
        process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
        process.exitCode = 1;
    });
}
