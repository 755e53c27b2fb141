/**
 * Validates policy config against a policy's config schema the way the engine does (gojsonschema),
 * for `check`, which reconciles and validates config as the engine does before it sends Configure
 * (where the pack validates it again, more strictly: lib/configValidation.ts). The schema checker
 * is that module's, so `check` and the pack say the same thing in the same words.
 */
import type { ConfigValidator } from "../engine/analyzer";
import { schemaErrors } from "../lib/configValidation";

/** A ConfigValidator for PolicyPackProcess.configure / reconcileConfig. */
export const configValidator: ConfigValidator = (schema, config) => schemaErrors(schema, config);
