import { UNKNOWN_VALUES } from "../../support/harness";
import { policyCases, usePack } from "../../support/cases";

const DOMAIN = "aws:sagemaker/domain:Domain";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** A Studio domain as a careful user's program declares it. */
const compliant = {
    domainName: "research",
    authMode: "SSO",
    vpcId: "vpc-0abc",
    subnetIds: ["subnet-0abc"],
    appNetworkAccessType: "VpcOnly",
    kmsKeyId: KEY,
    domainSettings: { executionRoleIdentityConfig: "USER_PROFILE_NAME" },
    defaultUserSettings: {
        executionRole: "arn:aws:iam::111122223333:role/studio",
        sharingSettings: { notebookOutputOption: "Allowed", s3OutputPath: "s3://shared/", s3KmsKeyId: KEY },
    },
    retentionPolicy: { homeEfsFileSystem: "Retain" },
};

function domain(changes: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...compliant, ...changes };
    for (const key of Object.keys(out)) {
        if (out[key] === undefined) {
            delete out[key];
        }
    }
    return out;
}

const role = compliant.defaultUserSettings.executionRole;

describe("aws: SageMaker domains", function () {
    const pack = usePack();

    policyCases(pack, "aws-sagemaker-domain-vpc-only", DOMAIN, [
        {
            kind: "violating",
            title: "PublicInternetOnly",
            props: domain({ appNetworkAccessType: "PublicInternetOnly" }),
            expect: "violation",
            message: /appNetworkAccessType is "PublicInternetOnly"/,
        },
        { kind: "compliant", title: "VpcOnly", props: compliant, expect: "pass" },
        {
            kind: "absent",
            title: "not set: AWS defaults to PublicInternetOnly",
            props: domain({ appNetworkAccessType: undefined }),
            expect: "violation",
            message: /AWS default: "PublicInternetOnly"/,
        },
        { kind: "unknown", title: "unknown", props: domain({ appNetworkAccessType: UNKNOWN_VALUES.string }), expect: "unknown" },
        { kind: "malformed", title: "unsupported value", props: domain({ appNetworkAccessType: "Hybrid" }), expect: "malformed", message: /cannot evaluate appNetworkAccessType/ },
    ]);

    policyCases(pack, "aws-sagemaker-domain-sso-auth", DOMAIN, [
        { kind: "violating", title: "IAM", props: domain({ authMode: "IAM" }), expect: "violation", message: /authMode is "IAM"/ },
        { kind: "compliant", title: "SSO", props: compliant, expect: "pass" },
        { kind: "absent", title: "not set (required, no default)", props: domain({ authMode: undefined }), expect: "violation", message: /authMode is not set/ },
        { kind: "unknown", title: "unknown", props: domain({ authMode: UNKNOWN_VALUES.string }), expect: "unknown" },
        { kind: "malformed", title: "a boolean", props: domain({ authMode: true }), expect: "malformed" },
    ]);

    policyCases(pack, "aws-sagemaker-domain-source-identity", DOMAIN, [
        { kind: "violating", title: "DISABLED", props: domain({ domainSettings: { executionRoleIdentityConfig: "DISABLED" } }), expect: "violation", message: /"DISABLED"/ },
        { kind: "compliant", title: "USER_PROFILE_NAME", props: compliant, expect: "pass" },
        {
            kind: "absent",
            title: "no domainSettings: AWS default DISABLED",
            props: domain({ domainSettings: undefined }),
            expect: "violation",
            message: /not set \(AWS default: "DISABLED"\)/,
        },
        { kind: "unknown", title: "unknown", props: domain({ domainSettings: { executionRoleIdentityConfig: UNKNOWN_VALUES.string } }), expect: "unknown" },
        { kind: "malformed", title: "domainSettings is a string", props: domain({ domainSettings: "USER_PROFILE_NAME" }), expect: "malformed", message: /domainSettings/ },
    ]);

    policyCases(pack, "aws-sagemaker-domain-kms", DOMAIN, [
        { kind: "violating", title: "AWS-managed alias", props: domain({ kmsKeyId: "alias/aws/elasticfilesystem" }), expect: "violation", message: /AWS-managed key/ },
        { kind: "compliant", title: "customer-managed key", props: compliant, expect: "pass" },
        { kind: "absent", title: "no key", props: domain({ kmsKeyId: undefined }), expect: "violation", message: /kmsKeyId is not set/ },
        { kind: "unknown", title: "unknown", props: domain({ kmsKeyId: UNKNOWN_VALUES.string }), expect: "unknown" },
        { kind: "malformed", title: "an object", props: domain({ kmsKeyId: { arn: KEY } }), expect: "malformed" },
    ]);

    policyCases(pack, "aws-sagemaker-domain-shared-notebook-output-kms", DOMAIN, [
        {
            kind: "violating",
            title: "sharing without a key",
            props: domain({ defaultUserSettings: { executionRole: role, sharingSettings: { notebookOutputOption: "Allowed", s3OutputPath: "s3://shared/" } } }),
            expect: "violation",
            message: /s3KmsKeyId is not set/,
        },
        { kind: "compliant", title: "sharing with a key", props: compliant, expect: "pass" },
        {
            kind: "compliant",
            title: "sharing disabled",
            props: domain({ defaultUserSettings: { executionRole: role, sharingSettings: { notebookOutputOption: "Disabled" } } }),
            expect: "not-applicable",
        },
        { kind: "absent", title: "no sharing settings: AWS default Disabled", props: domain({ defaultUserSettings: { executionRole: role } }), expect: "not-applicable" },
        {
            kind: "unknown",
            title: "option unknown",
            props: domain({ defaultUserSettings: { executionRole: role, sharingSettings: { notebookOutputOption: UNKNOWN_VALUES.string } } }),
            expect: "unknown",
        },
        {
            kind: "malformed",
            title: "unsupported option",
            props: domain({ defaultUserSettings: { executionRole: role, sharingSettings: { notebookOutputOption: "Public" } } }),
            expect: "malformed",
        },
    ]);

    policyCases(pack, "aws-sagemaker-domain-retain-home-efs", DOMAIN, [
        { kind: "violating", title: "Delete", props: domain({ retentionPolicy: { homeEfsFileSystem: "Delete" } }), expect: "violation", message: /homeEfsFileSystem is "Delete"/ },
        { kind: "compliant", title: "Retain", props: compliant, expect: "pass" },
        { kind: "absent", title: "not set: AWS default Retain", props: domain({ retentionPolicy: undefined }), expect: "pass" },
        { kind: "unknown", title: "unknown", props: domain({ retentionPolicy: { homeEfsFileSystem: UNKNOWN_VALUES.string } }), expect: "unknown" },
        { kind: "malformed", title: "a boolean", props: domain({ retentionPolicy: { homeEfsFileSystem: false } }), expect: "malformed" },
    ]);
});
