// Absolute paths of the files tests run, resolved from this file so tests
// work from any working directory.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Root of the repository. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The core bundle that hosts load: dist/queryable-core.js. */
export const coreBundlePath = join(repoRoot, "dist", "queryable-core.js");

/** The .proto import root for protoc (-I). */
export const schemaRoot = join(repoRoot, "schemas");

/** Throws with the fix when dist/queryable-core.js has not been built. */
export function requireCoreBundle(): string {
  if (!existsSync(coreBundlePath)) {
    throw new Error(`core bundle not found at ${coreBundlePath}; run \`node build.mjs\` (or \`npm test\`, which builds first)`);
  }
  return coreBundlePath;
}
