/** Checks shared by AWS policies. */
import type { Section } from "../../lib/check";
import type { Knobs } from "../../lib/policy";

export interface KmsKnobs {
    approvedKmsKeyArns: string[];
}

export const kmsKnobs: Knobs<KmsKnobs> = {
    approvedKmsKeyArns: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [],
        description: "KMS key ARNs (or key ids / alias ARNs) that may be used. Empty: any customer-managed key.",
    },
};

/** AWS-managed keys are addressed through reserved `aws/` aliases; they cannot be governed by you. */
function isAwsManagedAlias(key: string): boolean {
    return /(^|:)alias\/aws\//i.test(key);
}

/**
 * Requires `path` to name a customer-managed KMS key, from the approved list when one is
 * configured. `consequence` completes "<path> is not set: ...".
 */
export function kmsKeyCheck(r: Section, config: Readonly<KmsKnobs>, path: string, consequence: string): void {
    const key = r.string(path);
    if (!key) {
        // A key id computed only from the program's own keys names a customer-managed key: the
        // graph can settle that in a preview (any key will do unless an approved list is set).
        if (config.approvedKmsKeyArns.length === 0 && r.setToUnknown(path)) {
            r.claim(path, "customer-managed-key");
        }
        return;
    }
    if (key.value === undefined) {
        r.violation(`${key.text}: ${consequence}. Set it to a customer-managed KMS key.`);
        return;
    }
    if (isAwsManagedAlias(key.value)) {
        r.violation(`${r.path(path)} names an AWS-managed key (alias/aws/...), which you cannot rotate, restrict or audit. Use a customer-managed key.`);
        return;
    }
    const approved = config.approvedKmsKeyArns;
    if (approved.length > 0 && !approved.some((a) => a === key.value || a.endsWith(`/${key.value}`))) {
        r.violation(`${r.path(path)} names a KMS key that is not in approvedKmsKeyArns. Use one of the approved keys.`);
    }
}
