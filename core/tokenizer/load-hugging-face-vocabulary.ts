import { fail, ok, type Result } from "../errors";
import { byteCharactersInVocabularyOrder } from "./byte-unicode-map";
import { END_OF_TEXT, START_OF_TEXT, mergeKey, type ClipVocabulary } from "./clip-vocabulary";
import { decodeUtf8 } from "./_internal/utf8";

/**
 * Loads the Hugging Face pair of a CLIP tokenizer: `vocab.json` (an object of
 * token to id) and `merges.txt` (an optional `#version` line, then one merge
 * "first second" per line, best first). Fails with INVALID_VOCABULARY when
 * either file is not UTF-8 or malformed, an id repeats, a special token, a
 * byte token or a merge result is missing, since encoding would then meet a
 * token without an id.
 */
export function loadHuggingFaceVocabulary(vocabJson: Uint8Array, mergesTxt: Uint8Array): Result<ClipVocabulary> {
  const tokenIds = parseVocabJson(vocabJson);
  if (!tokenIds.ok) return tokenIds;
  const mergeRanks = parseMergesTxt(mergesTxt, tokenIds.value);
  if (!mergeRanks.ok) return mergeRanks;

  for (const char of byteCharactersInVocabularyOrder) {
    for (const token of [char, `${char}</w>`]) {
      if (!tokenIds.value.has(token)) {
        return fail("INVALID_VOCABULARY", `vocab_json has no byte token ${JSON.stringify(token)}; pass the vocab.json of a CLIP tokenizer`);
      }
    }
  }

  const startOfTextId = tokenIds.value.get(START_OF_TEXT);
  const endOfTextId = tokenIds.value.get(END_OF_TEXT);
  if (startOfTextId === undefined || endOfTextId === undefined) {
    return fail("INVALID_VOCABULARY", `vocab_json lacks ${START_OF_TEXT} or ${END_OF_TEXT}; pass the vocab.json of a CLIP tokenizer`);
  }
  return ok({ tokenIds: tokenIds.value, mergeRanks: mergeRanks.value, startOfTextId, endOfTextId });
}

function decodeFile(bytes: Uint8Array, name: string): Result<string> {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    return fail("INVALID_VOCABULARY", `${name} is not UTF-8 (invalid byte at offset ${decoded.offset}); pass the file as stored`);
  }
  return ok(decoded.text);
}

function parseVocabJson(bytes: Uint8Array): Result<Map<string, number>> {
  const text = decodeFile(bytes, "vocab_json");
  if (!text.ok) return text;

  let parsed: unknown;
  try {
    parsed = JSON.parse(text.value);
  } catch {
    // JSON.parse's message differs between JavaScriptCore and V8, and the
    // response must be the same bytes on every engine, so it is left out.
    return fail("INVALID_VOCABULARY", `vocab_json (${bytes.length} bytes) is not valid JSON; pass the vocab.json file of the model unchanged`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return fail("INVALID_VOCABULARY", "vocab_json must be a JSON object of token to id");
  }

  const tokenIds = new Map<string, number>();
  const seenIds = new Set<number>();
  for (const [token, id] of Object.entries(parsed)) {
    if (typeof id !== "number" || !Number.isInteger(id) || id < 0 || id > 0x7fffffff) {
      return fail("INVALID_VOCABULARY", `vocab_json maps ${JSON.stringify(token)} to ${JSON.stringify(id)}, not an id from 0 to 2^31-1`);
    }
    if (seenIds.has(id)) {
      return fail("INVALID_VOCABULARY", `vocab_json gives id ${id} to more than one token, the second is ${JSON.stringify(token)}`);
    }
    seenIds.add(id);
    tokenIds.set(token, id);
  }
  return ok(tokenIds);
}

function parseMergesTxt(bytes: Uint8Array, tokenIds: ReadonlyMap<string, number>): Result<Map<string, number>> {
  const text = decodeFile(bytes, "merges_txt");
  if (!text.ok) return text;

  const mergeRanks = new Map<string, number>();
  const lines = text.value.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] as string).replace(/\r$/, "");
    if (line === "" || (index === 0 && line.startsWith("#version"))) continue;

    const parts = line.split(" ");
    if (parts.length !== 2 || parts[0] === "" || parts[1] === "") {
      return fail("INVALID_VOCABULARY", `merges_txt line ${index + 1} is ${JSON.stringify(line)}, not a merge "first second"`);
    }
    const [first, second] = parts as [string, string];
    if (!tokenIds.has(first + second)) {
      return fail("INVALID_VOCABULARY", `merges_txt line ${index + 1} merges to ${JSON.stringify(first + second)}, which vocab_json lacks; pass the two files of one tokenizer`);
    }
    const key = mergeKey(first, second);
    if (!mergeRanks.has(key)) mergeRanks.set(key, mergeRanks.size);
  }
  return ok(mergeRanks);
}
