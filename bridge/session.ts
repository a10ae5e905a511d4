// The state one core instance keeps between requests. A JSContext holds one
// instance; tests may create several.
import type { ClipTokenizer } from "../core/tokenizer/clip-tokenizer";
import type { PhotoIndex } from "../core/index/photo-index";

/** Mutable state of one core instance, owned by the bridge and passed to handlers. */
export interface Session {
  /** The open index, or null before an OpenIndex request succeeds. */
  index: PhotoIndex | null;
  /** The loaded CLIP tokenizer, or null before a LoadVocabulary request succeeds. */
  tokenizer: ClipTokenizer | null;
}

export function createSession(): Session {
  return { index: null, tokenizer: null };
}
