/**
 * SageMaker notebook instances: where data scientists handle training data and try third-party
 * models, so they are isolated from the internet, confined to a VPC, run without root, encrypt
 * their storage with a customer-managed key and accept only IMDSv2.
 */
import { resourcePolicy } from "../../../lib/policy";
import { kmsKeyCheck, KmsKnobs, kmsKnobs } from "../common";

const NOTEBOOK = "aws:sagemaker/notebookInstance:NotebookInstance";
const DOCS = "https://docs.aws.amazon.com/sagemaker/latest/dg/";

export const notebookNoDirectInternet = resourcePolicy({
    name: "aws-sagemaker-notebook-no-direct-internet",
    description: "SageMaker notebook instances must not have direct internet access.",
    severity: "high",
    guidelines: ["DEP-1", "DES-3b", "DES-3c"],
    controls: ["ACC-A01"],
    theme: "network",
    resourceTypes: [NOTEBOOK],
    remediationSteps:
        'Set `directInternetAccess: "Disabled"` and give the notebook a `subnetId` and `securityGroups`; reach package mirrors or the internet, if needed, through a NAT gateway or VPC endpoints you control.',
    url: `${DOCS}appendix-notebook-and-internet-access.html`,
    validate(r) {
        const access = r.enum("directInternetAccess", ["Enabled", "Disabled"], { absent: "Enabled" });
        if (access?.value === "Enabled") {
            r.violation(`${access.text}: the notebook can download untrusted models and send data anywhere. Set it to "Disabled".`);
        }
    },
});

export const notebookInVpc = resourcePolicy({
    name: "aws-sagemaker-notebook-in-vpc",
    description: "SageMaker notebook instances must run in a VPC subnet with security groups.",
    severity: "high",
    guidelines: ["DEP-1"],
    controls: ["ACC-A02"],
    theme: "network",
    resourceTypes: [NOTEBOOK],
    remediationSteps: "Set `subnetId` to a private subnet of your VPC and `securityGroups` to groups that allow only the traffic the notebook needs.",
    url: `${DOCS}appendix-notebook-and-internet-access.html`,
    validate(r) {
        // A subnet or security groups set to values computed from another resource are set: this
        // is a presence check, which needs no value.
        const subnet = r.setToUnknown("subnetId") ? { absent: false } : r.string("subnetId");
        if (subnet && subnet.absent) {
            r.violation(`${r.string("subnetId")?.text}: the notebook runs outside your VPC, beyond your network controls. Set subnetId and securityGroups.`);
            return;
        }
        const groups = r.setToUnknown("securityGroups") ? true : r.isSet("securityGroups", "list");
        if (subnet && groups === false) {
            r.violation("securityGroups is not set: a notebook in a subnet needs security groups to limit its traffic.");
        }
    },
});

export const notebookRootDisabled = resourcePolicy({
    name: "aws-sagemaker-notebook-root-disabled",
    description: "SageMaker notebook instances must not give users root access.",
    severity: "high",
    guidelines: ["DES-3j", "DEP-1"],
    controls: ["ACC-A03"],
    theme: "access",
    resourceTypes: [NOTEBOOK],
    remediationSteps: 'Set `rootAccess: "Disabled"`; install system packages through a lifecycle configuration instead.',
    url: `${DOCS}nbi-root-access.html`,
    validate(r) {
        const root = r.enum("rootAccess", ["Enabled", "Disabled"], { absent: "Enabled" });
        if (root?.value === "Enabled") {
            r.violation(`${root.text}: any notebook user can change the instance and its security settings. Set it to "Disabled".`);
        }
    },
    remediate(r) {
        r.ensure("rootAccess", "Disabled");
    },
});

export const notebookKms = resourcePolicy<KmsKnobs>({
    name: "aws-sagemaker-notebook-kms",
    description: "SageMaker notebook instances must encrypt their storage volume with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A08"],
    theme: "encryption",
    resourceTypes: [NOTEBOOK],
    config: kmsKnobs,
    remediationSteps: "Set `kmsKeyId` to the ARN of a customer-managed KMS key (with rotation on) that the notebook's execution role may use.",
    url: "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateNotebookInstance.html#sagemaker-CreateNotebookInstance-request-KmsKeyId",
    validate(r) {
        kmsKeyCheck(r, r.config, "kmsKeyId", "the notebook's ML storage volume is encrypted with an AWS-managed key only");
    },
});

export const notebookImdsv2 = resourcePolicy({
    name: "aws-sagemaker-notebook-imdsv2",
    description: "SageMaker notebook instances must accept only IMDSv2 for instance metadata.",
    severity: "medium",
    guidelines: ["DEP-1"],
    controls: ["ACC-A04"],
    theme: "access",
    resourceTypes: [NOTEBOOK],
    remediationSteps: 'Set `instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" }`.',
    url: `${DOCS}nbi-imds.html`,
    validate(r) {
        const version = r.enum("instanceMetadataServiceConfiguration.minimumInstanceMetadataServiceVersion", ["1", "2"], { absent: "1" });
        if (version?.value === "1") {
            r.violation(`${version.text}: IMDSv1 lets code in the notebook be tricked into leaking the execution role's credentials. Require version "2".`);
        }
    },
    remediate(r) {
        r.ensure("instanceMetadataServiceConfiguration.minimumInstanceMetadataServiceVersion", "2");
    },
});

export const notebookInstancePolicies = [notebookNoDirectInternet, notebookInVpc, notebookRootDisabled, notebookKms, notebookImdsv2];
