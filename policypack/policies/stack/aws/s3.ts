/**
 * AI buckets (training data, model artefacts, captured inferences, invocation logs) and the
 * configuration resources that protect them. A bucket's protection is spread over separate
 * resources (public access block, encryption, versioning, policy, ACL, logging, each with a
 * deprecated V2 twin) or still-accepted inline arguments of `Bucket` / `BucketV2`, so each control
 * looks in every place: the resources attached to the bucket through the graph (or by its known
 * name), then the inline arguments.
 *
 * The work is split with the resource policies so that nothing is reported twice: they judge the
 * contents of public access blocks, ACLs and bucket policies (all of them), the inline settings of
 * buckets tagged as AI data stores, and configuration resources when `allDataStores` is set. These
 * stack policies judge whether each AI bucket has its protection at all, the configuration
 * resources attached to AI buckets (which carry no tags, so no resource policy can scope them),
 * and the inline settings of buckets that are AI only through the graph.
 */
import type { Section } from "../../../lib/check";
import { whoIsUnknown } from "../../../lib/awsPolicyDocument";
import { readKey, UNKNOWN } from "../../../lib/props";
import { Attachments, dataStoreInScope, StackCheck, StackResource, stackPolicy, whyAi } from "../../../lib/stack";
import { readPolicyDocument } from "../../aws/policyDocuments";
import { listOf, ScopeKnobs, stackScopeKnobs } from "../common";

export const BUCKET = "aws:s3/bucket:Bucket";
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const ACCOUNT_PAB = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const LOGGING = "aws:s3/bucketLogging:BucketLogging";
const S3_DOCS = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/";

/** Configuration resources of a bucket, linked through their `bucket` property. */
export function bucketAttachments(s: StackCheck<unknown>, type: string): Attachments {
    return s.index.attachments({ targets: [BUCKET], attachments: [type], via: "bucket", keys: ["bucket", "id", "arn"], identity: ["bucket", "bucketPrefix"] });
}

/**
 * Buckets of the stack that receive S3 server access logs (the `targetBucket` of a BucketLogging).
 * S3 delivers access logs only to buckets whose default encryption is SSE-S3, and a log bucket
 * that logged its own access would log forever: so these buckets are not asked for SSE-KMS or for
 * access logging of their own.
 */
function accessLogTargets(s: StackCheck<unknown>): (b: StackResource) => boolean {
    const logs = s.index.attachments({ targets: [BUCKET], attachments: [LOGGING], via: "targetBucket", keys: ["bucket", "id", "arn"], identity: ["bucket", "bucketPrefix"] });
    return (b) => logs.of(b).length > 0;
}

/** The AI buckets (or every bucket with allDataStores), in stack order. */
export function aiBuckets(s: StackCheck<ScopeKnobs>): StackResource[] {
    return s.ofType(BUCKET).filter((b) => dataStoreInScope(s, b) === true);
}

/** True when this policy judges the bucket's inline settings (else a resource policy does: see the module comment). */
export function judgesInline(s: StackCheck<ScopeKnobs>, b: StackResource): boolean {
    return !s.config.allDataStores && s.index.aiScope(s.config.aiTagKeys).tagState(b) === "untagged";
}

/** True when this policy judges attached configuration resources (with allDataStores the resource policies judge them all). */
export function judgesAttached(s: StackCheck<ScopeKnobs>): boolean {
    return !s.config.allDataStores;
}

/** "cannot verify" when an unlinked configuration resource may still turn out to be this bucket's. */
function undecided(s: StackCheck<unknown>, b: StackResource, a: Attachments, what: string): boolean {
    if (a.mayAttach(b)) {
        s.unknown(b, `which ${what} belongs to this bucket (its bucket name is only known after \`pulumi up\`)`);
        return true;
    }
    return false;
}

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

interface PabKnobs extends ScopeKnobs {
    accountPublicAccessBlockManaged: boolean;
}

// High, not critical: since April 2023 AWS turns all four settings on for every new bucket, so a
// missing block leaves them unmanaged (one console or API call away from off) rather than off.
export const aiBucketPublicAccessBlock = stackPolicy<PabKnobs>({
    name: "aws-s3-ai-bucket-public-access-block",
    description: "Every AI bucket must have an S3 public access block, of its own or account-wide.",
    severity: "high",
    guidelines: ["DEP-1", "DEV-2"],
    controls: ["ENC-A02", "ENC-A07"],
    theme: "access",
    resourceTypes: [BUCKET],
    config: {
        ...stackScopeKnobs,
        accountPublicAccessBlockManaged: {
            type: "boolean",
            default: false,
            description: "An account-level public access block with all four settings on is managed outside this stack (e.g. by AWS Control Tower).",
        },
    },
    remediationSteps:
        "Add an `aws.s3.BucketPublicAccessBlock` with `bucket: <bucket>.id` and `blockPublicAcls`, `blockPublicPolicy`, `ignorePublicAcls` and `restrictPublicBuckets` set to true, or an `aws.s3.AccountPublicAccessBlock` with all four on.",
    url: `${S3_DOCS}access-control-block-public-access.html`,
    validate(s) {
        const buckets = aiBuckets(s);
        if (buckets.length === 0) {
            return;
        }
        let account: "on" | "unknown" | "off" = s.config.accountPublicAccessBlockManaged ? "on" : "off";
        for (const a of s.ofType(ACCOUNT_PAB)) {
            if (account === "on") {
                break;
            }
            const sec = s.read(a);
            const flags = FLAGS.map((f) => sec.boolean(f, { absent: false }));
            if (flags.every((f) => f?.value === true)) {
                account = "on";
            } else if (flags.some((f) => f === undefined)) {
                account = "unknown";
            }
        }
        if (account === "on") {
            return;
        }
        const blocks = bucketAttachments(s, PAB);
        for (const b of buckets) {
            if (blocks.of(b).length > 0 || undecided(s, b, blocks, "public access block")) {
                continue;
            }
            if (account === "unknown") {
                s.unknown(b, "whether the account-level public access block turns on all four settings");
                continue;
            }
            s.violation(
                b,
                `this bucket is ${whyAi(s, b)} but no public access block applies to it in this stack: AWS turns all four settings on for new buckets (since April 2023), but nothing here keeps them on, so one console or API change lets an ACL or bucket policy publish its data. Add a BucketPublicAccessBlock for it with all four settings on (or an account-level one).`,
            );
        }
    },
});

interface KmsKnobs extends ScopeKnobs {
    allowAwsManagedKey: boolean;
}

type Verdict = { ok: true } | { ok: false; message: string } | undefined;

/** Customer-managed KMS keys and aliases a program can create (AWS-managed keys cannot be). */
const KMS_KEYS: ReadonlySet<string> = new Set([
    "aws:kms/key:Key",
    "aws:kms/replicaKey:ReplicaKey",
    "aws:kms/externalKey:ExternalKey",
    "aws:kms/replicaExternalKey:ReplicaExternalKey",
    "aws:kms/alias:Alias",
]);

/**
 * Judges the default-encryption rules of one source (an SSE resource or the bucket's inline block).
 * `keyFromGraph`: the rules were computed only from KMS keys of the program, so a key id unknown
 * during preview is a customer-managed key.
 */
function judgeSseRules(rules: Section[], allowAwsManaged: boolean, keyFromGraph: boolean, logTarget = false): Verdict | "none" {
    let verdict: Verdict | "none" = "none";
    for (const rule of rules) {
        const defaults = listOf(rule, ["applyServerSideEncryptionByDefault", "applyServerSideEncryptionByDefaults"]);
        if (defaults === undefined) {
            return undefined;
        }
        for (const d of defaults) {
            const alg = d.enum("sseAlgorithm", ["AES256", "aws:kms", "aws:kms:dsse"]);
            if (alg === undefined) {
                return undefined;
            }
            if (logTarget && alg.value === "AES256") {
                verdict = { ok: true }; // S3 delivers server access logs only to SSE-S3 buckets
                continue;
            }
            if (alg.value === undefined || alg.value === "AES256") {
                return {
                    ok: false,
                    message: `${alg.text}: objects are encrypted with S3-managed keys (SSE-S3), which you cannot restrict, audit or revoke. Set sseAlgorithm to "aws:kms" with a customer-managed kmsMasterKeyId.`,
                };
            }
            if (keyFromGraph && readKey(d.root, "kmsMasterKeyId") === UNKNOWN) {
                verdict = { ok: true };
                continue;
            }
            const key = d.string("kmsMasterKeyId");
            if (key === undefined) {
                return undefined;
            }
            if (key.value === undefined && !allowAwsManaged) {
                return {
                    ok: false,
                    message: `${key.text}: SSE-KMS falls back to the AWS-managed key aws/s3, which you cannot restrict or audit. Set kmsMasterKeyId to a customer-managed key.`,
                };
            }
            if (key.value !== undefined && /(^|:)alias\/aws\//i.test(key.value) && !allowAwsManaged) {
                return { ok: false, message: `${d.path("kmsMasterKeyId")} names an AWS-managed key (alias/aws/...). Use a customer-managed key.` };
            }
            verdict = { ok: true };
        }
    }
    return verdict;
}

export const aiBucketKmsEncryption = stackPolicy<KmsKnobs>({
    name: "aws-s3-ai-bucket-kms-encryption",
    description: "Every AI bucket must encrypt objects by default with SSE-KMS under a customer-managed key.",
    severity: "high",
    guidelines: ["DEV-2"],
    controls: ["ENC-A01"],
    theme: "encryption",
    resourceTypes: [BUCKET],
    config: {
        ...stackScopeKnobs,
        allowAwsManagedKey: { type: "boolean", default: false, description: "Accept SSE-KMS with the AWS-managed aws/s3 key." },
    },
    remediationSteps:
        'Add an `aws.s3.BucketServerSideEncryptionConfiguration` with `bucket: <bucket>.id` and a rule `applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: <key>.arn }` (bucketKeyEnabled: true keeps KMS costs down).',
    url: `${S3_DOCS}UsingKMSEncryption.html`,
    validate(s) {
        const configs = bucketAttachments(s, SSE);
        const receivesLogs = accessLogTargets(s);
        for (const b of aiBuckets(s)) {
            const logTarget = receivesLogs(b);
            const attached = configs.of(b);
            if (attached.length > 0) {
                // A separate configuration resource governs the bucket (its inline output only echoes it).
                for (const c of judgesAttached(s) ? attached : []) {
                    const rules = s.read(c).list("rules", { whole: true });
                    const v = rules === undefined ? undefined : judgeSseRules(rules, s.config.allowAwsManagedKey, s.index.derivedOnlyFrom(c, "rules", KMS_KEYS), logTarget);
                    if (v === "none") {
                        s.violation(
                            c,
                            `this encryption configuration of an AI bucket has no default-encryption rule. Add applyServerSideEncryptionByDefault with sseAlgorithm "aws:kms".`,
                        );
                    } else if (v && !v.ok) {
                        s.violation(c, v.message);
                    }
                }
                continue;
            }
            if (undecided(s, b, configs, "server-side encryption configuration")) {
                continue;
            }
            const sec = s.read(b);
            const inline = ["serverSideEncryptionConfiguration", "serverSideEncryptionConfigurations"];
            const blocks = listOf(sec, inline);
            if (blocks === undefined || (blocks.length > 0 && !judgesInline(s, b))) {
                continue; // unknown, or inline settings that aws-s3-bucket-sse-kms-cmk judges
            }
            const rules: Section[] = [];
            let readable = true;
            for (const block of blocks) {
                const r = listOf(block, ["rule", "rules"]);
                readable &&= r !== undefined;
                rules.push(...(r ?? []));
            }
            const keyFromGraph = inline.some((p) => s.index.derivedOnlyFrom(b, p, KMS_KEYS));
            const v = readable ? judgeSseRules(rules, s.config.allowAwsManagedKey, keyFromGraph, logTarget) : undefined;
            if (v === "none" && logTarget) {
                continue; // AWS default SSE-S3 is what a server access log bucket needs
            }
            if (v === "none") {
                s.violation(
                    b,
                    `this bucket is ${whyAi(s, b)} but has no default-encryption configuration (AWS default: SSE-S3 with S3-managed keys). Add a BucketServerSideEncryptionConfiguration with sseAlgorithm "aws:kms" and a customer-managed key.`,
                );
            } else if (v && !v.ok) {
                s.violation(b, v.message);
            }
        }
    },
});

export const aiBucketVersioning = stackPolicy<ScopeKnobs>({
    name: "aws-s3-ai-bucket-versioning",
    description: "Every AI bucket must have versioning enabled.",
    severity: "medium",
    guidelines: ["DEV-2", "DEP-3"],
    controls: ["ENC-A05"],
    theme: "resilience",
    resourceTypes: [BUCKET],
    config: stackScopeKnobs,
    remediationSteps: 'Add an `aws.s3.BucketVersioning` with `bucket: <bucket>.id` and `versioningConfiguration: { status: "Enabled" }`.',
    url: `${S3_DOCS}Versioning.html`,
    validate(s) {
        const configs = bucketAttachments(s, VERSIONING);
        for (const b of aiBuckets(s)) {
            const attached = configs.of(b);
            if (attached.length > 0) {
                for (const c of judgesAttached(s) ? attached : []) {
                    const status = s.read(c).enum("versioningConfiguration.status", ["Enabled", "Suspended", "Disabled"]);
                    if (status && status.value !== "Enabled") {
                        s.violation(c, `${status.text}: overwritten or deleted training data and model artefacts of an AI bucket cannot be recovered. Set it to "Enabled".`);
                    }
                }
                continue;
            }
            if (undecided(s, b, configs, "versioning configuration")) {
                continue;
            }
            const blocks = listOf(s.read(b), ["versioning", "versionings"]);
            if (blocks === undefined || (blocks.length > 0 && !judgesInline(s, b))) {
                continue; // unknown, or inline settings that aws-s3-bucket-versioning-enabled judges
            }
            let enabled: boolean | undefined = false;
            let text = "no versioning is configured (AWS default: unversioned)";
            for (const block of blocks) {
                const e = block.boolean("enabled", { absent: false });
                if (e === undefined) {
                    enabled = undefined;
                    break;
                }
                text = e.text;
                enabled = enabled || e.value === true;
            }
            if (enabled === false) {
                s.violation(b, `this bucket is ${whyAi(s, b)} but ${text}: overwritten or deleted data cannot be recovered. Add a BucketVersioning with status "Enabled".`);
            }
        }
    },
});

/** True for a Deny of every S3 action to anyone when aws:SecureTransport is false. */
function deniesInsecureTransport(st: { effect: string; action: string[]; condition: Record<string, Record<string, string[]>>; principal?: { anyone: boolean } }): boolean {
    if (st.effect !== "Deny" || !(st.principal?.anyone ?? false)) {
        return false;
    }
    if (!st.action.some((a) => a === "*" || a.toLowerCase() === "s3:*")) {
        return false;
    }
    for (const [op, keys] of Object.entries(st.condition)) {
        if (/^bool(ifexists)?$/i.test(op) && (keys["aws:securetransport"] ?? []).some((v) => v.toLowerCase() === "false")) {
            return true;
        }
    }
    return false;
}

/** "yes" / "no" / "unknown" for the documents of a bucket's policies. */
function tlsOnly(docs: Section[], path: string): "yes" | "no" | "unknown" {
    let result: "yes" | "no" | "unknown" = "no";
    for (const sec of docs) {
        const doc = readPolicyDocument(sec, path);
        if (doc === undefined) {
            result = "unknown";
            continue;
        }
        for (const st of doc.statements) {
            if (deniesInsecureTransport(st)) {
                return "yes";
            }
            if (st.effect === "Unknown" || whoIsUnknown(st)) {
                result = "unknown";
            }
        }
    }
    return result;
}

export const aiBucketTlsOnly = stackPolicy<ScopeKnobs>({
    name: "aws-s3-ai-bucket-tls-only",
    description: "Every AI bucket must have a bucket policy that denies requests not made over TLS.",
    severity: "high",
    guidelines: ["DEP-1"],
    controls: ["ENC-A04"],
    theme: "encryption",
    resourceTypes: [BUCKET],
    config: stackScopeKnobs,
    remediationSteps:
        'Add to the bucket\'s `aws.s3.BucketPolicy` a statement `{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [<bucket arn>, `${<bucket arn>}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }`.',
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit",
    validate(s) {
        const policies = bucketAttachments(s, POLICY);
        for (const b of aiBuckets(s)) {
            // Unknown documents are reported below, once, on the resource whose document is unknown.
            const attached = policies.of(b).map((p) => ({ p, verdict: tlsOnly([s.quiet(p)], "policy") }));
            if (attached.some((a) => a.verdict === "yes")) {
                continue;
            }
            // The bucket's own `policy` (deprecated inline argument, and the output after `pulumi up`).
            const inline = tlsOnly([s.quiet(b)], "policy");
            if (inline === "yes") {
                continue;
            }
            const unknown = attached.filter((a) => a.verdict === "unknown");
            if (unknown.length > 0 || inline === "unknown") {
                for (const a of unknown) {
                    s.unknown(a.p, `policy (whether it denies requests to bucket "${b.name}" without TLS)`);
                }
                if (inline === "unknown") {
                    s.unknown(b, "whether its bucket policy denies requests without TLS");
                }
                continue;
            }
            if (!undecided(s, b, policies, "bucket policy")) {
                s.violation(
                    b,
                    `this bucket is ${whyAi(s, b)} but no bucket policy denies requests without TLS (aws:SecureTransport "false"), so data can travel in clear text. Add that Deny statement to its BucketPolicy.`,
                );
            }
        }
    },
});

export const aiBucketAccessLogging = stackPolicy<ScopeKnobs>({
    name: "aws-s3-ai-bucket-access-logging",
    description: "Every AI bucket must log server access to another bucket.",
    severity: "medium",
    guidelines: ["OPS-2", "DEP-3"],
    controls: ["LOG-A14"],
    theme: "logging",
    resourceTypes: [BUCKET],
    config: stackScopeKnobs,
    remediationSteps: "Add an `aws.s3.BucketLogging` with `bucket: <bucket>.id`, `targetBucket: <log bucket>.id` and a `targetPrefix`.",
    url: `${S3_DOCS}ServerLogs.html`,
    validate(s) {
        const logging = bucketAttachments(s, LOGGING);
        const receivesLogs = accessLogTargets(s);
        for (const b of aiBuckets(s)) {
            if (receivesLogs(b) || logging.of(b).length > 0 || undecided(s, b, logging, "access logging configuration")) {
                continue;
            }
            const blocks = listOf(s.read(b), ["logging", "loggings"]);
            if (blocks === undefined) {
                continue;
            }
            let set: boolean | undefined = false;
            for (const block of blocks) {
                const target = block.string("targetBucket");
                if (target === undefined) {
                    set = undefined;
                    break;
                }
                set = set || target.value !== undefined;
            }
            if (set === false) {
                s.violation(
                    b,
                    `this bucket is ${whyAi(s, b)} but does not log server access: reads of training data or model artefacts leave no trace. Add a BucketLogging for it.`,
                );
            }
        }
    },
});

export const s3StackPolicies = [aiBucketPublicAccessBlock, aiBucketKmsEncryption, aiBucketVersioning, aiBucketTlsOnly, aiBucketAccessLogging];
