/**
 * The organisation file (organisation.json) and the policy-pack config each group gets from it.
 * Pure (no Pulumi import): the program (index.ts) and the pack's tests (test/policyGroups.spec.ts)
 * both use it, so the file's allow-lists are validated against the pack's real schemas.
 */

/** A stack of the organisation: its project and its name. */
export interface StackRef {
    routingProject: string;
    name: string;
}

export interface GroupSpec {
    stacks: StackRef[];
    /** Per-policy settings for this group only (e.g. exemptions), as in a `--policy-pack-config` file. */
    policies?: Record<string, Record<string, unknown>>;
}

export interface OrganisationFile {
    /** Settings given to every policy that declares them (`approvedKmsKeyArns`, `approvedModelIds`, ...), in every group. */
    settings: Record<string, unknown>;
    groups: { production: GroupSpec; development: GroupSpec; audit: GroupSpec };
}

/** The settings each policy declares (its config schema's property names), by policy name. */
export type DeclaredSettings = ReadonlyMap<string, ReadonlySet<string>>;

/** Parses organisation.json, with one clear error naming what is wrong. */
export function parseOrganisationFile(text: string, file = "organisation.json"): OrganisationFile {
    const fail = (what: string): never => {
        throw new Error(`${file}: ${what}`);
    };
    let data: unknown;
    try {
        data = JSON.parse(text);
    } catch (e) {
        return fail(`not valid JSON (${e instanceof Error ? e.message : "unreadable"})`);
    }
    const o = data as Partial<OrganisationFile> | null;
    if (o === null || typeof o !== "object" || typeof o.settings !== "object" || o.settings === null || Array.isArray(o.settings)) {
        return fail("`settings` must be an object of policy settings");
    }
    for (const g of ["production", "development", "audit"] as const) {
        const spec = o.groups?.[g];
        if (!spec || !Array.isArray(spec.stacks) || !spec.stacks.every((s) => typeof s?.routingProject === "string" && typeof s?.name === "string")) {
            fail(`groups.${g}.stacks must list {"routingProject", "name"} objects`);
        }
    }
    return o as OrganisationFile;
}

/**
 * The policy-pack config of one group: the organisation's settings for every policy that declares
 * them, the group's own per-policy settings over those, and, when given, one enforcement level for
 * all policies (`all`, which the engine applies first).
 */
export function groupConfig(org: OrganisationFile, group: keyof OrganisationFile["groups"], declared: DeclaredSettings, all?: "mandatory" | "advisory"): Record<string, unknown> {
    const config: Record<string, unknown> = all ? { all } : {};
    for (const [policy, settings] of declared) {
        const entry: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(org.settings)) {
            if (settings.has(key)) {
                entry[key] = value;
            }
        }
        Object.assign(entry, org.groups[group].policies?.[policy]);
        if (Object.keys(entry).length > 0) {
            config[policy] = entry;
        }
    }
    for (const policy of Object.keys(org.groups[group].policies ?? {})) {
        if (!declared.has(policy)) {
            throw new Error(`organisation.json: groups.${group}.policies: the pack has no policy "${policy}"`);
        }
    }
    return config;
}

/** The settings each policy declares, from the policies' metadata (as the pack reports it). */
export function declaredSettings(policies: readonly { name: string; configSchema?: { properties?: Record<string, unknown> } | Record<string, unknown> }[]): DeclaredSettings {
    return new Map(policies.map((p) => [p.name, new Set(Object.keys(((p.configSchema ?? {}) as { properties?: Record<string, unknown> }).properties ?? {}))]));
}
