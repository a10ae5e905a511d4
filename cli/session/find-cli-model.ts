// Finds the model for a command through the models lookup and turns its
// failures into CLI errors.
import { failure, success, type CliResult } from "../errors";
import { findModel, type FoundModel } from "../models/find-model";

/**
 * Finds the model in `modelDir` (--model-dir), else QUERYABLE_MODEL_DIR,
 * else the default model's cache folder. Fails with MODEL_MISSING whose
 * message lists the missing files, where they go and the fetch command.
 */
export function findCliModel(modelDir: string | undefined, env: NodeJS.ProcessEnv = process.env): CliResult<FoundModel> {
  const found = findModel(modelDir === undefined ? { env } : { modelDir, env });
  if (found.ok) return success(found.value);
  return failure(found.error.code === "INVALID_OPTION" ? "USAGE" : "MODEL_MISSING", found.error.message);
}
