// Opens an index for a command that only reads it (search, similar).
import type { queryable } from "../../bridge/codec";
import type { CommandContext } from "../command-context";
import { resolveIndexPaths } from "../command-context";
import type { CoreHost } from "../core-host/core-host";
import { success, type CliResult } from "../errors";
import { readStoredIndex } from "../index-store/index-files";
import type { IndexPaths } from "../index-store/index-paths";
import type { FoundModel } from "../models/find-model";
import { findCliModel } from "./find-cli-model";
import { describeReadProblems, openStoredIndex } from "./open-stored-index";

/** An index open in core for reading, with the model it was opened for. */
export interface ReadingSession {
  readonly core: CoreHost;
  readonly model: FoundModel;
  readonly paths: IndexPaths;
  readonly opened: queryable.v1.IIndexOpened;
}

/**
 * Finds the model, loads core and opens the stored index without taking the
 * lock. Dropped journal bytes and a missing snapshot are logged as warnings
 * naming the file, and the files are left as they are, because they may
 * belong to a running `index` command.
 */
export function openForReading(context: CommandContext): CliResult<ReadingSession> {
  const model = findCliModel(context.globals().modelDir, context.env);
  if (!model.ok) return model;

  const core = context.loadCore();
  if (!core.ok) return core;

  const paths = resolveIndexPaths(context);
  const stored = readStoredIndex(paths);
  if (!stored.ok) return stored;

  const opened = openStoredIndex(core.value, paths, stored.value, { id: model.value.manifest.id, dimension: model.value.manifest.dimension });
  if (!opened.ok) return opened;
  for (const problem of describeReadProblems(paths, opened.value)) context.logger.warn(problem);

  return success({ core: core.value, model: model.value, paths, opened: opened.value.result });
}
