/**
 * Run once per organisation (and again when the pack's version or the organisation file changes):
 * publishes secure-ai-policies to Pulumi Cloud and creates three policy groups.
 *
 * - production: preventative, every policy mandatory, with the organisation's allow-lists;
 * - development: preventative, every policy advisory (findings warn, nothing blocks), same allow-lists;
 * - audit: evaluates the latest state of every production and development stack (and any others
 *   listed) after each update, reporting only, at the pack's default levels.
 *
 *     cd examples/policy-groups && pulumi stack init <org>/policy-groups && pulumi up
 *
 * See README.md for what the Pulumi Service provider does and does not offer.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as pulumiservice from "@pulumi/pulumiservice";
import { PACK_DISPLAY_NAME, PACK_NAME } from "../../policypack/metadata";
import { declaredSettings, groupConfig, parseOrganisationFile } from "./groups";

const config = new pulumi.Config();
const organization = config.get("organization") ?? pulumi.getOrganization();
const file = path.resolve(__dirname, config.get("organisationFile") ?? "organisation.json");
const org = parseOrganisationFile(fs.readFileSync(file, "utf8"), file);

// The pack is this repository (its package.json version is the version tag; versions are immutable,
// so bump it to publish a new one). Run `npm install` at the root first: the provider starts the pack
// to read every policy's metadata, as `pulumi policy publish` does.
const packDir = path.resolve(__dirname, "..", "..");
const versionTag: string = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8")).version;

const pack = new pulumiservice.PolicyPack("secure-ai-policies", {
    organization,
    name: PACK_NAME,
    displayName: PACK_DISPLAY_NAME,
    versionTag,
    sourcePath: packDir,
    // `policies` is left out: the provider reads them from the pack itself (name, display name,
    // description, severity, framework, tags, remediation steps, URL and config schema).
});

/** The group's reference to the published pack, with its config computed from the organisation file. */
function packFor(group: "production" | "development" | "audit", all?: "mandatory" | "advisory"): pulumi.Output<pulumiservice.types.input.PolicyGroupPolicyPackReferenceInputArgs> {
    return pulumi.all([pack.name, pack.displayName, pack.versionTag, pack.policies]).apply(([name, displayName, tag, policies]) => ({
        name,
        displayName,
        versionTag: tag,
        config: groupConfig(org, group, declaredSettings(policies ?? []), all),
    }));
}

export const production = new pulumiservice.PolicyGroup("production", {
    organizationName: organization,
    name: "secure-ai-production",
    entityType: "stacks",
    mode: "preventative",
    stacks: org.groups.production.stacks,
    policyPacks: [packFor("production", "mandatory")],
}).name;

export const development = new pulumiservice.PolicyGroup("development", {
    organizationName: organization,
    name: "secure-ai-development",
    entityType: "stacks",
    mode: "preventative",
    stacks: org.groups.development.stacks,
    policyPacks: [packFor("development", "advisory")],
}).name;

const key = (s: { routingProject: string; name: string }) => `${s.routingProject}/${s.name}`;
const audited = [...org.groups.production.stacks, ...org.groups.development.stacks, ...org.groups.audit.stacks].filter(
    (s, i, all) => all.findIndex((t) => key(t) === key(s)) === i,
);

export const audit = new pulumiservice.PolicyGroup("audit", {
    organizationName: organization,
    name: "secure-ai-audit",
    entityType: "stacks",
    mode: "audit",
    stacks: audited,
    policyPacks: [packFor("audit")],
}).name;

export const packVersion = pack.version;
