import { UNKNOWN_VALUES } from "../../support/harness";
import { policyCases, usePack } from "../../support/cases";

const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const ALL_ON = { bucket: "training-data-111122223333", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

describe("aws: S3 public access blocks", function () {
    const pack = usePack();

    policyCases(pack, "aws-s3-public-access-block-all-on", PAB, [
        {
            kind: "violating",
            title: "restrictPublicBuckets false",
            props: { ...ALL_ON, restrictPublicBuckets: false },
            expect: "violation",
            message: /restrictPublicBuckets \(false\)/,
        },
        { kind: "compliant", title: "all four on", props: ALL_ON, expect: "pass" },
        { kind: "compliant", title: "all four on, bucket name unknown in preview", props: { ...ALL_ON, bucket: UNKNOWN_VALUES.string }, expect: "pass" },
        {
            kind: "absent",
            title: "only blockPublicAcls set: the rest default to false",
            props: { bucket: "b", blockPublicAcls: true },
            expect: "violation",
            message: /blockPublicPolicy \(not set, AWS default: false\), ignorePublicAcls/,
        },
        { kind: "unknown", title: "one flag computed", props: { ...ALL_ON, ignorePublicAcls: UNKNOWN_VALUES.bool }, expect: "unknown", message: /ignorePublicAcls/ },
        { kind: "malformed", title: "a flag given as a number", props: { ...ALL_ON, blockPublicPolicy: 0 }, expect: "malformed", message: /cannot evaluate blockPublicPolicy/ },
        {
            kind: "violating",
            title: "account-level block with a flag off",
            type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
            props: { blockPublicAcls: false, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            expect: "violation",
        },
    ]);
});
