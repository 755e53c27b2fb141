/**
 * ECR repositories that hold AI images (the repositories a SageMaker model, training job or Bedrock
 * runtime pulls from, or tagged ones): old images are expired, the registry scans deeply, and
 * images can be signed.
 */
import { dataStoreInScope, StackCheck, StackResource, stackPolicy } from "../../../lib/stack";
import { ScopeKnobs, stackScopeKnobs } from "../common";

const REPOSITORY = "aws:ecr/repository:Repository";
const LIFECYCLE = "aws:ecr/lifecyclePolicy:LifecyclePolicy";
const SCANNING = "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration";
const SIGNING_PROFILE = "aws:signer/signingProfile:SigningProfile";
const DOCS = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/";

function aiRepositories(s: StackCheck<ScopeKnobs>): StackResource[] {
    return s.ofType(REPOSITORY).filter((r) => dataStoreInScope(s, r) === true);
}

export const repositoryLifecyclePolicy = stackPolicy<ScopeKnobs>({
    name: "aws-ecr-ai-repository-lifecycle-policy",
    description: "Every ECR repository holding AI images must have a lifecycle policy.",
    severity: "low",
    guidelines: ["DEV-4", "OPS-3"],
    controls: ["REG-A06"],
    theme: "supply-chain",
    resourceTypes: [REPOSITORY],
    config: stackScopeKnobs,
    remediationSteps: "Add an `aws.ecr.LifecyclePolicy` with `repository: <repository>.name` that expires untagged and superseded images.",
    url: `${DOCS}LifecyclePolicies.html`,
    validate(s) {
        const policies = s.index.attachments({ targets: [REPOSITORY], attachments: [LIFECYCLE], via: "repository", keys: ["name", "id"] });
        for (const repo of aiRepositories(s)) {
            if (policies.of(repo).length > 0) {
                continue;
            }
            if (policies.mayAttach(repo)) {
                s.unknown(repo, "which lifecycle policy belongs to this repository (its name is only known after `pulumi up`)");
                continue;
            }
            s.violation(
                repo,
                "this repository holds AI images but has no lifecycle policy: outdated, unpatched model images accumulate and stay deployable. Add a LifecyclePolicy for it.",
            );
        }
    },
});

interface ScanningKnobs extends ScopeKnobs {
    registryScanningManagedCentrally: boolean;
}

export const registryEnhancedScanning = stackPolicy<ScanningKnobs>({
    name: "aws-ecr-registry-enhanced-scanning",
    description: "A stack with ECR repositories holding AI images must configure enhanced registry scanning on push or continuously.",
    severity: "medium",
    guidelines: ["DEV-1"],
    controls: ["REG-A02"],
    theme: "supply-chain",
    resourceTypes: [REPOSITORY, SCANNING],
    config: {
        ...stackScopeKnobs,
        registryScanningManagedCentrally: { type: "boolean", default: false, description: "The registry's scanning configuration is managed outside this stack." },
    },
    remediationSteps:
        'Add an `aws.ecr.RegistryScanningConfiguration` with `scanType: "ENHANCED"` and a rule `{ scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }`.',
    url: `${DOCS}image-scanning-enhanced.html`,
    validate(s) {
        const configs = s.ofType(SCANNING);
        if (configs.length === 0) {
            const repos = aiRepositories(s);
            if (repos.length > 0 && !s.config.registryScanningManagedCentrally) {
                s.violation(
                    repos[0],
                    "the stack has repositories holding AI images but no registry scanning configuration: only basic scanning, which misses language-package vulnerabilities common in ML images. Add a RegistryScanningConfiguration with ENHANCED scanning (or set registryScanningManagedCentrally).",
                );
            }
            return;
        }
        for (const c of configs) {
            const sec = s.read(c);
            const type = sec.enum("scanType", ["BASIC", "ENHANCED"]);
            if (type === undefined) {
                continue;
            }
            if (type.value !== "ENHANCED") {
                s.violation(c, `${type.text}: basic scanning misses vulnerabilities in language packages (pip, conda) that ML images carry. Set it to "ENHANCED".`);
                continue;
            }
            const rules = sec.list("rules", { whole: true });
            if (rules === undefined) {
                continue;
            }
            let scans: boolean | undefined = false;
            for (const rule of rules) {
                const f = rule.enum("scanFrequency", ["SCAN_ON_PUSH", "CONTINUOUS_SCAN", "MANUAL"]);
                if (f === undefined) {
                    scans = undefined;
                    break;
                }
                scans ||= f.value === "SCAN_ON_PUSH" || f.value === "CONTINUOUS_SCAN";
            }
            if (scans === false) {
                s.violation(
                    c,
                    'no rule scans on push or continuously: images are scanned only when someone asks. Add a rule with scanFrequency "CONTINUOUS_SCAN" or "SCAN_ON_PUSH".',
                );
            }
        }
    },
});

export const signingProfilePresent = stackPolicy<ScopeKnobs>({
    name: "aws-signer-ai-image-signing-profile",
    description: "A stack with ECR repositories holding AI images should have a Notation signing profile for container images.",
    severity: "low",
    guidelines: ["DEP-2", "DEV-1"],
    controls: ["REG-A14"],
    theme: "supply-chain",
    resourceTypes: [REPOSITORY],
    config: stackScopeKnobs,
    remediationSteps: 'Add an `aws.signer.SigningProfile` with `platformId: "Notation-OCI-SHA384-ECDSA"`, sign images in CI and verify signatures at deployment.',
    url: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-signing.html",
    validate(s) {
        const repos = aiRepositories(s);
        if (repos.length === 0) {
            return;
        }
        let found: boolean | undefined = false;
        for (const p of s.ofType(SIGNING_PROFILE)) {
            const platform = s.read(p).string("platformId");
            if (platform === undefined) {
                found = found || undefined;
            } else if (platform.value === "Notation-OCI-SHA384-ECDSA") {
                found = true;
                break;
            }
        }
        if (found === false) {
            s.violation(
                repos[0],
                'the stack has repositories holding AI images but no signing profile for container images: nobody can prove an image came from your pipeline. Add a SigningProfile with platformId "Notation-OCI-SHA384-ECDSA".',
            );
        }
    },
});

export const ecrStackPolicies = [repositoryLifecyclePolicy, registryEnhancedScanning, signingProfilePresent];
