/**
 * Resource type tokens. The running pack never loads a cloud SDK: it recognises resources by the
 * token the engine sends (`args.type`). Two families of tokens need care:
 *
 * - azure-native: an older SDK sends a versioned token such as
 *   `azure-native:machinelearningservices/v20240401:Workspace`; a program that pins an API version
 *   with a generated local package (`pulumi package add azure-native <module> <api-version>`, the
 *   documented way in azure-native v3) sends the package's own name as the provider part, e.g.
 *   `azure-native_cognitiveservices_v20250401preview:cognitiveservices:Account`. Both canonicalise
 *   to `azure-native:<module>:<Type>`, and {@link apiVersionOf} reads the API version from either.
 *   Modules have also been renamed (diagnostic settings moved from `insights` to `monitor` in v3).
 * - aws: @pulumi/aws v7 keeps deprecated twins such as `aws:s3/bucketV2:BucketV2` beside
 *   `aws:s3/bucket:Bucket`.
 *
 * Policies declare the canonical token (unversioned, current module, non-deprecated name) and
 * match through {@link canonicalType}, so every spelling of a resource reaches the same policy.
 */

/** azure-native modules that were renamed: old name -> current name. */
const AZURE_MODULE_RENAMES: Readonly<Record<string, string>> = {
    insights: "monitor",
};

/** Deprecated @pulumi/aws tokens -> the token of the resource that replaced them. */
export const AWS_DEPRECATED_TWINS: Readonly<Record<string, string>> = {
    "aws:s3/bucketV2:BucketV2": "aws:s3/bucket:Bucket",
    "aws:s3/bucketAccelerateConfigurationV2:BucketAccelerateConfigurationV2": "aws:s3/bucketAccelerateConfiguration:BucketAccelerateConfiguration",
    "aws:s3/bucketAclV2:BucketAclV2": "aws:s3/bucketAcl:BucketAcl",
    "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2": "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2": "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLoggingV2:BucketLoggingV2": "aws:s3/bucketLogging:BucketLogging",
    "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2": "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    "aws:s3/bucketRequestPaymentConfigurationV2:BucketRequestPaymentConfigurationV2": "aws:s3/bucketRequestPaymentConfiguration:BucketRequestPaymentConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2":
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketVersioningV2:BucketVersioningV2": "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2": "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration",
};

/** `azure-native:<module>[/v<version>]:<Type>`, or a generated package's `azure-native_<module>_v<version>:<module>:<Type>`. */
const AZURE_TOKEN = /^azure-native(?:_[A-Za-z0-9]+_(v[0-9a-z]+))?:([A-Za-z0-9]+)(?:\/(v[0-9a-z]+))?:([A-Za-z0-9]+)$/;

// Tokens repeat for every resource of a stack; canonicalising each distinct token once keeps the
// per-resource cost of type matching to one Map lookup.
const cache = new Map<string, string>();

/** The canonical spelling of a resource type token (see the module comment). */
export function canonicalType(token: string): string {
    let canonical = cache.get(token);
    if (canonical === undefined) {
        canonical = computeCanonical(token);
        if (cache.size < 10_000) {
            cache.set(token, canonical);
        }
    }
    return canonical;
}

function computeCanonical(token: string): string {
    const twin = AWS_DEPRECATED_TWINS[token];
    if (twin !== undefined) {
        return twin;
    }
    const azure = AZURE_TOKEN.exec(token);
    if (azure) {
        const module = azure[2].toLowerCase();
        return `azure-native:${AZURE_MODULE_RENAMES[module] ?? module}:${azure[4]}`;
    }
    return token;
}

/** True when `token` is any spelling of one of the canonical `types`. */
export function isOneOf(types: ReadonlySet<string>, token: string): boolean {
    return types.has(canonicalType(token));
}

/** True for a deprecated twin or a versioned azure-native token, i.e. not the canonical spelling. */
export function isAlternateSpelling(token: string): boolean {
    return canonicalType(token) !== token;
}

/** The cloud a token belongs to, for messages ("AWS" / "Azure"). */
export function cloudOf(token: string): "AWS" | "Azure" | undefined {
    if (token.startsWith("aws:")) {
        return "AWS";
    }
    if (token.startsWith("azure-native:") || token.startsWith("azure-native_")) {
        return "Azure";
    }
    return undefined;
}

/**
 * The API version an azure-native token names ("20260201" for `azure-native:keyvault/v20260201:Vault`
 * or `azure-native_keyvault_v20260201:keyvault:Vault`, preview suffix dropped), or "" for the
 * unversioned token, whose API version is the SDK's default. For defaults that changed with an API version.
 */
export function apiVersionOf(token: string): string {
    const azure = AZURE_TOKEN.exec(token);
    return /^v([0-9]{8})/.exec(azure?.[1] ?? azure?.[3] ?? "")?.[1] ?? "";
}
