import { UNKNOWN_VALUES } from "../../support/harness";
import { policyCases, usePack } from "../../support/cases";

const GUARDRAIL = "aws:bedrock/guardrail:Guardrail";
const AGENT = "aws:bedrock/agentAgent:AgentAgent";
const DATA_SOURCE = "aws:bedrock/agentDataSource:AgentDataSource";
const CREDENTIAL = "aws:iam/serviceSpecificCredential:ServiceSpecificCredential";
const POLICY = "aws:iam/policy:Policy";
const ROLE = "aws:iam/role:Role";

const filter = (type: string, strength = "HIGH") => ({ type, inputStrength: strength, outputStrength: strength });
const harmful = ["HATE", "INSULTS", "SEXUAL", "VIOLENCE", "MISCONDUCT"].map((t) => filter(t));
const promptAttack = { type: "PROMPT_ATTACK", inputStrength: "HIGH", outputStrength: "NONE" };

/** A guardrail as a careful user's program declares it. */
const guardrail = {
    name: "support",
    blockedInputMessaging: "Sorry.",
    blockedOutputsMessaging: "Sorry.",
    contentPolicyConfig: { filtersConfigs: [...harmful, promptAttack] },
};
const withFilters = (...filtersConfigs: unknown[]) => ({ ...guardrail, contentPolicyConfig: { filtersConfigs } });
const crossRegion = { crossRegionConfig: { guardrailProfileIdentifier: "arn:aws:bedrock:eu-west-1:111122223333:guardrail-profile/eu.guardrail.v1:0" } };

const agent = {
    agentName: "support",
    agentResourceRoleArn: "arn:aws:iam::111122223333:role/agent",
    foundationModel: "anthropic.claude-3-5-sonnet-20240620-v1:0",
    idleSessionTtlInSeconds: 600,
};
const dataSource = {
    name: "docs",
    knowledgeBaseId: "KB123",
    dataDeletionPolicy: "RETAIN",
    dataSourceConfiguration: { type: "S3", s3Configuration: { bucketArn: "arn:aws:s3:::docs" } },
};

const doc = (...Statement: unknown[]) => ({ policy: JSON.stringify({ Version: "2012-10-17", Statement }) });
const subscribe = { Effect: "Allow", Action: ["aws-marketplace:Subscribe", "aws-marketplace:ViewSubscriptions"], Resource: "*" };

describe("aws: Bedrock content filters, agents, data sources, API keys and model subscriptions", function () {
    const pack = usePack();

    policyCases(pack, "aws-bedrock-guardrail-content-filters", GUARDRAIL, [
        { kind: "violating", title: "no SEXUAL filter", props: withFilters(...harmful.filter((f) => f.type !== "SEXUAL")), expect: "violation", message: /no "SEXUAL" filter/ },
        {
            kind: "violating",
            title: "LOW output strength",
            props: withFilters(...harmful.slice(1), { ...filter("HATE"), outputStrength: "LOW" }),
            expect: "violation",
            message: /outputStrength is "LOW": the "HATE" filter is weaker/,
        },
        {
            kind: "violating",
            title: "detect only on input",
            props: withFilters(...harmful.slice(1), { ...filter("HATE"), inputAction: "NONE" }),
            expect: "violation",
            message: /inputAction is "NONE"/,
        },
        {
            kind: "violating",
            title: "output evaluation off",
            props: withFilters(...harmful.slice(1), { ...filter("HATE"), outputEnabled: false }),
            expect: "violation",
            message: /outputEnabled is false/,
        },
        {
            kind: "violating",
            title: "cross-Region guardrail on the CLASSIC tier",
            props: { ...guardrail, ...crossRegion, contentPolicyConfig: { ...guardrail.contentPolicyConfig, tierConfigs: [{ tierName: "CLASSIC" }] } },
            expect: "violation",
            message: /tierName is "CLASSIC"/,
        },
        { kind: "violating", title: "cross-Region guardrail without a tier", props: { ...guardrail, ...crossRegion }, expect: "violation", message: /tierConfigs is not set/ },
        { kind: "compliant", title: "all five at HIGH", props: guardrail, expect: "pass" },
        {
            kind: "compliant",
            title: "cross-Region guardrail on the STANDARD tier",
            props: { ...guardrail, ...crossRegion, contentPolicyConfig: { ...guardrail.contentPolicyConfig, tierConfigs: [{ tierName: "STANDARD" }] } },
            expect: "pass",
        },
        { kind: "absent", title: "no content policy", props: { name: "support" }, expect: "violation", message: /no "(HATE|INSULTS|SEXUAL|VIOLENCE|MISCONDUCT)" filter/ },
        { kind: "unknown", title: "strength unknown", props: withFilters(...harmful.slice(1), { ...filter("HATE"), inputStrength: UNKNOWN_VALUES.string }), expect: "unknown" },
        { kind: "unknown", title: "the whole content policy unknown", props: { ...guardrail, contentPolicyConfig: UNKNOWN_VALUES.object }, expect: "unknown" },
        {
            kind: "malformed",
            title: "unsupported strength",
            props: withFilters(...harmful.slice(1), { ...filter("HATE"), outputStrength: "EXTREME" }),
            expect: "malformed",
            message: /cannot evaluate contentPolicyConfig.filtersConfigs\[4\]\.outputStrength/,
        },
    ]);

    describe("with minStrength HIGH and only HATE required", function () {
        const strict = usePack({ "aws-bedrock-guardrail-content-filters": { minStrength: "HIGH", categories: ["HATE"] } });
        policyCases(strict, "aws-bedrock-guardrail-content-filters", GUARDRAIL, [
            { kind: "violating", title: "MEDIUM is below HIGH", props: withFilters(filter("HATE", "MEDIUM")), expect: "violation", message: /weaker than minStrength "HIGH"/ },
            { kind: "compliant", title: "only HATE, at HIGH", props: withFilters(filter("HATE")), expect: "pass" },
        ]);
    });

    policyCases(pack, "aws-bedrock-agent-idle-session-ttl", AGENT, [
        {
            kind: "violating",
            title: "an hour",
            props: { ...agent, idleSessionTtlInSeconds: 3600 },
            expect: "violation",
            message: /idleSessionTtlInSeconds is set above maxIdleSessionTtlSeconds \(1800\)/,
        },
        { kind: "compliant", title: "ten minutes", props: agent, expect: "pass" },
        { kind: "absent", title: "AWS default (600 s)", props: { ...agent, idleSessionTtlInSeconds: undefined }, expect: "pass" },
        { kind: "unknown", title: "from config", props: { ...agent, idleSessionTtlInSeconds: UNKNOWN_VALUES.number }, expect: "unknown" },
        { kind: "malformed", title: "a word", props: { ...agent, idleSessionTtlInSeconds: "long" }, expect: "malformed", message: /cannot evaluate idleSessionTtlInSeconds/ },
    ]);

    policyCases(pack, "aws-bedrock-data-source-retain-on-delete", DATA_SOURCE, [
        { kind: "violating", title: "DELETE", props: { ...dataSource, dataDeletionPolicy: "DELETE" }, expect: "violation", message: /dataDeletionPolicy is "DELETE"/ },
        { kind: "compliant", title: "RETAIN", props: dataSource, expect: "pass" },
        { kind: "absent", title: "AWS default DELETE", props: { ...dataSource, dataDeletionPolicy: undefined }, expect: "violation", message: /AWS default: "DELETE"/ },
        { kind: "unknown", title: "from config", props: { ...dataSource, dataDeletionPolicy: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "unsupported value", props: { ...dataSource, dataDeletionPolicy: "KEEP" }, expect: "malformed", message: /cannot evaluate dataDeletionPolicy/ },
    ]);

    const credential = { userName: "chatbot", serviceName: "bedrock.amazonaws.com" };
    policyCases(pack, "aws-iam-no-bedrock-long-term-api-keys", CREDENTIAL, [
        {
            kind: "violating",
            title: "active Bedrock API key",
            props: { ...credential, status: "Active", credentialAgeDays: 30 },
            expect: "violation",
            message: /status is "Active"/,
        },
        { kind: "compliant", title: "deactivated key", props: { ...credential, status: "Inactive" }, expect: "pass" },
        {
            kind: "compliant",
            title: "CodeCommit credentials are not Bedrock API keys",
            props: { userName: "ci", serviceName: "codecommit.amazonaws.com" },
            expect: "not-applicable",
        },
        { kind: "absent", title: "status absent (AWS default Active)", props: credential, expect: "violation", message: /AWS default: "Active"/ },
        { kind: "unknown", title: "service unknown", props: { ...credential, serviceName: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "service is a number", props: { ...credential, serviceName: 1 }, expect: "malformed", message: /cannot evaluate serviceName/ },
    ]);

    policyCases(pack, "aws-iam-marketplace-subscribe-scoped", POLICY, [
        { kind: "violating", title: "Subscribe to anything", props: doc(subscribe), expect: "violation", message: /policy statement 1 allows aws-marketplace:Subscribe/ },
        {
            kind: "violating",
            title: "aws-marketplace:* on a role's inline policy",
            type: ROLE,
            props: { assumeRolePolicy: "{}", inlinePolicies: [{ name: "x", ...doc({ Effect: "Allow", Action: "aws-marketplace:*", Resource: "*" }) }] },
            expect: "violation",
        },
        {
            kind: "violating",
            title: "a bare number names no product",
            props: doc({ ...subscribe, Condition: { StringEquals: { "aws-marketplace:ProductId": 7 } } }),
            expect: "violation",
        },
        {
            kind: "unknown",
            title: "product id from an output",
            props: { policy: { Version: "2012-10-17", Statement: [{ ...subscribe, Condition: { StringEquals: { "aws-marketplace:ProductId": UNKNOWN_VALUES.string } } }] } },
            expect: "unknown",
        },
        {
            kind: "compliant",
            title: "named products",
            props: doc({ ...subscribe, Condition: { "ForAnyValue:StringEquals": { "aws-marketplace:ProductId": ["prod-123"] } } }),
            expect: "pass",
        },
        { kind: "compliant", title: "view only", props: doc({ Effect: "Allow", Action: "aws-marketplace:ViewSubscriptions", Resource: "*" }), expect: "pass" },
        { kind: "absent", title: "no document", props: {}, expect: "pass" },
        { kind: "unknown", title: "document from outputs", props: { policy: UNKNOWN_VALUES.string }, expect: "unknown" },
        { kind: "malformed", title: "not JSON", props: { policy: "{" }, expect: "malformed", message: /cannot evaluate policy/ },
    ]);
});
