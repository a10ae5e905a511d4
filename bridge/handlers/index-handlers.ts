// Handlers that open, change and report the index. Each mutating handler
// returns the journal bytes of its change in `journalAppend`.
import { ok } from "../../core/errors";
import { indexStats } from "../../core/index/index-stats";
import { listAssets } from "../../core/index/list-assets";
import { markFailed } from "../../core/index/mark-failed";
import { putEmbeddings } from "../../core/index/put-embeddings";
import { removeAssets } from "../../core/index/remove-assets";
import { openIndex } from "../../core/persistence/open-index";
import { encodeSnapshot, storageEnum } from "../../core/persistence/snapshot-codec";
import type { ManifestChunk } from "../../core/sync/manifest-columns";
import { manifestChunkOf } from "../../core/sync/manifest-columns";
import { receiveManifestChunk } from "../../core/sync/receive-sync-chunk";
import type { Result } from "../../core/errors";
import type { HandlerOutput } from "../handler";
import type { Session } from "../session";
import type { HandlerTable } from "./table";
import { requireIndex } from "./require-index";

const EMPTY = new Uint8Array(0);

/** Handlers for OpenIndex, SyncManifest, PutEmbeddings, MarkFailed, RemoveAssets, GetStats, GetAssets, TakeSnapshot and Compact. */
export const indexHandlers: HandlerTable = {
  openIndex(body, session) {
    const opened = openIndex(body.modelId ?? "", body.dimension ?? 0, body.snapshot ?? EMPTY, body.journal ?? EMPTY, body.storage ?? 0);
    if (!opened.ok) return opened;

    session.index = opened.value.index;
    return ok({
      indexOpened: {
        created: opened.value.created,
        framesReplayed: opened.value.framesReplayed,
        journalBytesDropped: opened.value.journalBytesDropped,
        stats: indexStats(opened.value.index, false),
        kernel: opened.value.index.kernel,
        storage: storageEnum(opened.value.index.storage),
      },
    });
  },

  syncManifest(body, session) {
    return serveSyncManifest(manifestChunkOf(body), session);
  },

  putEmbeddings(body, session) {
    const index = requireIndex(session, "PutEmbeddings");
    if (!index.ok) return index;
    const outcome = putEmbeddings(index.value, body);
    if (!outcome.ok) return outcome;
    return ok({ embeddingsPut: { stored: outcome.value.stored, stale: outcome.value.stale }, journalAppend: outcome.value.journal });
  },

  markFailed(body, session) {
    const index = requireIndex(session, "MarkFailed");
    if (!index.ok) return index;
    const outcome = markFailed(index.value, body);
    if (!outcome.ok) return outcome;
    return ok({ failuresMarked: { marked: outcome.value.marked, stale: outcome.value.stale }, journalAppend: outcome.value.journal });
  },

  removeAssets(body, session) {
    const index = requireIndex(session, "RemoveAssets");
    if (!index.ok) return index;
    const outcome = removeAssets(index.value, body.ids ?? []);
    if (!outcome.ok) return outcome;
    return ok({ assetsRemoved: { removed: outcome.value.removed }, journalAppend: outcome.value.journal });
  },

  getStats(body, session) {
    const index = requireIndex(session, "GetStats");
    if (!index.ok) return index;
    return ok({ stats: indexStats(index.value, body.includeFailures ?? false) });
  },

  getAssets(body, session) {
    const index = requireIndex(session, "GetAssets");
    if (!index.ok) return index;
    const assets = listAssets(index.value, body.ids ?? []);
    if (!assets.ok) return assets;
    return ok({ assetList: { assets: assets.value } });
  },

  takeSnapshot(_body, session) {
    const index = requireIndex(session, "TakeSnapshot");
    if (!index.ok) return index;
    return ok({ snapshotTaken: { snapshot: encodeSnapshot(index.value), sequence: index.value.sequence } });
  },

  compact(_body, session) {
    const index = requireIndex(session, "Compact");
    if (!index.ok) return index;
    index.value.store.compact();
    return ok({ compacted: { snapshot: encodeSnapshot(index.value), sequence: index.value.sequence } });
  },
};

/**
 * Serves a SyncManifest request whose entries are already in columns, as
 * the SyncManifest handler does after converting its message. The frame
 * decoder in bridge/_internal calls it directly, so the response bytes do
 * not depend on which decoder read the frame.
 */
export function serveSyncManifest(chunk: ManifestChunk, session: Session): Result<HandlerOutput> {
  const index = requireIndex(session, "SyncManifest");
  if (!index.ok) return index;
  const outcome = receiveManifestChunk(index.value, chunk);
  if (!outcome.ok) return outcome;
  return ok({ syncPlan: outcome.value.plan, journalAppend: outcome.value.journal });
}
