/**
 * Azure Key Vault keys (the customer-managed keys of storage, registries, workspaces and AI
 * services): rotated automatically on a schedule.
 *
 * A key carries tags of its own, so it is scoped like a data store (lib/scope.ts): keys tagged as
 * protecting AI data, or every key with allDataStores.
 *
 * Shape (API 2024-11-01): `properties.rotationPolicy.lifetimeActions[].{action.type,trigger}`;
 * action types are documented lower-case ("rotate", "notify").
 */
import { resourcePolicy } from "../../../lib/policy";
import { inAiScope, scopeKnobs, ScopeKnobs } from "../../../lib/scope";

export const keyVaultKeyRotationPolicy = resourcePolicy<ScopeKnobs & { maximumDaysBetweenRotations: number }>({
    name: "azure-keyvault-key-rotation-policy",
    description: "Key Vault keys protecting AI data must have a rotation policy that rotates them automatically.",
    severity: "low",
    guidelines: ["DEP-2"],
    controls: ["ENC-Z13"],
    theme: "encryption",
    resourceTypes: ["azure-native:keyvault:Key"],
    config: {
        ...scopeKnobs,
        maximumDaysBetweenRotations: {
            type: "integer",
            minimum: 1,
            default: 365,
            description: "The longest time after creation (trigger timeAfterCreate) accepted before a key is rotated, in days.",
        },
    },
    remediationSteps:
        'Set `properties.rotationPolicy: { lifetimeActions: [{ action: { type: "rotate" }, trigger: { timeAfterCreate: "P90D" } }], attributes: { expiryTime: "P1Y" } }`.',
    url: "https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation",
    validate(r) {
        if (!inAiScope(r)) {
            return;
        }
        const rotations = r.find("properties.rotationPolicy.lifetimeActions", (a) => {
            const type = a.enum("action.type", ["rotate", "notify"]);
            return type === undefined ? undefined : type.value === "rotate";
        });
        if (!rotations) {
            return;
        }
        if (rotations.length === 0) {
            r.violation('properties.rotationPolicy has no "rotate" lifetime action: the key is never rotated, so a leaked key stays useful forever. Add one.');
            return;
        }
        for (const a of rotations) {
            const after = a.duration("trigger.timeAfterCreate", "P90D");
            // Absent: rotation before expiry (timeBeforeExpiry), which the key's expiry bounds.
            if (after?.value !== undefined && after.value > r.config.maximumDaysBetweenRotations * 24 * 60) {
                r.violation(
                    `${a.path("trigger.timeAfterCreate")} is longer than maximumDaysBetweenRotations (${r.config.maximumDaysBetweenRotations} days). Rotate the key sooner.`,
                );
            }
        }
    },
});

export const keyPolicies = [keyVaultKeyRotationPolicy];
