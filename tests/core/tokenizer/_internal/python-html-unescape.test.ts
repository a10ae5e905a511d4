import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unescapeHtml } from "../../../../core/tokenizer/_internal/python-html-unescape";

// Python's own html.unescape is the reference; it ships with every python3.
const python = process.env.QUERYABLE_PYTHON || "python3";
const UNESCAPE_SCRIPT = "import html, json, sys\nprint(json.dumps([html.unescape(t) for t in json.load(sys.stdin)]))";
const NAMES_SCRIPT = "import html.entities, json\nprint(json.dumps(sorted(html.entities.html5)))";

function runPython(script: string, input = ""): string | undefined {
  const run = spawnSync(python, ["-c", script], { input, encoding: "utf8", maxBuffer: 1 << 28 });
  return run.status === 0 ? run.stdout : undefined;
}

const entityNames = runPython(NAMES_SCRIPT);
const pythonNote = entityNames === undefined ? ` (skipped: ${python} is missing)` : "";

function pythonUnescape(texts: readonly string[]): string[] {
  const output = runPython(UNESCAPE_SCRIPT, JSON.stringify(texts));
  if (output === undefined) throw new Error("python3 html.unescape failed");
  return JSON.parse(output) as string[];
}

describe.skipIf(entityNames === undefined)(`unescapeHtml against Python${pythonNote}`, () => {
  it("every html5 entity name matches", () => {
    const names = JSON.parse(entityNames as string) as string[];
    const texts = names.flatMap((name) => [`&${name}`, `x&${name}x;`, `&${name.toUpperCase()}`]);
    const expected = pythonUnescape(texts);
    const mismatches = texts.filter((text, index) => unescapeHtml(text) !== expected[index]);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it("generated references match", () => {
    const reference = fc.oneof(
      fc.integer({ min: 0, max: 0x11ffff }).map((code) => `&#${code}`),
      fc.integer({ min: 0, max: 0x11ffff }).map((code) => `&#x${code.toString(16)};`),
      fc.stringMatching(/^&[a-zA-Z0-9]{0,10};?$/),
      fc.constantFrom("&", ";", "#", "&#", "&#x;", "&amp", "&amp;", "&notit;", "&#99999999999999999999;", " ", "a"),
    );
    const texts = fc.sample(fc.array(reference, { maxLength: 6 }).map((parts) => parts.join("")), { numRuns: 5000, seed: 7 });
    const expected = pythonUnescape(texts);
    const mismatches = texts.filter((text, index) => unescapeHtml(text) !== expected[index]);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});
