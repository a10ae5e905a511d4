import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkOutputPath } from "../../../cli/output/check-output-path";
import { htmlPageOutput, testModelNote, writeHtmlPage } from "../../../cli/output/write-html-page";

const folder = mkdtempSync(join(tmpdir(), "queryable-html-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const noHits = { candidates: 0, hits: [] };

describe("writeHtmlPage", () => {
  it("labels the colour test model", async () => {
    const path = join(folder, "test-model.html");
    expect((await writeHtmlPage(path, noHits, { title: "Photos matching \"red\"", testModel: true })).ok).toBe(true);

    const html = readFileSync(path, "utf8");
    expect(html).toContain("<title>[colour test model] Photos matching &quot;red&quot;</title>");
    expect(html).toContain(`<p class="note">${testModelNote}</p>`);
    expect(testModelNote).toBe("colour test model: results reflect colours only, not CLIP");
  });

  it("adds no label for a real model", async () => {
    const path = join(folder, "clip.html");
    await writeHtmlPage(path, noHits, { title: "Photos matching \"dog\"", testModel: false });

    const html = readFileSync(path, "utf8");
    expect(html).toContain("<title>Photos matching &quot;dog&quot;</title>");
    expect(html).not.toContain("colour test model");
  });

  it("writes a page a later run may replace", async () => {
    const path = join(folder, "replaceable.html");
    await writeHtmlPage(path, noHits, { title: "Photos", testModel: false });
    expect(checkOutputPath(path, htmlPageOutput, false).ok).toBe(true);
  });
});
