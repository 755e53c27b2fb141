/**
 * The policy pack. This module only constructs it: constructing a PolicyPack starts the Analyzer
 * server the Pulumi engine talks to, so nothing else may import this file.
 */
import { PolicyPack } from "@pulumi/policy";
import { shareDeserialization } from "./lib/sharedDeserialization";
import { PACK_NAME, policies } from "./registry";

// Escape hatch (and the test's control group): SECURE_AI_POLICIES_SHARED_DESERIALIZATION=0.
if (process.env.SECURE_AI_POLICIES_SHARED_DESERIALIZATION !== "0") {
    shareDeserialization();
}
new PolicyPack(PACK_NAME, { policies: [...policies] });
