import { describe, expect, it } from "vitest";
import { ftfyFixText } from "../../../../core/tokenizer/_internal/ftfy-fix-text";

// Input and output pairs from ftfy 6's documentation of each fix.
const FTFY_CASES: readonly [string, string, string][] = [
  ["latin ligatures", "\ufb02u\ufb03e\ufb06", "fluffiest"],
  ["full width letters", "\uff2c\uff2f\uff35\uff24\u3000\uff2e\uff2f\uff29\uff33\uff25\uff33", "LOUD NOISES"],
  ["half width katakana", "\uff35\uff80\uff70\uff9d", "U\u30bf\u30fc\u30f3"],
  ["curly quotes", "\u201chere\u2019s a test\u201d", "\"here's a test\""],
  ["terminal escapes", "\x1b[36;44mI'm blue, da ba dee da ba doo...\x1b[0m", "I'm blue, da ba dee da ba doo..."],
  ["uppercase entity", "P&EACUTE;REZ", "P\u00c9REZ"],
  ["uppercase sharp s", "BUNDESSTRA&SZLIG;E", "BUNDESSTRASSE"],
  ["mixed case entity", "&ntilde; &Ntilde; &NTILDE; &nTILDE;", "\u00f1 \u00d1 \u00d1 &nTILDE;"],
  ["entities without tags", "&lt;tag&gt;", "<tag>"],
  ["entities beside a tag", "<b>&lt;3</b>", "<b>&lt;3</b>"],
  ["c1 control as cp1252", "price \x80", "price \u20ac"],
  ["next line as ellipsis", "wait\x85", "wait\u2026"],
  ["line breaks", "a\r\nb\rc\u2028d\u2029e", "a\nb\nc\nd\ne"],
  ["control characters", "a\x00\x08\tb\x0b\x7fc\ufeff", "a\tbc"],
  ["lone surrogate", "a\ud800b", "a\ufffdb"],
  ["nfc composition", "e\u0301", "\u00e9"],
  ["nested escapes settle", "&amp;amp;lt;", "<"],
];

describe("ftfyFixText", () => {
  it.each(FTFY_CASES)("fixes %s", (_name, input, expected) => {
    expect(ftfyFixText(input)).toBe(expected);
  });

  it("keeps emoji sequences unchanged", () => {
    expect(ftfyFixText("\u{1F468}\u200d\u{1F469}\u200d\u{1F467} \u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}")).toBe(
      "\u{1F468}\u200d\u{1F469}\u200d\u{1F467} \u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}",
    );
  });
});
