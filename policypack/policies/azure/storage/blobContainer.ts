/**
 * Azure Storage blob containers: a container must not be anonymously readable, whatever its
 * account allows.
 *
 * Every container is judged: a container carries no tags of its own (only `metadata`), so a policy
 * that sees only the container cannot tell whether its account holds AI data (the one exception to
 * the AI data-store scope, lib/scope.ts).
 *
 * Shape (API 2024-01-01): `publicAccess` ("Container", "Blob", "None") at the top level.
 */
import { resourcePolicy } from "../../../lib/policy";

export const storageContainerNoPublicAccess = resourcePolicy({
    name: "azure-storage-container-no-public-access",
    description: "Blob containers must not allow anonymous public read access.",
    severity: "critical",
    guidelines: ["DEP-1", "DEV-2"],
    controls: ["ENC-Z03"],
    theme: "access",
    resourceTypes: ["azure-native:storage:BlobContainer"],
    remediationSteps: 'Set `publicAccess: "None"` (or leave it unset); share data through Entra roles or user-delegation SAS.',
    url: "https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-configure",
    validate(r) {
        // Azure default: "None".
        const access = r.enum("publicAccess", ["Container", "Blob", "None"], { absent: "None" });
        if (access && access.value !== "None") {
            r.violation(`${access.text}: anyone on the internet can read ${access.value === "Container" ? "and list " : ""}the blobs in this container. Set it to "None".`);
        }
    },
    remediate(r) {
        r.ensure("publicAccess", "None", (v) => v === undefined || (typeof v === "string" && v.toLowerCase() === "none"));
    },
});

export const blobContainerPolicies = [storageContainerNoPublicAccess];
