/**
 * Bedrock relations: model invocations are only auditable when the account's invocation logging
 * is configured with a destination whose logs are encrypted, and an agent is only least-privileged
 * when its service role is its own.
 */
import { readKey, readPath, UNKNOWN } from "../../../lib/props";
import { StackCheck, StackResource, stackPolicy } from "../../../lib/stack";
import { ScopeKnobs, stackScopeKnobs } from "../common";

const LOGGING = "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const AGENT = "aws:bedrock/agentAgent:AgentAgent";
const ROLE = "aws:iam/role:Role";
const DOCS = "https://docs.aws.amazon.com/bedrock/latest/userguide/";

/** Resources whose use goes through Bedrock model invocations. */
function isBedrockUse(canonical: string): boolean {
    return canonical.startsWith("aws:bedrock/") || canonical === "aws:bedrockmodel/invocationJob:InvocationJob";
}

interface InvocationLoggingKnobs {
    invocationLoggingManagedCentrally: boolean;
}

export const invocationLogging = stackPolicy<InvocationLoggingKnobs>({
    name: "aws-bedrock-invocation-logging",
    description: "A stack that uses Bedrock must configure model invocation logging with a destination.",
    severity: "high",
    guidelines: ["OPS-2", "DEP-3"],
    controls: ["LOG-A08"],
    theme: "logging",
    resourceTypes: [LOGGING, AGENT, "aws:bedrock/customModel:CustomModel", "aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase", "aws:bedrock/guardrail:Guardrail"],
    appliesTo: (t) => isBedrockUse(t) || t === LOGGING,
    config: {
        invocationLoggingManagedCentrally: {
            type: "boolean",
            default: false,
            description: "Model invocation logging for this account and region is configured outside this stack.",
        },
    },
    remediationSteps:
        "Add an `aws.bedrockmodel.InvocationLoggingConfiguration` with `loggingConfig.cloudwatchConfig` (`logGroupName`, `roleArn`) and/or `loggingConfig.s3Config` (`bucketName`), and keep `textDataDeliveryEnabled` on.",
    url: `${DOCS}model-invocation-logging.html`,
    validate(s) {
        const configs = s.ofType(LOGGING);
        const uses = s.index.resources.filter((r) => isBedrockUse(r.canonical));
        if (configs.length === 0) {
            if (uses.length > 0 && !s.config.invocationLoggingManagedCentrally) {
                s.violation(
                    uses[0],
                    `the stack uses Bedrock (${uses.length} resource${uses.length === 1 ? "" : "s"}) but configures no model invocation logging: prompts and responses leave no record to investigate misuse. Add an InvocationLoggingConfiguration (or set invocationLoggingManagedCentrally).`,
                );
            }
            return;
        }
        for (const c of configs) {
            const sec = s.read(c);
            const logging = sec.object("loggingConfig");
            if (logging === undefined) {
                continue;
            }
            if (!hasDestination(s, c)) {
                const cw = logging.string("cloudwatchConfig.logGroupName");
                const s3 = logging.string("s3Config.bucketName");
                if (cw !== undefined && s3 !== undefined && cw.value === undefined && s3.value === undefined) {
                    s.violation(c, "loggingConfig has neither cloudwatchConfig.logGroupName nor s3Config.bucketName: invocation logs go nowhere. Set at least one destination.");
                }
            }
            const text = logging.boolean("textDataDeliveryEnabled", { absent: true });
            if (text?.value === false) {
                s.violation(c, `${text.text}: prompts and responses are not logged. Set it to true.`);
            }
        }
    },
});

/**
 * True when a destination is certainly set: a log group or bucket name is known, or (in preview)
 * one is unknown but the graph shows loggingConfig computed from the program's log groups and
 * buckets, whose names are never empty. Otherwise the caller reads the names (recording unknowns).
 */
function hasDestination(s: StackCheck<InvocationLoggingKnobs>, c: StackResource): boolean {
    const names = ["loggingConfig.cloudwatchConfig.logGroupName", "loggingConfig.s3Config.bucketName"].map((p) => readPath(c.resource.props, p));
    if (names.some((n) => typeof n === "string" && n !== "")) {
        return true;
    }
    const from = s.index.propertyDependencies(c, "loggingConfig") ?? [];
    return names.some((n) => n === UNKNOWN) && s.index.derivedOnlyFrom(c, "loggingConfig", LOGGING_INPUTS) && from.some((d) => d.canonical !== ROLE);
}

/** What invocation logs are delivered to (canonical tokens), and the role that delivers them. */
const LOGGING_INPUTS: ReadonlySet<string> = new Set([LOG_GROUP, "aws:s3/bucket:Bucket", ROLE]);

interface LogGroupKnobs extends ScopeKnobs {
    aiLogGroupPrefixes: string[];
}

/**
 * Log groups the resource policy aws-cloudwatch-log-group-kms already judges (tagged as AI data
 * stores, or named under an AI service prefix, or all with allDataStores): not judged again here.
 */
function judgedElsewhere(s: StackCheck<LogGroupKnobs>, g: StackResource): boolean | undefined {
    if (s.config.allDataStores || s.index.aiScope(s.config.aiTagKeys).tagState(g) !== "untagged") {
        return true;
    }
    for (const field of ["name", "namePrefix"]) {
        const name = readKey(g.resource.props, field);
        if (name === UNKNOWN) {
            return undefined;
        }
        if (typeof name === "string") {
            return s.config.aiLogGroupPrefixes.some((p) => name.toLowerCase().startsWith(p.toLowerCase()));
        }
    }
    return false;
}

export const invocationLogsEncrypted = stackPolicy<LogGroupKnobs>({
    name: "aws-bedrock-invocation-log-group-kms",
    description: "A CloudWatch log group that receives Bedrock invocation logs must be encrypted with a customer-managed KMS key, even when nothing else marks it as AI.",
    severity: "medium",
    guidelines: ["DEV-2"],
    controls: ["LOG-A09"],
    theme: "encryption",
    resourceTypes: [LOGGING],
    config: {
        ...stackScopeKnobs,
        aiLogGroupPrefixes: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: ["/aws/sagemaker/", "/aws/bedrock/", "/aws/bedrock-agentcore/"],
            description: "Log group name prefixes that aws-cloudwatch-log-group-kms judges (keep the two lists equal); destinations outside them are judged here.",
        },
    },
    remediationSteps:
        "Set `kmsKeyId` on the `aws.cloudwatch.LogGroup` named in `loggingConfig.cloudwatchConfig.logGroupName` (the key policy must allow the CloudWatch Logs service). An S3 destination is an AI bucket and is judged by aws-s3-ai-bucket-kms-encryption.",
    url: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
    validate(s) {
        let groupsByName: Map<string, StackResource[]> | undefined;
        let unnamedGroups = 0;
        const groups = () => {
            if (groupsByName === undefined) {
                groupsByName = new Map();
                for (const g of s.ofType(LOG_GROUP)) {
                    const name = readKey(g.resource.props, "name");
                    if (typeof name === "string") {
                        const list = groupsByName.get(name);
                        if (list) {
                            list.push(g);
                        } else {
                            groupsByName.set(name, [g]);
                        }
                    } else if (name === UNKNOWN) {
                        unnamedGroups++;
                    }
                }
            }
            return groupsByName;
        };
        for (const c of s.ofType(LOGGING)) {
            const name = readPath(c.resource.props, "loggingConfig.cloudwatchConfig.logGroupName");
            if (name === undefined) {
                continue; // no CloudWatch destination
            }
            let targets = (s.index.propertyDependencies(c, "loggingConfig") ?? []).filter((d) => d.canonical === LOG_GROUP);
            if (targets.length === 0) {
                if (name === UNKNOWN) {
                    // The graph may rule out every log group of the stack (StackIndex.candidates): then the
                    // destination is managed elsewhere, or only groups that need no judgement remain.
                    const could = s.index.candidates([LOG_GROUP], ["name", "namePrefix"])(c, "loggingConfig");
                    if (could === "any" || [...could].some((g) => judgedElsewhere(s, g) !== true && readKey(g.resource.props, "kmsKeyId") === undefined)) {
                        s.unknown(c, "loggingConfig.cloudwatchConfig.logGroupName (which log group receives the logs)");
                    }
                    continue;
                }
                if (typeof name !== "string") {
                    continue; // malformed: the provider rejects it
                }
                targets = groups().get(name) ?? [];
                if (targets.length === 0 && unnamedGroups > 0) {
                    s.unknown(c, "which log group receives the logs (log group names are only known after `pulumi up`)");
                    continue;
                }
            }
            // A group outside the stack (e.g. created by a platform team) is judged where it is
            // declared; one the resource policy judges (or will judge once its name is known) is not
            // judged twice.
            for (const g of targets) {
                if (judgedElsewhere(s, g) !== false) {
                    continue;
                }
                const key = s.read(g).string("kmsKeyId");
                if (key && key.value === undefined) {
                    s.violation(
                        g,
                        `${key.text}: this log group receives Bedrock invocation logs (prompts and responses, possibly sensitive) and is encrypted only with a CloudWatch-owned key. Set kmsKeyId to a customer-managed key.`,
                    );
                }
            }
        }
    },
});

export const agentDedicatedRole = stackPolicy({
    name: "aws-bedrock-agent-dedicated-role",
    description: "Each Bedrock agent must have a service role of its own.",
    severity: "medium",
    guidelines: ["DES-3f"],
    controls: ["ACC-A16"],
    theme: "access",
    resourceTypes: [AGENT],
    remediationSteps: "Give each `aws.bedrock.AgentAgent` its own `aws.iam.Role` (agentResourceRoleArn) with only the permissions that agent needs.",
    url: `${DOCS}agents-permissions.html`,
    validate(s) {
        const agents = s.ofType(AGENT);
        if (agents.length < 2) {
            return;
        }
        const roleArns = new Map<string, string>();
        for (const role of s.ofType(ROLE)) {
            const arn = readKey(role.resource.props, "arn");
            if (typeof arn === "string") {
                roleArns.set(arn, role.urn);
            }
        }
        const byRole = new Map<string, StackResource[]>();
        const unknown: StackResource[] = [];
        for (const agent of agents) {
            const graph = (s.index.propertyDependencies(agent, "agentResourceRoleArn") ?? []).filter((d) => d.canonical === ROLE);
            let key: string | undefined;
            if (graph.length > 0) {
                key = graph[0].urn;
            } else {
                const arn = readKey(agent.resource.props, "agentResourceRoleArn");
                if (arn === UNKNOWN) {
                    unknown.push(agent);
                    continue;
                }
                if (typeof arn === "string") {
                    key = roleArns.get(arn) ?? arn;
                }
            }
            if (key !== undefined) {
                const list = byRole.get(key);
                if (list) {
                    list.push(agent);
                } else {
                    byRole.set(key, [agent]);
                }
            }
        }
        for (const sharing of byRole.values()) {
            if (sharing.length < 2) {
                continue;
            }
            for (const agent of sharing) {
                s.violation(
                    agent,
                    `this agent shares its service role with ${sharing.length - 1} other agent${sharing.length === 2 ? "" : "s"}: a prompt-injected agent can use the others' permissions. Give each agent its own role.`,
                );
            }
        }
        for (const agent of unknown) {
            s.unknown(agent, "agentResourceRoleArn (whether another agent uses the same role)");
        }
    },
});

export const bedrockStackPolicies = [invocationLogging, invocationLogsEncrypted, agentDedicatedRole];
