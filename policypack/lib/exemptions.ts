/**
 * Per-resource exemptions, by tag rather than by name (names change; a tag travels with the
 * resource and shows up in reviews). A resource tagged
 *
 *     secure-ai-policies/exempt = "aws-sagemaker-notebook-kms aws-sagemaker-notebook-in-vpc"
 *
 * is not judged by the named policies; each reports it as not applicable, with the reason, so the
 * exemption stays visible in compliance summaries. Names are separated by spaces (AWS tag values
 * allow no commas) or commas (Azure). Unknown tags during preview exempt nothing.
 */
import { readKey, UNKNOWN } from "./props";

export const EXEMPT_TAG = "secure-ai-policies/exempt";

/** True if the resource's `tags` exempt it from `policy`. */
export function isExempt(props: unknown, policy: string): boolean {
    const tags = readKey(props, "tags");
    if (tags === undefined || tags === UNKNOWN || typeof tags !== "object") {
        return false;
    }
    const value = readKey(tags, EXEMPT_TAG);
    if (typeof value !== "string") {
        return false;
    }
    return value.split(/[\s,]+/).includes(policy);
}
