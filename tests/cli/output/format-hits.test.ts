import { describe, expect, it } from "vitest";
import { formatHitsJson, formatHitsText } from "../../../cli/output/format-hits";

const model = { id: "clip-vit-b32", testModel: false };

describe("formatHitsText", () => {
  it("keeps a newline path on one line", () => {
    const text = formatHitsText({ candidates: 2, hits: [{ path: "/photos/two\nlines.jpg", score: 0.5, createdMs: 0 }, { path: "/photos/plain.jpg", score: 0.4, createdMs: 0 }] }, model);
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("0.5000  ----------  \"/photos/two\\nlines.jpg\"");
    expect(lines[1]).toBe("0.4000  ----------  /photos/plain.jpg");
  });

  it("no-match note names threshold", () => {
    const text = formatHitsText({ candidates: 2439, hits: [], threshold: 0.9999 }, model);
    expect(text).toBe("No photos matched: all 2439 photos that passed the filters scored below --threshold 0.9999; lower --threshold or leave it out.\n");
    expect(formatHitsText({ candidates: 1, hits: [], threshold: 0.5 }, model)).toContain("the one photo that passed the filters scored below --threshold 0.5");
  });

  it("empty filter result omits threshold", () => {
    expect(formatHitsText({ candidates: 0, hits: [], threshold: 0.5 }, model)).toBe("No photos matched (0 passed the filters).\n");
    expect(formatHitsText({ candidates: 3, hits: [] }, model)).toBe("No photos matched (3 passed the filters).\n");
  });

  it("labels the colour test model", () => {
    const text = formatHitsText({ candidates: 0, hits: [] }, { id: "colour-test-model", testModel: true });
    expect(text).toContain("colour test model");
  });
});

describe("formatHitsJson", () => {
  it("keeps the path unchanged", () => {
    const json = JSON.parse(formatHitsJson({ candidates: 1, hits: [{ path: "/photos/two\nlines.jpg", score: 0.5, createdMs: 0 }] }, model));
    expect(json.results[0].path).toBe("/photos/two\nlines.jpg");
  });
});
