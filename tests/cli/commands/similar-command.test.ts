// Runs the built CLI's similar command on an indexed photo that changed after indexing.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestModel, missingBuild, parseJson, runQueryable } from "../../e2e/cli-runner";

const skipReason = missingBuild();
if (skipReason !== undefined) console.warn(`skipping the similar command tests: ${skipReason}`);

function solidPng(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 32, height: 32, channels: 3, background: colour } }).png().toBuffer();
}

describe.skipIf(skipReason !== undefined)("similar command", () => {
  let work: string;
  let photos: string;
  let args: string[];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "queryable-similar-"));
    photos = join(work, "photos");
    mkdirSync(photos);
    for (const [name, colour] of [["red.png", "#e01010"], ["blue.png", "#1010e0"], ["blue-too.png", "#1818d8"]] as const) {
      writeFileSync(join(photos, name), await solidPng(colour));
    }
    buildTestModel(join(work, "model"));
    args = ["--index", join(work, "index"), "--model-dir", join(work, "model")];
    const indexed = runQueryable([...args, "--quiet", "index", photos]);
    if (indexed.status !== 0) throw new Error(`indexing failed: ${indexed.stderr}`);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("uses the stored vector of an unchanged photo", () => {
    const run = runQueryable([...args, "--verbose", "similar", join(photos, "blue.png"), "--json", "--top", "1"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain("using the stored vector");
    expect(parseJson<{ results: { path: string }[] }>(run).results[0]?.path).toBe(join(photos, "blue-too.png"));
  });

  it("encodes a photo changed since indexing", async () => {
    const changed = join(photos, "blue.png");
    writeFileSync(changed, await solidPng("#e01010"));
    const later = new Date(Date.now() + 60_000);
    utimesSync(changed, later, later);

    const run = runQueryable([...args, "--verbose", "similar", changed, "--json", "--top", "1"]);

    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain("changed since it was indexed");
    expect(parseJson<{ results: { path: string }[] }>(run).results[0]?.path).toBe(join(photos, "red.png"));
  });
});
