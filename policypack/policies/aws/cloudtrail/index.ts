import type { Policy } from "@pulumi/policy";

export const cloudtrailPolicies: Policy[] = [];
