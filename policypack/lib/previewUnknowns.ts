/**
 * "Cannot verify" in a preview: once per resource, and only where the dependency graph cannot
 * settle it.
 *
 * In a preview, a value one resource takes from another that is not created yet (a key's ARN, a
 * role's ARN inside a policy document) is unknown. Each policy that needs such a value cannot judge
 * it until `pulumi up`; said policy by policy, a compliant stack showed dozens of advisories on every
 * new preview, five of them about the one document of a role policy. So, while the policy
 * `ai-preview-unknown-values` is enabled (it is, advisory, by default):
 *
 * - a policy that found nothing but unknowns does not report them itself; they are recorded here,
 *   by resource, from both passes (resource policies during Analyze, stack policies and the
 *   hand-over during AnalyzeStack);
 * - `ai-preview-unknown-values`, the last policy of the pack, runs at the end of AnalyzeStack (which
 *   the engine sends once at the end of every preview and update, after every Analyze). It first
 *   settles what the graph answers: an unknown that a policy marked with a {@link Claim} is settled
 *   when every resource its property is computed from (`propertyDependencies`) is of a kind that
 *   makes the claim true (a key id computed only from the program's own `aws.kms.Key` names a
 *   customer-managed key). It then reports, once per resource, every policy that still waits and the
 *   properties it waits for.
 *
 * When the policy is disabled, or the handlers cannot be wrapped (an SDK this was not written for),
 * nothing is recorded and every policy reports its own unknowns, as before.
 */
import { sdkModule } from "./sdk";
import { wrapHandler } from "./serverHooks";

/** The policy that reports what a preview cannot know (policies/stack/previewUnknowns.ts). */
export const PREVIEW_UNKNOWNS_POLICY = "ai-preview-unknown-values";

/**
 * What the graph can vouch for about a value a preview cannot know: a claim holds when every
 * resource the value's property is computed from is of one of `from` (canonical tokens). The graph
 * names the resources, not which of their outputs was used, so a rule lists only resources every
 * output of which satisfies the claim in that place.
 */
export const SETTLEMENTS = {
    /** A key reference computed only from KMS keys (or their aliases) the program creates. */
    "customer-managed-key": {
        says: "computed from a KMS key this program creates (customer-managed)",
        from: ["aws:kms/key:Key", "aws:kms/replicaKey:ReplicaKey", "aws:kms/externalKey:ExternalKey", "aws:kms/replicaExternalKey:ReplicaExternalKey", "aws:kms/alias:Alias"],
    },
    /** A policy ARN computed only from policies the program creates: not an AWS-managed policy. */
    "customer-managed-policy": {
        says: "computed from a policy this program creates (not AWS-managed)",
        from: ["aws:iam/policy:Policy"],
    },
    /** A guardrail version computed only from `aws.bedrock.GuardrailVersion`: always a numbered version. */
    "numbered-guardrail-version": {
        says: "computed from an aws.bedrock.GuardrailVersion (a numbered version)",
        from: ["aws:bedrock/guardrailVersion:GuardrailVersion"],
    },
    /** An image computed only from the program's own ECR repositories: an image in a private ECR registry. */
    "private-ecr-image": {
        says: "computed from an ECR repository this program creates (a private registry)",
        from: ["aws:ecr/repository:Repository"],
    },
} as const satisfies Record<string, { says: string; from: readonly string[] }>;

export type Claim = keyof typeof SETTLEMENTS;

/** The resource types that settle each claim, as sets (built once). */
export const SETTLING: ReadonlyMap<Claim, ReadonlySet<string>> = new Map(Object.entries(SETTLEMENTS).map(([claim, rule]) => [claim as Claim, new Set<string>(rule.from)]));

/** The top-level property a path is under (`dataCaptureConfig.kmsKeyId` -> `dataCaptureConfig`): what `propertyDependencies` is keyed by. */
export function topProperty(path: string): string {
    const end = path.search(/[.[ ]/);
    return end < 0 ? path : path.slice(0, end);
}

/** What one policy could not judge on one resource. */
export interface Waiting {
    readonly policy: string;
    /** Property paths (for stack policies: what they wait for), in the order met. */
    readonly what: readonly string[];
    /** Paths whose unknown the graph may settle, with the claim that settles it. */
    readonly claims?: ReadonlyMap<string, Claim>;
}

/** What the policies of both passes wait for, by URN ("" for the stack as a whole); emptied by each stack pass. */
const waiting = new Map<string, Waiting[]>();
let hooked = false;
let enabled = true;

/**
 * Installs the two hooks this needs on the PolicyPack about to be constructed: Configure (is
 * `ai-preview-unknown-values` enabled?) and Analyze (a resource analysed again starts afresh, so
 * nothing recorded for it by an earlier run of this process survives). Call it after every other
 * Analyze wrapper, so that it sees each request first.
 */
export function recordPreviewUnknowns(): boolean {
    const levels = sdkModule<{ EnforcementLevel?: { DISABLED?: number } }>("@pulumi/pulumi/proto/analyzer_pb")?.EnforcementLevel;
    const disabled = levels?.DISABLED;
    if (disabled === undefined) {
        return false;
    }
    type Configure = { getPolicyconfigMap(): { get(key: string): { getEnforcementlevel(): number } | undefined } };
    hooked =
        wrapHandler(
            "configure",
            (handler) => (call, callback) =>
                handler(call, (err, res) => {
                    if (!err) {
                        try {
                            enabled = (call.request as Configure).getPolicyconfigMap().get(PREVIEW_UNKNOWNS_POLICY)?.getEnforcementlevel() !== disabled;
                        } catch {
                            enabled = false;
                        }
                    }
                    callback(err, res);
                }),
        ) &&
        wrapHandler("analyze", (handler) => (call, callback) => {
            try {
                waiting.delete((call.request as { getUrn(): string }).getUrn());
            } catch {
                // Not a request this can read: the handler answers it as always.
            }
            return handler(call, callback);
        });
    return hooked;
}

/**
 * Records that `policy` found nothing on the resource `urn` but the unknowns `what` (with the claims
 * the graph may settle). Returns false when they are not recorded: the policy then reports them.
 */
export function deferUnknowns(policy: string, urn: string | undefined, what: readonly string[], claims: ReadonlyMap<string, Claim> | undefined): boolean {
    if (!hooked || !enabled || what.length === 0 || policy === PREVIEW_UNKNOWNS_POLICY) {
        return false;
    }
    const key = urn ?? "";
    const list = waiting.get(key);
    const entry: Waiting = { policy, what: [...what], claims: claims !== undefined && claims.size > 0 ? new Map(claims) : undefined };
    if (list === undefined) {
        waiting.set(key, [entry]);
    } else {
        list.push(entry);
    }
    return true;
}

/** Everything recorded so far, by URN; the record is emptied (each stack pass ends a run). */
export function takeWaiting(): Map<string, Waiting[]> {
    const all = new Map(waiting);
    waiting.clear();
    return all;
}
