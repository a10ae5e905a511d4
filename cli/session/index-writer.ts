// Persists the changes core makes to an open index: journal bytes are
// appended after every request that returns them and flushed once per
// batch, and a snapshot replaces the journal when it grows large.
import type { CoreHost } from "../core-host/core-host";
import type { CliResult } from "../errors";
import { success } from "../errors";
import type { JournalWriter } from "../index-store/index-files";
import type { Logger } from "../logger";

/** Journal size above which `checkpoint` takes a snapshot: 64 MiB, about 30,000 vectors of 512 floats. */
export const defaultSnapshotThresholdBytes = 64 * 1024 * 1024;

/** Writes core's changes of one open index to its directory. */
export interface IndexWriter {
  /** Appends the journal bytes of one core reply (not yet flushed). */
  record(journalAppend: Uint8Array): CliResult<void>;
  /** Flushes the journal, then takes a snapshot if it has grown past the threshold. */
  checkpoint(): CliResult<void>;
  /** Takes a snapshot now and empties the journal. */
  snapshot(): CliResult<void>;
}

/** Creates a writer over `journal` for the index open in `core`. */
export function createIndexWriter(core: CoreHost, journal: JournalWriter, logger: Logger, thresholdBytes = defaultSnapshotThresholdBytes): IndexWriter {
  const snapshot = (): CliResult<void> => {
    const snapshotReply = core.call({ takeSnapshot: {} }, "snapshotTaken");
    if (!snapshotReply.ok) return snapshotReply;

    const bytes = snapshotReply.value.result.snapshot ?? new Uint8Array(0);
    const journalBytes = journal.size();
    const written = journal.replaceWithSnapshot(bytes);
    if (written.ok) logger.info("snapshot written", { bytes: bytes.length, journalBytesFolded: journalBytes, sequence: snapshotReply.value.result.sequence ?? 0 });
    return written;
  };

  return {
    record: (journalAppend) => journal.append(journalAppend),
    checkpoint: () => {
      const synced = journal.sync();
      if (!synced.ok) return synced;
      return journal.size() > thresholdBytes ? snapshot() : success(undefined);
    },
    snapshot,
  };
}
