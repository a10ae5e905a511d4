// Hands the stored snapshot and journal of an index directory to core.
import type { queryable } from "../../bridge/codec";
import type { CoreHost } from "../core-host/core-host";
import { failure, success, type CliResult } from "../errors";
import { readStoredIndex } from "../index-store/index-files";
import type { IndexPaths } from "../index-store/index-paths";

/** The model an index is built with: its id and vector length. */
export interface IndexModel {
  readonly id: string;
  readonly dimension: number;
}

/**
 * Opens the index in `paths` in core, replaying its journal. A torn journal
 * tail is dropped by core and reported in `journalBytesDropped`; a writer
 * should then take a snapshot. Fails with CORE_REJECTED (code
 * SNAPSHOT_MISMATCH) when the index was built with another model, with the
 * fix in the message.
 */
export function openStoredIndex(core: CoreHost, paths: IndexPaths, model: IndexModel): CliResult<queryable.v1.IIndexOpened> {
  const stored = readStoredIndex(paths);
  if (!stored.ok) return stored;

  const opened = core.call({ openIndex: { modelId: model.id, dimension: model.dimension, snapshot: stored.value.snapshot, journal: stored.value.journal } }, "indexOpened");
  if (!opened.ok) {
    if (opened.error.coreCode === "SNAPSHOT_MISMATCH") {
      return failure("CORE_REJECTED", `the index in ${paths.dir} was built with another model than "${model.id}" (${opened.error.message}); pass --index PATH to use a separate index for this model, or --model-dir for the model it was built with`, "SNAPSHOT_MISMATCH");
    }
    return failure(opened.error.code, `cannot open the index in ${paths.dir}: ${opened.error.message}`, opened.error.coreCode);
  }
  return success(opened.value.result);
}
