/**
 * Amazon Kendra indexes: the searchable copy of your documents behind retrieval-augmented
 * generation. The index is encrypted with a customer-managed key.
 */
import { resourcePolicy } from "../../../lib/policy";
import { kmsKeyCheck, KmsKnobs, kmsKnobs } from "../common";

const INDEX = "aws:kendra/index:Index";

export const kendraIndexKms = resourcePolicy<KmsKnobs>({
    name: "aws-kendra-index-kms",
    description: "Amazon Kendra indexes must be encrypted with a customer-managed KMS key.",
    severity: "low",
    guidelines: ["DEV-2"],
    controls: ["ENC-A19"],
    theme: "encryption",
    resourceTypes: [INDEX],
    config: kmsKnobs,
    remediationSteps: "Set `serverSideEncryptionConfiguration: { kmsKeyId: <customer-managed symmetric key ARN> }` (it can only be chosen when the index is created).",
    url: "https://docs.aws.amazon.com/kendra/latest/dg/encryption-at-rest.html",
    validate(r) {
        kmsKeyCheck(r, r.config, "serverSideEncryptionConfiguration.kmsKeyId", "the indexed copy of your documents is encrypted only with a key AWS owns");
    },
});

export const kendraPolicies = [kendraIndexKms];
