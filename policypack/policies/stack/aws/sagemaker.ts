/**
 * SageMaker relations: an endpoint is only observable if the configuration it serves captures
 * requests and responses and a monitoring schedule watches it; a model is only documented if a
 * model card describes it.
 */
import { readKey, UNKNOWN } from "../../../lib/props";
import { StackResource, stackPolicy } from "../../../lib/stack";
import { taggedWith, tagsOf } from "../../../lib/tags";

const ENDPOINT = "aws:sagemaker/endpoint:Endpoint";
const ENDPOINT_CONFIG = "aws:sagemaker/endpointConfiguration:EndpointConfiguration";
const SCHEDULE = "aws:sagemaker/monitoringSchedule:MonitoringSchedule";
const DATA_QUALITY = "aws:sagemaker/dataQualityJobDefinition:DataQualityJobDefinition";
const MODEL = "aws:sagemaker/model:Model";
const MODEL_CARD = "aws:sagemaker/modelCard:ModelCard";
const DOCS = "https://docs.aws.amazon.com/sagemaker/latest/dg/";

export const endpointDataCapture = stackPolicy({
    name: "aws-sagemaker-endpoint-data-capture",
    description: "Every SageMaker endpoint must serve an endpoint configuration that captures inference data.",
    severity: "medium",
    guidelines: ["OPS-2", "OPS-1"],
    controls: ["LOG-A10"],
    theme: "logging",
    resourceTypes: [ENDPOINT],
    remediationSteps:
        'In the endpoint\'s `aws.sagemaker.EndpointConfiguration`, set `dataCaptureConfig: { enableCapture: true, initialSamplingPercentage: <percent>, destinationS3Uri: <bucket uri>, kmsKeyId: <key arn>, captureOptions: [{ captureMode: "InputAndOutput" }] }`.',
    url: `${DOCS}model-monitor-data-capture.html`,
    validate(s) {
        const links = s.index.attachments({ targets: [ENDPOINT_CONFIG], attachments: [ENDPOINT], via: "endpointConfigName", keys: ["name", "id", "arn"], identity: ["name"] });
        for (const endpoint of s.ofType(ENDPOINT)) {
            const to = links.pointsAt(endpoint);
            if (to.state === "unknown") {
                s.unknown(endpoint, "endpointConfigName (which endpoint configuration it serves)");
                continue;
            }
            // "external" and "none": the configuration is managed outside this stack (or the name is
            // missing, which the provider rejects); its capture is judged where it is declared.
            for (const config of to.targets) {
                // Unknowns are reported once, on the endpoint; malformed values on the configuration.
                const capture = s.quiet(config).boolean("dataCaptureConfig.enableCapture", { absent: false });
                if (capture === undefined) {
                    s.unknown(endpoint, `dataCaptureConfig.enableCapture of its endpoint configuration "${config.name}"`);
                } else if (capture.value !== true) {
                    s.violation(
                        endpoint,
                        `the endpoint serves the endpoint configuration "${config.name}", whose ${capture.text}: its inputs and outputs are not recorded, so misuse, drift and attacks on the model go unseen. Enable data capture there.`,
                    );
                }
            }
        }
    },
});

/** Known endpoint names a monitoring resource watches (inline schedule input or data-quality input). */
function watchedName(r: StackResource): string | undefined | typeof UNKNOWN {
    const path =
        r.canonical === SCHEDULE
            ? ["monitoringScheduleConfig", "monitoringJobDefinition", "monitoringInputs", "endpointInput", "endpointName"]
            : ["dataQualityJobInput", "endpointInput", "endpointName"];
    let v: unknown = r.resource.props;
    for (const step of path) {
        v = readKey(v, step);
        if (Array.isArray(v)) {
            v = readKey(v, 0); // a one-element list where the schema has an object (state written by older providers)
        }
        if (v === UNKNOWN || v === undefined) {
            return v;
        }
    }
    return typeof v === "string" ? v : undefined;
}

export const endpointMonitored = stackPolicy({
    name: "aws-sagemaker-endpoint-monitoring-schedule",
    description: "Every SageMaker endpoint must be watched by a model monitoring schedule.",
    severity: "low",
    guidelines: ["OPS-1"],
    controls: ["LOG-A11"],
    theme: "monitoring",
    resourceTypes: [ENDPOINT],
    remediationSteps:
        "Add an `aws.sagemaker.MonitoringSchedule` for the endpoint (with a `DataQualityJobDefinition` whose `dataQualityJobInput.endpointInput.endpointName` is `<endpoint>.name`, or an inline `monitoringJobDefinition`).",
    url: `${DOCS}model-monitor.html`,
    validate(s) {
        const monitors = s.ofType(SCHEDULE, DATA_QUALITY);
        // A data-quality job definition only watches anything once a schedule runs it; schedules name
        // their job definition by name, so any schedule in the stack is taken to run it.
        const hasSchedule = s.ofType(SCHEDULE).length > 0;
        const scheduled = (r: StackResource) => r.canonical === SCHEDULE || hasSchedule;
        const byName = new Set<string>();
        // Endpoint names unknown in preview can only name the endpoints the graph allows (StackIndex.candidates).
        let anyEndpoint = false;
        const maybe = new Set<string>();
        const find = s.index.candidates([ENDPOINT], ["name"]);
        for (const m of monitors) {
            const name = watchedName(m);
            if (name === UNKNOWN && scheduled(m) && s.index.dependenciesOf(m).every((d) => d.canonical !== ENDPOINT)) {
                const could = find(m, m.canonical === SCHEDULE ? "monitoringScheduleConfig" : "dataQualityJobInput");
                if (could === "any") {
                    anyEndpoint = true;
                } else {
                    for (const e of could) {
                        maybe.add(e.urn);
                    }
                }
            } else if (typeof name === "string" && scheduled(m)) {
                byName.add(name);
            }
        }
        for (const endpoint of s.ofType(ENDPOINT)) {
            if (s.index.referrers(endpoint, [SCHEDULE, DATA_QUALITY]).some(scheduled)) {
                continue;
            }
            const name = readKey(endpoint.resource.props, "name");
            if (typeof name === "string" && byName.has(name)) {
                continue;
            }
            if (anyEndpoint || maybe.has(endpoint.urn) || (name === UNKNOWN && byName.size > 0)) {
                s.unknown(endpoint, "which monitoring schedule watches it (endpoint names are only known after `pulumi up`)");
                continue;
            }
            s.violation(endpoint, "no monitoring schedule watches this endpoint: data drift, degraded predictions and abuse go unnoticed. Add a MonitoringSchedule for it.");
        }
    },
});

interface ModelCardKnobs {
    modelCardTagKeys: string[];
}

export const modelHasCard = stackPolicy<ModelCardKnobs>({
    name: "aws-sagemaker-model-card",
    description: "Every SageMaker model must be documented by a model card.",
    severity: "low",
    guidelines: ["DEV-3", "DEP-4"],
    controls: ["STK-02"],
    theme: "inventory",
    resourceTypes: [MODEL],
    config: {
        modelCardTagKeys: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: ["model-card"],
            description: "Tag keys whose presence on a model says where its model card is kept (e.g. a card managed in another account).",
        },
    },
    remediationSteps:
        "Add an `aws.sagemaker.ModelCard` whose `content` names the model (`model_overview.model_name: <model>.name`), or tag the model with where its card lives (`model-card`).",
    url: `${DOCS}model-cards.html`,
    validate(s) {
        const cards = s.ofType(MODEL_CARD);
        const named = new Set<string>();
        // Card contents unknown in preview can only name the models the graph allows (StackIndex.candidates).
        let anyModel = false;
        const maybe = new Set<string>();
        const find = s.index.candidates([MODEL], ["name"]);
        for (const card of cards) {
            const content = readKey(card.resource.props, "content");
            if (content === UNKNOWN) {
                if (!s.index.dependenciesOf(card).some((d) => d.canonical === MODEL)) {
                    const could = find(card, "content");
                    if (could === "any") {
                        anyModel = true;
                    } else {
                        for (const m of could) {
                            maybe.add(m.urn);
                        }
                    }
                }
            } else if (typeof content === "string") {
                const name = modelNameIn(content);
                if (name !== undefined) {
                    named.add(name);
                }
            }
        }
        for (const model of s.ofType(MODEL)) {
            if (s.index.referrers(model, [MODEL_CARD]).length > 0) {
                continue;
            }
            const name = readKey(model.resource.props, "name");
            if (typeof name === "string" && named.has(name)) {
                continue;
            }
            const tagged = taggedWith(tagsOf(model.resource.props, model.resource.provider), s.config.modelCardTagKeys, s.quiet(model));
            if (tagged === true) {
                continue;
            }
            if (anyModel || maybe.has(model.urn) || (name === UNKNOWN && named.size > 0)) {
                s.unknown(model, "which model card describes it (card contents or model names are only known after `pulumi up`)");
                continue;
            }
            if (tagged === undefined) {
                s.unknown(model, "tags"); // or malformed, reported on the model
                continue;
            }
            s.violation(
                model,
                "no model card documents this model (intended use, training data, evaluation, risks). Add a ModelCard that names it, or tag it with where its card is kept.",
            );
        }
    },
});

/** `model_overview.model_name` of a model card's JSON content, if readable. */
function modelNameIn(content: string): string | undefined {
    try {
        const doc: unknown = JSON.parse(content);
        const overview = readKey(doc, "model_overview");
        const name = readKey(overview, "model_name");
        return typeof name === "string" ? name : undefined;
    } catch {
        return undefined;
    }
}

export const sagemakerStackPolicies = [endpointDataCapture, endpointMonitored, modelHasCard];
