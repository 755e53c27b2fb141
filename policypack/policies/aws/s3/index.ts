import { bucketAclPolicies } from "./bucketAcl";
import { bucketPolicyPolicies } from "./bucketPolicy";
import { encryptionPolicies } from "./encryption";
import { forceDestroyPolicies } from "./forceDestroy";
import { objectLockPolicies } from "./objectLock";
import { publicAccessBlockPolicies } from "./publicAccessBlock";
import { vectorStorePolicies } from "./vectorStores";
import { versioningPolicies } from "./versioning";

export const s3Policies = [
    ...publicAccessBlockPolicies,
    ...bucketPolicyPolicies,
    ...bucketAclPolicies,
    ...encryptionPolicies,
    ...versioningPolicies,
    ...objectLockPolicies,
    ...forceDestroyPolicies,
    ...vectorStorePolicies,
];
