/**
 * Preloaded into the pack process by the test harness (`node --require`): loading any module of a
 * cloud SDK makes the process fail loudly. The running pack must match type tokens only.
 */
import Module = require("module");

const forbidden = /(^|[\\/]node_modules[\\/])@pulumi[\\/](aws|azure-native)([\\/]|$)|^@pulumi\/(aws|azure-native)(\/|$)/;
const original = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
(Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load = function (request: string, ...rest: unknown[]) {
    if (forbidden.test(request)) {
        process.stderr.write(`secure-ai-policies test guard: the pack loaded a cloud SDK module (${request})\n`);
        process.exit(97);
    }
    return original.call(this, request, ...rest);
};
