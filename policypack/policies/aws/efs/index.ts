import { accessPointPolicies } from "./accessPoint";
import { fileSystemPolicies } from "./fileSystem";

export const efsPolicies = [...fileSystemPolicies, ...accessPointPolicies];
