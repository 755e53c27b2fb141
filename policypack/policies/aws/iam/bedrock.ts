/**
 * IAM for Bedrock: long-term Bedrock API keys (service-specific credentials of an IAM user) and
 * the right to subscribe to AWS Marketplace products, which is how third-party foundation models
 * are enabled in an account.
 */
import { describeStatement, Statement, UNKNOWN_PART } from "../../../lib/awsPolicyDocument";
import { resourcePolicy } from "../../../lib/policy";
import { Answer, both, forEachIdentityDocument, grantsAction, IDENTITY_POLICY_TYPES, isAllow, onAllResources } from "./documents";

const SERVICE_SPECIFIC_CREDENTIAL = "aws:iam/serviceSpecificCredential:ServiceSpecificCredential";

export const iamNoBedrockLongTermApiKeys = resourcePolicy({
    name: "aws-iam-no-bedrock-long-term-api-keys",
    description: "Long-term Bedrock API keys (IAM service-specific credentials for bedrock.amazonaws.com) must not be created.",
    severity: "high",
    guidelines: ["DES-3j", "DEV-2", "DEP-1"],
    controls: ["ACC-A28"],
    theme: "access",
    resourceTypes: [SERVICE_SPECIFIC_CREDENTIAL],
    remediationSteps:
        "Remove the credential; give the caller an IAM role (temporary credentials), or where an API key is unavoidable use a short-term Bedrock API key generated at run time, which expires with the session.",
    url: "https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html",
    validate(r) {
        const service = r.string("serviceName");
        if (service === undefined) {
            return;
        }
        if (service.value === undefined || service.value.trim().toLowerCase() !== "bedrock.amazonaws.com") {
            r.notApplicable("not a Bedrock API key (serviceName is not bedrock.amazonaws.com)");
        }
        const status = r.enum("status", ["Active", "Inactive", "Expired"], { absent: "Active" });
        if (status?.value === "Active") {
            r.violation(
                `serviceName is "bedrock.amazonaws.com" and ${status.text}: a long-lived secret that calls Bedrock as this IAM user until someone revokes it, and leaks with every copy. Use an IAM role or short-term API keys.`,
            );
        }
    },
});

/**
 * Does the statement restrict Subscribe to named Marketplace products (an `aws-marketplace:ProductId`
 * condition)? Product ids are text ("prod-...", or a UUID); bare numbers name no product.
 */
function namesProducts(s: Statement): Answer {
    const values = Object.values(s.condition).flatMap((keys) => keys["aws-marketplace:productid"] ?? []);
    if (values.includes(UNKNOWN_PART)) {
        return "unknown";
    }
    return values.length > 0 && values.every((v) => /[a-z]/i.test(v)) ? "yes" : "no";
}

export const iamMarketplaceSubscribeScoped = resourcePolicy({
    name: "aws-iam-marketplace-subscribe-scoped",
    description: "IAM policies must not allow subscribing to any AWS Marketplace product, which enables any third-party foundation model.",
    severity: "medium",
    guidelines: ["DES-3a", "DEV-1", "DES-3j"],
    controls: ["REG-A15"],
    theme: "supply-chain",
    resourceTypes: IDENTITY_POLICY_TYPES,
    remediationSteps:
        'Add `"Condition": { "ForAnyValue:StringEquals": { "aws-marketplace:ProductId": [<approved model product ids>] } }` to the statement that allows `aws-marketplace:Subscribe`, or remove the action and let a central team enable models.',
    url: "https://docs.aws.amazon.com/bedrock/latest/userguide/model-access-permissions.html",
    validate(r) {
        forEachIdentityDocument(r, (where, path, statements) => {
            for (const s of statements) {
                const named = namesProducts(s);
                const open: Answer = named === "yes" ? "no" : named === "unknown" ? "unknown" : "yes";
                const answer = both(open, both(isAllow(s), both(grantsAction(s, "aws-marketplace:Subscribe"), onAllResources(s))));
                if (answer === "unknown") {
                    where.unknown(`${path} (${describeStatement(s)})`);
                } else if (answer === "yes") {
                    where.violation(
                        `${where.path(path)} ${describeStatement(s)} allows aws-marketplace:Subscribe with no aws-marketplace:ProductId condition: whoever holds it can enable any third-party model for the whole account. Name the approved products.`,
                    );
                }
            }
        });
    },
});

export const bedrockIamPolicies = [iamNoBedrockLongTermApiKeys, iamMarketplaceSubscribeScoped];
