// A PhotoIndex driven through core's request functions that keeps every
// journal byte they return, so a test can replay them into a fresh index.
import type { queryable } from "../../../../bridge/codec";
import type { Result } from "../../../../core/errors";
import { markFailed, type MarkOutcome } from "../../../../core/index/mark-failed";
import { PhotoIndex } from "../../../../core/index/photo-index";
import { putEmbeddings, type PutOutcome } from "../../../../core/index/put-embeddings";
import { openIndex } from "../../../../core/persistence/open-index";
import { encodeSnapshot } from "../../../../core/persistence/snapshot-codec";
import { receiveSyncChunk } from "../../../../core/sync/receive-sync-chunk";

export const DIMENSION = 2;
const MODEL_ID = "m";

/** An index of dimension 2 and the journal its changes wrote, in order. */
export class RecordedIndex {
  readonly index = new PhotoIndex(MODEL_ID, DIMENSION);
  private readonly journal: Uint8Array[] = [];

  /** Sends one sync chunk and returns its plan; throws on a core error. */
  chunk(body: queryable.v1.ISyncManifest): queryable.v1.ISyncPlan {
    const outcome = this.record(receiveSyncChunk(this.index, body));
    return outcome.plan;
  }

  /** Sends the whole manifest as one chunk and returns the plan. */
  fullSync(entries: queryable.v1.IManifestEntry[]): queryable.v1.ISyncPlan {
    return this.chunk({ first: true, last: true, entries });
  }

  /** Sends PutEmbeddings and returns the outcome; throws on a core error. */
  put(body: queryable.v1.IPutEmbeddings): PutOutcome {
    return this.record(putEmbeddings(this.index, body));
  }

  /** Sends MarkFailed and returns the outcome; throws on a core error. */
  fail(failures: queryable.v1.IFailure[]): MarkOutcome {
    return this.record(markFailed(this.index, { failures }));
  }

  /** Opens a new index from the recorded journal alone. */
  replay(): PhotoIndex {
    const bytes = new Uint8Array(this.journal.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of this.journal) {
      bytes.set(part, offset);
      offset += part.length;
    }

    const opened = openIndex(MODEL_ID, DIMENSION, new Uint8Array(0), bytes);
    if (!opened.ok) throw new Error(`${opened.error.code}: ${opened.error.message}`);
    return opened.value.index;
  }

  /** Snapshot bytes of the live index. */
  snapshot(): Uint8Array {
    return encodeSnapshot(this.index);
  }

  private record<T extends { journal: Uint8Array }>(result: Result<T>): T {
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    this.journal.push(result.value.journal);
    return result.value;
  }
}

/** Little-endian float32 bytes of `values`. */
export function float32Bytes(values: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return bytes;
}
