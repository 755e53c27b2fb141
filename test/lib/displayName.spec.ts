/** lib/displayName.ts: each policy's display name, derived from its name. */
import * as assert from "assert";
import { displayNameOf, SPELLINGS } from "../../policypack/lib/displayName";
import { repositoryOf } from "../../policypack/metadata";
import { policies } from "../../policypack/registry";

describe("lib/displayName: policy display names", () => {
    it("spells acronyms and product names as their owners do, in sentence case", () => {
        assert.strictEqual(displayNameOf("aws-sagemaker-notebook-kms"), "AWS SageMaker notebook KMS");
        assert.strictEqual(displayNameOf("azure-storage-min-tls-1-2"), "Azure storage min TLS 1.2");
        assert.strictEqual(displayNameOf("ai-assets-required-tags"), "AI assets required tags");
        assert.strictEqual(displayNameOf("azure-keyvault-rbac-authorization"), "Azure Key Vault RBAC authorization");
    });

    it("every policy has one, unique; every word of every name is a plain lower-case word or has a spelling", () => {
        const seen = new Set<string>();
        for (const p of policies) {
            assert.strictEqual(p.displayName, displayNameOf(p.name));
            assert.ok(!seen.has(p.displayName!), `${p.name}: duplicate display name`);
            seen.add(p.displayName!);
        }
        // Words that look like acronyms or products (no vowel, or a known brand shape) must be in SPELLINGS.
        const suspicious = new Set<string>();
        for (const p of policies) {
            for (const w of p.name.split("-")) {
                if (SPELLINGS[w] === undefined && /^[a-z]+$/.test(w) && !/[aeiouy]/.test(w)) {
                    suspicious.add(w);
                }
            }
        }
        assert.deepStrictEqual([...suspicious], [], "add these to SPELLINGS in lib/displayName.ts");
    });

    it("reads the pack's repository from package.json's repository field, either form", () => {
        assert.strictEqual(repositoryOf({ repository: "https://github.com/o/r" }), "https://github.com/o/r");
        assert.strictEqual(repositoryOf({ repository: { type: "git", url: "git+https://github.com/o/r.git" } }), "https://github.com/o/r");
        assert.strictEqual(repositoryOf({}), undefined);
        assert.strictEqual(repositoryOf(null), undefined);
    });
});
