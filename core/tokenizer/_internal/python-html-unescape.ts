// Python's html.unescape (CPython 3.8 to 3.13), which CLIP's reference
// cleaning applies twice. Hand-written because the `entities` package decodes
// by the HTML5 parser rules, which differ from Python's: Python drops
// references to control characters and noncharacters instead of keeping them.
// `entities` still supplies the table of named references.
import { decodeHTMLStrict } from "entities";

// Python's pattern: a decimal, hexadecimal or named reference, `;` optional.
const CHARACTER_REFERENCE = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/g;

// Named references that HTML5 also accepts without a trailing semicolon.
const LEGACY_NAMES = new Set((
  "AElig AMP Aacute Acirc Agrave Aring Atilde Auml COPY Ccedil ETH Eacute Ecirc Egrave Euml GT " +
  "Iacute Icirc Igrave Iuml LT Ntilde Oacute Ocirc Ograve Oslash Otilde Ouml QUOT REG THORN " +
  "Uacute Ucirc Ugrave Uuml Yacute aacute acirc acute aelig agrave amp aring atilde auml brvbar " +
  "ccedil cedil cent copy curren deg divide eacute ecirc egrave eth euml frac12 frac14 frac34 gt " +
  "iacute icirc iexcl igrave iquest iuml laquo lt macr micro middot nbsp not ntilde oacute ocirc " +
  "ograve ordf ordm oslash otilde ouml para plusmn pound quot raquo reg sect shy sup1 sup2 sup3 " +
  "szlig thorn times uacute ucirc ugrave uml uuml yacute yen yuml"
).split(" "));

// Numeric references that HTML5 maps to other characters: NUL, CR and the
// C1 range read as Windows-1252.
const REPLACED_CHARACTER_REFERENCES = new Map<number, string>([
  [0x00, "\ufffd"], [0x0d, "\r"], [0x80, "\u20ac"], [0x81, "\x81"], [0x82, "\u201a"],
  [0x83, "\u0192"], [0x84, "\u201e"], [0x85, "\u2026"], [0x86, "\u2020"], [0x87, "\u2021"],
  [0x88, "\u02c6"], [0x89, "\u2030"], [0x8a, "\u0160"], [0x8b, "\u2039"], [0x8c, "\u0152"],
  [0x8d, "\x8d"], [0x8e, "\u017d"], [0x8f, "\x8f"], [0x90, "\x90"], [0x91, "\u2018"],
  [0x92, "\u2019"], [0x93, "\u201c"], [0x94, "\u201d"], [0x95, "\u2022"], [0x96, "\u2013"],
  [0x97, "\u2014"], [0x98, "\u02dc"], [0x99, "\u2122"], [0x9a, "\u0161"], [0x9b, "\u203a"],
  [0x9c, "\u0153"], [0x9d, "\x9d"], [0x9e, "\u017e"], [0x9f, "\u0178"],
]);

/** Python's `_invalid_codepoints`: references to these decode to nothing. */
function isDroppedCodePoint(code: number): boolean {
  if ((code >= 0x1 && code <= 0x8) || code === 0xb) return true;
  if ((code >= 0xe && code <= 0x1f) || (code >= 0x7f && code <= 0x9f)) return true;
  if (code >= 0xfdd0 && code <= 0xfdef) return true;
  return (code & 0xfffe) === 0xfffe && code <= 0x10ffff;
}

function decodeNumeric(reference: string): string {
  const hex = reference[1] === "x" || reference[1] === "X";
  const digits = reference.slice(hex ? 2 : 1).replace(/;$/, "");
  // Precision loss past 2^53 does not matter: every such value is out of range.
  const code = parseInt(digits, hex ? 16 : 10);

  const replaced = REPLACED_CHARACTER_REFERENCES.get(code);
  if (replaced !== undefined) return replaced;
  if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return "\ufffd";
  if (isDroppedCodePoint(code)) return "";
  return String.fromCodePoint(code);
}

/** The value of a named reference (`amp;` or legacy `amp`), or undefined. */
function lookupName(name: string): string | undefined {
  if (name.endsWith(";")) {
    const source = `&${name}`;
    const decoded = decodeHTMLStrict(source);
    return decoded === source ? undefined : decoded;
  }
  return LEGACY_NAMES.has(name) ? decodeHTMLStrict(`&${name};`) : undefined;
}

function decodeNamed(name: string): string {
  const whole = lookupName(name);
  if (whole !== undefined) return whole;

  // HTML5 takes the longest legacy name that prefixes the text, e.g. "&notit;" is "¬it;".
  for (let length = name.length - 1; length > 1; length--) {
    const value = lookupName(name.slice(0, length));
    if (value !== undefined) return value + name.slice(length);
  }
  return `&${name}`;
}

/** Replaces every HTML character reference in `text` as Python's html.unescape does. */
export function unescapeHtml(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(CHARACTER_REFERENCE, (_match, reference: string) =>
    reference[0] === "#" ? decodeNumeric(reference) : decodeNamed(reference),
  );
}
