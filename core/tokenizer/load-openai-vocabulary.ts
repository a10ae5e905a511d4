import { gunzipSync } from "fflate";
import { fail, ok, type Result } from "../errors";
import { byteCharactersInVocabularyOrder } from "./byte-unicode-map";
import { END_OF_TEXT, START_OF_TEXT, mergeKey, type ClipVocabulary } from "./clip-vocabulary";
import { decodeUtf8 } from "./_internal/utf8";

/**
 * Merges CLIP uses: lines 2..48895 of bpe_simple_vocab_16e6.txt. OpenAI's
 * tokenizer reads `49152 - 256 - 2` of them, so that 256 byte tokens, their
 * 256 word-final forms, the merges and 2 special tokens make 49,408 ids.
 */
export const CLIP_MERGE_COUNT = 49152 - 256 - 2;

/**
 * Loads OpenAI's `bpe_simple_vocab_16e6.txt.gz` (gzip of a UTF-8 text: one
 * header line, then one merge "first second" per line, best first).
 * Fails with INVALID_VOCABULARY when the bytes are not gzip, not UTF-8, or
 * have fewer than 48,894 well-formed merge lines.
 */
export function loadOpenAiVocabulary(gzipped: Uint8Array): Result<ClipVocabulary> {
  const text = gunzipText(gzipped);
  if (!text.ok) return text;

  const lines = text.value.split("\n");
  if (lines.length < CLIP_MERGE_COUNT + 1) {
    return fail("INVALID_VOCABULARY", `bpe_gz has ${lines.length} lines, fewer than the ${CLIP_MERGE_COUNT + 1} of CLIP's bpe_simple_vocab_16e6.txt; pass that file unchanged`);
  }

  const merges: [string, string][] = [];
  for (let line = 1; line <= CLIP_MERGE_COUNT; line++) {
    const parts = (lines[line] as string).split(" ");
    if (parts.length !== 2 || parts[0] === "" || parts[1] === "") {
      return fail("INVALID_VOCABULARY", `bpe_gz line ${line + 1} is ${JSON.stringify(lines[line])}, not a merge "first second"; pass CLIP's bpe_simple_vocab_16e6.txt.gz unchanged`);
    }
    merges.push([parts[0] as string, parts[1] as string]);
  }
  return ok(buildVocabulary(merges));
}

function gunzipText(gzipped: Uint8Array): Result<string> {
  let raw: Uint8Array;
  try {
    raw = gunzipSync(gzipped);
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    return fail("INVALID_VOCABULARY", `bpe_gz (${gzipped.length} bytes) is not gzip data (${reason}); pass bpe_simple_vocab_16e6.txt.gz as stored, not unpacked`);
  }

  const decoded = decodeUtf8(raw);
  if (!decoded.ok) {
    return fail("INVALID_VOCABULARY", `bpe_gz unpacks to text that is not UTF-8 (invalid byte at offset ${decoded.offset}); pass CLIP's bpe_simple_vocab_16e6.txt.gz`);
  }
  return ok(decoded.text);
}

// Ids in OpenAI's order: bytes, word-final bytes, merge results, specials.
function buildVocabulary(merges: readonly [string, string][]): ClipVocabulary {
  const tokenIds = new Map<string, number>();
  const add = (token: string): void => {
    tokenIds.set(token, tokenIds.size);
  };
  for (const char of byteCharactersInVocabularyOrder) add(char);
  for (const char of byteCharactersInVocabularyOrder) add(`${char}</w>`);

  const mergeRanks = new Map<string, number>();
  merges.forEach(([first, second], rank) => {
    add(first + second);
    mergeRanks.set(mergeKey(first, second), rank);
  });
  add(START_OF_TEXT);
  add(END_OF_TEXT);

  return {
    tokenIds,
    mergeRanks,
    startOfTextId: tokenIds.get(START_OF_TEXT) as number,
    endOfTextId: tokenIds.get(END_OF_TEXT) as number,
  };
}
