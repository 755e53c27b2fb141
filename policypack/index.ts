/**
 * The policy pack. This module only constructs it: constructing a PolicyPack starts the Analyzer
 * server the Pulumi engine talks to, so nothing else may import this file.
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, policies } from "./registry";

new PolicyPack(PACK_NAME, { policies: [...policies] });
