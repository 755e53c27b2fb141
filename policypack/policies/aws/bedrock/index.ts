import { agentcorePolicies } from "./agentcore";
import { agentPolicies } from "./agents";
import { encryptionPolicies } from "./encryption";
import { guardrailPolicies } from "./guardrails";
import { modelPolicies } from "./models";
import { networkPolicies } from "./network";

export const bedrockPolicies = [...modelPolicies, ...guardrailPolicies, ...encryptionPolicies, ...networkPolicies, ...agentPolicies, ...agentcorePolicies];
