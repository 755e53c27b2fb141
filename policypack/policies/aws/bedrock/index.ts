import { agentcorePolicies } from "./agentcore";
import { encryptionPolicies } from "./encryption";
import { guardrailPolicies } from "./guardrails";
import { modelPolicies } from "./models";
import { networkPolicies } from "./network";

export const bedrockPolicies = [...modelPolicies, ...guardrailPolicies, ...encryptionPolicies, ...networkPolicies, ...agentcorePolicies];
