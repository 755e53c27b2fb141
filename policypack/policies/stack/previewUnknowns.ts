/**
 * What a preview cannot know, said once per resource (lib/previewUnknowns.ts explains the hand-off).
 * This policy runs last: every other policy of both passes has recorded what it waits for.
 */
import { WHOLE_OBJECT } from "../../lib/check";
import { PREVIEW_UNKNOWNS_POLICY, SETTLING, takeWaiting, topProperty, Waiting } from "../../lib/previewUnknowns";
import { StackCheck, StackIndex, StackResource, stackPolicy } from "../../lib/stack";

/** A list of at most five, then a count. */
function some(items: readonly string[]): string {
    return items.slice(0, 5).join(", ") + (items.length > 5 ? `, and ${items.length - 5} more` : "");
}

/** What is left of `w` once the graph has settled its claims on `r`; undefined when nothing is. */
function unsettled(index: StackIndex, r: StackResource | undefined, w: Waiting): Waiting | undefined {
    if (w.claims === undefined || r === undefined) {
        return w;
    }
    const claims = w.claims;
    const what = w.what.filter((path) => {
        const claim = claims.get(path);
        const from = claim === undefined ? undefined : SETTLING.get(claim);
        return from === undefined || !index.derivedOnlyFrom(r, topProperty(path), from);
    });
    return what.length === 0 ? undefined : { policy: w.policy, what };
}

function message(waits: readonly Waiting[]): string {
    const lines = waits.map((w) => `- ${w.policy}: ${some(w.what)}`);
    const whole = waits.some((w) => w.what.some((p) => p.endsWith(WHOLE_OBJECT)))
        ? "\nA preview leaves an object unknown as a whole when any value inside it is computed from another resource (azure-native does so with `properties`), so none of its settings can be read yet."
        : "";
    const count = waits.length === 1 ? "1 policy waits" : `${waits.length} policies wait`;
    return (
        `cannot verify until the values are known (after \`pulumi up\`): values this resource takes from resources not created yet are unknown in a preview, and ${count} for them:\n` +
        `${lines.join("\n")}${whole}\nEach runs again on the real values during the update.`
    );
}

function report(s: StackCheck<Record<string, never>>): void {
    const index = s.index;
    for (const [urn, waits] of takeWaiting()) {
        const r = urn === "" ? undefined : index.get(urn);
        if (urn !== "" && r === undefined) {
            continue; // a resource of another run, analysed but not part of this stack
        }
        const left = waits.map((w) => unsettled(index, r, w)).filter((w): w is Waiting => w !== undefined);
        if (left.length > 0) {
            s.violation(r, message(left));
        }
    }
}

export const previewUnknownValues = stackPolicy({
    name: PREVIEW_UNKNOWNS_POLICY,
    description: "Values a preview cannot know yet are reported once per resource, naming each policy that waits for them.",
    severity: "low",
    guidelines: ["DES-3i"],
    controls: [],
    theme: "inventory",
    resourceTypes: [],
    appliesTo: () => true,
    remediationSteps:
        "Nothing to fix: the named policies judge these values during `pulumi up`, before each resource is created. To see them in a preview, pass known values where the program can (a literal, a config value, or a value computed only from the program's own keys, policies and guardrail versions, which the graph vouches for). Set this policy to mandatory to make a preview fail while anything cannot be verified; disable it to have each policy report its own unknowns.",
    url: "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    validate: report,
});

export const previewUnknownsPolicies = [previewUnknownValues];
