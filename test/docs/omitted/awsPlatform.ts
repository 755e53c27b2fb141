/**
 * Catalogue rows (see ../catalogue.ts) deliberately not implemented as AWS platform (S3, IAM, KMS, EFS, CloudTrail, CloudWatch) policies, each with the
 * reason a reader of the README's coverage section needs.
 */
export const omitted: Readonly<Record<string, string>> = {};
