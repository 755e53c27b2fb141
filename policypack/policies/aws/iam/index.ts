import type { Policy } from "@pulumi/policy";

export const iamPolicies: Policy[] = [];
