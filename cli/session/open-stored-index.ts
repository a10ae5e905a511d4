// Hands the stored snapshot and journal of an index directory to core, and
// reports damage that core repaired in memory only.
import { existsSync } from "node:fs";
import type { queryable } from "../../bridge/codec";
import type { CoreHost } from "../core-host/core-host";
import { failure, success, type CliResult } from "../errors";
import type { StoredIndex } from "../index-store/index-files";
import type { IndexPaths } from "../index-store/index-paths";
import { classifyJournalDamage, type JournalDamage } from "../index-store/journal-damage";

/** The model an index is built with: its id and vector length. */
export interface IndexModel {
  readonly id: string;
  readonly dimension: number;
}

/** An index open in core, with what was wrong with its files. */
export interface OpenedStoredIndex {
  readonly result: queryable.v1.IIndexOpened;
  /** The journal bytes core dropped, or undefined when it read the whole journal. */
  readonly journalDamage: JournalDamage | undefined;
  /**
   * True when snapshot.bin is missing or empty although library.json or a
   * non-empty journal.bin shows that the index held photos before.
   */
  readonly snapshotMissing: boolean;
}

/**
 * Opens `stored` (the files of `paths`) in core for `model`, replaying the
 * journal. Journal bytes that core dropped are classified in
 * `journalDamage`; a writer should then take a snapshot. Fails with
 * CORE_REJECTED and core's code, with a fix that a CLI user can act on:
 * SNAPSHOT_MISMATCH when the index was built with another model,
 * CORRUPT_SNAPSHOT or UNSUPPORTED_FORMAT when snapshot.bin cannot be read.
 */
export function openStoredIndex(core: CoreHost, paths: IndexPaths, stored: StoredIndex, model: IndexModel): CliResult<OpenedStoredIndex> {
  const opened = core.call({ openIndex: { modelId: model.id, dimension: model.dimension, snapshot: stored.snapshot, journal: stored.journal } }, "indexOpened");
  if (!opened.ok) return failure(opened.error.code, describeOpenFailure(paths, model, opened.error.message, opened.error.coreCode), opened.error.coreCode);

  const result = opened.value.result;
  return success({
    result,
    journalDamage: classifyJournalDamage(stored.journal, result.journalBytesDropped ?? 0),
    snapshotMissing: stored.snapshot.length === 0 && (stored.journal.length > 0 || existsSync(paths.library)),
  });
}

/**
 * Describes, one sentence each, the damage that a command which only reads
 * the index (status, search, similar) works around in memory. Empty when
 * the files are sound.
 */
export function describeReadProblems(paths: IndexPaths, opened: OpenedStoredIndex): string[] {
  const problems: string[] = [];
  const damage = opened.journalDamage;
  if (damage?.kind === "torn-tail") {
    problems.push(`${paths.journal} ends with ${damage.bytes} bytes of an incomplete record (an interrupted run, or a "queryable index" run writing right now); they are left out, and the next "queryable index" removes them`);
  } else if (damage?.kind === "corrupt") {
    problems.push(`${paths.journal} is corrupt from byte ${damage.offset}: the ${damage.bytes} bytes from there on are left out, so the changes recorded there are missing. Run "queryable index": it saves a copy of the journal as ${paths.journal}.damaged-<time>, rewrites the index and embeds the missing photos again`);
  }
  if (opened.snapshotMissing) problems.push(describeMissingSnapshot(paths));
  return problems;
}

/** Describes a missing or empty snapshot.bin in an index that existed before. */
export function describeMissingSnapshot(paths: IndexPaths): string {
  return `${paths.snapshot} is missing or empty, but ${paths.library} or ${paths.journal} shows that this index held photos, so most of them are not loaded. If you moved ${paths.snapshot} aside, put it back before the next "queryable index"; that run otherwise keeps a copy of the journal as ${paths.journal}.orphaned-<time> and embeds the missing photos again`;
}

function describeOpenFailure(paths: IndexPaths, model: IndexModel, coreMessage: string, coreCode: string | undefined): string {
  // Core's fix is written for any host ("open with an empty snapshot"); the CLI states its own.
  const reason = coreMessage.split("; ")[0] ?? coreMessage;
  switch (coreCode) {
    case "SNAPSHOT_MISMATCH":
      return `the index in ${paths.dir} was built with another model than "${model.id}" (${reason}); pass --index PATH to use a separate index for this model, or --model-dir for the model it was built with`;
    case "CORRUPT_SNAPSHOT":
      return `the snapshot ${paths.snapshot} is damaged (${reason}); move it aside, e.g. "mv ${paths.snapshot} ${paths.snapshot}.damaged", and run "queryable index" to rebuild the index`;
    case "UNSUPPORTED_FORMAT":
      return `the snapshot ${paths.snapshot} was written by another version of queryable (${reason}); update queryable, or move the file aside, e.g. "mv ${paths.snapshot} ${paths.snapshot}.old", and run "queryable index" to rebuild the index`;
    default:
      return `cannot open the index in ${paths.dir}: ${coreMessage}`;
  }
}
