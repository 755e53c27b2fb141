/** Checks shared by Azure policies. */
import type { Section } from "../../lib/check";

/** The "public network access" switch and the firewall default of one Azure resource type. */
export interface NetworkShape {
    /** Path of the public network access switch, e.g. `publicNetworkAccess`. */
    publicPath: string;
    /** Its documented values (spelling as documented for this resource). */
    publicValues: readonly string[];
    /** What Azure does when it is not set (for every type here: public access on). */
    publicAbsent: string;
    /** Values that close the public endpoint (e.g. "Disabled", "SecuredByPerimeter"). */
    closed: readonly string[];
    /** Path of the firewall's default action, e.g. `networkRuleSet.defaultAction`. */
    aclPath: string;
}

/**
 * "Public network access disabled, or a firewall that denies by default": the shape of Azure
 * Policy's "should restrict network access" built-ins. A closed public endpoint passes without
 * looking at the firewall; otherwise the firewall must default to "Deny" (absent = "Allow", Azure's
 * default for every resource type that uses this check).
 */
export function publicOrDefaultDeny(r: Section, shape: NetworkShape, consequence: string): void {
    const access = r.enum(shape.publicPath, shape.publicValues, { absent: shape.publicAbsent });
    if (!access || access.value === undefined || shape.closed.includes(access.value)) {
        return;
    }
    const acl = r.enum(shape.aclPath, ["Allow", "Deny"], { absent: "Allow" });
    if (!acl || acl.value === "Deny") {
        return;
    }
    r.violation(
        `${access.text} and ${acl.text}: ${consequence}. Set ${r.path(shape.publicPath)} to "${shape.closed[0]}" and reach it through private endpoints, or set ${r.path(shape.aclPath)} to "Deny" and allow only the networks that need it.`,
    );
}

/**
 * Requires an enum to hold one of `wanted`; absent is judged as `absent` (Azure's default).
 * `consequence` completes "<path> is ...: <consequence>.".
 */
export function requireEnum(r: Section, path: string, values: readonly string[], wanted: readonly string[], absent: string | undefined, consequence: string): void {
    const got = r.enum(path, values, { absent });
    if (!got || (got.value !== undefined && wanted.includes(got.value))) {
        return;
    }
    const target = wanted.map((w) => `"${w}"`).join(" or ");
    r.violation(`${got.text}: ${consequence}. Set it to ${target}.`);
}

/** Requires a boolean to be `wanted`; absent is judged as `absent` (Azure's default). */
export function requireBoolean(r: Section, path: string, wanted: boolean, absent: boolean | undefined, consequence: string): void {
    const got = r.boolean(path, { absent });
    if (!got || got.value === wanted) {
        return;
    }
    r.violation(`${got.text}: ${consequence}. Set it to ${wanted}.`);
}
