import type { queryable } from "../../bridge/_generated/schema.js";
import { fail, ok, type Result } from "../errors";
import type { AssetVersion } from "./asset-state";

/**
 * Reads the asset versions that PutEmbeddings gives for its vectors: null
 * when `modified_ms` and `fingerprints` are both empty, else one version per
 * id. Fails with INVALID_PARAMETER when either list has another length than
 * the `count` ids, including when only one of the two is sent.
 */
export function readPutSourceVersions(body: queryable.v1.IPutEmbeddings, count: number): Result<AssetVersion[] | null> {
  const modifiedMs = body.modifiedMs ?? [];
  const fingerprints = body.fingerprints ?? [];
  if (modifiedMs.length === 0 && fingerprints.length === 0) return ok(null);

  if (modifiedMs.length !== count || fingerprints.length !== count) {
    return fail(
      "INVALID_PARAMETER",
      `PutEmbeddings has ${count} ids but ${modifiedMs.length} modified_ms and ${fingerprints.length} fingerprints; send one of each per id (an empty fingerprint when the asset has none), or neither`,
    );
  }
  return ok(modifiedMs.map((ms, i) => ({ modifiedMs: ms, fingerprint: fingerprints[i]! })));
}

/**
 * Reads the asset version that one MarkFailed failure gives: null when it
 * sets neither `modified_ms` nor `fingerprint`. Fails with INVALID_PARAMETER
 * when it sets only one of them. `where` names the failure in messages.
 */
export function readFailureSourceVersion(failure: queryable.v1.IFailure, where: string): Result<AssetVersion | null> {
  const modifiedMs = failure.modifiedMs ?? null;
  const fingerprint = failure.fingerprint ?? null;
  if (modifiedMs === null && fingerprint === null) return ok(null);

  if (modifiedMs === null || fingerprint === null) {
    const missing = modifiedMs === null ? "modified_ms" : "fingerprint";
    return fail("INVALID_PARAMETER", `${where} sets a version without ${missing}; set both modified_ms and fingerprint (empty when the asset has none), or neither`);
  }
  return ok({ modifiedMs, fingerprint });
}
