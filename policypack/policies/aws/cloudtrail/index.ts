import { trailPolicies } from "./trail";

export const cloudtrailPolicies = [...trailPolicies];
