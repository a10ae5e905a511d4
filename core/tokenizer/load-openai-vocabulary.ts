import { gunzipSync } from "fflate";
import { fail, ok, type Result } from "../errors";
import { byteCharactersInVocabularyOrder } from "./byte-unicode-map";
import { END_OF_TEXT, START_OF_TEXT, type ClipVocabulary } from "./clip-vocabulary";
import { gunzipLines } from "./_internal/gunzip-lines";
import { decodeUtf8 } from "./_internal/utf8";

/**
 * Merges CLIP uses: lines 2..48895 of bpe_simple_vocab_16e6.txt. OpenAI's
 * tokenizer reads `49152 - 256 - 2` of them, so that 256 byte tokens, their
 * 256 word-final forms, the merges and 2 special tokens make 49,408 ids.
 */
export const CLIP_MERGE_COUNT = 49152 - 256 - 2;

const NEWLINE = 0x0a;

// Names of one input form in error messages: the request field, a phrase
// for its contents, and the file a caller should pass instead.
interface TextSource {
  readonly field: string;
  readonly contents: string;
  readonly file: string;
}

const GZIP_SOURCE: TextSource = { field: "bpe_gz", contents: "bpe_gz unpacks to text that", file: "bpe_simple_vocab_16e6.txt.gz" };
const TEXT_SOURCE: TextSource = { field: "bpe_txt", contents: "bpe_txt", file: "bpe_simple_vocab_16e6.txt" };

/**
 * Loads OpenAI's `bpe_simple_vocab_16e6.txt.gz` (gzip of a UTF-8 text: one
 * header line, then one merge "first second" per line, best first).
 * Fails with INVALID_VOCABULARY when the bytes are not gzip, or when the
 * text fails as in {@link loadOpenAiVocabularyText}.
 */
export function loadOpenAiVocabulary(gzipped: Uint8Array): Result<ClipVocabulary> {
  // Inflating stops after the merge lines, a sixth of the file, because
  // fflate unpacked the whole 3.2 MB in 0.3 to 0.8 s in Debian's
  // `jsc --useJIT=false`. Any failure here is retried with the whole file.
  try {
    const loaded = parseMergeText(gunzipLines(gzipped, CLIP_MERGE_COUNT + 1), GZIP_SOURCE);
    if (loaded.ok) return loaded;
  } catch {
    // Unpacking everything below gives the error and its message.
  }

  let text: Uint8Array;
  try {
    text = gunzipSync(gzipped);
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    return fail("INVALID_VOCABULARY", `bpe_gz (${gzipped.length} bytes) is not gzip data (${reason}); pass bpe_simple_vocab_16e6.txt.gz as stored, not unpacked`);
  }
  return parseMergeText(text, GZIP_SOURCE);
}

/**
 * Loads OpenAI's vocabulary already unpacked: the UTF-8 bytes of
 * `bpe_simple_vocab_16e6.txt`. This skips gunzip, about half of the gzip
 * form's load time in JavaScriptCore without JIT. Fails with
 * INVALID_VOCABULARY when the header or merge lines are not UTF-8, or when
 * there are fewer than 48,894 well-formed merge lines.
 */
export function loadOpenAiVocabularyText(text: Uint8Array): Result<ClipVocabulary> {
  return parseMergeText(text, TEXT_SOURCE);
}

function parseMergeText(text: Uint8Array, source: TextSource): Result<ClipVocabulary> {
  // NOTE: only the header and the merge lines are decoded, because CLIP never
  // uses the other 213,250 lines of OpenAI's file. Invalid UTF-8 in those lines
  // is accepted, where OpenAI's Python loader would raise.
  const decoded = decodeUtf8(text.subarray(0, endOfMergeLines(text)));
  if (!decoded.ok) {
    return fail("INVALID_VOCABULARY", `${source.contents} is not UTF-8 (invalid byte at offset ${decoded.offset}); pass CLIP's ${source.file}`);
  }

  const lines = decoded.text.split("\n");
  if (lines.length < CLIP_MERGE_COUNT + 1) {
    return fail("INVALID_VOCABULARY", `${source.field} has ${lines.length} lines, fewer than the ${CLIP_MERGE_COUNT + 1} of CLIP's bpe_simple_vocab_16e6.txt; pass that file unchanged`);
  }
  return buildVocabulary(lines, source);
}

// Returns the offset of the newline that ends the last merge line CLIP
// reads, or the text's length when the text has fewer lines. A 0x0A byte
// is always a newline in UTF-8, so the bytes can be cut there before decoding.
function endOfMergeLines(text: Uint8Array): number {
  let end = -1;
  for (let line = 0; line <= CLIP_MERGE_COUNT; line++) {
    end = text.indexOf(NEWLINE, end + 1);
    if (end === -1) return text.length;
  }
  return end;
}

// Ids in OpenAI's order: bytes, word-final bytes, merge results, specials.
// `lines` contains the header line, then at least CLIP_MERGE_COUNT merge lines.
function buildVocabulary(lines: readonly string[], source: TextSource): Result<ClipVocabulary> {
  const tokenIds = new Map<string, number>();
  for (const char of byteCharactersInVocabularyOrder) tokenIds.set(char, tokenIds.size);
  for (const char of byteCharactersInVocabularyOrder) tokenIds.set(`${char}</w>`, tokenIds.size);

  // This loop runs 48,894 times at start-up, so it avoids split() and
  // template strings: a well-formed line is already its mergeKey(first, second).
  const mergeRanks = new Map<string, number>();
  for (let rank = 0; rank < CLIP_MERGE_COUNT; rank++) {
    const line = lines[rank + 1] as string;
    const space = line.indexOf(" ");
    if (space <= 0 || space === line.length - 1 || line.indexOf(" ", space + 1) !== -1) {
      return fail("INVALID_VOCABULARY", `${source.field} line ${rank + 2} is ${JSON.stringify(line)}, not a merge "first second"; pass CLIP's ${source.file} unchanged`);
    }
    tokenIds.set(line.slice(0, space) + line.slice(space + 1), tokenIds.size);
    mergeRanks.set(line, rank);
  }
  tokenIds.set(START_OF_TEXT, tokenIds.size);
  tokenIds.set(END_OF_TEXT, tokenIds.size);

  return ok({
    tokenIds,
    mergeRanks,
    startOfTextId: tokenIds.get(START_OF_TEXT) as number,
    endOfTextId: tokenIds.get(END_OF_TEXT) as number,
  });
}
