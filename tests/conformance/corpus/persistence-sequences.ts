// Opening an index from stored bytes: snapshots, journals, torn and corrupt
// tails, and snapshots of another model or format. The stored bytes come from
// an in-process core built from the TypeScript sources, so the corpus follows
// the current snapshot and journal formats.
import { pb } from "../../../bridge/codec";
import { concat } from "../../bridge/_internal/core-client";
import { createBridgeClient, type Response } from "../../support/bridge-client";
import { CorpusSequence, SequenceBuilder } from "./corpus-sequence";
import { createSeededRandom, makeManifest, MODEL_ID, SMALL_DIMENSION, vectorBlock } from "./library-fixture";

const dimension = SMALL_DIMENSION;

/** Stored bytes of one index, as a host would keep them. */
interface StoredIndex {
  /** Snapshot taken after the first batch, or empty when this core cannot take one yet. */
  readonly snapshot: Uint8Array;
  /** Every journal append from the start, before and after the snapshot. */
  readonly fullJournal: Uint8Array;
  /** Journal appends made after the snapshot. */
  readonly journalAfterSnapshot: Uint8Array;
}

/** Returns the persistence sequences, all data drawn from `seed`. */
export function persistenceSequences(seed: number): CorpusSequence[] {
  const stored = buildStoredIndex(seed);
  return [reopen(stored), damagedJournals(stored), snapshotErrors(stored)];
}

function buildStoredIndex(seed: number): StoredIndex {
  const random = createSeededRandom(seed);
  const manifest = makeManifest(random, 8);
  const ids = manifest.map((entry) => entry.id as string);
  const client = createBridgeClient();

  client.send({ openIndex: { modelId: MODEL_ID, dimension } });
  client.send({ syncManifest: { entries: manifest, first: true, last: true } });
  client.send({ putEmbeddings: { ids: ids.slice(0, 5), vectors: vectorBlock(random, 5, dimension) } });
  const snapshotResponse = client.send({ takeSnapshot: {} });
  const journalBeforeSnapshot = client.journal.length;

  client.send({ putEmbeddings: { ids: ids.slice(5, 7), vectors: vectorBlock(random, 2, dimension) } });
  client.send({ markFailed: { failures: [{ id: ids[7], reason: "file missing" }] } });
  client.send({ removeAssets: { ids: [ids[0]!] } });

  return {
    snapshot: snapshotBytes(snapshotResponse),
    fullJournal: concat(client.journal),
    journalAfterSnapshot: concat(client.journal.slice(journalBeforeSnapshot)),
  };
}

function snapshotBytes(response: Response): Uint8Array {
  return response.kind === "snapshotTaken" ? Uint8Array.from(response.snapshotTaken?.snapshot ?? []) : new Uint8Array(0);
}

function reopen(stored: StoredIndex): CorpusSequence {
  return new SequenceBuilder("reopen stored index")
    .request("open snapshot and journal", {
      openIndex: { modelId: MODEL_ID, dimension, snapshot: stored.snapshot, journal: stored.journalAfterSnapshot },
    }, "result")
    .request("stats", { getStats: { includeFailures: true } }, "result")
    .request("search", { search: { queries: [{ vector: vectorBlock(createSeededRandom(7), 1, dimension) }] } }, "result")
    .build();
}

function damagedJournals(stored: StoredIndex): CorpusSequence {
  const torn = stored.fullJournal.slice(0, Math.max(0, stored.fullJournal.length - 3));
  const flipped = Uint8Array.from(stored.fullJournal);
  if (flipped.length > 0) flipped[flipped.length - 1]! ^= 0x40;

  // Each open replaces the session's index, so one sequence covers every variant.
  return new SequenceBuilder("journal replay")
    .request("open journal only", { openIndex: { modelId: MODEL_ID, dimension, journal: stored.fullJournal } }, "result")
    .request("stats after full replay", { getStats: {} }, "result")
    .request("open torn journal", { openIndex: { modelId: MODEL_ID, dimension, journal: torn } }, "result")
    .request("stats after torn replay", { getStats: {} }, "result")
    .request("open journal with bad CRC", { openIndex: { modelId: MODEL_ID, dimension, journal: flipped } }, "result")
    .request("open garbage journal", { openIndex: { modelId: MODEL_ID, dimension, journal: Uint8Array.of(9, 9, 9) } }, "result")
    .build();
}

function snapshotErrors(stored: StoredIndex): CorpusSequence {
  const open = (snapshot: Uint8Array, modelId = MODEL_ID, openDimension = dimension) => ({
    openIndex: { modelId, dimension: openDimension, snapshot },
  });
  const builder = new SequenceBuilder("snapshot errors")
    .request("open garbage snapshot", open(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f)), "CORRUPT_SNAPSHOT")
    .request("open snapshot of another model", open(stored.snapshot, "another-model"), "SNAPSHOT_MISMATCH")
    .request("open snapshot of another dimension", open(stored.snapshot, MODEL_ID, dimension * 2), "SNAPSHOT_MISMATCH")
    .request("open truncated snapshot", open(stored.snapshot.slice(0, stored.snapshot.length - 5)), "CORRUPT_SNAPSHOT");

  const futureVersion = withFormatVersion(stored.snapshot, 9999);
  if (futureVersion !== undefined) builder.request("open future format", open(futureVersion), "UNSUPPORTED_FORMAT");

  return builder
    .request("open valid snapshot after failures", open(stored.snapshot), "result")
    .request("stats", { getStats: {} }, "result")
    .build();
}

/**
 * Returns `snapshot` with its header's format version replaced, or undefined
 * when the bytes are not a plain queryable.v1.Snapshot message.
 */
function withFormatVersion(snapshot: Uint8Array, formatVersion: number): Uint8Array | undefined {
  try {
    const message = pb.Snapshot.decode(snapshot);
    if (message.header === null || message.header === undefined) return undefined;
    message.header.formatVersion = formatVersion;
    return Uint8Array.from(pb.Snapshot.encode(message).finish());
  } catch {
    return undefined;
  }
}
