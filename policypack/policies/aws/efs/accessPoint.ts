/**
 * EFS access points are how SageMaker and other AI workloads mount shared file systems. Each should
 * confine its clients to a sub-directory and impose a non-root POSIX identity, so one workload
 * cannot read or change another's data.
 *
 * An access point carries tags of its own, so it is scoped like a data store (lib/scope.ts): access
 * points tagged as AI data stores, or every one with allDataStores.
 */
import { resourcePolicy } from "../../../lib/policy";
import { inAiScope, scopeKnobs, ScopeKnobs } from "../../../lib/scope";

const ACCESS_POINT = "aws:efs/accessPoint:AccessPoint";
const DOCS = "https://docs.aws.amazon.com/efs/latest/ug/efs-access-points.html";

export const efsAccessPointRootDirectory = resourcePolicy<ScopeKnobs>({
    name: "aws-efs-access-point-root-directory",
    description: "EFS access points to AI data must confine clients to a sub-directory, not the file system root.",
    severity: "low",
    guidelines: ["DES-3j"],
    controls: ["ACC-A22"],
    theme: "access",
    resourceTypes: [ACCESS_POINT],
    config: scopeKnobs,
    remediationSteps: 'Set `rootDirectory: { path: "/<workload>", creationInfo: { ownerUid, ownerGid, permissions: "750" } }`.',
    url: `${DOCS}#enforce-root-directory-access-point`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        const path = r.string("rootDirectory.path");
        if (path === undefined) {
            return;
        }
        if (path.value === undefined || /^\/*$/.test(path.value)) {
            const text = path.value === undefined ? `${path.text} (AWS default: "/")` : `${path.text} to the file system root`;
            r.violation(`${text}: clients of this access point can reach every file on the file system. Set it to a sub-directory.`);
        }
    },
});

export const efsAccessPointPosixUser = resourcePolicy<ScopeKnobs>({
    name: "aws-efs-access-point-posix-user",
    description: "EFS access points to AI data must enforce a non-root POSIX user identity.",
    severity: "low",
    guidelines: ["DES-3j"],
    controls: ["ACC-A22"],
    theme: "access",
    resourceTypes: [ACCESS_POINT],
    config: scopeKnobs,
    remediationSteps: "Set `posixUser: { uid, gid }` to a dedicated, non-zero user and group id for the workload.",
    url: `${DOCS}#enforce-identity-access-points`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        if (r.isSet("posixUser") === false) {
            r.violation("posixUser is not set: clients act with whatever user id they claim, including root. Set posixUser to a dedicated uid and gid.");
            return;
        }
        const uid = r.number("posixUser.uid");
        if (uid?.value === 0) {
            r.violation("posixUser.uid is 0 (root): every client gets full control of the files it can reach. Use a dedicated, non-zero uid.");
        } else if (uid?.absent) {
            r.violation(`${uid.text}: set posixUser.uid to a dedicated, non-zero user id.`);
        }
    },
});

export const accessPointPolicies = [efsAccessPointRootDirectory, efsAccessPointPosixUser];
