// The part of ftfy.fix_text (ftfy 6.x, default settings) that CLIP's
// reference cleaning relies on, in ftfy's order, repeated until the text
// stops changing as ftfy does:
//   1. unescape_html, only when the text has no "<": named references ending
//      in ";", their all-uppercase forms (&EACUTE; is É) and numeric references;
//   2. fix_c1_controls: U+0080..U+009F read as Windows-1252 (U+0085 is "…");
//   3. fix_latin_ligatures: ﬁ, ﬂ, Ĳ, ǆ and the other Latin ligatures by their NFKC form;
//   4. fix_character_width: U+FF01..U+FFEF by their NFKC form and U+3000 by a space;
//   5. uncurl_quotes: U+02BC and U+2018..U+201B to ', U+201C..U+201F to ";
//   6. fix_line_breaks: CRLF, CR, U+2028, U+2029 and U+0085 to LF;
//   7. fix_surrogates: a lone surrogate becomes U+FFFD;
//   8. remove_terminal_escapes: ESC [ digits-and-semicolons letter is removed;
//   9. remove_control_chars: U+0000..U+0008, U+000B, U+000E..U+001F, U+007F,
//      U+206A..U+206F, U+FEFF and U+FFF9..U+FFFC are removed;
//  10. NFC normalisation.
// NOTE: ftfy's mojibake repair (fix_encoding, e.g. "cafÃ©" to "café") is not
// reproduced: it needs ftfy's character-class tables and badness heuristics.
// Such text is tokenized as given, so its ids differ from the reference.
import { decodeHTMLStrict } from "entities";
import { unescapeHtml } from "./python-html-unescape";

const ENTITY = /&#?[0-9A-Za-z]{1,24};/g;
const C1_CONTROL = /[\x80-\x9f]/g;
const LIGATURE = /[\u0132\u0133\u0149\u01c4-\u01cc\u01f1-\u01f3\ufb00-\ufb06]/g;
const WIDE_OR_NARROW = /[\u3000\uff01-\uffef]/g;
const SINGLE_QUOTE = /[\u02bc\u2018-\u201b]/g;
const DOUBLE_QUOTE = /[\u201c-\u201f]/g;
const LINE_BREAK = /\r\n|[\r\u2028\u2029\u0085]/g;
const TERMINAL_ESCAPE = /\x1b\[[0-9;]*[a-zA-Z]/g;
const CONTROL = /[\x00-\x08\x0b\x0e-\x1f\x7f\u206a-\u206f\ufeff\ufff9-\ufffc]/g;

// Windows-1252 for 0x80..0x9F. The five bytes Windows-1252 leaves undefined
// keep their code point, as in ftfy's "sloppy-windows-1252" codec.
const WINDOWS_1252_C1 =
  "\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f" +
  "\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178";

// ftfy stops after this many rounds on text that never settles; every fix
// here settles within a few rounds, so the bound only guards against a bug.
const MAX_ROUNDS = 16;

function decodeEntity(entity: string): string {
  if (entity.startsWith("&#")) {
    // A reference that html.unescape decodes only in part, e.g. "&#65a;", stays as it is.
    const decoded = unescapeHtml(entity);
    return decoded.includes(";") ? entity : decoded;
  }

  const decoded = decodeHTMLStrict(entity);
  if (decoded !== entity) return decoded;

  // ftfy also decodes an all-uppercase spelling of an all-lowercase name,
  // unless Python's html.unescape would decode that spelling by a legacy
  // prefix (&GTCC; is ">CC;", not "⪧").
  const lower = entity.toLowerCase();
  if (entity !== lower.toUpperCase() || unescapeHtml(entity) !== entity) return entity;
  const lowerDecoded = decodeHTMLStrict(lower);
  return lowerDecoded === lower ? entity : lowerDecoded.toUpperCase();
}

// A loop rather than a regular expression, because a lookbehind is not
// available in every JavaScriptCore this bundle targets.
function replaceLoneSurrogates(text: string): string {
  let out = "";
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;

    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++;
      continue;
    }
    out += text.slice(start, i) + "\ufffd";
    start = i + 1;
  }
  return start === 0 ? text : out + text.slice(start);
}

function fixOneRound(text: string, unescape: boolean): string {
  let fixed = unescape ? text.replace(ENTITY, decodeEntity) : text;
  fixed = fixed.replace(C1_CONTROL, (char) => WINDOWS_1252_C1[char.charCodeAt(0) - 0x80] as string);
  fixed = fixed.replace(LIGATURE, (char) => char.normalize("NFKC"));
  fixed = fixed.replace(WIDE_OR_NARROW, (char) => (char === "\u3000" ? " " : char.normalize("NFKC")));
  fixed = fixed.replace(SINGLE_QUOTE, "'").replace(DOUBLE_QUOTE, '"');
  fixed = fixed.replace(LINE_BREAK, "\n");
  fixed = replaceLoneSurrogates(fixed);
  fixed = fixed.replace(TERMINAL_ESCAPE, "");
  fixed = fixed.replace(CONTROL, "");
  return fixed.normalize("NFC");
}

/** Applies the reproduced ftfy repairs listed above to `text`. Never fails. */
export function ftfyFixText(text: string): string {
  const unescape = !text.includes("<");
  let current = text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const fixed = fixOneRound(current, unescape);
    if (fixed === current) break;
    current = fixed;
  }
  return current;
}
