/**
 * The policy pack. This module only constructs it: constructing a PolicyPack starts the Analyzer
 * server the Pulumi engine talks to, so nothing else may import this file.
 */
import { PolicyPack } from "@pulumi/policy";
import { validateConfigure } from "./lib/configValidation";
import { answerEveryRemediate } from "./lib/remediateAnswers";
import { scopeStackRequests } from "./lib/requestScope";
import { shareDeserialization } from "./lib/sharedDeserialization";
import { shareStackResources } from "./lib/sharedStackResources";
import { installTypeFastPath } from "./lib/typeFastPath";
import { packMetadata } from "./metadata";
import { PACK_NAME, policies } from "./registry";

// Part of how the pack behaves, always on (each module says why): config is validated in Configure,
// every Remediate is answered, and each AnalyzeStack request gets its own scope, so what its stack
// policies share never reaches another request.
validateConfigure(PACK_NAME, policies);
answerEveryRemediate();
scopeStackRequests();

// Speed-ups that leave every result as the SDK alone would give it (see each module).
// Escape hatch, and the tests' control group: SECURE_AI_POLICIES_FAST_PATHS=0.
if (process.env.SECURE_AI_POLICIES_FAST_PATHS !== "0") {
    shareDeserialization();
    installTypeFastPath();
    shareStackResources(policies);
}
new PolicyPack(PACK_NAME, { policies: [...policies], ...packMetadata() });
