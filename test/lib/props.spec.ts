import * as assert from "assert";
import { isUnknownSentinel, kindOf, readKey, readPath, UNKNOWN } from "../../policypack/lib/props";
import { apiVersionOf, canonicalType, cloudOf, isAlternateSpelling, isOneOf } from "../../policypack/lib/types";

// The SDK's own proxy, exactly as policies receive props (internal typings are broken, so require).
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(t: T): T };
const { secretsPreservingProxy } = require("@pulumi/policy/secret") as { secretsPreservingProxy<T>(t: T): T };
const { Secret } = require("@pulumi/policy") as { Secret: new (v: unknown) => unknown };

const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const UNKNOWN_OBJECT = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";

describe("lib/props: reading through the SDK's unknown-checking proxy", () => {
    const props = unknownCheckingProxy({
        a: { b: { c: "value" }, list: ["x", UNKNOWN_STRING] },
        unknownLeaf: UNKNOWN_STRING,
        unknownObject: UNKNOWN_OBJECT,
        nothing: null,
        text: "plain",
    });

    it("reads known values through dotted paths and list indexes", () => {
        assert.strictEqual(readPath(props, "a.b.c"), "value");
        assert.strictEqual(readPath(props, "a.list.0"), "x");
    });
    it("answers UNKNOWN instead of throwing, at any depth", () => {
        assert.strictEqual(readPath(props, "unknownLeaf"), UNKNOWN);
        assert.strictEqual(readPath(props, "unknownObject.inner.deeper"), UNKNOWN);
        assert.strictEqual(readPath(props, "a.list.1"), UNKNOWN);
    });
    it("answers undefined for absent and null values, and never returns inherited members", () => {
        assert.strictEqual(readPath(props, "missing"), undefined);
        assert.strictEqual(readPath(props, "nothing"), undefined);
        assert.strictEqual(readPath(props, "a.b.missing.deeper"), undefined);
        assert.strictEqual(readPath(props, "constructor"), undefined);
        assert.strictEqual(readPath(props, "a.toString"), undefined);
    });
    it("reports a step into a non-object as malformed, naming the path walked", () => {
        const seen: string[] = [];
        assert.strictEqual(
            readPath(props, "text.inner", (at, got) => seen.push(`${at}:${kindOf(got)}`)),
            undefined,
        );
        assert.deepStrictEqual(seen, ["text:a string"]);
    });
    it("unwraps secrets as remediations see them, and recognises every sentinel", () => {
        const remediationProps = unknownCheckingProxy(secretsPreservingProxy({ password: new Secret("hunter2"), nested: { k: new Secret({ x: 1 }) } }));
        assert.strictEqual(readKey(remediationProps, "password"), "hunter2");
        assert.strictEqual(readPath(remediationProps, "nested.k.x"), 1);
        assert.ok(isUnknownSentinel(UNKNOWN_OBJECT));
        assert.ok(!isUnknownSentinel("04da6b54"));
    });
});

describe("lib/types: type tokens", () => {
    it("canonicalises versioned azure-native tokens and renamed modules", () => {
        assert.strictEqual(canonicalType("azure-native:machinelearningservices/v20240401:Workspace"), "azure-native:machinelearningservices:Workspace");
        assert.strictEqual(canonicalType("azure-native:machinelearningservices/v20250401preview:Workspace"), "azure-native:machinelearningservices:Workspace");
        assert.strictEqual(canonicalType("azure-native:insights/v20210501preview:DiagnosticSetting"), "azure-native:monitor:DiagnosticSetting");
        assert.strictEqual(canonicalType("azure-native:insights:DiagnosticSetting"), "azure-native:monitor:DiagnosticSetting");
        assert.strictEqual(canonicalType("azure-native:storage:StorageAccount"), "azure-native:storage:StorageAccount");
    });
    it("canonicalises the tokens of generated azure-native packages (`pulumi package add azure-native <module> <version>`)", () => {
        const token = "azure-native_cognitiveservices_v20250401preview:cognitiveservices:Account";
        assert.strictEqual(canonicalType(token), "azure-native:cognitiveservices:Account");
        assert.strictEqual(canonicalType("azure-native_insights_v20210501preview:insights:DiagnosticSetting"), "azure-native:monitor:DiagnosticSetting");
        assert.ok(isAlternateSpelling(token));
        assert.strictEqual(cloudOf(token), "Azure");
        assert.strictEqual(apiVersionOf(token), "20250401");
        assert.strictEqual(apiVersionOf("azure-native:keyvault/v20260201:Vault"), "20260201");
        assert.strictEqual(apiVersionOf("azure-native:keyvault:Vault"), "");
        // Not azure-native: another provider whose name merely starts alike.
        assert.strictEqual(canonicalType("azure-nativex:storage:StorageAccount"), "azure-nativex:storage:StorageAccount");
        assert.strictEqual(cloudOf("azure-nativex:storage:StorageAccount"), undefined);
    });
    it("maps @pulumi/aws v7's deprecated twins to the current resource", () => {
        assert.strictEqual(canonicalType("aws:s3/bucketV2:BucketV2"), "aws:s3/bucket:Bucket");
        assert.strictEqual(canonicalType("aws:s3/bucketVersioningV2:BucketVersioningV2"), "aws:s3/bucketVersioning:BucketVersioning");
        assert.ok(isAlternateSpelling("aws:s3/bucketV2:BucketV2"));
        assert.ok(!isAlternateSpelling("aws:s3/bucket:Bucket"));
    });
    it("matches only what a policy declares", () => {
        const types = new Set(["azure-native:storage:StorageAccount"]);
        assert.ok(isOneOf(types, "azure-native:storage/v20230101:StorageAccount"));
        assert.ok(!isOneOf(types, "azure-native:storage:BlobContainer"));
        assert.ok(!isOneOf(types, "azure:storage/account:Account"));
    });
});
