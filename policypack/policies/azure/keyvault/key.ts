/**
 * Azure Key Vault keys (the customer-managed keys of storage, registries, workspaces and AI
 * services): rotated automatically on a schedule.
 *
 * Shape (API 2024-11-01): `properties.rotationPolicy.lifetimeActions[].{action.type,trigger}`;
 * action types are documented lower-case ("rotate", "notify").
 */
import { resourcePolicy } from "../../../lib/policy";

export const keyVaultKeyRotationPolicy = resourcePolicy<{ maximumDaysBetweenRotations: number }>({
    name: "azure-keyvault-key-rotation-policy",
    description: "Key Vault keys must have a rotation policy that rotates them automatically.",
    severity: "low",
    guidelines: ["DEP-2"],
    controls: ["ENC-Z13"],
    theme: "encryption",
    resourceTypes: ["azure-native:keyvault:Key"],
    config: {
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
        const actions = r.list("properties.rotationPolicy.lifetimeActions");
        if (!actions) {
            return;
        }
        let rotates = false;
        let incomplete = false;
        for (const a of actions) {
            const type = a.enum("action.type", ["rotate", "notify"]);
            if (!type) {
                incomplete = true;
                continue;
            }
            if (type.value !== "rotate") {
                continue;
            }
            rotates = true;
            const after = a.duration("trigger.timeAfterCreate", "P90D");
            if (!after) {
                incomplete = true;
                continue;
            }
            if (after.value === undefined) {
                continue; // rotation before expiry (timeBeforeExpiry): the key's expiry bounds it
            }
            if (after.value > r.config.maximumDaysBetweenRotations * 24 * 60) {
                r.violation(
                    `${a.path("trigger.timeAfterCreate")} is longer than maximumDaysBetweenRotations (${r.config.maximumDaysBetweenRotations} days). Rotate the key sooner.`,
                );
            }
        }
        if (!rotates && !incomplete) {
            r.violation('properties.rotationPolicy has no "rotate" lifetime action: the key is never rotated, so a leaked key stays useful forever. Add one.');
        }
    },
});

export const keyPolicies = [keyVaultKeyRotationPolicy];
