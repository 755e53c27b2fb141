/**
 * Where settings live on the two S3 bucket resources of @pulumi/aws v7. `aws:s3/bucket:Bucket` and
 * the deprecated `aws:s3/bucketV2:BucketV2` share a canonical token but not their inline shapes:
 * Bucket uses single objects (`serverSideEncryptionConfiguration.rule`), BucketV2 plural lists
 * (`serverSideEncryptionConfigurations[].rules[]`).
 */
export const BUCKET = "aws:s3/bucket:Bucket";
export const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";

/** True for the deprecated BucketV2 token, whose inline settings are lists. */
export function isBucketV2(type: string): boolean {
    return type === BUCKET_V2;
}

export const S3_DOCS = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/";
