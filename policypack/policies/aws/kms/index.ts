import { keyPolicies } from "./key";

export const kmsPolicies = [...keyPolicies];
