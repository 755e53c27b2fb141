/**
 * Realistic resources for the benchmark: a mix of AI services, the AWS and Azure resources they
 * rely on, and unrelated infrastructure, in the proportions of a typical AI platform stack.
 */
import type { Resource } from "../../policypack/engine/analyzer";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ml/providers";

const templates: Array<(i: number) => Resource> = [
    (i) => ({
        type: "aws:sagemaker/notebookInstance:NotebookInstance",
        name: `nb${i}`,
        properties: {
            instanceType: "ml.t3.medium",
            roleArn: `arn:aws:iam::111122223333:role/nb${i}`,
            directInternetAccess: "Disabled",
            subnetId: "subnet-0abc",
            securityGroups: ["sg-1"],
            rootAccess: "Disabled",
            kmsKeyId: KEY,
            tags: { "ai-workload": "true", owner: "ml" },
        },
    }),
    (i) => ({
        type: "aws:ecr/repository:Repository",
        name: `repo${i}`,
        properties: {
            name: `models-${i}`,
            imageTagMutability: "IMMUTABLE",
            imageScanningConfiguration: { scanOnPush: true },
            encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY }],
        },
    }),
    (i) => ({ type: "aws:s3/bucket:Bucket", name: `bucket${i}`, properties: { bucket: `training-data-${i}`, forceDestroy: false, tags: { "ai-workload": "true" } } }),
    (i) => ({
        type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        name: `pab${i}`,
        properties: { bucket: `training-data-${i}`, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    }),
    (i) => ({
        type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        name: `sse${i}`,
        properties: { bucket: `training-data-${i}`, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY }, bucketKeyEnabled: true }] },
    }),
    (i) => ({
        type: "aws:iam/role:Role",
        name: `role${i}`,
        properties: {
            name: `sagemaker-exec-${i}`,
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "sagemaker.amazonaws.com" },
                        Action: "sts:AssumeRole",
                        Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
                    },
                ],
            }),
        },
    }),
    (i) => ({
        type: "aws:iam/rolePolicy:RolePolicy",
        name: `rp${i}`,
        properties: {
            role: `sagemaker-exec-${i}`,
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: [`arn:aws:s3:::training-data-${i}/*`] }],
            }),
        },
    }),
    (i) => ({ type: "aws:kms/key:Key", name: `key${i}`, properties: { description: "ml data", enableKeyRotation: true, deletionWindowInDays: 30 } }),
    (i) => ({ type: "aws:cloudwatch/logGroup:LogGroup", name: `lg${i}`, properties: { name: `/aws/sagemaker/Endpoints/e${i}`, retentionInDays: 365, kmsKeyId: KEY } }),
    (i) => ({
        type: "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
        name: `ec${i}`,
        properties: {
            kmsKeyArn: KEY,
            productionVariants: [{ variantName: "v1", modelName: `m${i}`, initialInstanceCount: 2, instanceType: "ml.m5.large" }],
            dataCaptureConfig: {
                enableCapture: true,
                initialSamplingPercentage: 100,
                destinationS3Uri: `s3://capture-${i}/`,
                kmsKeyId: KEY,
                captureOptions: [{ captureMode: "InputAndOutput" }],
            },
        },
    }),
    (i) => ({ type: "aws:ec2/instance:Instance", name: `vm${i}`, properties: { ami: "ami-0abc", instanceType: "t3.micro", subnetId: "subnet-0abc", tags: { Name: `web-${i}` } } }),
    (i) => ({
        type: "aws:lambda/function:Function",
        name: `fn${i}`,
        properties: {
            runtime: "nodejs20.x",
            handler: "index.handler",
            role: `arn:aws:iam::111122223333:role/fn${i}`,
            memorySize: 256,
            environment: { variables: { STAGE: "prod" } },
        },
    }),
    (i) => ({
        type: "azure-native:machinelearningservices:Workspace",
        name: `ws${i}`,
        properties: {
            resourceGroupName: "ml",
            location: "westeurope",
            publicNetworkAccess: "Disabled",
            managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" },
            storageAccount: `${SUB}/Microsoft.Storage/storageAccounts/st${i}`,
            keyVault: `${SUB}/Microsoft.KeyVault/vaults/kv${i}`,
            identity: { type: "SystemAssigned" },
            sku: { name: "Basic" },
        },
    }),
    (i) => ({
        type: "azure-native:storage:StorageAccount",
        name: `st${i}`,
        properties: {
            resourceGroupName: "ml",
            location: "westeurope",
            kind: "StorageV2",
            sku: { name: "Standard_ZRS" },
            minimumTlsVersion: "TLS1_2",
            allowBlobPublicAccess: false,
            enableHttpsTrafficOnly: true,
            allowSharedKeyAccess: false,
            publicNetworkAccess: "Disabled",
            networkRuleSet: { defaultAction: "Deny" },
        },
    }),
    (i) => ({
        type: "azure-native:cognitiveservices:Account",
        name: `oai${i}`,
        properties: {
            resourceGroupName: "ml",
            location: "swedencentral",
            kind: "OpenAI",
            sku: { name: "S0" },
            identity: { type: "SystemAssigned" },
            properties: { disableLocalAuth: true, publicNetworkAccess: "Disabled", networkAcls: { defaultAction: "Deny" }, customSubDomainName: `oai-${i}` },
        },
    }),
    (i) => ({
        type: "azure-native:keyvault:Vault",
        name: `kv${i}`,
        properties: {
            resourceGroupName: "ml",
            location: "westeurope",
            properties: {
                tenantId: "00000000-0000-0000-0000-000000000000",
                sku: { family: "A", name: "standard" },
                enableRbacAuthorization: true,
                enablePurgeProtection: true,
                publicNetworkAccess: "disabled",
            },
        },
    }),
    (i) => ({
        type: "azure-native:network:VirtualNetwork",
        name: `vnet${i}`,
        properties: { resourceGroupName: "ml", location: "westeurope", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } },
    }),
    (i) => ({ type: "azure-native:resources:ResourceGroup", name: `rg${i}`, properties: { location: "westeurope" } }),
    (i) => ({
        type: "azure-native:containerregistry:Registry",
        name: `acr${i}`,
        properties: { resourceGroupName: "ml", location: "westeurope", sku: { name: "Premium" }, adminUserEnabled: false, publicNetworkAccess: "Disabled" },
    }),
    (i) => ({
        type: "azure-native:web:WebApp",
        name: `app${i}`,
        properties: { resourceGroupName: "ml", location: "westeurope", httpsOnly: true, siteConfig: { minTlsVersion: "1.2" } },
    }),
];

/** `n` resources cycling through the templates (half AWS, half Azure). */
export function mixedResources(n: number): Resource[] {
    const out: Resource[] = [];
    for (let i = 0; i < n; i++) {
        out.push(templates[i % templates.length](i));
    }
    return out;
}

/**
 * The benchmark's mix: {@link mixedResources}, with some Azure resources under a versioned token (as
 * a program on a local SDK package sends them), and the AI tag left off every third tagged resource.
 */
export function benchResources(n: number): Resource[] {
    const out = mixedResources(n);
    let azure = 0;
    let tagged = 0;
    for (const r of out) {
        if (r.type.startsWith("azure-native:") && azure++ % 4 === 1) {
            r.type = r.type.replace(/^azure-native:([a-z]+):/, "azure-native:$1/v20240401:");
        }
        const tags = r.properties.tags as Record<string, string> | undefined;
        if (tags !== undefined && "ai-workload" in tags && tagged++ % 3 === 2) {
            const { "ai-workload": _, ...rest } = tags;
            r.properties = { ...r.properties, tags: rest };
        }
    }
    return out;
}
