import { fail, ok, type Result } from "../../core/errors";
import type { PhotoIndex } from "../../core/index/photo-index";
import type { Session } from "../session";

/** Returns the open index of `session`, or INDEX_NOT_OPEN naming the request that needs one. */
export function requireIndex(session: Session, request: string): Result<PhotoIndex> {
  if (session.index) return ok(session.index);
  return fail("INDEX_NOT_OPEN", `${request} needs an open index; send OpenIndex with the model id, dimension, snapshot and journal first`);
}
