/**
 * Recovering AI data after an incident: file systems and buckets with training data are backed
 * up, backup vaults cannot be emptied by an attacker, and model artefacts survive a regional loss.
 */
import { readKey, UNKNOWN } from "../../../lib/props";
import { dataStoreInScope, normaliseId, StackCheck, StackResource, stackPolicy } from "../../../lib/stack";
import { taggedWith, tagsOf } from "../../../lib/tags";
import { listOf, ScopeKnobs, stackScopeKnobs } from "../common";
import { aiBuckets, BUCKET, bucketAttachments } from "./s3";

const FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";
const EFS_BACKUP = "aws:efs/backupPolicy:BackupPolicy";
const SELECTION = "aws:backup/selection:Selection";
const VAULT = "aws:backup/vault:Vault";
const VAULT_LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const BACKUP_DOCS = "https://docs.aws.amazon.com/aws-backup/latest/devguide/";

export const efsAutomaticBackups = stackPolicy<ScopeKnobs>({
    name: "aws-efs-ai-file-system-backup-policy",
    description: "Every EFS file system with AI data must have automatic backups enabled.",
    severity: "medium",
    guidelines: ["DEP-3"],
    controls: ["RES-A03"],
    theme: "resilience",
    resourceTypes: [FILE_SYSTEM],
    config: stackScopeKnobs,
    remediationSteps: 'Add an `aws.efs.BackupPolicy` with `fileSystemId: <file system>.id` and `backupPolicy: { status: "ENABLED" }`.',
    url: "https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html",
    validate(s) {
        const policies = s.index.attachments({ targets: [FILE_SYSTEM], attachments: [EFS_BACKUP], via: "fileSystemId", keys: ["id", "arn"], identity: [] });
        for (const fs of s.ofType(FILE_SYSTEM)) {
            if (dataStoreInScope(s, fs) !== true) {
                continue;
            }
            const attached = policies.of(fs);
            for (const p of attached) {
                const status = s.read(p).enum("backupPolicy.status", ["ENABLED", "ENABLING", "DISABLED", "DISABLING"]);
                if (status && (status.value === "DISABLED" || status.value === "DISABLING")) {
                    s.violation(p, `${status.text} on a file system with AI data: it is not backed up. Set it to "ENABLED".`);
                }
            }
            if (attached.length > 0) {
                continue;
            }
            if (policies.mayAttach(fs)) {
                s.unknown(fs, "which backup policy belongs to this file system (its id is only known after `pulumi up`)");
                continue;
            }
            s.violation(
                fs,
                'this file system holds AI data but has no backup policy (AWS default for API-created file systems: no automatic backups). Add a BackupPolicy with status "ENABLED".',
            );
        }
    },
});

/** Which resources backup selections pick: by graph, by ARN or name, by "*", or by tag. */
interface Selected {
    urns: Set<string>;
    ids: Set<string>;
    all: boolean;
    tags: { key: string; value: string }[];
    /** A selection could pick any resource once its values are known. */
    unknown: boolean;
    /** Resources an unknown selection could still pick (StackIndex.candidates), by URN. */
    maybe: Set<string>;
}

function selectedByBackups(s: StackCheck<unknown>): Selected {
    const out: Selected = { urns: new Set(), ids: new Set(), all: false, tags: [], unknown: false, maybe: new Set() };
    const find = s.index.candidates([BUCKET, FILE_SYSTEM], ["bucket", "bucketPrefix"]);
    for (const sel of s.index.ofType(SELECTION)) {
        for (const d of s.index.propertyDependencies(sel, "resources") ?? []) {
            out.urns.add(d.urn);
        }
        const unknownResources = () => {
            const could = find(sel, "resources");
            if (could === "any") {
                out.unknown = true;
            } else {
                for (const t of could) {
                    out.maybe.add(t.urn);
                }
            }
        };
        const resources = readKey(sel.resource.props, "resources");
        if (resources === UNKNOWN) {
            unknownResources();
        } else if (Array.isArray(resources)) {
            for (let i = 0; i < resources.length; i++) {
                const v = readKey(resources, i);
                if (v === UNKNOWN) {
                    unknownResources();
                } else if (v === "*") {
                    out.all = true;
                } else if (typeof v === "string") {
                    out.ids.add(normaliseId(v));
                }
            }
        }
        const tags = readKey(sel.resource.props, "selectionTags");
        if (tags === UNKNOWN) {
            out.unknown = true;
        } else if (Array.isArray(tags)) {
            for (let i = 0; i < tags.length; i++) {
                const t = readKey(tags, i);
                const key = readKey(t, "key");
                const value = readKey(t, "value");
                if (key === UNKNOWN || value === UNKNOWN || t === UNKNOWN) {
                    out.unknown = true;
                } else if (typeof key === "string" && typeof value === "string") {
                    out.tags.push({ key, value });
                }
            }
        }
    }
    return out;
}

function hasTag(r: StackResource, tag: { key: string; value: string }): boolean | undefined {
    const tags = readKey(r.resource.props, "tags");
    if (tags === UNKNOWN) {
        return undefined;
    }
    return readKey(tags, tag.key) === tag.value;
}

export const aiDataInBackupPlan = stackPolicy<ScopeKnobs>({
    name: "aws-backup-ai-data-selected",
    description: "Every AI bucket and EFS file system must be selected by an AWS Backup plan of the stack.",
    severity: "medium",
    guidelines: ["DEP-3", "DEV-2"],
    controls: ["RES-A02"],
    theme: "resilience",
    resourceTypes: [BUCKET, FILE_SYSTEM],
    config: stackScopeKnobs,
    remediationSteps: "Add an `aws.backup.Selection` of a backup plan whose `resources` include `<bucket>.arn` / `<file system>.arn` (or whose `selectionTags` match their tags).",
    url: `${BACKUP_DOCS}assigning-resources.html`,
    validate(s) {
        const targets = [...aiBuckets(s), ...s.ofType(FILE_SYSTEM).filter((f) => dataStoreInScope(s, f) === true)];
        if (targets.length === 0) {
            return;
        }
        const selected = selectedByBackups(s);
        if (selected.all) {
            return;
        }
        for (const t of targets) {
            if (selected.urns.has(t.urn)) {
                continue;
            }
            let idUnknown = false;
            let hit = false;
            for (const key of t.canonical === BUCKET ? ["bucket", "arn"] : ["arn", "id"]) {
                const v = readKey(t.resource.props, key);
                idUnknown ||= v === UNKNOWN;
                hit ||= typeof v === "string" && selected.ids.has(normaliseId(v));
            }
            let tagUnknown = false;
            for (const tag of selected.tags) {
                const m = hasTag(t, tag);
                hit ||= m === true;
                tagUnknown ||= m === undefined;
            }
            if (hit) {
                continue;
            }
            if (selected.unknown || selected.maybe.has(t.urn) || tagUnknown || (idUnknown && selected.ids.size > 0)) {
                s.unknown(t, "whether a backup selection picks it (selections or identifiers are only known after `pulumi up`)");
                continue;
            }
            s.violation(
                t,
                "no AWS Backup selection of the stack picks this AI data store: training data and artefacts cannot be restored after deletion, corruption or ransomware. Add it to a backup plan's selection.",
            );
        }
    },
});

export const backupVaultLocked = stackPolicy({
    name: "aws-backup-ai-vault-lock",
    description: "Every AWS Backup vault of a stack with AI resources should have a vault lock.",
    severity: "low",
    guidelines: ["DEP-3"],
    controls: ["RES-A04"],
    theme: "resilience",
    resourceTypes: [VAULT],
    remediationSteps:
        "Add an `aws.backup.VaultLockConfiguration` with `backupVaultName: <vault>.name` and a `minRetentionDays` (governance mode first; add `changeableForDays` for compliance mode).",
    url: `${BACKUP_DOCS}vault-lock.html`,
    validate(s) {
        if (s.index.aiScope([]).services.length === 0) {
            return; // only stacks with AI service resources are this pack's business
        }
        const locks = s.index.attachments({ targets: [VAULT], attachments: [VAULT_LOCK], via: "backupVaultName", keys: ["name", "id"], identity: ["name"] });
        for (const vault of s.ofType(VAULT)) {
            if (locks.of(vault).length > 0) {
                continue;
            }
            if (locks.mayAttach(vault)) {
                s.unknown(vault, "which vault lock belongs to this vault (its name is only known after `pulumi up`)");
                continue;
            }
            s.violation(
                vault,
                "this backup vault has no vault lock: anyone with enough permissions (or an attacker holding them) can delete the recovery points of AI data. Add a VaultLockConfiguration.",
            );
        }
    },
});

/** Properties through which SageMaker and Bedrock resources name the buckets that receive model artefacts. */
const ARTEFACT_EDGES: Readonly<Record<string, readonly string[]>> = {
    "aws:sagemaker/model:Model": ["primaryContainer", "containers"],
    "aws:sagemaker/trainingJob:TrainingJob": ["outputDataConfig"],
    "aws:bedrock/customModel:CustomModel": ["outputDataConfig"],
};

interface ReplicationKnobs {
    modelArtifactTagKeys: string[];
}

export const modelBucketReplication = stackPolicy<ReplicationKnobs>({
    name: "aws-s3-model-artifact-bucket-replication",
    description: "Buckets holding model artefacts should replicate them to another region or account.",
    severity: "low",
    guidelines: ["DEP-3"],
    controls: ["RES-A05"],
    theme: "resilience",
    resourceTypes: [BUCKET],
    config: {
        modelArtifactTagKeys: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: ["model-artifacts"],
            description: "Tag keys that mark a bucket as holding model artefacts (besides buckets models and training jobs write to or load from).",
        },
    },
    remediationSteps:
        "Add an `aws.s3.BucketReplicationConfig` with `bucket: <bucket>.id`, a replication role and a rule to a bucket in another region or account (both buckets versioned).",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html",
    validate(s) {
        const artefactBuckets = new Map<string, StackResource>();
        for (const [type, props] of Object.entries(ARTEFACT_EDGES)) {
            for (const r of s.ofType(type)) {
                for (const prop of props) {
                    for (const d of s.index.propertyDependencies(r, prop) ?? []) {
                        if (d.canonical === BUCKET) {
                            artefactBuckets.set(d.urn, d);
                        }
                    }
                }
            }
        }
        for (const b of s.ofType(BUCKET)) {
            if (taggedWith(tagsOf(b.resource.props, b.resource.provider), s.config.modelArtifactTagKeys, s.quiet(b)) === true) {
                artefactBuckets.set(b.urn, b);
            }
        }
        const replications = bucketAttachments(s, REPLICATION);
        for (const b of [...artefactBuckets.values()].sort((x, y) => x.position - y.position)) {
            if (replications.of(b).length > 0) {
                continue;
            }
            const inline = listOf(s.read(b), ["replicationConfiguration", "replicationConfigurations"]);
            if (inline === undefined || inline.length > 0) {
                continue;
            }
            if (replications.mayAttach(b)) {
                s.unknown(b, "which replication configuration belongs to this bucket (its name is only known after `pulumi up`)");
                continue;
            }
            s.violation(
                b,
                "this bucket holds model artefacts but does not replicate them: a regional outage or a deletion loses the models you deploy. Add a BucketReplicationConfig to another region or account.",
            );
        }
    },
});

export const resilienceStackPolicies = [efsAutomaticBackups, aiDataInBackupPlan, backupVaultLocked, modelBucketReplication];
