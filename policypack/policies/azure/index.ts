/** Every Azure resource policy, by service. */
import type { Policy } from "@pulumi/policy";

export const azurePolicies: Policy[] = [];
