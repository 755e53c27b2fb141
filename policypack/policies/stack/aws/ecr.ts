/**
 * ECR repositories that hold AI images (the repositories a SageMaker model, training job or Bedrock
 * runtime pulls from, or tagged ones): old images are expired, the registry scans deeply, and
 * images can be signed.
 */
import { readKey, UNKNOWN } from "../../../lib/props";
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
        const policies = s.index.attachments({ targets: [REPOSITORY], attachments: [LIFECYCLE], via: "repository", keys: ["name", "id"], identity: ["name"] });
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
        // The repository filters of every rule that scans on push or continuously; undefined once one is unknown.
        let filters: string[] | undefined = [];
        let enhanced = false;
        for (const c of configs) {
            const sec = s.read(c);
            const type = sec.enum("scanType", ["BASIC", "ENHANCED"]);
            if (type === undefined) {
                filters = undefined;
                continue;
            }
            if (type.value !== "ENHANCED") {
                s.violation(c, `${type.text}: basic scanning misses vulnerabilities in language packages (pip, conda) that ML images carry. Set it to "ENHANCED".`);
                continue;
            }
            enhanced = true;
            const rules = sec.list("rules", { whole: true });
            if (rules === undefined) {
                filters = undefined;
                continue;
            }
            let scans: boolean | undefined = false;
            for (const rule of rules) {
                const f = rule.enum("scanFrequency", ["SCAN_ON_PUSH", "CONTINUOUS_SCAN", "MANUAL"]);
                if (f === undefined) {
                    scans = undefined;
                    filters = undefined;
                    continue;
                }
                if (f.value !== "SCAN_ON_PUSH" && f.value !== "CONTINUOUS_SCAN") {
                    continue;
                }
                scans = scans === undefined ? undefined : true;
                for (const filter of rule.list("repositoryFilters", { whole: true }) ?? [undefined]) {
                    const text = filter?.string("filter");
                    if (filters !== undefined && text?.value !== undefined) {
                        filters.push(text.value);
                    } else if (text === undefined) {
                        filters = undefined;
                    }
                }
            }
            if (scans === false) {
                s.violation(
                    c,
                    'no rule scans on push or continuously: images are scanned only when someone asks. Add a rule with scanFrequency "CONTINUOUS_SCAN" or "SCAN_ON_PUSH".',
                );
            }
        }
        if (!enhanced || filters === undefined || filters.includes("*")) {
            return; // basic scanning is reported on its configuration; unknown rules leave coverage open
        }
        // A rule scans only the repositories its wildcard filters match: an AI repository none matches is not scanned.
        for (const repo of aiRepositories(s)) {
            const name = readKey(repo.resource.props, "name");
            if (name === UNKNOWN) {
                s.unknown(repo, "name (whether a registry scanning rule's repository filter matches it)");
            } else if (typeof name === "string" && !filters.some((f) => wildcardMatch(f, name))) {
                s.violation(
                    repo,
                    'this repository holds AI images but no enhanced scanning rule of the registry scanning configuration has a repository filter that matches its name, so its images are not scanned. Add a filter that matches it (e.g. "*").',
                );
            }
        }
    },
});

/** ECR repository filter match: `*` matches any run of characters (the only wildcard filters have). */
export function wildcardMatch(filter: string, name: string): boolean {
    const parts = filter.split("*");
    if (parts.length === 1) {
        return filter === name;
    }
    if (!name.startsWith(parts[0]) || !name.endsWith(parts[parts.length - 1]) || name.length < parts[0].length + parts[parts.length - 1].length) {
        return false;
    }
    let at = parts[0].length;
    const end = name.length - parts[parts.length - 1].length;
    for (const middle of parts.slice(1, -1)) {
        const found = name.indexOf(middle, at);
        if (found < 0 || found + middle.length > end) {
            return false;
        }
        at = found + middle.length;
    }
    return true;
}

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
