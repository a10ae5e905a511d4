import { fail, ok, type Result } from "../errors";
import { byteCharactersInVocabularyOrder } from "./byte-unicode-map";
import { END_OF_TEXT, START_OF_TEXT, type ClipVocabulary } from "./clip-vocabulary";
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

  // These loops run about 49,000 times at start-up, so they index arrays and
  // use operators where built-in calls and destructuring cost more without JIT.
  const tokenIds = new Map<string, number>();
  const seenIds = new Set<number>();
  const entries = Object.entries(parsed);
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as [string, unknown];
    const token = entry[0];
    const id = entry[1];
    // `id >>> 0 === id` is true exactly for integers from 0 to 2^32-1.
    if (typeof id !== "number" || id >>> 0 !== id || id > 0x7fffffff) {
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

const CARRIAGE_RETURN = 0x0d;

function parseMergesTxt(bytes: Uint8Array, tokenIds: ReadonlyMap<string, number>): Result<Map<string, number>> {
  const text = decodeFile(bytes, "merges_txt");
  if (!text.ok) return text;

  const mergeRanks = new Map<string, number>();
  const lines = text.value.split("\n");
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index] as string;
    if (line.charCodeAt(line.length - 1) === CARRIAGE_RETURN) line = line.slice(0, -1);
    if (line === "" || (index === 0 && line.startsWith("#version"))) continue;

    const space = line.indexOf(" ");
    if (space <= 0 || space === line.length - 1 || line.indexOf(" ", space + 1) !== -1) {
      return fail("INVALID_VOCABULARY", `merges_txt line ${index + 1} is ${JSON.stringify(line)}, not a merge "first second"`);
    }
    const merged = line.slice(0, space) + line.slice(space + 1);
    if (!tokenIds.has(merged)) {
      return fail("INVALID_VOCABULARY", `merges_txt line ${index + 1} merges to ${JSON.stringify(merged)}, which vocab_json lacks; pass the two files of one tokenizer`);
    }
    // A well-formed line is already its mergeKey(first, second).
    if (!mergeRanks.has(line)) mergeRanks.set(line, mergeRanks.size);
  }
  return ok(mergeRanks);
}
