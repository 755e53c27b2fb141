import { publicAccessBlockPolicies } from "./publicAccessBlock";

export const s3Policies = [...publicAccessBlockPolicies];
