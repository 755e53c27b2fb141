import type { Policy } from "@pulumi/policy";

export const efsPolicies: Policy[] = [];
