/**
 * SageMaker domains (SageMaker Studio): the shared workspace of data scientists. Apps reach the
 * network only through your VPC, users sign in through IAM Identity Center and are traceable in
 * CloudTrail, the home file system and shared notebook output are encrypted with customer-managed
 * keys, and deleting the domain does not delete users' home directories.
 */
import { resourcePolicy } from "../../../lib/policy";
import { kmsKeyCheck, KmsKnobs, kmsKnobs } from "../common";
import { API, DOCS } from "./util";

const DOMAIN = "aws:sagemaker/domain:Domain";

export const domainVpcOnly = resourcePolicy({
    name: "aws-sagemaker-domain-vpc-only",
    description: "SageMaker domains must send all app traffic through your VPC (VpcOnly).",
    severity: "high",
    guidelines: ["DEP-1", "DES-3c"],
    controls: ["ACC-A05"],
    theme: "network",
    resourceTypes: [DOMAIN],
    remediationSteps:
        'Set `appNetworkAccessType: "VpcOnly"` and give the subnets a route to what Studio needs (VPC endpoints for SageMaker, S3 and others, or a NAT gateway you control).',
    url: `${DOCS}studio-notebooks-and-internet-access.html`,
    validate(r) {
        const access = r.enum("appNetworkAccessType", ["PublicInternetOnly", "VpcOnly"], { absent: "PublicInternetOnly" });
        if (access?.value === "PublicInternetOnly") {
            r.violation(`${access.text}: Studio apps reach the internet directly, past your network controls, and can send data anywhere. Set it to "VpcOnly".`);
        }
    },
});

export const domainSsoAuth = resourcePolicy({
    name: "aws-sagemaker-domain-sso-auth",
    description: "SageMaker domains should authenticate users through IAM Identity Center (SSO).",
    severity: "low",
    guidelines: ["DES-3j"],
    controls: ["ACC-A06"],
    theme: "access",
    resourceTypes: [DOMAIN],
    remediationSteps: 'Set `authMode: "SSO"` so users sign in with their own identities from IAM Identity Center (the mode can only be chosen when the domain is created).',
    url: `${DOCS}onboard-sso-users.html`,
    validate(r) {
        const mode = r.enum("authMode", ["IAM", "SSO"]);
        if (mode?.value === undefined && mode) {
            r.violation(`${mode.text}: choose how users authenticate. Set it to "SSO".`);
        } else if (mode?.value === "IAM") {
            r.violation(`${mode.text}: users reach Studio through shared IAM principals and presigned URLs rather than their own identities. Prefer "SSO".`);
        }
    },
});

export const domainSourceIdentity = resourcePolicy({
    name: "aws-sagemaker-domain-source-identity",
    description: "SageMaker domains must record each user's profile name as the source identity of their actions.",
    severity: "low",
    guidelines: ["DES-3j"],
    controls: ["ACC-A06"],
    theme: "access",
    resourceTypes: [DOMAIN],
    remediationSteps: 'Set `domainSettings: { executionRoleIdentityConfig: "USER_PROFILE_NAME" }` and allow `sts:SetSourceIdentity` in the execution roles\' trust policies.',
    url: `${DOCS}monitor-user-access.html`,
    validate(r) {
        const identity = r.enum("domainSettings.executionRoleIdentityConfig", ["USER_PROFILE_NAME", "DISABLED"], { absent: "DISABLED" });
        if (identity?.value === "DISABLED") {
            r.violation(`${identity.text}: CloudTrail shows only the shared execution role, not which user acted. Set it to "USER_PROFILE_NAME".`);
        }
    },
});

export const domainKms = resourcePolicy<KmsKnobs>({
    name: "aws-sagemaker-domain-kms",
    description: "SageMaker domains must encrypt their home file system with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A12"],
    theme: "encryption",
    resourceTypes: [DOMAIN],
    config: kmsKnobs,
    remediationSteps: "Set `kmsKeyId` to the ARN of a customer-managed KMS key (it can only be chosen when the domain is created).",
    url: `${API}API_CreateDomain.html#sagemaker-CreateDomain-request-KmsKeyId`,
    validate(r) {
        kmsKeyCheck(r, r.config, "kmsKeyId", "users' notebooks, data and model files on the domain's EFS volume are encrypted with an AWS-managed key only");
    },
});

export const domainSharedNotebookOutputKms = resourcePolicy<KmsKnobs>({
    name: "aws-sagemaker-domain-shared-notebook-output-kms",
    description: "SageMaker domains that let users share notebook output must encrypt it with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A12"],
    theme: "encryption",
    resourceTypes: [DOMAIN],
    config: kmsKnobs,
    remediationSteps:
        'Set `defaultUserSettings.sharingSettings.s3KmsKeyId` to the ARN of a customer-managed KMS key, or stop sharing cell output (`notebookOutputOption: "Disabled"`).',
    url: `${API}API_SharingSettings.html`,
    validate(r) {
        const sharing = r.enum("defaultUserSettings.sharingSettings.notebookOutputOption", ["Allowed", "Disabled"], { absent: "Disabled" });
        if (sharing?.value === "Disabled") {
            r.notApplicable("the domain does not share notebook output");
        }
        if (sharing) {
            kmsKeyCheck(r, r.config, "defaultUserSettings.sharingSettings.s3KmsKeyId", "shared notebook output, which often shows data, is stored in S3 without a key you control");
        }
    },
});

export const domainRetainHomeEfs = resourcePolicy({
    name: "aws-sagemaker-domain-retain-home-efs",
    description: "SageMaker domains must keep users' home file system when the domain is deleted.",
    severity: "low",
    guidelines: ["DEP-3"],
    controls: ["RES-A07"],
    theme: "resilience",
    resourceTypes: [DOMAIN],
    remediationSteps: 'Remove `retentionPolicy` or set `retentionPolicy: { homeEfsFileSystem: "Retain" }`.',
    url: `${API}API_RetentionPolicy.html`,
    validate(r) {
        const retention = r.enum("retentionPolicy.homeEfsFileSystem", ["Retain", "Delete"], { absent: "Retain" });
        if (retention?.value === "Delete") {
            r.violation(`${retention.text}: deleting the domain (or replacing it) destroys every user's notebooks and data for good. Set it to "Retain".`);
        }
    },
});

export const domainPolicies = [domainVpcOnly, domainSsoAuth, domainSourceIdentity, domainKms, domainSharedNotebookOutputKms, domainRetainHomeEfs];
