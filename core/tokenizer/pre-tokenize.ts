// Splits cleaned text into the words that BPE encodes, with the pattern of
// OpenAI's CLIP tokenizer:
//   <|startoftext|>|<|endoftext|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+
// matched case-insensitively. Letters run together, every digit is its own
// word, contractions split off and other non-space characters run together.
import { PYTHON_WHITESPACE_CLASS } from "./clean-text";

/** The literal that maps to the start-of-text id. */
export const START_OF_TEXT = "<|startoftext|>";
/** The literal that maps to the end-of-text id. */
export const END_OF_TEXT = "<|endoftext|>";

// \s is spelled out as Python's White_Space set (see clean-text.ts). The `i`
// flag matters beyond ASCII: "'ſ" matches 's, because ſ folds to s.
const WORD = new RegExp(
  "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|" +
    `[^${PYTHON_WHITESPACE_CLASS}\\p{L}\\p{N}]+`,
  "giu",
);

// Python's `regex` (checked with 2026.5.9) matches U+0345 COMBINING GREEK
// YPOGEGRAMMENI with no alternative under IGNORECASE: it folds to a letter,
// so the negated class skips it, yet [\p{L}]+ does not take it. It therefore
// separates words like a space. JavaScript's /iu would join it to a letter run.
const YPOGEGRAMMENI = /\u0345/g;

/** Returns the words of `cleaned` in order; characters no alternative matches (whitespace) are skipped. */
export function preTokenize(cleaned: string): string[] {
  return cleaned.replace(YPOGEGRAMMENI, " ").match(WORD) ?? [];
}
