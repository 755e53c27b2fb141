import type { Policy } from "@pulumi/policy";

export const kmsPolicies: Policy[] = [];
