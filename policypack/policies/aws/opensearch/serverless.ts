/**
 * OpenSearch Serverless collections (vector stores of knowledge bases) are AI resources: every
 * network and data access policy is judged. Both are JSON strings (a list of rule sets); each is read
 * through a section, so its fields are judged like properties. Their encryption policy is judged by
 * `aws-opensearch-serverless-encryption-cmk` (s3/vectorStores.ts, beside S3 Vectors).
 * Cloud rules: a network rule set names either `AllowFromPublic: true` or its `SourceVPCEs` /
 * `SourceServices`; data access rule sets name IAM principals in `Principal`.
 */
import { Section } from "../../../lib/check";
import { resourcePolicy, ResourceCheck } from "../../../lib/policy";

const SECURITY_POLICY = "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy";
const ACCESS_POLICY = "aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy";
const DOCS = "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/";

/**
 * The rule sets of the policy JSON at `policy` (a list, or one object read as a list of one), or
 * undefined after recording why it cannot be judged (unknown, or reported as malformed).
 */
function ruleSets<C>(r: ResourceCheck<C>, kind: string): Section[] | undefined {
    const policy = r.string("policy");
    if (policy === undefined) {
        return undefined;
    }
    if (policy.value === undefined) {
        r.violation(`${policy.text}: the ${kind} policy has no rules. Give it its JSON document.`);
        return undefined;
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(policy.value);
    } catch {
        parsed = undefined;
    }
    if (parsed === null || typeof parsed !== "object") {
        r.violation(`cannot evaluate policy: the ${kind} policy is not a JSON list of rule sets.`);
        return undefined;
    }
    const doc = new Section({ cloud: "AWS", violation: (m) => r.violation(m), unknown: (p) => r.unknown(p) }, { policy: parsed }, "");
    return doc.list("policy");
}

export const opensearchServerlessNetworkNotPublic = resourcePolicy({
    name: "aws-opensearch-serverless-network-not-public",
    description: "OpenSearch Serverless network policies must not open collections or dashboards to the internet.",
    severity: "high",
    guidelines: ["DEP-1", "DEV-2"],
    controls: ["ACC-A26"],
    theme: "network",
    resourceTypes: [SECURITY_POLICY],
    remediationSteps:
        'In each rule set of the network policy JSON, replace `"AllowFromPublic": true` with `"SourceVPCEs": [vpcEndpoint.id]` (an aws.opensearch.ServerlessVpcEndpoint) and, for knowledge bases, `"SourceServices": ["bedrock.amazonaws.com"]`.',
    url: `${DOCS}serverless-network.html`,
    validate(r) {
        const type = r.enum("type", ["encryption", "network"]);
        if (type === undefined) {
            return;
        }
        if (type.value !== "network") {
            r.notApplicable('applies only to network policies (type "network")');
        }
        for (const set of ruleSets(r, "network") ?? []) {
            const open = set.boolean("AllowFromPublic", { absent: false });
            if (open?.value === true) {
                r.violation(`${open.text}: the collection's endpoint (or its dashboards) is reachable from the internet. Allow only your VPC endpoints and services.`);
            }
        }
    },
});

/** Principals that stand for everyone: `"*"`, or an IAM ARN with a wildcard account. */
function isEveryone(principal: string): boolean {
    return principal.trim() === "*" || /^arn:aws[a-z-]*:iam::\*:/i.test(principal.trim());
}

export const opensearchServerlessDataAccessScoped = resourcePolicy({
    name: "aws-opensearch-serverless-data-access-scoped",
    description: "OpenSearch Serverless data access policies must not grant everyone access to collections and indexes.",
    severity: "critical",
    guidelines: ["DES-3j", "DEV-2"],
    controls: ["ACC-A27"],
    theme: "access",
    resourceTypes: [ACCESS_POLICY],
    remediationSteps: 'List in `"Principal"` only the roles that need the data (the knowledge base\'s role, the ingestion role), never `"*"`.',
    url: `${DOCS}serverless-data-access.html`,
    validate(r) {
        const type = r.string("type");
        if (type === undefined) {
            return;
        }
        if (type.value !== undefined && type.value.toLowerCase() !== "data") {
            r.notApplicable('applies only to data access policies (type "data")');
        }
        const sets = ruleSets(r, "data access");
        sets?.forEach((set) => {
            const everyone = set.someString("Principal", isEveryone);
            if (everyone === true) {
                r.violation(`${set.path("Principal")} names everyone ("*"): any AWS identity can read and change the indexes. Name the roles that need them.`);
            }
        });
    },
});

export const serverlessPolicies = [opensearchServerlessNetworkNotPublic, opensearchServerlessDataAccessScoped];
