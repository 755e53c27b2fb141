/**
 * OpenSearch Service domains (and the older Elasticsearch Service domains, the same service and
 * shape) that hold AI data: knowledge-base vectors, embeddings and retrieved documents. They are
 * generic data stores, so they are judged when tagged as AI data stores (lib/scope.ts) or with
 * `allDataStores`; the stack policy `ai-data-stores-tagged` asks for the tag on every domain an AI
 * resource uses. Cloud defaults (API reference, CreateDomain): encryption at rest and node-to-node
 * encryption off when their blocks are absent; fine-grained access control off; no VPC (a public
 * endpoint guarded only by the access policy).
 */
import type { Section } from "../../../lib/check";
import { resourcePolicy, ResourceCheck } from "../../../lib/policy";
import { isAiDataStore, notAnAiDataStore, scopeKnobs, ScopeKnobs } from "../../../lib/scope";
import { kmsKeyCheck, KmsKnobs, kmsKnobs } from "../common";
import { publicStatementCheck } from "../policyDocuments";

export const DOMAIN = "aws:opensearch/domain:Domain";
export const ELASTICSEARCH_DOMAIN = "aws:elasticsearch/domain:Domain";
const DOMAINS = [DOMAIN, ELASTICSEARCH_DOMAIN];
const DOCS = "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/";

/** True when the domain is judged; ends the evaluation when it is not an AI data store, false while its tags are unknown. */
function inScope<C extends ScopeKnobs>(r: ResourceCheck<C>): boolean {
    const scoped = isAiDataStore(r, r.config);
    if (scoped === false) {
        r.notApplicable(notAnAiDataStore(r.config));
    }
    return scoped === true;
}

/** Whether the domain sits in a VPC (subnets given); undefined when unknown or malformed. */
function inVpc(r: Section): boolean | undefined {
    return r.isSet("vpcOptions.subnetIds", "list");
}

export const opensearchDomainNoPublicAccess = resourcePolicy<ScopeKnobs>({
    name: "aws-opensearch-domain-no-public-access",
    description: 'OpenSearch domains holding AI data must not be open to everyone: no access policy granting "*" outside a VPC.',
    severity: "critical",
    guidelines: ["DEP-1", "DEV-2"],
    controls: ["ACC-A23"],
    theme: "access",
    resourceTypes: DOMAINS,
    config: scopeKnobs,
    remediationSteps:
        'Put the domain in a VPC (`vpcOptions: { subnetIds: [...], securityGroupIds: [...] }`), or replace `"Principal": "*"` in `accessPolicies` with the roles that query the index (or add an `aws:SourceIp` / `aws:PrincipalOrgID` condition).',
    url: `${DOCS}ac.html`,
    validate(r) {
        if (!inScope(r)) {
            return;
        }
        const vpc = inVpc(r);
        if (vpc === undefined) {
            return;
        }
        if (vpc) {
            // In a VPC the network is the boundary; an open access policy is the documented pattern there.
            return;
        }
        publicStatementCheck(r, "accessPolicies", "the domain has a public endpoint, so anyone on the internet could read or change the vectors and documents it holds");
    },
});

export const opensearchDomainEncryptedCmk = resourcePolicy<ScopeKnobs & KmsKnobs>({
    name: "aws-opensearch-domain-encrypted-cmk",
    description: "OpenSearch domains holding AI data must be encrypted at rest with a customer-managed KMS key.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["ENC-A22"],
    theme: "encryption",
    resourceTypes: DOMAINS,
    config: { ...scopeKnobs, ...kmsKnobs },
    remediationSteps:
        "Set `encryptAtRest: { enabled: true, kmsKeyId: key.arn }` with a customer-managed KMS key (on an existing domain, a key can only be chosen when encryption is first enabled).",
    url: `${DOCS}encryption-at-rest.html`,
    validate(r) {
        if (!inScope(r)) {
            return;
        }
        const enabled = r.boolean("encryptAtRest.enabled", { absent: false });
        if (enabled === undefined) {
            return;
        }
        if (enabled.value === false) {
            r.violation(`${enabled.text}: the index, its vectors and snapshots are stored unencrypted. Set it to true with a customer-managed kmsKeyId.`);
            return;
        }
        kmsKeyCheck(r, r.config, "encryptAtRest.kmsKeyId", "the domain uses the AWS-managed aws/es key");
    },
});

export const opensearchDomainNodeToNodeEncryption = resourcePolicy<ScopeKnobs>({
    name: "aws-opensearch-domain-node-to-node-encryption",
    description: "OpenSearch domains holding AI data must encrypt traffic between their nodes.",
    severity: "medium",
    guidelines: ["DEV-2", "DEP-1"],
    controls: ["ENC-A23"],
    theme: "encryption",
    resourceTypes: DOMAINS,
    config: scopeKnobs,
    remediationSteps: "Set `nodeToNodeEncryption: { enabled: true }`.",
    url: `${DOCS}ntn.html`,
    validate(r) {
        if (!inScope(r)) {
            return;
        }
        const enabled = r.boolean("nodeToNodeEncryption.enabled", { absent: false });
        if (enabled?.value === false) {
            r.violation(`${enabled.text}: documents and queries travel between the nodes in plain text. Set it to true.`);
        }
    },
});

const TLS_POLICIES = ["Policy-Min-TLS-1-0-2019-07", "Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10"] as const;

export const opensearchDomainHttpsOnly = resourcePolicy<ScopeKnobs>({
    name: "aws-opensearch-domain-https-only",
    description: "OpenSearch domains holding AI data must accept only HTTPS, with TLS 1.2 or later.",
    severity: "high",
    guidelines: ["DEP-1"],
    controls: ["ENC-A24"],
    theme: "encryption",
    resourceTypes: DOMAINS,
    config: scopeKnobs,
    remediationSteps: 'Set `domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" }` (or "Policy-Min-TLS-1-2-2019-07").',
    url: `${DOCS}infrastructure-security.html`,
    validate(r) {
        if (!inScope(r)) {
            return;
        }
        const block = r.isSet("domainEndpointOptions", "object");
        if (block === undefined) {
            return;
        }
        if (block === false) {
            r.violation(
                'domainEndpointOptions is not set: the API neither requires HTTPS nor a TLS 1.2 policy unless asked. Set `enforceHttps: true` and tlsSecurityPolicy "Policy-Min-TLS-1-2-PFS-2023-10".',
            );
            return;
        }
        // The provider's default for enforceHttps inside the block is true.
        const https = r.boolean("domainEndpointOptions.enforceHttps", { absent: true });
        if (https?.value === false) {
            r.violation(`${https.text}: clients can send queries, documents and credentials over plain HTTP. Set it to true.`);
        }
        const tls = r.enum("domainEndpointOptions.tlsSecurityPolicy", TLS_POLICIES);
        if (tls && (tls.value === undefined || tls.value === "Policy-Min-TLS-1-0-2019-07")) {
            const what = tls.value === undefined ? `${tls.text}, so the domain keeps the service's choice, which may accept TLS 1.0` : `${tls.text}: TLS 1.0 and 1.1 are accepted`;
            r.violation(`${what}. Set it to "Policy-Min-TLS-1-2-PFS-2023-10" or "Policy-Min-TLS-1-2-2019-07".`);
        }
    },
});

export const opensearchDomainInVpc = resourcePolicy<ScopeKnobs>({
    name: "aws-opensearch-domain-in-vpc",
    description: "OpenSearch domains holding AI data must be reachable only from inside a VPC.",
    severity: "high",
    guidelines: ["DEP-1", "DES-3c"],
    controls: ["ACC-A24"],
    theme: "network",
    resourceTypes: DOMAINS,
    config: scopeKnobs,
    remediationSteps: "Set `vpcOptions: { subnetIds: [...], securityGroupIds: [...] }` (a domain cannot move into a VPC after creation: create a new one and reindex).",
    url: `${DOCS}vpc.html`,
    validate(r) {
        if (!inScope(r)) {
            return;
        }
        if (inVpc(r) === false) {
            r.violation("vpcOptions.subnetIds is not set: the domain has a public endpoint that only its access policy guards. Place it in your VPC's private subnets.");
        }
    },
});

export const opensearchDomainFineGrainedAccessControl = resourcePolicy<ScopeKnobs>({
    name: "aws-opensearch-domain-fine-grained-access-control",
    description: "OpenSearch domains holding AI data must use fine-grained access control, without anonymous access.",
    severity: "medium",
    guidelines: ["DES-3j", "DEV-2"],
    controls: ["ACC-A25"],
    theme: "access",
    resourceTypes: DOMAINS,
    config: scopeKnobs,
    remediationSteps:
        "Set `advancedSecurityOptions: { enabled: true, anonymousAuthEnabled: false, masterUserOptions: { masterUserArn: adminRole.arn } }` and map the roles that read and write each index (fine-grained access control needs encryption at rest, node-to-node encryption and HTTPS).",
    url: `${DOCS}fgac.html`,
    validate(r) {
        if (!inScope(r)) {
            return;
        }
        const enabled = r.boolean("advancedSecurityOptions.enabled", { absent: false });
        if (enabled?.value === false) {
            r.violation(`${enabled.text}: anyone the access policy lets in reads and writes every index; there are no per-index or per-document permissions. Set it to true.`);
            return;
        }
        // Anonymous authentication exists only on OpenSearch (not Elasticsearch) domains.
        if (r.type === DOMAIN) {
            const anonymous = r.boolean("advancedSecurityOptions.anonymousAuthEnabled", { absent: false });
            if (anonymous?.value === true) {
                r.violation(`${anonymous.text}: requests without credentials are served. Set it to false.`);
            }
        }
    },
});

export const domainPolicies = [
    opensearchDomainNoPublicAccess,
    opensearchDomainEncryptedCmk,
    opensearchDomainNodeToNodeEncryption,
    opensearchDomainHttpsOnly,
    opensearchDomainInVpc,
    opensearchDomainFineGrainedAccessControl,
];
