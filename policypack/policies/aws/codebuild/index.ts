import { codebuildPolicies } from "./project";

export const codebuildProjectPolicies = [...codebuildPolicies];
