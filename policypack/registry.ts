/**
 * Every policy of the pack, in the order the engine runs them. Importing this module starts no
 * server, so tests, docs and tools can read the policies; index.ts builds the pack from it.
 */
import type { Policy } from "@pulumi/policy";
import { handOverGraphProvenStores } from "./lib/handover";
import { awsPolicies } from "./policies/aws";
import { azurePolicies } from "./policies/azure";
import { stackPolicies } from "./policies/stack";

export { PACK_NAME } from "./metadata";

export const policies: readonly Policy[] = [...awsPolicies, ...azurePolicies, ...stackPolicies];

// Graph-proven AI data stores get their high-severity resource-level controls in the stack pass.
handOverGraphProvenStores(policies);
