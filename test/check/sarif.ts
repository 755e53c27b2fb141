/**
 * The structure SARIF 2.1.0 requires of the objects `check --format sarif` writes, taken from the
 * OASIS schema (sarif-schema-2.1.0.json): required properties, enums, minimums, and, as there,
 * no properties beyond the ones the standard defines (except in property bags). Plus what GitHub
 * code scanning requires on top: a physical location for every result and a numeric
 * `security-severity`.
 */
import Ajv from "ajv";

const level = { enum: ["none", "note", "warning", "error"] };
const text = {
    type: "object",
    required: ["text"],
    additionalProperties: false,
    properties: { text: { type: "string" }, markdown: { type: "string" }, properties: { $ref: "#/definitions/propertyBag" } },
};
const message = {
    type: "object",
    additionalProperties: false,
    anyOf: [{ required: ["text"] }, { required: ["id"] }],
    properties: { text: { type: "string" }, markdown: { type: "string" }, id: { type: "string" }, arguments: { type: "array" }, properties: { $ref: "#/definitions/propertyBag" } },
};

const schema = {
    type: "object",
    required: ["version", "runs"],
    additionalProperties: false,
    properties: {
        $schema: { type: "string", format: "uri" },
        version: { const: "2.1.0" },
        runs: { type: "array", items: { $ref: "#/definitions/run" } },
        properties: { $ref: "#/definitions/propertyBag" },
    },
    definitions: {
        propertyBag: { type: "object", properties: { tags: { type: "array", uniqueItems: true, items: { type: "string" } } } },
        run: {
            type: "object",
            required: ["tool"],
            additionalProperties: false,
            properties: {
                tool: {
                    type: "object",
                    required: ["driver"],
                    additionalProperties: false,
                    properties: { driver: { $ref: "#/definitions/toolComponent" }, properties: { $ref: "#/definitions/propertyBag" } },
                },
                invocations: { type: "array", items: { $ref: "#/definitions/invocation" } },
                results: { type: "array", items: { $ref: "#/definitions/result" } },
                originalUriBaseIds: { type: "object" },
                properties: { $ref: "#/definitions/propertyBag" },
            },
        },
        toolComponent: {
            type: "object",
            required: ["name"],
            additionalProperties: false,
            properties: {
                name: { type: "string" },
                version: { type: "string" },
                semanticVersion: { type: "string" },
                informationUri: { type: "string", format: "uri" },
                rules: { type: "array", uniqueItems: true, items: { $ref: "#/definitions/reportingDescriptor" } },
                properties: { $ref: "#/definitions/propertyBag" },
            },
        },
        reportingDescriptor: {
            type: "object",
            required: ["id"],
            additionalProperties: false,
            properties: {
                id: { type: "string" },
                name: { type: "string" },
                shortDescription: text,
                fullDescription: text,
                help: text,
                helpUri: { type: "string", format: "uri" },
                defaultConfiguration: {
                    type: "object",
                    additionalProperties: false,
                    properties: { enabled: { type: "boolean" }, level, rank: { type: "number", minimum: -1, maximum: 100 }, properties: { $ref: "#/definitions/propertyBag" } },
                },
                properties: {
                    allOf: [{ $ref: "#/definitions/propertyBag" }],
                    // GitHub: a number from 0.0 to 10.0, as a string.
                    properties: { "security-severity": { type: "string", pattern: "^(10(\\.0)?|\\d(\\.\\d)?)$" } },
                },
            },
        },
        invocation: {
            type: "object",
            required: ["executionSuccessful"],
            additionalProperties: false,
            properties: {
                executionSuccessful: { type: "boolean" },
                exitCode: { type: "integer" },
                toolExecutionNotifications: { type: "array", items: { $ref: "#/definitions/notification" } },
                properties: { $ref: "#/definitions/propertyBag" },
            },
        },
        notification: {
            type: "object",
            required: ["message"],
            additionalProperties: false,
            properties: {
                message,
                level,
                locations: { type: "array", items: { $ref: "#/definitions/location" } },
                descriptor: { type: "object", additionalProperties: false, properties: { id: { type: "string" }, index: { type: "integer", minimum: -1 } } },
                properties: { $ref: "#/definitions/propertyBag" },
            },
        },
        result: {
            type: "object",
            required: ["message", "ruleId", "locations"],
            additionalProperties: false,
            properties: {
                ruleId: { type: "string" },
                ruleIndex: { type: "integer", minimum: -1 },
                level,
                message,
                // GitHub code scanning rejects results without a physical location.
                locations: { type: "array", minItems: 1, items: { allOf: [{ $ref: "#/definitions/location" }, { required: ["physicalLocation"] }] } },
                partialFingerprints: { type: "object", additionalProperties: { type: "string" } },
                properties: { $ref: "#/definitions/propertyBag" },
            },
        },
        location: {
            type: "object",
            additionalProperties: false,
            properties: {
                physicalLocation: {
                    type: "object",
                    required: ["artifactLocation"],
                    additionalProperties: false,
                    properties: {
                        artifactLocation: {
                            type: "object",
                            required: ["uri"],
                            additionalProperties: false,
                            properties: { uri: { type: "string", format: "uri-reference" }, uriBaseId: { type: "string" }, index: { type: "integer", minimum: -1 } },
                        },
                        region: {
                            type: "object",
                            required: ["startLine"],
                            additionalProperties: false,
                            properties: {
                                startLine: { type: "integer", minimum: 1 },
                                startColumn: { type: "integer", minimum: 1 },
                                endLine: { type: "integer", minimum: 1 },
                                endColumn: { type: "integer", minimum: 1 },
                            },
                        },
                    },
                },
                logicalLocations: {
                    type: "array",
                    minItems: 0,
                    uniqueItems: true,
                    items: {
                        type: "object",
                        additionalProperties: false,
                        properties: { name: { type: "string" }, fullyQualifiedName: { type: "string" }, kind: { type: "string" }, index: { type: "integer" } },
                    },
                },
                message,
            },
        },
    },
};

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const validate = ajv.compile(schema);

/** Throws with every structural error of a SARIF 2.1.0 log. */
export function assertSarif(log: unknown): void {
    if (!validate(log)) {
        throw new Error(`not a valid SARIF 2.1.0 log: ${ajv.errorsText(validate.errors, { separator: "\n" })}`);
    }
}
