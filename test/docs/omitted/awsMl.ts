/**
 * Catalogue rows (see ../catalogue.ts) deliberately not implemented as AWS machine-learning (SageMaker, Bedrock, ECR, other AI services) policies, each with the
 * reason a reader of the README's coverage section needs.
 */
export const omitted: Readonly<Record<string, string>> = {};
