import { notebookInstancePolicies } from "./notebookInstance";

export const sagemakerPolicies = [...notebookInstancePolicies];
