// Opens the stored index for a run that writes it, and makes the files agree
// with what core loaded before anything is appended.
import type { CoreHost } from "../core-host/core-host";
import { success, type CliResult } from "../errors";
import type { StoredIndex } from "../index-store/index-files";
import type { IndexPaths } from "../index-store/index-paths";
import { preserveDamagedJournal, type JournalDamage } from "../index-store/journal-damage";
import type { Logger } from "../logger";
import type { IndexWriter } from "./index-writer";
import { describeMissingSnapshot, openStoredIndex, type IndexModel } from "./open-stored-index";

/** Journal damage found when the index was opened, and the path of the saved copy of a corrupt journal. */
export interface JournalRepair extends JournalDamage {
  /** journal.bin.damaged-<time>; set for a corrupt journal only, because a torn tail contains nothing to recover. */
  readonly copy?: string;
}

/** Result of repairOpenedIndex: the damage found and whether the snapshot was missing. */
export interface RepairedIndex {
  readonly journalBytesDropped: number;
  readonly journalRepair?: JournalRepair;
  readonly snapshotMissing: boolean;
}

/** Inputs of repairOpenedIndex. */
export interface RepairInput {
  readonly core: CoreHost;
  readonly writer: IndexWriter;
  readonly paths: IndexPaths;
  readonly stored: StoredIndex;
  readonly model: IndexModel;
  readonly logger: Logger;
}

/**
 * Opens `stored` in core and, when the files and core's state differ, takes
 * a snapshot at once. A torn journal tail is logged and dropped. A corrupt
 * journal is first copied to journal.bin.damaged-<time> (never deleted),
 * and the run fails with INDEX_IO, changing nothing, when that copy cannot
 * be written. A missing snapshot.bin with a journal gets the same copy,
 * as journal.bin.orphaned-<time>. A new index, or one whose snapshot.bin is
 * missing, gets a snapshot right away, so the model it is built for is on disk from the
 * start (`status` reads it from the snapshot header).
 */
export function repairOpenedIndex(input: RepairInput): CliResult<RepairedIndex> {
  const { paths, logger } = input;
  const opened = openStoredIndex(input.core, paths, input.stored, input.model);
  if (!opened.ok) return opened;

  const damage = opened.value.journalDamage;
  let journalRepair: JournalRepair | undefined;
  if (damage?.kind === "torn-tail") {
    logger.warn("dropping an incomplete record at the end of the journal, left by an interrupted run", { path: paths.journal, bytes: damage.bytes });
    journalRepair = damage;
  } else if (damage?.kind === "corrupt") {
    const copy = preserveDamagedJournal(paths.journal);
    if (!copy.ok) return copy;
    logger.warn(`${paths.journal} is corrupt from byte ${damage.offset}; the ${damage.bytes} bytes from there on are dropped, a copy of the journal is saved as ${copy.value}, and the photos recorded there are embedded again`, { path: paths.journal, bytes: damage.bytes });
    journalRepair = { ...damage, copy: copy.value };
  }
  if (opened.value.snapshotMissing) {
    logger.warn(describeMissingSnapshot(paths));
    // The journal's records build on the missing snapshot, and the snapshot
    // written below replaces the journal, so a copy keeps them for a user who
    // finds the snapshot again.
    if (input.stored.journal.length > 0 && damage?.kind !== "corrupt") {
      const copy = preserveDamagedJournal(paths.journal, new Date(), "orphaned");
      if (!copy.ok) return copy;
      logger.warn(`a copy of the journal is saved as ${copy.value}; to restore the old index, stop, put the snapshot back and move that copy to ${paths.journal}`, { path: paths.journal });
    }
  }

  if (damage !== undefined || input.stored.snapshot.length === 0) {
    const written = input.writer.snapshot();
    if (!written.ok) return written;
  }

  return success({
    journalBytesDropped: damage?.bytes ?? 0,
    ...(journalRepair === undefined ? {} : { journalRepair }),
    snapshotMissing: opened.value.snapshotMissing,
  });
}
