import { fail, ok, type Result } from "../errors";
import { byteToUnicode } from "./byte-unicode-map";
import { cleanText } from "./clean-text";
import type { ClipVocabulary } from "./clip-vocabulary";
import { END_OF_TEXT, START_OF_TEXT, preTokenize } from "./pre-tokenize";
import { BytePairEncoder } from "./_internal/bpe";
import { encodeUtf8 } from "./_internal/utf8";

/** CLIP's context length: the text encoder reads 77 token ids. */
export const CLIP_CONTEXT_LENGTH = 77;

/** Largest context length a request may ask for; 77 is CLIP's. */
export const MAX_CONTEXT_LENGTH = 1024;

/** Token ids of one text, always `contextLength` long. */
export interface TokenizedText {
  /** Start-of-text id, the text's ids, end-of-text id, then 0 up to the context length. */
  readonly ids: Int32Array;
  /** True when the text had more tokens than fit; the last id is then end-of-text. */
  readonly truncated: boolean;
}

/**
 * OpenAI's CLIP tokenizer (`clip.tokenize` with `truncate=True`): cleaning,
 * pre-tokenizing, byte-level BPE, start and end tokens, zero padding.
 */
export class ClipTokenizer {
  private readonly encoder: BytePairEncoder;

  constructor(readonly vocabulary: ClipVocabulary) {
    this.encoder = new BytePairEncoder(vocabulary);
  }

  /**
   * Returns the ids of `text` without start and end tokens. With `limit`,
   * stops once more than `limit` ids are produced, since a caller that cuts
   * there needs no more.
   */
  encode(text: string, limit = Infinity): number[] {
    const ids: number[] = [];
    for (const word of preTokenize(cleanText(text))) {
      if (ids.length > limit) break;
      if (word === START_OF_TEXT) {
        ids.push(this.vocabulary.startOfTextId);
      } else if (word === END_OF_TEXT) {
        ids.push(this.vocabulary.endOfTextId);
      } else {
        for (const id of this.encoder.encode(toByteCharacters(word))) ids.push(id);
      }
    }
    return ids;
  }

  /**
   * Tokenizes `text` into exactly `contextLength` ids (2 to 1024, CLIP uses
   * 77). Fails with INVALID_PARAMETER for a context length out of range.
   */
  tokenize(text: string, contextLength: number = CLIP_CONTEXT_LENGTH): Result<TokenizedText> {
    if (!Number.isInteger(contextLength) || contextLength < 2 || contextLength > MAX_CONTEXT_LENGTH) {
      return fail("INVALID_PARAMETER", `context length ${contextLength} is out of range; use 2 to ${MAX_CONTEXT_LENGTH}, or 77 for CLIP`);
    }

    const contentLength = contextLength - 2;
    const content = this.encode(text, contentLength);
    const truncated = content.length > contentLength;

    const ids = new Int32Array(contextLength);
    ids[0] = this.vocabulary.startOfTextId;
    const copied = Math.min(content.length, contentLength);
    for (let i = 0; i < copied; i++) ids[i + 1] = content[i] as number;

    // A cut text still ends with end-of-text, as clip.tokenize(truncate=True) does.
    ids[copied + 1] = this.vocabulary.endOfTextId;
    return ok({ ids, truncated });
  }
}

function toByteCharacters(word: string): string {
  let out = "";
  for (const byte of encodeUtf8(word)) out += byteToUnicode[byte] as string;
  return out;
}
