// Entry of dist/queryable-core.js. esbuild wraps this module in an IIFE that
// defines the global `QueryableCore`, so a host calls
// QueryableCore.handle(requestBytes) and gets response bytes back.
import { createCore } from "./handle";

const defaultCore = createCore();

/** Serves one encoded queryable.v1.Request with the context's core instance. */
export function handle(request: Uint8Array): Uint8Array {
  return defaultCore.handle(request);
}

export { createCore };
