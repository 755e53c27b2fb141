/**
 * `forceDestroy` lets `pulumi destroy` (or a replacement) delete a bucket with every object and
 * version in it. AI data stores must not be deletable that easily: buckets tagged as AI data stores
 * (or all with allDataStores: lib/scope.ts), and every S3 Vectors bucket, which is an AI resource
 * by nature (rule 1 of the README's "Which resources count as AI").
 */
import { resourcePolicy } from "../../../lib/policy";
import { fixesInAiScope, inAiScope, scopeKnobs, ScopeKnobs } from "../../../lib/scope";
import { BUCKET } from "./shapes";

const VECTOR_BUCKET = "aws:s3/vectorsVectorBucket:VectorsVectorBucket";

export const s3NoForceDestroy = resourcePolicy<ScopeKnobs>({
    name: "aws-s3-bucket-no-force-destroy",
    description: "S3 buckets and S3 Vectors buckets holding AI data must not set forceDestroy.",
    severity: "medium",
    guidelines: ["DEP-3", "DEV-2"],
    controls: ["RES-A06"],
    theme: "resilience",
    resourceTypes: [BUCKET, VECTOR_BUCKET],
    config: scopeKnobs,
    remediationSteps: "Remove `forceDestroy: true` (or set it to false); empty a bucket deliberately before deleting it.",
    url: "https://www.pulumi.com/registry/packages/aws/api-docs/s3/bucket/#forcedestroy_nodejs",
    validate(r) {
        if (!inAiScope(r, [VECTOR_BUCKET])) {
            return;
        }
        const force = r.boolean("forceDestroy", { absent: false });
        if (force?.value === true) {
            r.violation(`${force.text}: deleting or replacing the resource deletes all of its data without warning. Set it to false.`);
        }
    },
    remediate(r) {
        // Only for in-scope resources: the fix may only tighten what the policy judges.
        if (fixesInAiScope(r, [VECTOR_BUCKET])) {
            r.ensure("forceDestroy", false, (v) => v === undefined || v === false || v === "false");
        }
    },
});

export const forceDestroyPolicies = [s3NoForceDestroy];
