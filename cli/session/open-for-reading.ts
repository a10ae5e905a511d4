// Opens an index for a command that only reads it (search, similar, status).
import type { queryable } from "../../bridge/codec";
import type { CommandContext } from "../command-context";
import { resolveIndexPaths } from "../command-context";
import type { CoreHost } from "../core-host/core-host";
import { success, type CliResult } from "../errors";
import type { IndexPaths } from "../index-store/index-paths";
import type { FoundModel } from "../models/find-model";
import { findCliModel } from "./find-cli-model";
import { openStoredIndex } from "./open-stored-index";

/** An index open in core for reading, with the model it was opened for. */
export interface ReadingSession {
  readonly core: CoreHost;
  readonly model: FoundModel;
  readonly paths: IndexPaths;
  readonly opened: queryable.v1.IIndexOpened;
}

/**
 * Finds the model, loads core and opens the stored index without taking the
 * lock. A torn journal tail is dropped in memory only, because the file may
 * belong to a running `index` command.
 */
export function openForReading(context: CommandContext): CliResult<ReadingSession> {
  const model = findCliModel(context.globals().modelDir, context.env);
  if (!model.ok) return model;

  const core = context.loadCore();
  if (!core.ok) return core;

  const paths = resolveIndexPaths(context);
  const opened = openStoredIndex(core.value, paths, { id: model.value.manifest.id, dimension: model.value.manifest.dimension });
  if (!opened.ok) return opened;

  return success({ core: core.value, model: model.value, paths, opened: opened.value });
}
