import type { Policy } from "@pulumi/policy";

export const bedrockPolicies: Policy[] = [];
