// Reads the model id and dimension that a snapshot was written for, so
// `status` can open an index without the model's files. The header is
// queryable.v1.Snapshot field 1 (schemas/queryable/v1/index.proto), the
// part of the snapshot format that every host already compiles; the rest of
// the snapshot stays core's business.
import { Reader } from "protobufjs/minimal";
import { pb } from "../../bridge/codec";

/** The model fields of a snapshot header. */
export interface SnapshotModel {
  readonly modelId: string;
  /** Vector length, e.g. 512. */
  readonly dimension: number;
}

/**
 * Decodes the header of `snapshot` (queryable.v1.Snapshot bytes), skipping
 * every other field unread. Returns undefined for empty bytes, bytes that
 * do not decode, and a header without a model id or dimension; core then
 * reports what is wrong when the index is opened.
 */
export function readSnapshotModel(snapshot: Uint8Array): SnapshotModel | undefined {
  if (snapshot.length === 0) return undefined;

  try {
    const reader = Reader.create(snapshot);
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      const wireType = tag & 7;
      if (tag >>> 3 === 1 && wireType === 2) {
        const header = pb.SnapshotHeader.decode(reader, reader.uint32());
        if (header.modelId === "" || header.dimension === 0) return undefined;
        return { modelId: header.modelId, dimension: header.dimension };
      }
      reader.skipType(wireType);
    }
  } catch {
    // Undecodable bytes: opening the index reports them with core's code.
  }
  return undefined;
}
