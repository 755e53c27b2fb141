/**
 * Catalogue rows (see ../catalogue.ts) deliberately not implemented as AWS machine-learning (SageMaker, Bedrock, ECR, other AI services) policies, each with the
 * reason a reader of the README's coverage section needs.
 */
export const omitted: Readonly<Record<string, string>> = {
    "ENC-A26":
        'Not a policy of its own: the bucket an AgentCore browser records sessions to (`recording.s3Location.bucket`) is an AI data store by the dependency graph (rule 3 of "Which resources count as AI"), so every S3 stack control (public access block, KMS encryption, versioning, TLS-only, access logging) already judges it; test/policies/stack/awsAgentic.spec.ts shows it. A bucket named only by a literal, outside the stack, cannot be judged by any policy of this stack.',
};
