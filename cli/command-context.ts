// The services that the entry passes to every command: output streams,
// logger, environment and the global options. Commands never touch
// process.stdout or the exit code themselves.
import envPaths from "env-paths";
import { join, resolve } from "node:path";
import type { CoreHost } from "./core-host/core-host";
import type { CliResult } from "./errors";
import { indexPaths, type IndexPaths } from "./index-store/index-paths";
import type { Logger } from "./logger";
import type { ProgressReporter } from "./progress/progress-reporter";

/** Options that every command accepts. */
export interface GlobalOptions {
  /** --index PATH: the index directory. */
  readonly index?: string;
  /** --model-dir DIR: the model directory. */
  readonly modelDir?: string;
}

/** The entry's services for one command run. */
export interface CommandContext {
  /** Writes command output (results, JSON) to standard output. */
  readonly out: (text: string) => void;
  readonly logger: Logger;
  readonly progress: ProgressReporter;
  readonly env: NodeJS.ProcessEnv;
  /** Loads a fresh core instance from the bundle. */
  readonly loadCore: () => CliResult<CoreHost>;
  /** Aborted on the first Ctrl-C, so a long run can stop cleanly. */
  readonly signal: AbortSignal;
  readonly globals: () => GlobalOptions;
}

/**
 * Resolves the index directory: --index PATH, else $XDG_DATA_HOME/queryable/index,
 * else the platform's data folder from env-paths (~/.local/share/queryable/index on Linux).
 */
export function resolveIndexPaths(context: CommandContext): IndexPaths {
  const option = context.globals().index;
  if (option !== undefined && option !== "") return indexPaths(resolve(option));

  const dataHome = context.env.XDG_DATA_HOME;
  const dataRoot = dataHome !== undefined && dataHome !== "" ? join(dataHome, "queryable") : envPaths("queryable", { suffix: "" }).data;
  return indexPaths(join(dataRoot, "index"));
}
