// A typed client over QueryableCore.handle for tests: encodes requests with
// the generated protobuf classes and decodes the responses.
import { pb, type queryable } from "../../bridge/codec";
import { createCore, type Core } from "../../bridge/handle";

/** A decoded queryable.v1.Response. */
export type Response = InstanceType<typeof pb.Response>;

/** A request without its id, because the client numbers requests from 1. */
export type RequestBody = Omit<queryable.v1.IRequest, "requestId">;

/** Sends requests to one core instance and decodes its responses. */
export interface BridgeClient {
  /** Encodes `request`, sends it with the next request id and decodes the response. */
  send(request: RequestBody): Response;
  /** Sends raw frame bytes as they are and decodes the response. */
  sendFrame(frame: Uint8Array): Response;
  /** The journal bytes of every successful response so far, in order. */
  readonly journal: Uint8Array[];
}

/**
 * Creates a client over `core`, by default a new in-process core built from
 * the TypeScript sources. Pass `{ handle }` from a loaded bundle to test it.
 */
export function createBridgeClient(core: Pick<Core, "handle"> = createCore()): BridgeClient {
  let nextRequestId = 1;
  const journal: Uint8Array[] = [];

  const sendFrame = (frame: Uint8Array): Response => {
    const response = pb.Response.decode(core.handle(frame));
    if (response.journalAppend.length > 0) journal.push(Uint8Array.from(response.journalAppend));
    return response;
  };

  const send = (request: RequestBody): Response => {
    const requestId = nextRequestId++;
    return sendFrame(pb.Request.encode({ ...request, requestId }).finish());
  };

  return { send, sendFrame, journal };
}

/**
 * Returns the response's result kind, or throws with the core's code and
 * message when the response is an error, so a failing test shows why.
 */
export function expectResult<K extends Exclude<NonNullable<Response["kind"]>, "error">>(
  response: Response,
  kind: K,
): NonNullable<Response[K]> {
  if (response.kind === "error") {
    const code = pb.Error.Code[response.error?.code ?? 0];
    throw new Error(`expected ${kind}, got error ${code}: ${response.error?.message}`);
  }
  if (response.kind !== kind) throw new Error(`expected ${kind}, got ${response.kind ?? "no kind"}`);
  return response[kind] as NonNullable<Response[K]>;
}

/** Returns the error code name of an error response, or undefined for a result. */
export function errorCodeOf(response: Response): string | undefined {
  if (response.kind !== "error") return undefined;
  return pb.Error.Code[response.error?.code ?? 0];
}
