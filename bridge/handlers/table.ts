import type { Handler, RequestKind } from "../handler";

/** A set of handlers, keyed by the request kind each one serves. */
export type HandlerTable = { [K in RequestKind]?: Handler<K> };
