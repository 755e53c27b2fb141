/**
 * Remediate always answers. The SDK's handler deserialises the resource's properties before its
 * own error handling, inside an async function: properties it cannot deserialise (a malformed
 * asset, archive or secret envelope) reject a promise nobody waits for, the call is never
 * answered, and the deployment stalls. The handler is wrapped (serverHooks.ts) so that when it
 * fails without answering, the call is answered with no remediation: the properties stay as they
 * are, and Analyze judges them. Answers the handler gives itself pass through unchanged, once.
 */
import { sdkModule } from "./sdk";
import { Handler, wrapHandler } from "./serverHooks";

/** Wraps the Remediate handler of the PolicyPack about to be constructed. Returns whether it could. */
export function answerEveryRemediate(): boolean {
    const pb = sdkModule<{ RemediateResponse?: new () => unknown }>("@pulumi/pulumi/proto/analyzer_pb");
    const Response = pb?.RemediateResponse;
    if (typeof Response !== "function") {
        return false;
    }
    return wrapHandler("remediate", (handler: Handler): Handler => (call, callback) => {
        let answered = false;
        const answer = (err: unknown, res?: unknown) => {
            if (!answered) {
                answered = true;
                callback(err, res);
            }
        };
        const nothingToChange = () => answer(null, new Response());
        try {
            const pending = handler(call, answer) as PromiseLike<unknown> | undefined;
            if (pending !== undefined && pending !== null && typeof pending.then === "function") {
                pending.then(() => !answered && nothingToChange(), nothingToChange);
            }
        } catch {
            nothingToChange();
        }
    });
}
