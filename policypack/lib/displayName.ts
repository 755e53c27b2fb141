/**
 * Each policy's display name, which Pulumi Cloud shows (the SDK's `displayName`), derived from its
 * name so that the two never drift: `aws-sagemaker-notebook-kms` -> "AWS SageMaker notebook KMS".
 * Words are lower case except those below (acronyms and product names as their owners spell them),
 * and the first letter is upper case. A policy whose name uses a new acronym or product name adds
 * it here (test/lib/displayName.spec.ts lists the words it does not know).
 */
export const SPELLINGS: Readonly<Record<string, string>> = {
    acl: "ACL",
    acr: "ACR",
    agentcore: "AgentCore",
    ai: "AI",
    app: "App",
    arm: "ARM",
    aws: "AWS",
    azure: "Azure",
    bedrock: "Bedrock",
    cloudtrail: "CloudTrail",
    cloudwatch: "CloudWatch",
    cmk: "CMK",
    cognitive: "Cognitive",
    cognitiveservices: "Cognitive Services",
    comprehend: "Comprehend",
    ecr: "ECR",
    efs: "EFS",
    entra: "Entra",
    hbi: "HBI",
    https: "HTTPS",
    iam: "IAM",
    imdsv2: "IMDSv2",
    insights: "Insights",
    ip: "IP",
    kendra: "Kendra",
    keyvault: "Key Vault",
    kms: "KMS",
    loganalytics: "Log Analytics",
    machinelearning: "Machine Learning",
    ml: "ML",
    opensearch: "OpenSearch",
    passrole: "PassRole",
    posix: "POSIX",
    rai: "RAI",
    rbac: "RBAC",
    s3: "S3",
    sagemaker: "SageMaker",
    signer: "Signer",
    sku: "SKU",
    sse: "SSE",
    ssh: "SSH",
    ssm: "SSM",
    sso: "SSO",
    tls: "TLS",
    ttl: "TTL",
    vnet: "VNet",
    vpc: "VPC",
};

/** The display name of the policy named `name`. */
export function displayNameOf(name: string): string {
    // Version numbers: `min-tls-1-2` -> "min TLS 1.2".
    const words = name.replace(/(\d)-(?=\d)/g, "$1.").split("-");
    const text = words.map((w) => SPELLINGS[w] ?? w).join(" ");
    return text.charAt(0).toUpperCase() + text.slice(1);
}
