/**
 * The policy pack. This module only constructs it: constructing a PolicyPack starts the Analyzer
 * server the Pulumi engine talks to, so nothing else may import this file.
 */
import { PolicyPack } from "@pulumi/policy";
import { setFlagsFromString } from "v8";
import { validateConfigure } from "./lib/configValidation";
import { answerAnalyzeDirectly } from "./lib/directAnalyze";
import { recordPreviewUnknowns } from "./lib/previewUnknowns";
import { answerEveryRemediate } from "./lib/remediateAnswers";
import { scopeStackRequests } from "./lib/requestScope";
import { shareStackResources } from "./lib/sharedStackResources";
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
const args = { policies: [...policies], ...packMetadata() };
if (process.env.SECURE_AI_POLICIES_FAST_PATHS !== "0") {
    // V8 pretenures objects of allocation sites whose objects often survive a scavenge; under a
    // stream of Analyze calls it pretenured short-lived ones here, and every scavenge then had to
    // walk them: measured in the pack process over 2,000 Analyze calls, 97 scavenges took 3.6 s
    // with it and 65 took 0.5 s without (README "Performance"). The flag only moves allocations.
    setFlagsFromString("--no-allocation-site-pretenuring");
    answerAnalyzeDirectly(PACK_NAME, args);
    shareStackResources(policies);
}
// Also always on, and last, so that its Analyze hook sees each request before the speed-ups answer
// it: what a preview cannot know is reported once per resource, after the graph settled what it can.
recordPreviewUnknowns();
new PolicyPack(PACK_NAME, args);
