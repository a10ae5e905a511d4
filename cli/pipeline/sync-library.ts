// Sends the library manifest to core in chunks and returns core's plan.
import type { queryable } from "../../bridge/codec";
import type { CoreHost } from "../core-host/core-host";
import type { CliResult } from "../errors";
import { success } from "../errors";
import type { IndexWriter } from "../session/index-writer";

/** Entries per SyncManifest chunk; keeps each frame around a megabyte. */
export const syncChunkSize = 2000;

/**
 * Runs one complete sync of `entries` (every asset of the library) and
 * returns the plan of the last chunk. Journal bytes of every chunk are
 * recorded through `writer`. An empty library is sent as one empty chunk,
 * which removes every stored asset.
 */
export function syncLibrary(core: CoreHost, writer: IndexWriter, entries: readonly queryable.v1.IManifestEntry[]): CliResult<queryable.v1.ISyncPlan> {
  const chunkCount = Math.max(1, Math.ceil(entries.length / syncChunkSize));
  let plan: queryable.v1.ISyncPlan = {};

  for (let chunk = 0; chunk < chunkCount; chunk++) {
    const slice = entries.slice(chunk * syncChunkSize, (chunk + 1) * syncChunkSize);
    const reply = core.call({ syncManifest: { entries: slice, first: chunk === 0, last: chunk === chunkCount - 1 } }, "syncPlan");
    if (!reply.ok) return reply;

    const recorded = writer.record(reply.value.journalAppend);
    if (!recorded.ok) return recorded;
    plan = reply.value.result;
  }

  const flushed = writer.checkpoint();
  return flushed.ok ? success(plan) : flushed;
}
