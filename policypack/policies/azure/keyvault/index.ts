import { keyPolicies } from "./key";
import { vaultPolicies } from "./vault";

export const keyvaultPolicies = [...vaultPolicies, ...keyPolicies];
