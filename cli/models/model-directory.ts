// Model directory choice: an explicit directory, QUERYABLE_MODEL_DIR, or the
// per-user cache (XDG_CACHE_HOME on Linux, through env-paths).
import envPaths from "env-paths";
import { join, resolve } from "node:path";

/** Environment variable naming the model directory when --model-dir is absent. */
export const modelDirEnvVar = "QUERYABLE_MODEL_DIR";

/**
 * Returns the cache folder for model `modelId` (the model id stored in the index,
 * e.g. "clip-vit-b32"), such as ~/.cache/queryable/models/clip-vit-b32.
 * XDG_CACHE_HOME in `env` wins, so callers can pass their own environment;
 * otherwise env-paths picks the platform's cache folder.
 */
export function defaultModelDir(modelId: string, env: NodeJS.ProcessEnv = process.env): string {
  const cacheHome = env.XDG_CACHE_HOME;
  const cacheRoot = cacheHome !== undefined && cacheHome !== ""
    ? join(cacheHome, "queryable")
    : envPaths("queryable", { suffix: "" }).cache;
  return join(cacheRoot, "models", modelId);
}

/** Origin of the chosen model directory, for messages. */
export type ModelDirSource = "option" | "environment" | "cache";

/** Picks the model directory: `--model-dir`, else QUERYABLE_MODEL_DIR, else the cache folder of `modelId`. */
export function resolveModelDir(
  modelDirOption: string | undefined,
  modelId: string,
  env: NodeJS.ProcessEnv = process.env,
): { dir: string; source: ModelDirSource } {
  if (modelDirOption !== undefined && modelDirOption !== "") {
    return { dir: resolve(modelDirOption), source: "option" };
  }
  const fromEnv = env[modelDirEnvVar];
  if (fromEnv !== undefined && fromEnv !== "") {
    return { dir: resolve(fromEnv), source: "environment" };
  }
  return { dir: defaultModelDir(modelId, env), source: "cache" };
}
