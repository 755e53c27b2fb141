/**
 * Storage accounts with AI data (an ML workspace's storage, an AI services account's user-owned
 * storage, tagged accounts) can only be recovered from deletion and overwrites if their blob
 * service keeps soft-deleted blobs and containers and versions.
 */
import { Read, readKey } from "../../../lib/props";
import { dataStoreInScope, StackResource, stackPolicy } from "../../../lib/stack";
import { ScopeKnobs, stackScopeKnobs } from "../common";

const STORAGE_ACCOUNT = "azure-native:storage:StorageAccount";
const BLOB_SERVICE = "azure-native:storage:BlobServiceProperties";

function accountKey(t: StackResource): Read[] {
    return ["name", "accountName"].map((key) => {
        const v = readKey(t.resource.props, key);
        return typeof v === "string" ? v.toLowerCase() : v;
    });
}

interface SoftDeleteKnobs extends ScopeKnobs {
    minimumRetentionDays: number;
}

export const blobSoftDeleteVersioning = stackPolicy<SoftDeleteKnobs>({
    name: "azure-storage-ai-blob-soft-delete-versioning",
    description: "Every storage account with AI data must keep deleted blobs and containers and blob versions.",
    severity: "medium",
    guidelines: ["DEP-3", "DEV-2"],
    controls: ["RES-Z01"],
    theme: "resilience",
    resourceTypes: [STORAGE_ACCOUNT],
    config: {
        ...stackScopeKnobs,
        minimumRetentionDays: { type: "integer", minimum: 1, maximum: 365, default: 7, description: "Fewest days deleted blobs and containers must be kept." },
    },
    remediationSteps:
        'Add an `azure-native.storage.BlobServiceProperties` with `accountName: <account>.name`, `blobServicesName: "default"`, `deleteRetentionPolicy: { enabled: true, days: 7 }`, `containerDeleteRetentionPolicy: { enabled: true, days: 7 }` and `isVersioningEnabled: true`.',
    url: "https://learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview",
    validate(s) {
        const services = s.index.attachments({
            name: "azure-blob-service-properties",
            targets: [STORAGE_ACCOUNT],
            attachments: [BLOB_SERVICE],
            via: "accountName",
            keys: [],
            identity: ["accountName", "resourceGroupName"],
            idOf: accountKey,
            valueId: (v) => v.toLowerCase(),
        });
        for (const account of s.ofType(STORAGE_ACCOUNT)) {
            if (dataStoreInScope(s, account) !== true) {
                continue;
            }
            const attached = services.of(account);
            for (const svc of attached) {
                const sec = s.read(svc);
                const problems: string[] = [];
                for (const policy of ["deleteRetentionPolicy", "containerDeleteRetentionPolicy"]) {
                    const enabled = sec.boolean(`${policy}.enabled`, { absent: false });
                    if (enabled?.value === false) {
                        problems.push(enabled.text);
                        continue;
                    }
                    const days = sec.number(`${policy}.days`, { absent: 7 });
                    if (enabled?.value === true && days?.value !== undefined && days.value < s.config.minimumRetentionDays) {
                        problems.push(`${policy}.days is below ${s.config.minimumRetentionDays}`);
                    }
                }
                const versioning = sec.boolean("isVersioningEnabled", { absent: false });
                if (versioning?.value === false) {
                    problems.push(versioning.text);
                }
                if (problems.length > 0) {
                    s.violation(
                        svc,
                        `the blob service of a storage account with AI data does not keep what is deleted or overwritten: ${problems.join("; ")}. Enable blob and container soft delete and versioning.`,
                    );
                }
            }
            if (attached.length > 0) {
                continue;
            }
            if (services.mayAttach(account)) {
                s.unknown(account, "which blob service properties belong to this account (its name is only known after `pulumi up`)");
                continue;
            }
            s.violation(
                account,
                "this storage account holds AI data but has no BlobServiceProperties: blob and container soft delete and versioning are off (Azure Resource Manager default), so deleted or overwritten training data is gone. Add BlobServiceProperties with both soft-delete policies and versioning on.",
            );
        }
    },
});

export const storageStackPolicies = [blobSoftDeleteVersioning];
