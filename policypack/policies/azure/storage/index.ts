import { blobContainerPolicies } from "./blobContainer";
import { storageAccountPolicies } from "./storageAccount";

export const storagePolicies = [...storageAccountPolicies, ...blobContainerPolicies];
