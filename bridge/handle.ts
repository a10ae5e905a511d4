// The single door into core: one encoded Request in, one encoded Response out.
import { pb } from "./codec";
import { decodeSyncManifestRequest, looksLikeSyncManifest } from "./_internal/sync-manifest-decoder";
import type { CoreError, Result } from "../core/errors";
import type { ManifestChunk } from "../core/sync/manifest-columns";
import type { HandlerOutput, RequestKind } from "./handler";
import { createSession, type Session } from "./session";
import { allHandlers } from "./handlers/all";
import { serveSyncManifest } from "./handlers/index-handlers";

/** A core instance: its own session behind one `handle` function. */
export interface Core {
  /**
   * Serves one encoded queryable.v1.Request and returns one encoded
   * queryable.v1.Response. Never throws: every failure, including an empty
   * or garbage frame, comes back as a Response with `error` set.
   */
  handle(request: Uint8Array): Uint8Array;
}

export function createCore(): Core {
  const session = createSession();
  return { handle: (request) => handleFrame(request, session) };
}

function handleFrame(frame: Uint8Array, session: Session): Uint8Array {
  let requestId = 0;
  try {
    const decoded = decodeRequest(frame);
    if (!decoded.ok) return encodeError(requestId, decoded.error);
    requestId = decoded.requestId;

    const output = "manifest" in decoded ? fromResult(serveSyncManifest(decoded.manifest, session)) : dispatch(decoded.request, session);
    if ("error" in output) return encodeError(requestId, output.error);
    return pb.Response.encode({ ...output.result, requestId }).finish();
  } catch (thrown) {
    // A throw here is a bug in core, never a verdict on the input.
    return encodeError(requestId, { code: "INTERNAL", message: `core failed unexpectedly: ${describe(thrown)}` });
  }
}

type Decoded =
  | { ok: true; requestId: number; request: InstanceType<typeof pb.Request> }
  | { ok: true; requestId: number; manifest: ManifestChunk }
  | { ok: false; error: CoreError };

function decodeRequest(frame: Uint8Array): Decoded {
  if (!(frame instanceof Uint8Array)) {
    return { ok: false, error: { code: "MALFORMED_FRAME", message: `request must be a Uint8Array, got ${typeof frame}` } };
  }
  if (frame.length === 0) {
    return { ok: false, error: { code: "EMPTY_FRAME", message: "request frame is empty (0 bytes); send one encoded queryable.v1.Request" } };
  }
  try {
    // SyncManifest carries up to thousands of entries per frame, so its own
    // decoder reads them into columns. It returns null whenever only the
    // generated decoder applies.
    const fast = looksLikeSyncManifest(frame) ? decodeSyncManifestRequest(frame) : null;
    if (fast !== null) return { ok: true, requestId: fast.requestId, manifest: fast.manifest };
    const request = pb.Request.decode(frame);
    return { ok: true, requestId: request.requestId, request };
  } catch (thrown) {
    const message = `request frame of ${frame.length} bytes is not a valid queryable.v1.Request: ${describe(thrown)}`;
    return { ok: false, error: { code: "MALFORMED_FRAME", message } };
  }
}

function dispatch(request: InstanceType<typeof pb.Request>, session: Session): { result: HandlerOutput } | { error: CoreError } {
  const kind = request.kind as RequestKind | undefined;
  const handler = kind === undefined ? undefined : allHandlers[kind];
  if (kind === undefined || handler === undefined) {
    const message = kind === undefined
      ? "request has no kind set, or a kind this core version does not know; check that host and core use the same schema"
      : `request kind "${kind}" is not served by this core build`;
    return { error: { code: "UNKNOWN_REQUEST", message } };
  }

  // The table ties each kind to its handler, so the body matches the handler.
  const body = request[kind] as never;
  const result = (handler as (body: never, session: Session) => ReturnType<NonNullable<typeof handler>>)(body, session);
  return fromResult(result);
}

function fromResult(result: Result<HandlerOutput>): { result: HandlerOutput } | { error: CoreError } {
  return result.ok ? { result: result.value } : { error: result.error };
}

function encodeError(requestId: number, error: CoreError): Uint8Array {
  const code = pb.Error.Code[error.code] ?? pb.Error.Code.INTERNAL;
  return pb.Response.encode({ requestId, error: { code, message: error.message } }).finish();
}

function describe(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
