/**
 * The operating system platform of SageMaker notebook instances: the Amazon Linux 2 platforms
 * (including the SDK's default, `notebook-al2-v3`) are being retired with Amazon Linux 2, so
 * notebooks run on Amazon Linux 2023 (Security Hub SageMaker.8 accepts only `notebook-al2023-v1`).
 */
import { resourcePolicy } from "../../../lib/policy";
import { DOCS } from "./util";

const NOTEBOOK = "aws:sagemaker/notebookInstance:NotebookInstance";
/** The SDK's documented default when platformIdentifier is not set. */
const DEFAULT_PLATFORM = "notebook-al2-v3";

export const notebookSupportedPlatform = resourcePolicy<{ allowedPlatforms: string[] }>({
    name: "aws-sagemaker-notebook-supported-platform",
    description: "SageMaker notebook instances must run on a supported platform.",
    severity: "medium",
    guidelines: ["OPS-3", "DEV-4"],
    controls: ["SUP-A05"],
    theme: "supply-chain",
    resourceTypes: [NOTEBOOK],
    config: {
        allowedPlatforms: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: ["notebook-al2023-v1"],
            description:
                "Accepted platformIdentifier values (the deprecated notebook-al1-v1, notebook-al2-v1 and notebook-al2-v2, and notebook-al2-v3, run on Amazon Linux versions without standard support).",
        },
    },
    remediationSteps: 'Set `platformIdentifier: "notebook-al2023-v1"` (this replaces the notebook instance: keep its data in S3 or a code repository).',
    url: `${DOCS}nbi-al2.html`,
    validate(r) {
        const platform = r.string("platformIdentifier");
        if (!platform) {
            return;
        }
        const allowed = r.config.allowedPlatforms.map((p) => p.toLowerCase());
        if (allowed.includes((platform.value ?? DEFAULT_PLATFORM).toLowerCase())) {
            return;
        }
        const what = platform.absent ? `platformIdentifier is not set (AWS default: "${DEFAULT_PLATFORM}")` : "platformIdentifier is not one of allowedPlatforms";
        r.violation(
            `${what}: the notebook runs on an operating system that no longer gets (or will soon stop getting) security updates. Set it to one of: ${r.config.allowedPlatforms.join(", ")}.`,
        );
    },
});

export const notebookPlatformPolicies = [notebookSupportedPlatform];
