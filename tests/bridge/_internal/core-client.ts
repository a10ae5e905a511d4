// A small typed client over one in-process core for the bridge tests: it
// encodes requests, decodes responses and keeps the journal the host would write.
import { pb, type queryable } from "../../../bridge/codec";
import { createCore } from "../../../bridge/handle";

export type Response = InstanceType<typeof pb.Response>;
export type RequestBody = Omit<queryable.v1.IRequest, "requestId">;
type ResultKind = Exclude<NonNullable<Response["kind"]>, "error">;

/** One core instance plus the journal and snapshot a host would store for it. */
export class CoreClient {
  private readonly core = createCore();
  private nextId = 1;
  /** Journal bytes appended since the last snapshot, in order. */
  journal: Uint8Array[] = [];
  snapshot: Uint8Array = new Uint8Array(0);

  /** Sends one request and returns the decoded response; appends its journal bytes. */
  send(request: RequestBody): Response {
    const requestId = this.nextId++;
    return this.sendFrame(pb.Request.encode({ ...request, requestId }).finish());
  }

  /** Sends raw frame bytes. */
  sendFrame(frame: Uint8Array): Response {
    const response = pb.Response.decode(this.core.handle(frame));
    if (response.journalAppend.length > 0) this.journal.push(Uint8Array.from(response.journalAppend));
    return response;
  }

  /** Sends a request and returns its result, throwing with the core's code and message on an error. */
  call<K extends ResultKind>(request: RequestBody, kind: K): NonNullable<Response[K]> {
    return expectResult(this.send(request), kind);
  }

  /** Returns all journal bytes as one block, as in the host's journal file. */
  journalBytes(): Uint8Array {
    return concat(this.journal);
  }

  /** Takes a snapshot the way a host does: store it and empty the journal. */
  takeSnapshot(): Uint8Array {
    this.snapshot = Uint8Array.from(this.call({ takeSnapshot: {} }, "snapshotTaken").snapshot ?? []);
    this.journal = [];
    return this.snapshot;
  }
}

/** Returns the result of `response`, or throws an Error naming the core's error code and message. */
export function expectResult<K extends ResultKind>(response: Response, kind: K): NonNullable<Response[K]> {
  if (response.kind === "error") {
    throw new Error(`expected ${kind}, got ${errorCode(response)}: ${response.error?.message}`);
  }
  if (response.kind !== kind) throw new Error(`expected ${kind}, got ${response.kind ?? "no kind"}`);
  return response[kind] as NonNullable<Response[K]>;
}

/** Returns the error code name of `response`, or "none" for a result. */
export function errorCode(response: Response): string {
  if (response.kind !== "error") return "none";
  return pb.Error.Code[response.error?.code ?? 0] ?? String(response.error?.code);
}

/** Little-endian float32 bytes of `values`. */
export function float32Bytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return bytes;
}

/** Joins byte blocks into one. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
