/**
 * KMS keys protect training data, model artefacts and logs: symmetric keys rotate, key policies are
 * not public, and a scheduled deletion leaves time to notice and cancel it.
 *
 * Which keys are judged: those protecting AI data, i.e. tagged as AI data stores, or every key with
 * allDataStores (lib/scope.ts); a key that only an AI resource's dependency makes AI (the key of a
 * training job's output) gets the high and critical controls in the stack pass (lib/handover.ts).
 * A separate KeyPolicy resource carries no tags of its own and cannot be tied to its key here, so
 * every one is judged.
 */
import type { Section } from "../../../lib/check";
import { resourcePolicy } from "../../../lib/policy";
import { fixesInAiScope, inAiScope, scopeKnobs, ScopeKnobs } from "../../../lib/scope";
import { publicStatementCheck } from "../policyDocuments";

const KEY = "aws:kms/key:Key";
const KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";
/** Keys whose material or primary lives elsewhere still carry their own policy and deletion window. */
const OTHER_KEYS = ["aws:kms/replicaKey:ReplicaKey", "aws:kms/externalKey:ExternalKey", "aws:kms/replicaExternalKey:ReplicaExternalKey"];
const DOCS = "https://docs.aws.amazon.com/kms/latest/developerguide/";

/**
 * Why automatic rotation does not apply to this key, or undefined if it does: AWS rotates only
 * symmetric encryption keys, and not those in custom key stores.
 */
function rotationNotSupported(r: Section): string | undefined | "unknown" {
    const spec = r.string("customerMasterKeySpec");
    const store = r.string("customKeyStoreId");
    if (spec === undefined || store === undefined) {
        return "unknown";
    }
    if (spec.value !== undefined && spec.value.toUpperCase() !== "SYMMETRIC_DEFAULT") {
        return "AWS rotates only symmetric encryption keys (customerMasterKeySpec SYMMETRIC_DEFAULT)";
    }
    if (store.value !== undefined) {
        return "AWS does not rotate keys in custom key stores automatically";
    }
    return undefined;
}

export const kmsKeyRotation = resourcePolicy<ScopeKnobs>({
    name: "aws-kms-key-rotation",
    description: "Symmetric KMS keys protecting AI data must have automatic key rotation enabled.",
    severity: "medium",
    guidelines: ["DEP-2"],
    controls: ["ENC-A20"],
    theme: "encryption",
    resourceTypes: [KEY],
    config: scopeKnobs,
    remediationSteps: "Set `enableKeyRotation: true` (optionally `rotationPeriodInDays`, 90 to 2560; the default is 365).",
    url: `${DOCS}rotate-keys.html`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        const unsupported = rotationNotSupported(r);
        if (unsupported === "unknown") {
            return;
        }
        if (unsupported !== undefined) {
            r.notApplicable(unsupported);
        }
        const rotation = r.boolean("enableKeyRotation", { absent: false });
        if (rotation?.value === false) {
            r.violation(`${rotation.text}: the same key material protects the data indefinitely, so a leaked key stays useful. Set it to true.`);
        }
    },
    remediate(r) {
        if (fixesInAiScope(r) && rotationNotSupported(r.read) === undefined) {
            r.ensure("enableKeyRotation", true, (v) => v === true || v === "true");
        }
    },
});

export const kmsKeyPolicyNoPublicAccess = resourcePolicy<ScopeKnobs>({
    name: "aws-kms-key-policy-no-public-access",
    description: "KMS key policies must not grant access to everyone.",
    severity: "high",
    guidelines: ["DEP-2", "DEP-1"],
    controls: ["ENC-A21"],
    theme: "access",
    resourceTypes: [KEY, KEY_POLICY, ...OTHER_KEYS],
    config: scopeKnobs,
    remediationSteps:
        'Replace `"Principal": "*"` with the account root (`arn:aws:iam::<account>:root`) and the role ARNs that use the key, or add a condition such as `"StringEquals": {"kms:CallerAccount": "<account>"}` or `"aws:PrincipalOrgID"`.',
    url: `${DOCS}key-policy-overview.html`,
    validate(r) {
        if (!inAiScope(r, [KEY_POLICY])) {
            return;
        }
        // An absent policy on a key means the default key policy, which trusts only the account.
        publicStatementCheck(r, "policy", "anyone could use or manage the key, and so decrypt the data it protects");
    },
});

interface DeletionKnobs extends ScopeKnobs {
    minimumDeletionWindowDays: number;
}

export const kmsKeyDeletionWindow = resourcePolicy<DeletionKnobs>({
    name: "aws-kms-key-deletion-window",
    description: "KMS keys protecting AI data must keep a deletion waiting period of at least the configured number of days.",
    severity: "low",
    guidelines: ["DEP-3"],
    controls: ["RES-A08"],
    theme: "resilience",
    resourceTypes: [KEY, ...OTHER_KEYS],
    config: {
        ...scopeKnobs,
        minimumDeletionWindowDays: {
            type: "integer",
            minimum: 7,
            maximum: 30,
            default: 30,
            description: "The shortest allowed deletionWindowInDays (AWS allows 7 to 30; the AWS default is 30).",
        },
    },
    remediationSteps: "Remove `deletionWindowInDays` (AWS default: 30) or set it to at least the configured minimum.",
    url: `${DOCS}deleting-keys.html#deleting-keys-scheduling-key-deletion`,
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        const days = r.number("deletionWindowInDays", { absent: 30 });
        if (days?.value !== undefined && days.value < r.config.minimumDeletionWindowDays) {
            r.violation(
                `${days.text} to fewer days than the minimum of ${r.config.minimumDeletionWindowDays}: a key deleted by mistake or by an attacker leaves too little time to cancel, and the data it protects becomes unreadable. Raise it.`,
            );
        }
    },
    remediate(r) {
        if (!fixesInAiScope(r)) {
            return;
        }
        const min = r.config.minimumDeletionWindowDays;
        r.ensure("deletionWindowInDays", min, (v) => v === undefined || (typeof v === "number" && v >= min) || (typeof v === "string" && Number(v) >= min));
    },
});

export const keyPolicies = [kmsKeyRotation, kmsKeyPolicyNoPublicAccess, kmsKeyDeletionWindow];
