/**
 * Coverage bookkeeping for stack policies: stack tests call `stackCase(policy, kind)` for each
 * scenario they assert, so test/zz-coverage.spec.ts can require all five kinds per policy.
 */
import type { Kind } from "./cases";

export const stackCovered = new Map<string, Set<Kind>>();

export function stackCase(policy: string, kind: Kind): void {
    let kinds = stackCovered.get(policy);
    if (!kinds) {
        kinds = new Set();
        stackCovered.set(policy, kinds);
    }
    kinds.add(kind);
}
