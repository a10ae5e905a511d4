import { fail, ok, type Result } from "../errors";

/** Largest accepted asset id, in UTF-8 bytes. */
export const MAX_ASSET_ID_BYTES = 1024;

/**
 * Counts the UTF-8 bytes of `text` the way protobufjs encodes it: a surrogate
 * pair takes 4 bytes and a lone surrogate 3. Written by hand because a bare
 * JSContext has no TextEncoder.
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      bytes += 1;
    } else if (unit < 0x800) {
      bytes += 2;
    } else if (isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

/** Checks one asset id: EMPTY_ID when empty, ID_TOO_LONG past 1024 UTF-8 bytes. */
export function checkAssetId(id: string, where: string): Result<string> {
  if (id.length === 0) {
    return fail("EMPTY_ID", `${where} has an empty asset id; give every asset a non-empty id`);
  }

  // A UTF-16 code unit takes at most 3 UTF-8 bytes, so short ids need no count.
  if (id.length * 3 <= MAX_ASSET_ID_BYTES) return ok(id);
  const bytes = utf8ByteLength(id);
  if (bytes > MAX_ASSET_ID_BYTES) {
    return fail(
      "ID_TOO_LONG",
      `${where} has an asset id of ${bytes} UTF-8 bytes ("${preview(id)}"); ids may have at most ${MAX_ASSET_ID_BYTES} bytes, so use a shorter stable id such as a digest`,
    );
  }
  return ok(id);
}

/**
 * Checks a batch of ids: each with checkAssetId, and DUPLICATE_ID when an id
 * appears twice. Returns the first problem found, in batch order.
 */
export function checkIdBatch(ids: readonly string[], where: string): Result<readonly string[]> {
  const seen = new Set<string>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] ?? "";
    const checked = checkAssetId(id, `${where} item ${i}`);
    if (!checked.ok) return checked;

    if (seen.has(id)) {
      return fail("DUPLICATE_ID", `${where} names asset id "${preview(id)}" twice (again at item ${i}); send each id once per batch`);
    }
    seen.add(id);
  }
  return ok(ids);
}

/** Shortens an id for an error message, so a huge id cannot flood a log. */
export function preview(id: string): string {
  return id.length <= 80 ? id : `${id.slice(0, 77)}...`;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
