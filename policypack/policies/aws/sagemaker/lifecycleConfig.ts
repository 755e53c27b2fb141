/**
 * Lifecycle configurations of SageMaker notebook instances and Studio: shell scripts run as root
 * when a notebook or app starts. They must not carry credentials in plain text.
 */
import { resourcePolicy } from "../../../lib/policy";
import { DOCS, scriptSecretsCheck } from "./util";

const NOTEBOOK_LCC = "aws:sagemaker/notebookInstanceLifecycleConfiguration:NotebookInstanceLifecycleConfiguration";
const STUDIO_LCC = "aws:sagemaker/studioLifecycleConfig:StudioLifecycleConfig";

export const lifecycleConfigNoSecrets = resourcePolicy({
    name: "aws-sagemaker-lifecycle-config-no-secrets",
    description: "SageMaker notebook and Studio lifecycle scripts must not hold plain-text secrets.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ACC-A21"],
    theme: "access",
    resourceTypes: [NOTEBOOK_LCC, STUDIO_LCC],
    remediationSteps:
        "Remove the secret from the script (`onCreate`, `onStart` or `studioLifecycleConfigContent`); store it in AWS Secrets Manager and fetch it in the script with `aws secretsmanager get-secret-value`, using the notebook's execution role.",
    url: `${DOCS}notebook-lifecycle-config.html`,
    validate(r) {
        const fix = "Fetch it from AWS Secrets Manager at run time instead.";
        if (r.type === STUDIO_LCC) {
            scriptSecretsCheck(r, "studioLifecycleConfigContent", fix);
        } else {
            scriptSecretsCheck(r, "onCreate", fix);
            scriptSecretsCheck(r, "onStart", fix);
        }
    },
});

export const lifecycleConfigPolicies = [lifecycleConfigNoSecrets];
