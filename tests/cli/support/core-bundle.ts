// Locates the built core bundle for tests that run core through the bridge.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const coreBundlePath = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "dist", "queryable-core.js");

/** Why core cannot be loaded, or undefined when the bundle exists. */
export const missingCoreBundle: string | undefined = existsSync(coreBundlePath) ? undefined : `${coreBundlePath} is missing; run "node build.mjs" first`;
