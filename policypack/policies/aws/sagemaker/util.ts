/**
 * Helpers shared by the SageMaker (and Bedrock AgentCore) policies: where a training job or a
 * tuning job keeps its training definitions, which container images count as approved, and how
 * plain-text secrets in environment maps and lifecycle scripts are recognised without ever
 * repeating them.
 */
import type { Section } from "../../../lib/check";
import type { Knobs } from "../../../lib/policy";
import { UNKNOWN, readKey } from "../../../lib/props";

export const MODEL = "aws:sagemaker/model:Model";
export const TRAINING_JOB = "aws:sagemaker/trainingJob:TrainingJob";
export const TUNING_JOB = "aws:sagemaker/hyperParameterTuningJob:HyperParameterTuningJob";
export const DOCS = "https://docs.aws.amazon.com/sagemaker/latest/dg/";
export const API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/";

/**
 * The nested object at `rel` as a section: null when it is not set, undefined when it is unknown
 * (recorded) or not an object (reported). (Section.object on an absent value gives a section whose
 * reads report the parent as malformed, so absent objects are handled here first.)
 */
export function optionalObject(s: Section, rel: string): Section | null | undefined {
    const value = s.raw(rel);
    if (value === UNKNOWN) {
        return undefined;
    }
    if (value === undefined) {
        return null;
    }
    return s.object(rel);
}

/**
 * The training definitions of a TrainingJob (the resource itself) or of a HyperParameterTuningJob
 * (`trainingJobDefinition` and every `trainingJobDefinitions[]` element). Unknown parts are
 * recorded and skipped, so the known definitions are still judged.
 */
export function trainingDefinitions(r: Section & { type: string }): Section[] {
    if (r.type !== TUNING_JOB) {
        return [r];
    }
    const out: Section[] = [];
    const single = r.raw("trainingJobDefinition");
    if (single !== undefined && single !== UNKNOWN) {
        const s = r.object("trainingJobDefinition");
        if (s) {
            out.push(s);
        }
    }
    out.push(...(r.list("trainingJobDefinitions") ?? []));
    return out;
}

/** The containers of a Model: `primaryContainer` (when set) and every `containers[]` element. */
export function modelContainers(r: Section): Section[] {
    const out: Section[] = [];
    const primary = r.raw("primaryContainer");
    if (primary !== undefined && primary !== UNKNOWN) {
        const s = r.object("primaryContainer");
        if (s) {
            out.push(s);
        }
    }
    out.push(...(r.list("containers") ?? []));
    return out;
}

// ---------------------------------------------------------------------------------------------
// Instance types with local NVMe storage

export interface LocalStorageKnobs {
    localStorageInstanceFamilies: string[];
}

export const localStorageKnobs: Knobs<LocalStorageKnobs> = {
    localStorageInstanceFamilies: {
        type: "array",
        items: { type: "string", minLength: 1 },
        // ml.p4d, ml.g4dn and ml.g5 are the examples SageMaker's API reference gives (ResourceConfig
        // VolumeSizeInGB); the others are the SageMaker instance families whose EC2 twins come with
        // NVMe instance store ("d" general-purpose families, i3en, G4dn/G5/G6/G6e/Gr6, P3dn and
        // later P, Trainium). A family matches "<family>.<size>" exactly, so ml.p5 does not cover
        // ml.p5e and ml.trn1 does not cover ml.trn1n: each is listed.
        default: [
            "ml.c5d",
            "ml.m5d",
            "ml.r5d",
            "ml.c6gd",
            "ml.m6gd",
            "ml.r6gd",
            "ml.i3en",
            "ml.g4dn",
            "ml.g5",
            "ml.g6",
            "ml.g6e",
            "ml.gr6",
            "ml.p3dn",
            "ml.p4d",
            "ml.p4de",
            "ml.p5",
            "ml.p5e",
            "ml.p5en",
            "ml.p6-b200",
            "ml.p6-b300",
            "ml.p6e-gb200",
            "ml.trn1",
            "ml.trn1n",
            "ml.trn2",
        ],
        description: "Instance families whose storage is local NVMe, encrypted by the instance's hardware: SageMaker rejects a volume KMS key for them, so they are not judged.",
    },
};

/** True when `instanceType` (e.g. ml.g5.xlarge) belongs to one of the local-storage families. */
export function hasLocalStorage(instanceType: string, config: Readonly<LocalStorageKnobs>): boolean {
    const type = instanceType.toLowerCase();
    return config.localStorageInstanceFamilies.some((f) => type.startsWith(`${f.toLowerCase()}.`));
}

/**
 * Whether any of the instance types at `paths` (read from `s`) has local storage; undefined when
 * one is unknown (recorded) or malformed (reported).
 */
export function usesLocalStorage(s: Section, paths: readonly string[], config: Readonly<LocalStorageKnobs>): boolean | undefined {
    let unreadable = false;
    for (const path of paths) {
        const type = s.string(path);
        if (!type) {
            unreadable = true;
        } else if (type.value !== undefined && hasLocalStorage(type.value, config)) {
            return true;
        }
    }
    return unreadable ? undefined : false;
}

// ---------------------------------------------------------------------------------------------
// Approved image sources (REG-A09)

export interface ImageKnobs {
    approvedAccountIds: string[];
    approvedImagePrefixes: string[];
    requireDigest: boolean;
}

export const imageKnobs: Knobs<ImageKnobs> = {
    approvedAccountIds: {
        type: "array",
        items: { type: "string", pattern: "^[0-9]{12}$" },
        default: [],
        description:
            "AWS account ids whose private ECR registries may supply images. Empty: any account's private ECR registry. Include the AWS accounts of SageMaker's own images (built-in algorithms, deep learning containers) if you use them.",
    },
    approvedImagePrefixes: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [],
        description: "Further approved image URI prefixes, e.g. a private registry reached through your VPC (`registry.example.com/ml/`).",
    },
    requireDigest: {
        type: "boolean",
        default: false,
        description: "Require images to be pinned by digest (`@sha256:...`), not only by tag.",
    },
};

const PRIVATE_ECR = /^([0-9]{12})\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\//i;
/** True for an image URI in a private Amazon ECR registry (`<account>.dkr.ecr.<region>.amazonaws.com/...`). */
export function isPrivateEcrImage(uri: string): boolean {
    return PRIVATE_ECR.test(uri);
}

const DIGEST = /@sha256:[0-9a-f]{64}$/i;

/**
 * Requires the image URI at `path` (when set: an absent image means the container comes from a
 * model package or an algorithm resource) to come from an approved registry.
 */
export function imageSourceCheck(s: Section, config: Readonly<ImageKnobs>, path: string): void {
    const image = s.string(path);
    if (!image) {
        // An image computed only from the program's own ECR repositories is in a private ECR
        // registry: the graph can settle that in a preview, unless accounts or digests are required.
        if (config.approvedAccountIds.length === 0 && !config.requireDigest && s.setToUnknown(path)) {
            s.claim(path, "private-ecr-image");
        }
        return;
    }
    if (image.value === undefined) {
        return;
    }
    const uri = image.value;
    if (config.requireDigest && !DIGEST.test(uri)) {
        s.violation(`${s.path(path)} names the image by tag only: a tag can be moved to another image. Pin it by digest (image@sha256:...).`);
    }
    if (config.approvedImagePrefixes.some((p) => uri.startsWith(p))) {
        return;
    }
    const ecr = PRIVATE_ECR.exec(uri);
    if (!ecr) {
        s.violation(
            `${s.path(path)} is not an image in a private Amazon ECR registry and matches none of approvedImagePrefixes: the code that handles your models and data comes from an unvetted source. Push the image to your ECR registry or approve its registry.`,
        );
        return;
    }
    if (config.approvedAccountIds.length > 0 && !config.approvedAccountIds.includes(ecr[1])) {
        s.violation(`${s.path(path)} pulls from the ECR registry of an account that is not in approvedAccountIds. Use an image from an approved account.`);
    }
}

// ---------------------------------------------------------------------------------------------
// Plain-text secrets (ACC-A21)

export interface SecretKnobs {
    ignoredVariableNames: string[];
}

export const secretKnobs: Knobs<SecretKnobs> = {
    ignoredVariableNames: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [],
        description: "Environment variable names never reported (for known false positives); matched case-insensitively.",
    },
};

/** Well-known credential formats. Only the kind is ever reported, never the matching text. */
const SECRET_VALUES: ReadonlyArray<readonly [string, RegExp]> = [
    ["an AWS access key id", /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/],
    ["a private key", /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/],
    ["a GitHub token", /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/],
    ["a Slack token", /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
    ["a Hugging Face token", /\bhf_[A-Za-z0-9]{30,}/],
    ["an OpenAI or Anthropic API key", /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}/],
    ["a Google API key", /\bAIza[0-9A-Za-z_-]{35}/],
    ["a Stripe secret key", /\b[rs]k_live_[0-9A-Za-z]{20,}/],
    ["a JSON Web Token", /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
    ["credentials embedded in a URL", /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/$]+:[^\s@/$]+@/i],
];

/** Names that announce a credential (`DB_PASSWORD`, `API_KEY`), but not `MAX_NEW_TOKENS`. */
const SECRET_NAME = /(?:^|_)(?:secret|secret_?key|client_?secret|password|passwd|pwd|token|auth_?token|api_?key|apikey|private_?key|access_?key)$/i;

/** Values that point at a secret rather than being one, or are too plain to be one. */
function looksLikeCredential(value: string): boolean {
    const v = value.trim();
    if (v.length < 8 || /\s/.test(v) || /^[0-9.]+$/.test(v) || /^(true|false|none|null)$/i.test(v)) {
        return false;
    }
    return !/^(arn:|\{\{resolve:|\$|\/|s3:\/\/|https?:\/\/[^@]*$)/i.test(v);
}

/** The kind of secret `value` holds (given the variable `name`, if any), or undefined. */
export function secretKind(value: string, name?: string): string | undefined {
    for (const [kind, pattern] of SECRET_VALUES) {
        if (pattern.test(value)) {
            return kind;
        }
    }
    if (name !== undefined && SECRET_NAME.test(name.replace(/-/g, "_")) && looksLikeCredential(value)) {
        return "a credential (its name says so)";
    }
    return undefined;
}

const CONSEQUENCE = "anyone who can describe the resource, or read the deployment's state and logs, can read it";

/**
 * Reports environment variables (a map of strings at `path`) whose values are plain-text secrets.
 * Messages name the variable, never its value.
 */
export function environmentSecretsCheck(s: Section, config: Readonly<SecretKnobs>, path: string, fix: string): void {
    const env = s.raw(path);
    if (env === undefined || env === UNKNOWN) {
        return;
    }
    if (typeof env !== "object" || env === null || Array.isArray(env)) {
        s.malformed(path, "a map of strings", env);
        return;
    }
    const ignored = new Set(config.ignoredVariableNames.map((n) => n.toLowerCase()));
    for (const name of Object.keys(env)) {
        if (ignored.has(name.toLowerCase())) {
            continue;
        }
        // Variable names may contain dots, so read the key directly rather than through a path.
        const value = readKey(env, name);
        const at = `${path}.${name}`;
        if (value === UNKNOWN) {
            s.unknown(at);
            continue;
        }
        if (value === undefined) {
            continue;
        }
        if (typeof value !== "string") {
            s.malformed(at, "a string", value);
            continue;
        }
        const kind = secretKind(value, name);
        if (kind) {
            s.violation(`${s.path(at)} looks like ${kind} in plain text: ${CONSEQUENCE}. ${fix}`);
        }
    }
}

const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;
const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(['"]?)([^'"\s]+)\2/;

/**
 * Reports plain-text secrets in the base64-encoded script at `path` (as lifecycle configurations
 * take them), by line number and kind only.
 */
export function scriptSecretsCheck(s: Section, path: string, fix: string): void {
    const script = s.string(path);
    if (!script || script.value === undefined) {
        return;
    }
    if (!BASE64.test(script.value)) {
        s.violation(`cannot evaluate ${s.path(path)}: expected a base64-encoded script (as the API requires), but it is not valid base64.`);
        return;
    }
    const lines = Buffer.from(script.value, "base64").toString("utf8").split(/\r?\n/);
    lines.forEach((line, i) => {
        const assignment = ASSIGNMENT.exec(line);
        const kind = secretKind(line) ?? (assignment ? secretKind(assignment[3], assignment[1]) : undefined);
        if (kind) {
            s.violation(`${s.path(path)} line ${i + 1} looks like it holds ${kind} in plain text: ${CONSEQUENCE}. ${fix}`);
        }
    });
}
