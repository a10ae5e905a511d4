// Runs the built CLI's search and similar commands for their output files and messages.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestModel, missingBuild, runQueryable } from "../../e2e/cli-runner";

const skipReason = missingBuild();
if (skipReason !== undefined) console.warn(`skipping the search command tests: ${skipReason}`);

describe.skipIf(skipReason !== undefined)("search command", () => {
  let work: string;
  let photos: string;
  let args: string[];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "queryable-search-"));
    photos = join(work, "photos");
    mkdirSync(photos);
    for (const [name, colour] of [["red.jpg", "#e01010"], ["blue.png", "#1010e0"]] as const) {
      writeFileSync(join(photos, name), await sharp({ create: { width: 32, height: 32, channels: 3, background: colour } }).toFormat(name.endsWith(".jpg") ? "jpeg" : "png").toBuffer());
    }
    buildTestModel(join(work, "model"));
    args = ["--index", join(work, "index"), "--model-dir", join(work, "model")];
    const indexed = runQueryable([...args, "--quiet", "index", photos]);
    if (indexed.status !== 0) throw new Error(`indexing failed: ${indexed.stderr}`);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  for (const command of [["search", "green"], ["similar", "PHOTO"]]) {
    it(`${command[0]} no-match names threshold`, () => {
      const query = command[1] === "PHOTO" ? join(photos, "red.jpg") : command[1]!;
      const run = runQueryable([...args, command[0]!, query, "--threshold", "1"]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/No photos matched: (all \d+ photos|the one photo) that passed the filters scored below --threshold 1; lower --threshold or leave it out\./);
    });
  }

  it("--html rejects overwriting a photo", () => {
    const photo = join(photos, "red.jpg");
    const before = readFileSync(photo);

    const run = runQueryable([...args, "search", "red", "--html", photo]);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`--html ${photo} already exists`);
    expect(run.stderr).toContain("--force");
    expect(readFileSync(photo).equals(before)).toBe(true);
  });

  it("similar --html rejects overwriting a photo", () => {
    const photo = join(photos, "blue.png");
    const before = readFileSync(photo);

    const run = runQueryable([...args, "similar", join(photos, "red.jpg"), "--html", photo]);

    expect(run.status).toBe(1);
    expect(readFileSync(photo).equals(before)).toBe(true);
  });

  it("--html replaces its own earlier page", () => {
    const page = join(work, "results.html");
    expect(runQueryable([...args, "search", "red", "--html", page]).status).toBe(0);
    const again = runQueryable([...args, "search", "blue", "--html", page]);
    expect(again.status, again.stderr).toBe(0);
    expect(readFileSync(page, "utf8")).toContain("&quot;blue&quot;");
  });

  it("--html --force overwrites any file", () => {
    const other = join(work, "notes.txt");
    writeFileSync(other, "my notes");
    const run = runQueryable([...args, "search", "red", "--html", other, "--force"]);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(other, "utf8")).toContain("queryable search results");
  });

  it("--html labels the colour test model", () => {
    const page = join(work, "labelled.html");
    expect(runQueryable([...args, "search", "red", "--html", page]).status).toBe(0);
    const html = readFileSync(page, "utf8");
    expect(html).toContain("<title>[colour test model] Photos matching &quot;red&quot;</title>");
    expect(html).toContain("colour test model: results reflect colours only, not CLIP");
  });

  it("long query warns with token count", () => {
    const query = Array.from({ length: 100 }, () => "red").join(" ");
    const run = runQueryable([...args, "search", query, "--json"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain("the query is 102 tokens long");
    expect(run.stderr).toContain("first 75 tokens");
  });

  it("short query gives no length warning", () => {
    const run = runQueryable([...args, "search", "red", "--json"]);
    expect(run.stderr).not.toContain("tokens long");
  });

  it("no-match message shortens the query", () => {
    const query = "q".repeat(5000);
    const run = runQueryable([...args, "search", query]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`"${"q".repeat(79)}…"`);
    expect(run.stderr).not.toContain("q".repeat(81));
  });
});
