/**
 * AWS-managed "full access" and administrator policies give an AI workload far more than it needs
 * (every SageMaker, Bedrock or S3 action on every resource). They must not be attached; the list
 * is configurable.
 */
import type { Section } from "../../../lib/check";
import { resourcePolicy } from "../../../lib/policy";
import { IAM_DOCS, ROLE } from "./documents";

const ATTACHMENTS = [
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/policyAttachment:PolicyAttachment",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
];
/** Resources that attach a whole list (`policyArns`) and detach everything else. */
const EXCLUSIVE = [
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
];

/**
 * AWS-managed `*FullAccess` policies of AI and ML services (names as AWS publishes them, checked
 * against the list of AWS managed policies, December 2026). Each grants every action of its service
 * (and often iam:PassRole, S3 or KMS access alongside) on every resource.
 */
export const AI_FULL_ACCESS_POLICIES: readonly string[] = [
    // Amazon Bedrock, Bedrock AgentCore and AWS Agent Registry
    "AmazonBedrockFullAccess",
    "AmazonBedrockMantleFullAccess",
    "BedrockAgentCoreFullAccess",
    "AgentRegistryFullAccess",
    // Amazon SageMaker AI
    "AmazonSageMakerFullAccess",
    "SageMakerStudioFullAccess",
    "AmazonSageMakerCanvasFullAccess",
    "AmazonSageMakerCanvasDataPrepFullAccess",
    "AmazonSageMakerGeospatialFullAccess",
    "AmazonSageMakerModelRegistryFullAccess",
    "AmazonSageMakerPartnerAppsFullAccess",
    "AWSGlueConsoleSageMakerNotebookFullAccess",
    "AmazonAugmentedAIFullAccess",
    "AmazonAugmentedAIHumanLoopFullAccess",
    "AmazonMachineLearningFullAccess",
    // AI services
    "AmazonQFullAccess",
    "ComprehendFullAccess",
    "ComprehendMedicalFullAccess",
    "AmazonKendraFullAccess",
    "AmazonLexFullAccess",
    "AmazonRekognitionFullAccess",
    "AmazonRekognitionCustomLabelsFullAccess",
    "AmazonTranscribeFullAccess",
    "AmazonTextractFullAccess",
    "TranslateFullAccess",
    "AmazonPollyFullAccess",
    "AmazonPersonalizeFullAccess",
    "AmazonForecastFullAccess",
    "AmazonFraudDetectorFullAccessPolicy",
    "AmazonLookoutVisionFullAccess",
    "AmazonLookoutVisionConsoleFullAccess",
    "AmazonLookoutEquipmentFullAccess",
    "AmazonLookoutMetricsFullAccess",
];

interface ManagedKnobs {
    deniedPolicies: string[];
}

/** `arn:<partition>:iam::aws:policy/<path/>Name` -> Name; undefined for customer-managed policies. */
function awsManagedName(arn: string): string | undefined {
    const m = /^arn:[a-z-]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/i.exec(arn);
    return m ? m[1] : undefined;
}

/** The deny-list entry that `arn` matches: an AWS-managed policy name or an exact ARN. */
function denied(arn: string, list: readonly string[]): string | undefined {
    const name = awsManagedName(arn);
    return list.find((entry) => (entry.startsWith("arn:") ? entry === arn : name !== undefined && entry.toLowerCase() === name.toLowerCase()));
}

function report(where: Section, path: string, entry: string): void {
    // `entry` comes from the policy's configuration, not from the resource.
    where.violation(
        `${where.path(path)} attaches ${entry.startsWith("arn:") ? "a denied policy" : `the AWS-managed policy ${entry}`}, which is in deniedPolicies: it grants far more than an AI workload needs. Attach a customer-managed policy with only the actions and resources it uses.`,
    );
}

export const iamNoAiFullAccessManagedPolicies = resourcePolicy<ManagedKnobs>({
    name: "aws-iam-no-ai-full-access-managed-policies",
    description: "IAM roles, users and groups must not have administrator or AI full-access managed policies attached.",
    severity: "high",
    guidelines: ["DES-3j"],
    controls: ["ACC-A13"],
    theme: "access",
    resourceTypes: [...ATTACHMENTS, ...EXCLUSIVE, ROLE],
    config: {
        // The catalogue's AdministratorAccess and AmazonS3FullAccess; PowerUserAccess and
        // IAMFullAccess, which are administrator access in all but name; and every AI service's
        // full-access policy (the catalogue names SageMaker's and Bedrock's).
        deniedPolicies: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess", "AmazonS3FullAccess", ...AI_FULL_ACCESS_POLICIES],
            description: "AWS-managed policy names (in any partition or path) or exact policy ARNs that must not be attached.",
        },
    },
    remediationSteps:
        "Replace the managed policy with a customer-managed `aws.iam.Policy` listing only the actions and resource ARNs the workload uses (AWS also publishes narrower managed policies, e.g. AmazonSageMakerReadOnly).",
    url: `${IAM_DOCS}access_policies_managed-vs-inline.html`,
    validate(r) {
        // A policy ARN computed only from the program's own aws.iam.Policy resources is not an
        // AWS-managed policy: the graph settles that in a preview, unless exact ARNs are denied.
        const settleable = !r.config.deniedPolicies.some((entry) => entry.startsWith("arn:"));
        const list = r.type === ROLE ? "managedPolicyArns" : EXCLUSIVE.includes(r.type) ? "policyArns" : undefined;
        if (list !== undefined) {
            const arns = r.raw(list);
            (r.strings(list) ?? []).forEach((arn, i) => {
                const entry = denied(arn, r.config.deniedPolicies);
                if (entry !== undefined) {
                    report(r, `${list}[${i}]`, entry);
                }
            });
            if (settleable && Array.isArray(arns)) {
                for (let i = 0; i < arns.length; i++) {
                    if (r.setToUnknown(`${list}.${i}`)) {
                        r.claim(`${list}[${i}]`, "customer-managed-policy");
                    }
                }
            }
            return;
        }
        if (settleable && r.setToUnknown("policyArn")) {
            r.claim("policyArn", "customer-managed-policy");
        }
        const arn = r.string("policyArn");
        const entry = arn?.value === undefined ? undefined : denied(arn.value, r.config.deniedPolicies);
        if (entry !== undefined) {
            report(r, "policyArn", entry);
        }
    },
});

export const managedPolicyPolicies = [iamNoAiFullAccessManagedPolicies];
