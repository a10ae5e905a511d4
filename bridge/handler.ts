import type { queryable } from "./_generated/schema.js";
import type { Result } from "../core/errors";
import type { Session } from "./session";

type v1 = typeof queryable.v1;

/** The request kinds of the Request oneof, e.g. "openIndex". */
export type RequestKind = NonNullable<InstanceType<v1["Request"]>["kind"]>;

/** The body of a request of kind K. */
export type RequestBody<K extends RequestKind> = NonNullable<queryable.v1.IRequest[K]>;

/**
 * What a handler returns on success: one result field of the Response oneof,
 * and the journal bytes for the host to append when the request changed the index.
 */
export type HandlerOutput = Omit<queryable.v1.IResponse, "requestId" | "error">;

/** Serves one request kind. Must not throw on bad input: return a failure instead. */
export type Handler<K extends RequestKind> = (body: RequestBody<K>, session: Session) => Result<HandlerOutput>;
