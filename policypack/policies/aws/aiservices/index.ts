import { comprehendPolicies } from "./comprehend";
import { kendraPolicies } from "./kendra";

/** AI services beyond SageMaker and Bedrock (Comprehend, Kendra). */
export const aiServicesPolicies = [...comprehendPolicies, ...kendraPolicies];
