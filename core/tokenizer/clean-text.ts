// Text cleaning of OpenAI's CLIP tokenizer (simple_tokenizer.py), applied
// before pre-tokenizing: ftfy.fix_text, html.unescape twice, strip, collapse
// whitespace runs, strip again, lower-case.
import { ftfyFixText } from "./_internal/ftfy-fix-text";
import { unescapeHtml } from "./_internal/python-html-unescape";

// Python's `regex` module matches \s against the Unicode White_Space
// property. JavaScript's \s differs: it adds U+FEFF and lacks U+0085.
const WHITESPACE_CHARS = "\\t\\n\\v\\f\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

/** Python's White_Space characters as a class body, for use inside `[...]`. */
export const PYTHON_WHITESPACE_CLASS = WHITESPACE_CHARS;

const WHITESPACE_RUN = new RegExp(`[${WHITESPACE_CHARS}]+`, "g");

// Python's str.strip() also strips U+001C..U+001F, which str.isspace() counts as whitespace.
const LEADING_SPACE = new RegExp(`^[${WHITESPACE_CHARS}\\x1c-\\x1f]+`);
const TRAILING_SPACE = new RegExp(`[${WHITESPACE_CHARS}\\x1c-\\x1f]+$`);

function stripLikePython(text: string): string {
  return text.replace(LEADING_SPACE, "").replace(TRAILING_SPACE, "");
}

/**
 * Cleans a query as CLIP's reference tokenizer does before splitting it.
 * Returns the empty string for empty or whitespace-only text. Never fails;
 * the ftfy repairs it reproduces, and the one it does not, are listed in
 * _internal/ftfy-fix-text.ts.
 */
export function cleanText(text: string): string {
  let cleaned = ftfyFixText(text);
  cleaned = unescapeHtml(unescapeHtml(cleaned));
  cleaned = stripLikePython(cleaned);

  cleaned = cleaned.replace(WHITESPACE_RUN, " ");
  cleaned = stripLikePython(cleaned);
  return cleaned.toLowerCase();
}
