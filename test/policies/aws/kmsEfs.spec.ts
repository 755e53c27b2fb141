import * as assert from "assert";
import { UNKNOWN_VALUES } from "../../support/harness";
import { policyCases, usePack } from "../../support/cases";
import { scopeCases } from "../../support/scope";

const KEY = "aws:kms/key:Key";
const KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";
const FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";
const ACCESS_POINT = "aws:efs/accessPoint:AccessPoint";
const ACCOUNT = "111122223333";
const KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const keyPolicyDoc = {
    Version: "2012-10-17",
    Statement: [
        { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
        { Sid: "Training", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/sagemaker-training` }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*" },
    ],
};
const publicKeyStatement = { Sid: "Anyone", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" };

/** A key for training data as a careful program declares it. */
const key = {
    description: "training data",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: JSON.stringify(keyPolicyDoc),
    tags: { "ai-workload": "training" },
};

describe("aws: KMS keys", function () {
    const pack = usePack();

    policyCases(pack, "aws-kms-key-rotation", KEY, [
        { kind: "violating", title: "rotation off", props: { ...key, enableKeyRotation: false }, expect: "violation", message: /enableKeyRotation is false/ },
        { kind: "compliant", title: "rotation on", props: key, expect: "pass" },
        {
            kind: "compliant",
            title: "explicit SYMMETRIC_DEFAULT with a rotation period",
            props: { ...key, customerMasterKeySpec: "SYMMETRIC_DEFAULT", rotationPeriodInDays: 180 },
            expect: "pass",
        },
        {
            kind: "compliant",
            title: "asymmetric signing keys cannot rotate",
            props: { ...key, enableKeyRotation: false, customerMasterKeySpec: "RSA_3072", keyUsage: "SIGN_VERIFY" },
            expect: "not-applicable",
        },
        {
            kind: "compliant",
            title: "keys in a custom key store cannot rotate automatically",
            props: { ...key, enableKeyRotation: false, customKeyStoreId: "cks-1234567890abcdef0" },
            expect: "not-applicable",
        },
        {
            kind: "absent",
            title: "not set: AWS default false",
            props: { description: "k", tags: key.tags },
            expect: "violation",
            message: /enableKeyRotation is not set \(AWS default: false\)/,
        },
        { kind: "unknown", title: "rotation unknown", props: { ...key, enableKeyRotation: UNKNOWN_VALUES.bool }, expect: "unknown" },
        { kind: "unknown", title: "key spec unknown", props: { ...key, enableKeyRotation: false, customerMasterKeySpec: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "rotation is a number", props: { ...key, enableKeyRotation: 1 }, expect: "malformed" },
    ]);

    policyCases(pack, "aws-kms-key-policy-no-public-access", KEY, [
        {
            kind: "violating",
            title: 'Principal "*"',
            props: { ...key, policy: JSON.stringify({ ...keyPolicyDoc, Statement: [...keyPolicyDoc.Statement, publicKeyStatement] }) },
            expect: "violation",
            message: /statement 3 allows Principal "\*"/,
        },
        {
            kind: "violating",
            title: "a KeyPolicy resource carries no tags, so every one is judged",
            type: KEY_POLICY,
            props: { keyId: "k", policy: JSON.stringify({ Version: "2012-10-17", Statement: publicKeyStatement }) },
            expect: "violation",
        },
        {
            kind: "violating",
            title: "ReplicaKey",
            type: "aws:kms/replicaKey:ReplicaKey",
            props: { primaryKeyArn: KEY_ARN, policy: JSON.stringify({ Version: "2012-10-17", Statement: [publicKeyStatement] }), tags: key.tags },
            expect: "violation",
        },
        { kind: "compliant", title: "account root and a role", props: key, expect: "pass" },
        {
            kind: "compliant",
            title: '"*" narrowed by kms:CallerAccount',
            props: {
                ...key,
                policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ ...publicKeyStatement, Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT } } }] }),
            },
            expect: "pass",
        },
        {
            kind: "absent",
            title: "no policy: the default key policy trusts only the account",
            props: { description: "k", enableKeyRotation: true, tags: key.tags },
            expect: "pass",
        },
        { kind: "unknown", title: "policy from outputs", props: { ...key, policy: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "invalid JSON", props: { ...key, policy: "{" }, expect: "malformed", message: /cannot evaluate policy/ },
    ]);

    policyCases(pack, "aws-kms-key-deletion-window", KEY, [
        {
            kind: "violating",
            title: "7 days",
            props: { ...key, deletionWindowInDays: 7 },
            expect: "violation",
            message: /deletionWindowInDays is set to fewer days than the minimum of 30/,
        },
        { kind: "compliant", title: "30 days", props: key, expect: "pass" },
        {
            kind: "violating",
            title: "ExternalKey with 7 days",
            type: "aws:kms/externalKey:ExternalKey",
            props: { description: "imported", deletionWindowInDays: 7, tags: key.tags },
            expect: "violation",
        },
        { kind: "absent", title: "not set: AWS default 30", props: { description: "k", tags: key.tags }, expect: "pass" },
        { kind: "unknown", title: "unknown", props: { ...key, deletionWindowInDays: UNKNOWN_VALUES.number }, expect: "unknown" },
        { kind: "malformed", title: "a word", props: { ...key, deletionWindowInDays: "thirty" }, expect: "malformed" },
    ]);

    describe("remediation with a lower minimum (the general proofs are in platformRemediation.spec.ts)", () => {
        const fixing = usePack({ "aws-kms-key-deletion-window": { enforcementLevel: "remediate", minimumDeletionWindowDays: 14 } });
        it("raises a short window to the minimum and never lowers a longer one", async () => {
            const fixOf = async (days: number) =>
                (await fixing().remediate({ type: KEY, name: "k", properties: { ...key, deletionWindowInDays: days } })).find(
                    (x) => x.policyName === "aws-kms-key-deletion-window" && x.properties,
                )?.properties;
            assert.strictEqual((await fixOf(7))?.deletionWindowInDays, 14);
            assert.strictEqual(await fixOf(20), undefined);
        });
    });

    describe("with a lower minimum", () => {
        const lenient = usePack({ "aws-kms-key-deletion-window": { minimumDeletionWindowDays: 14 } });
        policyCases(lenient, "aws-kms-key-deletion-window", KEY, [
            { kind: "compliant", title: "20 days", props: { ...key, deletionWindowInDays: 20 }, expect: "pass" },
            { kind: "violating", title: "10 days", props: { ...key, deletionWindowInDays: 10 }, expect: "violation", message: /minimum of 14/ },
        ]);
    });
});

describe("aws: EFS", function () {
    const pack = usePack();
    /** A shared training-data file system as a careful program declares it. */
    const fileSystem = { creationToken: "training", encrypted: true, kmsKeyId: KEY_ARN, tags: { "ai-workload": "training-data" } };
    /** An access point of that file system, tagged as an AI data store itself (it has tags of its own). */
    const accessPoint = {
        fileSystemId: "fs-0abc",
        tags: { "ai-workload": "training-data" },
        posixUser: { uid: 1001, gid: 1001 },
        rootDirectory: { path: "/training", creationInfo: { ownerUid: 1001, ownerGid: 1001, permissions: "750" } },
    };

    policyCases(pack, "aws-efs-encrypted", FILE_SYSTEM, [
        { kind: "violating", title: "encrypted false", props: { ...fileSystem, encrypted: false }, expect: "violation", message: /encrypted is false/ },
        { kind: "compliant", title: "encrypted", props: fileSystem, expect: "pass" },
        { kind: "absent", title: "not set: AWS default false", props: { creationToken: "x", tags: fileSystem.tags }, expect: "violation", message: /AWS default: false/ },
        { kind: "unknown", title: "unknown", props: { ...fileSystem, encrypted: UNKNOWN_VALUES.bool }, expect: "unknown" },
        { kind: "malformed", title: "a string", props: { ...fileSystem, encrypted: "yes" }, expect: "malformed" },
    ]);

    policyCases(pack, "aws-efs-cmk", FILE_SYSTEM, [
        {
            kind: "violating",
            title: "AWS-managed key",
            props: { ...fileSystem, kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:alias/aws/elasticfilesystem" },
            expect: "violation",
            message: /AWS-managed key/,
        },
        { kind: "compliant", title: "customer-managed key", props: fileSystem, expect: "pass" },
        { kind: "compliant", title: "untagged file systems are out of scope", props: { creationToken: "home", encrypted: true }, expect: "not-applicable" },
        { kind: "absent", title: "no key", props: { creationToken: "training", encrypted: true, tags: fileSystem.tags }, expect: "violation", message: /kmsKeyId is not set/ },
        { kind: "unknown", title: "key unknown", props: { ...fileSystem, kmsKeyId: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "key is a number", props: { ...fileSystem, kmsKeyId: 5 }, expect: "malformed" },
    ]);

    policyCases(pack, "aws-efs-access-point-root-directory", ACCESS_POINT, [
        {
            kind: "violating",
            title: 'path "/"',
            props: { ...accessPoint, rootDirectory: { path: "/" } },
            expect: "violation",
            message: /rootDirectory\.path is set to the file system root/,
        },
        { kind: "compliant", title: "a sub-directory", props: accessPoint, expect: "pass" },
        {
            kind: "absent",
            title: "no root directory: AWS default /",
            props: { fileSystemId: "fs-0abc", posixUser: accessPoint.posixUser, tags: accessPoint.tags },
            expect: "violation",
            message: /AWS default: "\/"/,
        },
        { kind: "unknown", title: "unknown", props: { ...accessPoint, rootDirectory: { path: UNKNOWN_VALUES.string } }, expect: "unknown" },
        { kind: "malformed", title: "path is a list", props: { ...accessPoint, rootDirectory: { path: ["/a"] } }, expect: "malformed" },
    ]);

    policyCases(pack, "aws-efs-access-point-posix-user", ACCESS_POINT, [
        { kind: "violating", title: "root uid", props: { ...accessPoint, posixUser: { uid: 0, gid: 0 } }, expect: "violation", message: /posixUser\.uid is 0/ },
        { kind: "compliant", title: "a dedicated uid", props: accessPoint, expect: "pass" },
        {
            kind: "absent",
            title: "no POSIX user",
            props: { fileSystemId: "fs-0abc", rootDirectory: accessPoint.rootDirectory, tags: accessPoint.tags },
            expect: "violation",
            message: /posixUser is not set/,
        },
        { kind: "unknown", title: "POSIX user unknown", props: { ...accessPoint, posixUser: UNKNOWN_VALUES.object }, expect: "unknown" },
        { kind: "malformed", title: "uid is a word", props: { ...accessPoint, posixUser: { uid: "root", gid: 0 } }, expect: "malformed" },
    ]);
});

/** The same resources of a stack without AI (a web application's key and home directories): no AI tag. */
const webKey = { description: "web sessions", tags: { team: "web" } };
const publicKeyPolicy = JSON.stringify({ Version: "2012-10-17", Statement: [publicKeyStatement] });
scopeCases({ policy: "aws-kms-key-rotation", type: KEY, untagged: { ...webKey, enableKeyRotation: false }, remediable: true });
scopeCases({ policy: "aws-kms-key-policy-no-public-access", type: KEY, untagged: { ...webKey, policy: publicKeyPolicy } });
scopeCases({ policy: "aws-kms-key-policy-no-public-access", type: "aws:kms/externalKey:ExternalKey", untagged: { ...webKey, policy: publicKeyPolicy } });
scopeCases({ policy: "aws-kms-key-deletion-window", type: KEY, untagged: { ...webKey, deletionWindowInDays: 7 }, remediable: true });
scopeCases({ policy: "aws-kms-key-deletion-window", type: "aws:kms/replicaKey:ReplicaKey", untagged: { ...webKey, primaryKeyArn: KEY_ARN, deletionWindowInDays: 7 } });
scopeCases({ policy: "aws-efs-encrypted", type: FILE_SYSTEM, untagged: { creationToken: "web-home", encrypted: false, tags: { team: "web" } } });
scopeCases({ policy: "aws-efs-access-point-root-directory", type: ACCESS_POINT, untagged: { fileSystemId: "fs-0web", rootDirectory: { path: "/" }, tags: { team: "web" } } });
scopeCases({ policy: "aws-efs-access-point-posix-user", type: ACCESS_POINT, untagged: { fileSystemId: "fs-0web", posixUser: { uid: 0, gid: 0 }, tags: { team: "web" } } });
