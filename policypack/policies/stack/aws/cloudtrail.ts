/**
 * CloudTrail for AI stacks: the API activity around models, endpoints and Bedrock is only
 * auditable if a trail records it, and reads and writes of training data and model artefacts only
 * if a trail records S3 data events for the AI buckets; the run-time use of Bedrock agents,
 * knowledge bases, flows, guardrails, prompts and AgentCore gateways only if a trail records
 * their data events.
 */
import { readKey, UNKNOWN } from "../../../lib/props";
import { isAiServiceType, normaliseId, stackPolicy } from "../../../lib/stack";
import { aiBuckets, BUCKET } from "./s3";
import { ScopeKnobs, stackScopeKnobs } from "../common";

const TRAIL = "aws:cloudtrail/trail:Trail";
const DOCS = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/";

interface TrailKnobs {
    organizationTrailManaged: boolean;
}

const orgTrailKnob = {
    organizationTrailManaged: {
        type: "boolean" as const,
        default: false,
        description: "An organisation (or account) trail managed outside this stack records this account's activity.",
    },
};

export const aiStackHasTrail = stackPolicy<TrailKnobs>({
    name: "aws-cloudtrail-ai-stack-trail",
    description: "A stack with AWS AI resources must have a CloudTrail trail, unless an organisation trail covers the account.",
    // Medium, so advisory by default: trails are usually managed centrally (organisation trails),
    // and a missing trail in an application stack is a prompt to confirm that, not a reason to
    // block the deployment.
    severity: "medium",
    guidelines: ["DEP-3", "OPS-2"],
    controls: ["LOG-A01"],
    theme: "logging",
    resourceTypes: [TRAIL, "aws:sagemaker/endpoint:Endpoint", "aws:bedrock/agentAgent:AgentAgent"],
    appliesTo: (t) => t.startsWith("aws:") && isAiServiceType(t),
    config: orgTrailKnob,
    remediationSteps:
        "Add an `aws.cloudtrail.Trail` (multi-region, log file validation on, KMS-encrypted), or set `organizationTrailManaged: true` when an organisation trail already records this account.",
    url: `${DOCS}cloudtrail-create-and-update-a-trail.html`,
    validate(s) {
        if (s.config.organizationTrailManaged || s.index.has(TRAIL)) {
            return;
        }
        const ai = s.index.resources.filter((r) => r.canonical.startsWith("aws:") && isAiServiceType(r.canonical));
        if (ai.length > 0) {
            s.violation(
                ai[0],
                `the stack has ${ai.length} AWS AI resource${ai.length === 1 ? "" : "s"} but no CloudTrail trail: changes to models, endpoints and AI services leave no audit record. Add a Trail, or set organizationTrailManaged if an organisation trail records this account.`,
            );
        }
    },
});

/** What a trail's S3 data events cover: every bucket, some bucket names, and whether parts are unknown. */
interface Coverage {
    all: boolean;
    names: Set<string>;
    unknown: boolean;
}

function strings(v: unknown): { values: string[]; unknown: boolean } {
    if (v === UNKNOWN) {
        return { values: [], unknown: true };
    }
    if (typeof v === "string") {
        return { values: [v], unknown: false };
    }
    const out = { values: [] as string[], unknown: false };
    if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
            const e = readKey(v, i);
            if (e === UNKNOWN) {
                out.unknown = true;
            } else if (typeof e === "string") {
                out.values.push(e);
            }
        }
    }
    return out;
}

function elements(v: unknown): unknown[] | typeof UNKNOWN {
    if (v === UNKNOWN) {
        return UNKNOWN;
    }
    if (!Array.isArray(v)) {
        return v !== undefined && typeof v === "object" ? [v] : [];
    }
    const out: unknown[] = [];
    for (let i = 0; i < v.length; i++) {
        out.push(readKey(v, i));
    }
    return out;
}

/** Adds S3 object ARNs (or prefixes) to the coverage. */
function addArns(c: Coverage, arns: string[]): void {
    for (const arn of arns) {
        if (arn === "arn:aws:s3" || arn === "arn:aws:s3:::" || arn === "arn:aws:s3:::*") {
            c.all = true;
        } else {
            c.names.add(normaliseId(arn));
        }
    }
}

function coverageOf(props: unknown): Coverage {
    const c: Coverage = { all: false, names: new Set(), unknown: false };
    const basic = elements(readKey(props, "eventSelectors"));
    if (basic === UNKNOWN) {
        c.unknown = true;
    } else {
        for (const sel of basic) {
            if (sel === UNKNOWN) {
                c.unknown = true;
                continue;
            }
            const rw = readKey(sel, "readWriteType");
            if (rw === UNKNOWN) {
                c.unknown = true;
                continue;
            }
            if (rw !== undefined && rw !== "All") {
                continue; // read-only or write-only selectors leave half the activity unrecorded
            }
            const resources = elements(readKey(sel, "dataResources"));
            if (resources === UNKNOWN) {
                c.unknown = true;
                continue;
            }
            for (const res of resources) {
                const type = readKey(res, "type");
                if (type === UNKNOWN) {
                    c.unknown = true;
                } else if (type === "AWS::S3::Object") {
                    const values = strings(readKey(res, "values"));
                    c.unknown ||= values.unknown;
                    addArns(c, values.values);
                }
            }
        }
    }
    const advanced = elements(readKey(props, "advancedEventSelectors"));
    if (advanced === UNKNOWN) {
        c.unknown = true;
        return c;
    }
    for (const sel of advanced) {
        const fields = elements(readKey(sel, "fieldSelectors"));
        if (sel === UNKNOWN || fields === UNKNOWN) {
            c.unknown = true;
            continue;
        }
        let data = false;
        let s3 = false;
        let halfOnly = false;
        let arns: string[] | undefined;
        for (const f of fields) {
            const field = readKey(f, "field");
            const equals = strings(readKey(f, "equals"));
            const starts = strings(readKey(f, "startsWiths"));
            if (field === UNKNOWN || equals.unknown || starts.unknown) {
                c.unknown = true;
                continue;
            }
            if (field === "eventCategory") {
                data = equals.values.includes("Data");
            } else if (field === "resources.type") {
                s3 = equals.values.includes("AWS::S3::Object");
            } else if (field === "readOnly") {
                halfOnly = equals.values.length > 0;
            } else if (field === "resources.ARN") {
                arns = [...equals.values, ...starts.values];
            }
        }
        if (data && s3 && !halfOnly) {
            if (arns === undefined) {
                c.all = true;
            } else {
                addArns(c, arns);
            }
        }
    }
    return c;
}

export const trailDataEventsForAiBuckets = stackPolicy<ScopeKnobs & TrailKnobs>({
    name: "aws-cloudtrail-ai-bucket-data-events",
    description: "A trail of the stack must record S3 data events (reads and writes) for every AI bucket.",
    severity: "medium",
    guidelines: ["OPS-2", "DEV-2"],
    controls: ["LOG-A07"],
    theme: "logging",
    resourceTypes: [TRAIL, BUCKET],
    config: { ...stackScopeKnobs, ...orgTrailKnob },
    remediationSteps:
        'Add to a trail an event selector `{ readWriteType: "All", dataResources: [{ type: "AWS::S3::Object", values: [`${<bucket>.arn}/`] }] }` (or an advanced event selector for eventCategory "Data" and resources.type "AWS::S3::Object").',
    url: `${DOCS}logging-data-events-with-cloudtrail.html`,
    validate(s) {
        const trails = s.ofType(TRAIL);
        if (trails.length === 0) {
            return; // no trail at all is aws-cloudtrail-ai-stack-trail's finding
        }
        const linked = new Set<string>();
        const names = new Set<string>();
        let all = false;
        // Selectors unknown in preview can only name the buckets the graph allows (StackIndex.candidates).
        let anyBucket = false;
        const maybe = new Set<string>();
        const find = s.index.candidates([BUCKET], ["bucket", "bucketPrefix"]);
        for (const t of trails) {
            for (const prop of ["eventSelectors", "advancedEventSelectors"]) {
                for (const d of s.index.propertyDependencies(t, prop) ?? []) {
                    if (d.canonical === BUCKET) {
                        linked.add(d.urn);
                    }
                }
                const c = coverageOf({ [prop]: readKey(t.resource.props, prop) });
                all ||= c.all;
                for (const n of c.names) {
                    names.add(n);
                }
                if (c.unknown) {
                    const could = find(t, prop);
                    if (could === "any") {
                        anyBucket = true;
                    } else {
                        for (const b of could) {
                            maybe.add(b.urn);
                        }
                    }
                }
            }
        }
        if (all) {
            return;
        }
        for (const b of aiBuckets(s)) {
            if (linked.has(b.urn)) {
                continue;
            }
            const name = readKey(b.resource.props, "bucket");
            if (typeof name === "string" && names.has(name)) {
                continue;
            }
            if (anyBucket || maybe.has(b.urn) || (name === UNKNOWN && names.size > 0)) {
                s.unknown(b, "whether a trail records its S3 data events (selectors or bucket names are only known after `pulumi up`)");
                continue;
            }
            s.violation(
                b,
                "no trail of the stack records S3 data events for this AI bucket: who read or changed training data and model artefacts cannot be traced. Add a data event selector for it.",
            );
        }
    },
});

/**
 * The CloudTrail `resources.type` whose data events record the use of each kind of Bedrock and
 * AgentCore resource (agent invocations, knowledge-base retrievals, flow runs, guardrail
 * evaluations, prompt rendering, gateway tool calls). Only advanced event selectors can log them.
 *
 * Where the names come from: `AWS::BedrockAgentCore::Gateway` is confirmed by the AgentCore
 * developer guide ("Enable CloudTrail data event logging for Amazon Bedrock AgentCore Gateway
 * resources", which logs it with an advanced selector). The five Bedrock types are those of
 * CloudTrail's data-event table (AgentAlias, KnowledgeBase, FlowAlias, Guardrail, PromptVersion;
 * agents and flows are invoked through their aliases, prompts through their versions). The other
 * AgentCore resources (runtime, memory, browser, code interpreter) could not be confirmed in
 * CloudTrail's documentation and are left out of the default: add them to `dataEventTypes` (e.g.
 * `"aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime": ["AWS::BedrockAgentCore::Runtime"]`)
 * once your account's trail accepts them.
 */
const DEFAULT_DATA_EVENT_TYPES: Record<string, string[]> = {
    "aws:bedrock/agentAgent:AgentAgent": ["AWS::Bedrock::AgentAlias"],
    "aws:bedrock/agentAgentAlias:AgentAgentAlias": ["AWS::Bedrock::AgentAlias"],
    "aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase": ["AWS::Bedrock::KnowledgeBase"],
    "aws:bedrock/agentFlow:AgentFlow": ["AWS::Bedrock::FlowAlias"],
    "aws:bedrock/guardrail:Guardrail": ["AWS::Bedrock::Guardrail"],
    "aws:bedrock/agentPrompt:AgentPrompt": ["AWS::Bedrock::PromptVersion"],
    "aws:bedrock/agentcoreGateway:AgentcoreGateway": ["AWS::BedrockAgentCore::Gateway"],
};

interface AiDataEventKnobs extends TrailKnobs {
    dataEventTypes: Record<string, string[]>;
}

/** Whether a trail's advanced selectors log data events of one resources.type: yes, no, or open (unknown parts). */
type Logged = "yes" | "no" | "open";

/**
 * Which resources.type values the advanced selectors of one trail log in full (reads and writes).
 * A selector counts when its known field selectors say eventCategory "Data" and resources.type; a
 * readOnly or eventName filter leaves part of the activity unrecorded, a resources.ARN filter (to
 * control cost) is accepted. By the rule of Section.find: a known match settles a type; unknown
 * selectors, fields or values leave every type not yet matched open.
 */
function dataEventTypesOf(props: unknown): { types: Set<string>; open: boolean } {
    const out = { types: new Set<string>(), open: false };
    const selectors = elements(readKey(props, "advancedEventSelectors"));
    if (selectors === UNKNOWN) {
        out.open = true;
        return out;
    }
    for (const sel of selectors) {
        const fields = sel === UNKNOWN ? UNKNOWN : elements(readKey(sel, "fieldSelectors"));
        if (fields === UNKNOWN) {
            out.open = true;
            continue;
        }
        let data = false;
        let types: string[] = [];
        let partial = false;
        let open = false;
        for (const f of fields) {
            const field = f === UNKNOWN ? UNKNOWN : readKey(f, "field");
            const equals = f === UNKNOWN ? { values: [], unknown: true } : strings(readKey(f, "equals"));
            if (field === UNKNOWN) {
                open = true;
            } else if (field === "eventCategory") {
                data = equals.values.includes("Data");
                open ||= equals.unknown && !data;
            } else if (field === "resources.type") {
                types = equals.values;
                open ||= equals.unknown;
            } else if (field === "readOnly" || field === "eventName") {
                partial = true;
            }
        }
        if (partial) {
            continue;
        }
        if (data) {
            for (const t of types) {
                out.types.add(t);
            }
        }
        out.open ||= open;
    }
    return out;
}

export const trailDataEventsForBedrock = stackPolicy<AiDataEventKnobs>({
    name: "aws-cloudtrail-ai-data-events",
    description:
        "When the stack has Bedrock agents, knowledge bases, flows, guardrails or prompts, or AgentCore gateways, a trail of the stack must log their data events with advanced event selectors.",
    severity: "medium",
    guidelines: ["OPS-2", "OPS-1"],
    controls: ["LOG-A15"],
    theme: "logging",
    resourceTypes: [TRAIL, ...Object.keys(DEFAULT_DATA_EVENT_TYPES)],
    config: {
        ...orgTrailKnob,
        dataEventTypes: {
            type: "object",
            additionalProperties: { type: "array", items: { type: "string", minLength: 1 } },
            default: DEFAULT_DATA_EVENT_TYPES,
            description:
                "Resource type token -> the CloudTrail resources.type values whose data events a trail must log when the stack has such a resource (AWS::BedrockAgentCore::Gateway is confirmed by AWS documentation; add AgentCore runtime, memory, browser and code-interpreter types here once confirmed for your account).",
        },
    },
    remediationSteps:
        'Replace the trail\'s basic `eventSelectors` (CloudTrail does not accept both kinds on one trail) with `advancedEventSelectors`: keep one with `{ field: "eventCategory", equals: ["Management"] }`, and add one per resource type with `{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::Bedrock::AgentAlias"] }` (and so on for each type named in the finding). S3 data events move to a selector with `resources.type` "AWS::S3::Object" and `resources.ARN` startsWith the bucket ARNs.',
    url: `${DOCS}logging-data-events-with-cloudtrail.html`,
    validate(s) {
        const trails = s.ofType(TRAIL);
        if (trails.length === 0 || s.config.organizationTrailManaged) {
            return; // no trail at all is aws-cloudtrail-ai-stack-trail's finding
        }
        const wanted = s.config.dataEventTypes;
        const users = s.index.resources.filter((r) => Object.prototype.hasOwnProperty.call(wanted, r.canonical) && (wanted[r.canonical] ?? []).length > 0);
        if (users.length === 0) {
            return;
        }
        const logged = new Set<string>();
        let open = false;
        for (const t of trails) {
            const c = dataEventTypesOf(t.resource.props);
            for (const type of c.types) {
                logged.add(type);
            }
            open ||= c.open;
        }
        const state = (type: string): Logged => (logged.has(type) ? "yes" : open ? "open" : "no");
        for (const r of users) {
            const types = wanted[r.canonical];
            const missing = types.filter((type) => state(type) === "no");
            const unsure = types.filter((type) => state(type) === "open");
            if (missing.length > 0) {
                s.violation(
                    r,
                    `no trail of the stack logs the data events of ${missing.join(", ")}: who invoked, queried or changed this resource at run time cannot be traced. Add an advanced event selector with eventCategory "Data" and resources.type ${missing.length === 1 ? `"${missing[0]}"` : "for each"}.`,
                );
            } else if (unsure.length > 0) {
                s.unknown(r, `whether a trail logs the data events of ${unsure.join(", ")} (advanced event selectors are only known after \`pulumi up\`)`);
            }
        }
    },
});

export const cloudtrailStackPolicies = [aiStackHasTrail, trailDataEventsForAiBuckets, trailDataEventsForBedrock];
