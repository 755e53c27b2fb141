/** Stack policies: controls that judge how resources relate. */
import type { Policy } from "@pulumi/policy";

export const stackPolicies: Policy[] = [];
