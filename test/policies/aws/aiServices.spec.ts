import { UNKNOWN_VALUES } from "../../support/harness";
import { policyCases, usePack } from "../../support/cases";

const ENTITY_RECOGNIZER = "aws:comprehend/entityRecognizer:EntityRecognizer";
const DOCUMENT_CLASSIFIER = "aws:comprehend/documentClassifier:DocumentClassifier";
const INDEX = "aws:kendra/index:Index";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** An entity recognizer as a careful user's program declares it. */
const recognizer = {
    name: "products",
    dataAccessRoleArn: "arn:aws:iam::111122223333:role/comprehend",
    languageCode: "en",
    inputDataConfig: { entityTypes: [{ type: "PRODUCT" }], documents: { s3Uri: "s3://comprehend/docs/" }, entityList: { s3Uri: "s3://comprehend/entities.csv" } },
    modelKmsKeyId: KEY,
    volumeKmsKeyId: KEY,
};
const classifier = {
    name: "tickets",
    dataAccessRoleArn: "arn:aws:iam::111122223333:role/comprehend",
    languageCode: "en",
    inputDataConfig: { s3Uri: "s3://comprehend/train.csv" },
    modelKmsKeyId: KEY,
    volumeKmsKeyId: KEY,
};
const index = { name: "docs", roleArn: "arn:aws:iam::111122223333:role/kendra", edition: "ENTERPRISE_EDITION", serverSideEncryptionConfiguration: { kmsKeyId: KEY } };

function omit(o: Record<string, unknown>, key: string): Record<string, unknown> {
    const copy = { ...o };
    delete copy[key];
    return copy;
}

describe("aws: Comprehend and Kendra", function () {
    const pack = usePack();

    policyCases(pack, "aws-comprehend-model-kms", ENTITY_RECOGNIZER, [
        { kind: "violating", title: "AWS-managed alias", props: { ...recognizer, modelKmsKeyId: "alias/aws/comprehend" }, expect: "violation", message: /AWS-managed key/ },
        { kind: "compliant", title: "customer-managed key", props: recognizer, expect: "pass" },
        { kind: "compliant", title: "document classifier", type: DOCUMENT_CLASSIFIER, props: classifier, expect: "pass" },
        { kind: "absent", title: "no key", props: omit(recognizer, "modelKmsKeyId"), expect: "violation", message: /modelKmsKeyId is not set/ },
        { kind: "absent", title: "document classifier without a key", type: DOCUMENT_CLASSIFIER, props: omit(classifier, "modelKmsKeyId"), expect: "violation" },
        { kind: "unknown", title: "unknown", props: { ...recognizer, modelKmsKeyId: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "a list", props: { ...recognizer, modelKmsKeyId: [KEY] }, expect: "malformed", message: /cannot evaluate modelKmsKeyId/ },
    ]);

    policyCases(pack, "aws-comprehend-volume-kms", DOCUMENT_CLASSIFIER, [
        {
            kind: "violating",
            title: "AWS-managed alias ARN",
            props: { ...classifier, volumeKmsKeyId: "arn:aws:kms:eu-west-1:111122223333:alias/aws/ebs" },
            expect: "violation",
            message: /AWS-managed key/,
        },
        { kind: "compliant", title: "customer-managed key", props: classifier, expect: "pass" },
        { kind: "absent", title: "no key", props: omit(classifier, "volumeKmsKeyId"), expect: "violation", message: /volumeKmsKeyId is not set/ },
        { kind: "unknown", title: "unknown", type: ENTITY_RECOGNIZER, props: { ...recognizer, volumeKmsKeyId: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "a boolean", props: { ...classifier, volumeKmsKeyId: true }, expect: "malformed" },
    ]);

    policyCases(pack, "aws-kendra-index-kms", INDEX, [
        {
            kind: "violating",
            title: "AWS-managed alias",
            props: { ...index, serverSideEncryptionConfiguration: { kmsKeyId: "alias/aws/kendra" } },
            expect: "violation",
            message: /AWS-managed key/,
        },
        { kind: "compliant", title: "customer-managed key", props: index, expect: "pass" },
        {
            kind: "absent",
            title: "no encryption configuration",
            props: omit(index, "serverSideEncryptionConfiguration"),
            expect: "violation",
            message: /serverSideEncryptionConfiguration.kmsKeyId is not set/,
        },
        { kind: "unknown", title: "unknown", props: { ...index, serverSideEncryptionConfiguration: { kmsKeyId: UNKNOWN_VALUES.string } }, expect: "unknown" },
        {
            kind: "malformed",
            title: "configuration is a string",
            props: { ...index, serverSideEncryptionConfiguration: KEY },
            expect: "malformed",
            message: /serverSideEncryptionConfiguration/,
        },
    ]);
});
