/**
 * Bedrock agents and knowledge bases: what they keep, and for how long. An agent keeps a user's
 * conversation for its idle session TTL (AWS default 600 seconds); a knowledge base's data source
 * decides whether its vectors survive the data source (AWS default: "DELETE").
 */
import { resourcePolicy } from "../../../lib/policy";
import { AGENT, DATA_SOURCE, DOCS } from "./util";

export const agentIdleSessionTtl = resourcePolicy<{ maxIdleSessionTtlSeconds: number }>({
    name: "aws-bedrock-agent-idle-session-ttl",
    description: "Bedrock agents must end idle sessions, and the conversation data they hold, within a bounded time.",
    severity: "low",
    guidelines: ["DEV-2", "DES-3i"],
    controls: ["ACC-A29"],
    theme: "access",
    resourceTypes: [AGENT],
    config: {
        maxIdleSessionTtlSeconds: {
            type: "number",
            minimum: 60,
            maximum: 5400,
            default: 1800,
            description: "Longest acceptable idleSessionTtlInSeconds.",
        },
    },
    remediationSteps: "Set `idleSessionTtlInSeconds` to the shortest time a user pauses in a conversation (e.g. 600).",
    url: `${DOCS}agents-create.html`,
    validate(r) {
        const ttl = r.number("idleSessionTtlInSeconds", { absent: 600 });
        if (ttl?.value !== undefined && ttl.value > r.config.maxIdleSessionTtlSeconds) {
            r.violation(
                `${ttl.text} above maxIdleSessionTtlSeconds (${r.config.maxIdleSessionTtlSeconds}): an abandoned session, and the data given in it, stays usable longer than needed. Lower it.`,
            );
        }
    },
});

export const dataSourceRetainOnDelete = resourcePolicy({
    name: "aws-bedrock-data-source-retain-on-delete",
    description: 'Bedrock knowledge-base data sources must keep their vector data when deleted (dataDeletionPolicy "RETAIN").',
    severity: "low",
    guidelines: ["DEP-3", "DEV-2"],
    controls: ["RES-A10"],
    theme: "resilience",
    resourceTypes: [DATA_SOURCE],
    remediationSteps:
        'Set `dataDeletionPolicy: "RETAIN"`, so that deleting or replacing the data source (a property change can replace it) does not wipe the embeddings an incident response or a rollback needs; delete them deliberately.',
    url: "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent_CreateDataSource.html",
    validate(r) {
        const policy = r.enum("dataDeletionPolicy", ["RETAIN", "DELETE"], { absent: "DELETE" });
        if (policy?.value === "DELETE") {
            r.violation(`${policy.text}: deleting or replacing the data source erases its vectors from the store with it. Set it to "RETAIN".`);
        }
    },
});

export const agentPolicies = [agentIdleSessionTtl, dataSourceRetainOnDelete];
