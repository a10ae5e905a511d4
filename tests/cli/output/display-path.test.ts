import { describe, expect, it } from "vitest";
import { displayPath } from "../../../cli/output/display-path";

describe("displayPath", () => {
  it("leaves a plain path unchanged", () => {
    expect(displayPath("/photos/Beach day/IMG 1.jpg")).toBe("/photos/Beach day/IMG 1.jpg");
  });

  it("quotes a path with control characters", () => {
    for (const path of ["/photos/a\nb.jpg", "/photos/a\rb.jpg", "/photos/a\tb.jpg", "/photos/a\u001b[31mb.jpg", "/photos/a\u0085b.jpg", "/photos/a\u007fb.jpg"]) {
      const shown = displayPath(path);
      expect(shown, JSON.stringify(path)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      expect(JSON.parse(shown), JSON.stringify(path)).toBe(path);
    }
  });

  it("quotes a path starting with a quote", () => {
    expect(displayPath("\"quoted\".jpg")).toBe("\"\\\"quoted\\\".jpg\"");
  });
});
