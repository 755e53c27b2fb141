/**
 * Amazon Comprehend custom models (entity recognizers, document classifiers): trained on your
 * labelled documents. The trained model and the training instances' volumes are encrypted with
 * customer-managed keys.
 */
import { resourcePolicy } from "../../../lib/policy";
import { kmsKeyCheck, KmsKnobs, kmsKnobs } from "../common";

const ENTITY_RECOGNIZER = "aws:comprehend/entityRecognizer:EntityRecognizer";
const DOCUMENT_CLASSIFIER = "aws:comprehend/documentClassifier:DocumentClassifier";
const DOCS = "https://docs.aws.amazon.com/comprehend/latest/dg/kms-in-comprehend.html";

export const comprehendModelKms = resourcePolicy<KmsKnobs>({
    name: "aws-comprehend-model-kms",
    description: "Amazon Comprehend custom models must be encrypted with a customer-managed KMS key.",
    severity: "low",
    guidelines: ["DEV-2"],
    controls: ["ENC-A19"],
    theme: "encryption",
    resourceTypes: [ENTITY_RECOGNIZER, DOCUMENT_CLASSIFIER],
    config: kmsKnobs,
    remediationSteps: "Set `modelKmsKeyId` to the ARN of a customer-managed KMS key.",
    url: DOCS,
    validate(r) {
        kmsKeyCheck(r, r.config, "modelKmsKeyId", "the trained model, which reflects your labelled documents, is encrypted only with a key AWS manages");
    },
});

export const comprehendVolumeKms = resourcePolicy<KmsKnobs>({
    name: "aws-comprehend-volume-kms",
    description: "Amazon Comprehend custom model training must encrypt its storage volumes with a customer-managed KMS key.",
    severity: "low",
    guidelines: ["DEV-2"],
    controls: ["ENC-A19"],
    theme: "encryption",
    resourceTypes: [ENTITY_RECOGNIZER, DOCUMENT_CLASSIFIER],
    config: kmsKnobs,
    remediationSteps: "Set `volumeKmsKeyId` to the ARN of a customer-managed KMS key.",
    url: DOCS,
    validate(r) {
        kmsKeyCheck(r, r.config, "volumeKmsKeyId", "training documents on the processing volumes are encrypted only with a key AWS manages");
    },
});

export const comprehendPolicies = [comprehendModelKms, comprehendVolumeKms];
