import * as assert from "assert";
import { UNKNOWN_VALUES } from "../../support/harness";
import { usePack } from "../../support/cases";
import {
    assertClean,
    assertExactly,
    assertNoViolation,
    assertUnknowns,
    awsStack,
    byName,
    OmissionCase,
    omissionCases,
    urnByName,
    findings,
    patch,
    preview,
    protectedBucket,
    replace,
    res,
    T,
    tlsPolicy,
    trailSelectors,
    urnOf,
    without,
    withoutGraph,
} from "./support";

const S3_POLICIES = new Set([
    "aws-s3-ai-bucket-public-access-block",
    "aws-s3-ai-bucket-kms-encryption",
    "aws-s3-ai-bucket-versioning",
    "aws-s3-ai-bucket-tls-only",
    "aws-s3-ai-bucket-access-logging",
]);

const u = urnByName;

describe("stack: AWS ML platform", function () {
    const pack = usePack();
    const base = awsStack();

    it("a compliant stack gives no finding", async () => {
        assertClean(await pack().analyzeStack(base));
    });

    describe("each single omission gives exactly its violation, on the offending resource", () => {
        const cases: OmissionCase[] = [
            {
                title: "no public access block",
                stack: () => without(base, "training-data-pab"),
                expect: [{ policy: "aws-s3-ai-bucket-public-access-block", on: "training-data", message: /no public access block applies to it/ }],
            },
            {
                title: "no encryption configuration",
                stack: () => without(base, "training-data-sse"),
                expect: [{ policy: "aws-s3-ai-bucket-kms-encryption", on: "training-data", message: /AWS default: SSE-S3/ }],
            },
            {
                title: "encryption with S3-managed keys",
                stack: () => patch(base, "training-data-sse", (p) => ({ ...p, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] })),
                expect: [{ policy: "aws-s3-ai-bucket-kms-encryption", on: "training-data-sse", message: /sseAlgorithm is "AES256"/ }],
            },
            {
                title: "SSE-KMS with the AWS-managed key",
                stack: () => patch(base, "training-data-sse", (p) => ({ ...p, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] })),
                expect: [{ policy: "aws-s3-ai-bucket-kms-encryption", on: "training-data-sse", message: /kmsMasterKeyId is not set/ }],
            },
            {
                title: "no versioning",
                stack: () => without(base, "training-data-versioning"),
                expect: [{ policy: "aws-s3-ai-bucket-versioning", on: "training-data", message: /unversioned/ }],
            },
            {
                title: "versioning suspended",
                stack: () => patch(base, "training-data-versioning", (p) => ({ ...p, versioningConfiguration: { status: "Suspended" } })),
                expect: [{ policy: "aws-s3-ai-bucket-versioning", on: "training-data-versioning", message: /status is "Suspended"/ }],
            },
            {
                title: "no bucket policy",
                stack: () => without(base, "training-data-policy"),
                expect: [{ policy: "aws-s3-ai-bucket-tls-only", on: "training-data", message: /aws:SecureTransport/ }],
            },
            {
                title: "a bucket policy without the TLS statement",
                stack: () =>
                    patch(base, "training-data-policy", (p) => ({
                        ...p,
                        policy: JSON.stringify({
                            Version: "2012-10-17",
                            Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "s3:GetObject", Resource: "*" }],
                        }),
                    })),
                expect: [{ policy: "aws-s3-ai-bucket-tls-only", on: "training-data" }],
            },
            { title: "no access logging", stack: () => without(base, "training-data-logging"), expect: [{ policy: "aws-s3-ai-bucket-access-logging", on: "training-data" }] },
            {
                title: "no CloudTrail",
                stack: () => without(base, "audit-trail"),
                expect: [{ policy: "aws-cloudtrail-ai-stack-trail", on: "fraud-model", message: /no CloudTrail trail/ }],
            },
            {
                title: "trail without S3 data events",
                stack: () =>
                    replace(base, "audit-trail", (r) => ({
                        ...r,
                        properties: { ...r.properties, advancedEventSelectors: trailSelectors(undefined).filter((sel) => sel.name !== "AWS::S3::Object") },
                        propertyDependencies: { ...r.propertyDependencies, advancedEventSelectors: [] },
                        dependencies: (r.dependencies ?? []).filter((d) => d !== u(base, "training-data")),
                    })),
                expect: [{ policy: "aws-cloudtrail-ai-bucket-data-events", on: "training-data" }],
            },
            {
                title: "endpoint configuration without data capture",
                stack: () => patch(base, "fraud-endpoint-config", (p) => ({ ...p, dataCaptureConfig: { ...(p.dataCaptureConfig as object), enableCapture: false } })),
                expect: [
                    { policy: "aws-sagemaker-endpoint-data-capture", on: "fraud-endpoint", message: /"fraud-endpoint-config", whose dataCaptureConfig.enableCapture is false/ },
                ],
            },
            {
                title: "no monitoring schedule",
                stack: () => without(base, "fraud-endpoint-monitoring"),
                expect: [{ policy: "aws-sagemaker-endpoint-monitoring-schedule", on: "fraud-endpoint" }],
            },
            { title: "no model card", stack: () => without(base, "fraud-model-card"), expect: [{ policy: "aws-sagemaker-model-card", on: "fraud-model" }] },
            {
                title: "no invocation logging",
                stack: () => without(base, "bedrock-invocation-logging"),
                expect: [{ policy: "aws-bedrock-invocation-logging", on: "support-agent", message: /2 resources/ }],
            },
            {
                title: "invocation logging without destinations",
                stack: () => patch(base, "bedrock-invocation-logging", () => ({ loggingConfig: { textDataDeliveryEnabled: true } })),
                expect: [{ policy: "aws-bedrock-invocation-logging", on: "bedrock-invocation-logging", message: /neither/ }],
            },
            {
                title: "text delivery turned off",
                stack: () => patch(base, "bedrock-invocation-logging", (p) => ({ loggingConfig: { ...(p.loggingConfig as object), textDataDeliveryEnabled: false } })),
                expect: [{ policy: "aws-bedrock-invocation-logging", on: "bedrock-invocation-logging", message: /textDataDeliveryEnabled is false/ }],
            },
            {
                title: "an invocation log group that nothing else marks as AI, without KMS",
                stack: () => patch(base, "bedrock-invocations", ({ kmsKeyId: _, ...p }) => ({ ...p, tags: { owner: "ml-platform", "data-classification": "confidential" } })),
                expect: [
                    { policy: "aws-bedrock-invocation-log-group-kms", on: "bedrock-invocations", message: /kmsKeyId is not set/ },
                    { policy: "ai-data-stores-tagged", on: "bedrock-invocations" },
                ],
            },
            {
                title: "two agents share a role",
                stack: () =>
                    replace(base, "triage-agent", (r) => ({
                        ...r,
                        properties: { ...r.properties, agentResourceRoleArn: byName(base, "support-agent-role").properties.arn },
                        propertyDependencies: { agentResourceRoleArn: [u(base, "support-agent-role")] },
                        dependencies: [u(base, "support-agent-role")],
                    })),
                expect: [
                    { policy: "aws-bedrock-agent-dedicated-role", on: "support-agent", message: /shares its service role with 1 other agent/ },
                    { policy: "aws-bedrock-agent-dedicated-role", on: "triage-agent" },
                ],
            },
            {
                title: "no ECR lifecycle policy",
                stack: () => without(base, "model-images-lifecycle"),
                expect: [{ policy: "aws-ecr-ai-repository-lifecycle-policy", on: "model-images" }],
            },
            {
                title: "no registry scanning configuration",
                stack: () => without(base, "registry-scanning"),
                expect: [{ policy: "aws-ecr-registry-enhanced-scanning", on: "model-images" }],
            },
            {
                title: "basic registry scanning",
                stack: () => patch(base, "registry-scanning", (p) => ({ ...p, scanType: "BASIC" })),
                expect: [{ policy: "aws-ecr-registry-enhanced-scanning", on: "registry-scanning", message: /scanType is "BASIC"/ }],
            },
            { title: "no signing profile", stack: () => without(base, "image-signing"), expect: [{ policy: "aws-signer-ai-image-signing-profile", on: "model-images" }] },
            {
                title: "no EFS backup policy",
                stack: () => without(base, "notebook-home-backup"),
                expect: [{ policy: "aws-efs-ai-file-system-backup-policy", on: "notebook-home" }],
            },
            {
                title: "EFS backups disabled",
                stack: () => patch(base, "notebook-home-backup", (p) => ({ ...p, backupPolicy: { status: "DISABLED" } })),
                expect: [{ policy: "aws-efs-ai-file-system-backup-policy", on: "notebook-home-backup" }],
            },
            {
                title: "no backup selection",
                stack: () => without(base, "ml-data-selection"),
                expect: [
                    { policy: "aws-backup-ai-data-selected", on: "training-data" },
                    { policy: "aws-backup-ai-data-selected", on: "notebook-home" },
                ],
            },
            { title: "no vault lock", stack: () => without(base, "ml-backups-lock"), expect: [{ policy: "aws-backup-ai-vault-lock", on: "ml-backups" }] },
            {
                title: "no replication of model artefacts",
                stack: () => without(base, "training-data-replication"),
                expect: [{ policy: "aws-s3-model-artifact-bucket-replication", on: "training-data" }],
            },
            {
                title: "no VPC endpoint for the SageMaker runtime",
                stack: () => without(base, "vpce-sagemaker-runtime"),
                expect: [{ policy: "aws-vpc-ai-service-endpoints", on: "fraud-model", message: /no interface endpoint for sagemaker\.runtime/ }],
            },
            {
                title: "a Bedrock VPC endpoint without private DNS",
                stack: () => patch(base, "vpce-bedrock-runtime", (p) => ({ ...p, privateDnsEnabled: false })),
                expect: [{ policy: "aws-vpc-ai-service-endpoints", on: "vpce-bedrock-runtime", message: /privateDnsEnabled is false/ }],
            },
            {
                title: "model without inventory tags",
                stack: () => patch(base, "fraud-model", (p) => ({ ...p, tags: { owner: "ml-platform" } })),
                expect: [{ policy: "ai-assets-required-tags", on: "fraud-model", message: /lacks the tag "data-classification"/ }],
            },
            {
                title: "a key the endpoint configuration uses is not tagged as AI",
                stack: () => patch(base, "ml-key", (p) => ({ ...p, tags: { owner: "ml-platform", "data-classification": "confidential" } })),
                expect: [{ policy: "ai-data-stores-tagged", on: "ml-key", message: /used by the AI resource/ }],
            },
        ];
        omissionCases(pack, cases);
    });

    describe("the S3 family reads every shape of a bucket's protection", () => {
        const allStores = usePack({ "aws-s3-ai-bucket-kms-encryption": { allDataStores: true } });
        const key = byName(base, "ml-key");
        it("deprecated BucketV2 with V2 configuration resources", async () => {
            const v2 = protectedBucket("features", key, { bucketType: T.bucketV2 }).map((r) =>
                r.type === T.sse
                    ? { ...r, type: T.sseV2, urn: urnOf(T.sseV2, r.name) }
                    : r.type === T.versioning
                      ? { ...r, type: T.versioningV2, urn: urnOf(T.versioningV2, r.name) }
                      : r,
            );
            assert.deepStrictEqual(findings(await pack().analyzeStack([key, ...v2]), S3_POLICIES), []);
        });
        it("inline arguments of Bucket (single objects)", async () => {
            const arn = "arn:aws:s3:::inline-111122223333";
            const bucket = res(T.bucket, "inline", {
                bucket: "inline-111122223333",
                arn,
                tags: { "ai-workload": "true", owner: "a", "data-classification": "b" },
                serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.properties.arn } } },
                versioning: { enabled: true, mfaDelete: false },
                policy: JSON.stringify(tlsPolicy(arn)),
                logging: { targetBucket: "access-logs-111122223333", targetPrefix: "inline/" },
            });
            const pab = res(
                T.pab,
                "inline-pab",
                { bucket: "inline-111122223333", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
                { bucket },
            );
            assert.deepStrictEqual(findings(await pack().analyzeStack([key, bucket, pab]), S3_POLICIES), []);
        });
        it("inline arguments of BucketV2 (lists)", async () => {
            const arn = "arn:aws:s3:::inline2-111122223333";
            const bucket = res(T.bucketV2, "inline2", {
                bucket: "inline2-111122223333",
                arn,
                tags: { "ai-workload": "true", owner: "a", "data-classification": "b" },
                serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: key.properties.arn }] }] }],
                versionings: [{ enabled: true }],
                policy: JSON.stringify(tlsPolicy(arn)),
                loggings: [{ targetBucket: "access-logs-111122223333" }],
            });
            const pab = res(
                T.pab,
                "inline2-pab",
                { bucket: "inline2-111122223333", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
                { bucket },
            );
            assert.deepStrictEqual(findings(await pack().analyzeStack([key, bucket, pab]), S3_POLICIES), []);
        });
        const weakInline = {
            bucket: "weak-1",
            serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } },
            versioning: { enabled: false },
        };
        it("inline SSE-S3 and disabled versioning of a bucket that is AI only through the graph are violations on the bucket", async () => {
            const bucket = res(T.bucket, "weak", weakInline);
            const job = res(T.trainingJob, "train", { outputDataConfig: { s3OutputPath: "s3://weak-1/out" } }, { outputDataConfig: bucket });
            const fs = findings(await pack().analyzeStack([bucket, job]), S3_POLICIES);
            assert.deepStrictEqual(fs.map((f) => f.policy).sort(), [...S3_POLICIES].sort());
            assert.ok(fs.every((f) => f.urn === bucket.urn && !f.unknown));
            assert.match(fs.find((f) => f.policy === "aws-s3-ai-bucket-versioning")?.message ?? "", /versioning\.enabled is false/);
            assert.match(fs.find((f) => f.policy === "aws-s3-ai-bucket-kms-encryption")?.message ?? "", /sseAlgorithm is "AES256"/);
        });
        it("the inline settings of a tagged bucket are left to the resource policies (no double report)", async () => {
            const bucket = res(T.bucket, "weak", { ...weakInline, tags: { "ai-workload": "true" } });
            const fs = findings(await pack().analyzeStack([bucket]), new Set(["aws-s3-ai-bucket-kms-encryption", "aws-s3-ai-bucket-versioning"]));
            assert.deepStrictEqual(fs, []);
        });
        it("with allDataStores, attached configuration resources are left to the resource policies", async () => {
            const stack = patch(base, "training-data-sse", (p) => ({ ...p, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }));
            const fs = findings(await allStores().analyzeStack(stack), new Set(["aws-s3-ai-bucket-kms-encryption"]));
            // Every other bucket is now in scope too (and unencrypted); the SSE-S3 configuration itself is not reported here.
            assert.ok(fs.length > 0 && !fs.some((f) => f.urn === u(stack, "training-data-sse") || f.urn === u(stack, "training-data")), JSON.stringify(fs));
        });
        it("an account-level public access block with all four settings covers every bucket", async () => {
            const stack = [
                ...without(base, "training-data-pab"),
                res(T.accountPab, "account-pab", {
                    accountId: "111122223333",
                    blockPublicAcls: true,
                    blockPublicPolicy: true,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: true,
                }),
            ];
            assertClean(await pack().analyzeStack(stack));
        });
        it("an account-level block with a setting off does not cover them", async () => {
            const stack = [
                ...without(base, "training-data-pab"),
                res(T.accountPab, "account-pab", {
                    accountId: "111122223333",
                    blockPublicAcls: true,
                    blockPublicPolicy: false,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: true,
                }),
            ];
            assertExactly(await pack().analyzeStack(stack), [{ policy: "aws-s3-ai-bucket-public-access-block", urn: u(stack, "training-data") }]);
        });
    });

    it("an untagged training-data bucket encrypted with AES256 gets aws-s3-bucket-sse-kms-cmk in the stack pass (lib/handover.ts)", async () => {
        const stack = patch(base, "training-data", ({ tags: _, tagsAll: __, ...p }) => ({
            ...p,
            tags: { owner: "ml-platform" },
            serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } },
        }));
        const fs = findings(await pack().analyzeStack(stack), new Set(["aws-s3-bucket-sse-kms-cmk"]));
        assert.deepStrictEqual(
            fs.map((f) => [f.urn, f.advisory]),
            [[u(stack, "training-data"), false]],
        );
        assert.match(fs[0].message, /Judged as an AI data store: the AI resource "[^"]+" \([A-Za-z]+\) uses it/);
    });

    describe("newly scoped data-store controls: an untagged store the graph proves AI is judged in the stack pass (lib/handover.ts)", () => {
        const PUBLIC_KEY_POLICY = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }] });
        /** A model whose image comes from an untagged repository, served by an endpoint configuration encrypted with an untagged imported key. */
        const small = (repoProps: Record<string, unknown>, keyType: string) => {
            const repo = res(T.repo, "serving-images", { name: "serving-images", repositoryUrl: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/serving-images", ...repoProps });
            const key = res(keyType, "imported-key", { arn: "arn:aws:kms:eu-west-1:111122223333:key/abcd", policy: PUBLIC_KEY_POLICY, tags: { owner: "ml-platform" } });
            const model = res(
                T.model,
                "m",
                { name: "m", primaryContainer: { image: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/serving-images:1.0" } },
                { primaryContainer: repo },
            );
            const config = res(
                T.endpointConfig,
                "ec",
                { kmsKeyArn: key.properties.arn, productionVariants: [{ variantName: "a", modelName: "m" }] },
                { kmsKeyArn: key, productionVariants: model },
            );
            return [repo, key, model, config];
        };
        const HANDED = new Set(["aws-ecr-repository-scan-on-push", "aws-kms-key-policy-no-public-access"]);

        it("an untagged repository without scan on push and an untagged imported key open to everyone: both reported, mandatory, saying why", async () => {
            const stack = small({ imageScanningConfiguration: { scanOnPush: false }, tags: { owner: "ml-platform" } }, "aws:kms/externalKey:ExternalKey");
            const fs = findings(await pack().analyzeStack(stack), HANDED);
            assert.deepStrictEqual(
                fs.map((f) => [f.policy, f.urn, f.advisory]).sort(),
                [
                    ["aws-ecr-repository-scan-on-push", u(stack, "serving-images"), false],
                    ["aws-kms-key-policy-no-public-access", u(stack, "imported-key"), false],
                ].sort(),
            );
            for (const f of fs) {
                assert.match(f.message, /Judged as an AI data store: the AI resource "(m|ec)" \((Model|EndpointConfiguration)\) uses it/);
            }
        });
        it("tagged, they are judged by the resource pass only, not twice", async () => {
            const stack = small({ imageScanningConfiguration: { scanOnPush: false }, tags: { "ai-workload": "true" } }, T.key).map((r) =>
                r.name === "imported-key" ? { ...r, properties: { ...r.properties, tags: { "ai-workload": "true" } } } : r,
            );
            assert.deepStrictEqual(findings(await pack().analyzeStack(stack), HANDED), []);
        });
        it("an ECR Public repository an AI model uses is an AI data store: ai-data-stores-tagged asks for the tag", async () => {
            const pub = res("aws:ecrpublic/repository:Repository", "public-images", { repositoryName: "public-images", repositoryUri: "public.ecr.aws/acme/public-images" });
            const model = res(T.model, "m", { name: "m", primaryContainer: { image: "public.ecr.aws/acme/public-images:1.0" } }, { primaryContainer: pub });
            const stack = [pub, model];
            const fs = findings(await pack().analyzeStack(stack), new Set(["ai-data-stores-tagged"]));
            assert.deepStrictEqual(
                fs.map((f) => f.urn),
                [u(stack, "public-images")],
            );
        });
    });

    describe("preview: names, ids and ARNs unknown", () => {
        it("stays clean when the graph links the resources", async () => {
            assertClean(await pack().analyzeStack(preview(base)));
        });
        it("a bucket policy computed from the bucket ARN is 'cannot verify' on the bucket policy (whose document is unknown), never a violation", async () => {
            const stack = patch(preview(base), "training-data-policy", (p) => ({ ...p, policy: UNKNOWN_VALUES.string }));
            assertUnknowns(await pack().analyzeStack(stack), [
                {
                    policy: "aws-s3-ai-bucket-tls-only",
                    urn: u(stack, "training-data-policy"),
                    message: /cannot verify until the values are known[^]*- aws-s3-ai-bucket-tls-only: policy \(whether it denies requests to bucket "training-data" without TLS\)/,
                },
            ]);
        });
        it("a policy document object with unknown ARNs is still judged", async () => {
            const stack = patch(preview(base), "training-data-policy", (p) => ({ ...p, policy: tlsPolicy(UNKNOWN_VALUES.string) }));
            assertClean(await pack().analyzeStack(stack));
        });
        it("links that only values could make are 'cannot verify' until `pulumi up`, never violations", async () => {
            const stack = withoutGraph(preview(base));
            const fs = assertNoViolation(await pack().analyzeStack(stack));
            const pab = fs.filter((f) => f.policy === "aws-s3-ai-bucket-public-access-block");
            assert.deepStrictEqual(
                pab.map((f) => f.urn),
                [u(stack, "training-data")],
            );
            assert.match(pab[0].message, /cannot verify until the values are known.*which public access block belongs to this bucket/s);
        });
        it("without a graph, known names and ARNs link the resources (second source)", async () => {
            assertClean(await pack().analyzeStack(withoutGraph(base)));
        });
        it("a missing configuration is still a violation in preview when the graph shows nothing could supply it", async () => {
            const stack = preview(without(base, "training-data-pab"));
            assertExactly(await pack().analyzeStack(stack), [{ policy: "aws-s3-ai-bucket-public-access-block", urn: u(stack, "training-data") }]);
        });
    });

    describe("resource protection in production stacks", () => {
        const prodBucket = (protect: boolean) => {
            const bucket = res(T.bucket, "prod-data", { bucket: "prod-data-1", tags: { "ai-workload": "true" } }, {}, { stack: "prod", protect });
            return [bucket];
        };
        it("an unprotected AI bucket in a prod stack is a violation", async () => {
            const fs = findings(await pack().analyzeStack(prodBucket(false)), new Set(["ai-data-stores-protected"]));
            assert.deepStrictEqual(
                fs.map((f) => f.urn),
                [urnOf(T.bucket, "prod-data", "prod")],
            );
            assert.match(fs[0].message, /not protected/);
        });
        it("a protected one passes", async () => {
            assert.deepStrictEqual(findings(await pack().analyzeStack(prodBucket(true)), new Set(["ai-data-stores-protected"])), []);
        });
    });
});
