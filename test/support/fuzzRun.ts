/**
 * `npm run fuzz`: the full fuzz run (test/zz-fuzz.spec.ts with FUZZ=full), once with the fast paths
 * and once without (SECURE_AI_POLICIES_FAST_PATHS=0). Mocha loads every spec file, so the policy
 * specs register their fixtures; only the fuzz tests run. FUZZ_SEED and FUZZ_PER pass through.
 */
import { spawnSync } from "child_process";

for (const fastPaths of ["1", "0"]) {
    process.stdout.write(`\nfuzz run ${fastPaths === "1" ? "with" : "without"} the fast paths\n`);
    const run = spawnSync(process.execPath, [require.resolve("mocha/bin/mocha.js"), "--grep", "^(fuzz|every fixture)"], {
        stdio: "inherit",
        env: { ...process.env, FUZZ: "full", FUZZ_PER: process.env.FUZZ_PER ?? "8", FUZZ_FAST_PATHS: fastPaths },
    });
    if (run.status !== 0) {
        process.exit(run.status ?? 1);
    }
}
