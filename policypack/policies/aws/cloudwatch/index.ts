import type { Policy } from "@pulumi/policy";

export const cloudwatchPolicies: Policy[] = [];
