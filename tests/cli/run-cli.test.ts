// Runs the built CLI for its exit codes, messages and debug commands.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestModel, missingBuild, repoRoot, runQueryable } from "../e2e/cli-runner";

const skipReason = missingBuild();
if (skipReason !== undefined) console.warn(`skipping the CLI process tests: ${skipReason}`);

const golden = process.env.QUERYABLE_CLIP_GOLDEN;
const vocabulary = process.env.QUERYABLE_CLIP_VOCAB;

/** Reads a little-endian float32 .npy file into its shape and values. */
function readNpyFloat32(path: string): { shape: number[]; data: Float32Array } {
  const bytes = readFileSync(path);
  const headerLength = bytes.readUInt16LE(8);
  const header = bytes.subarray(10, 10 + headerLength).toString("latin1");
  expect(header).toContain("'descr': '<f4'");
  const shape = /'shape': \(([^)]*)\)/.exec(header)![1]!.split(",").map((part) => part.trim()).filter((part) => part !== "").map(Number);
  const body = bytes.subarray(10 + headerLength);
  const data = new Float32Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
  return { shape, data };
}

describe.skipIf(skipReason !== undefined)("queryable process", () => {
  let work: string;
  let args: string[];

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "queryable-cli-"));
    buildTestModel(join(work, "model"));
    args = ["--index", join(work, "index"), "--model-dir", join(work, "model")];
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("help exits 0", () => {
    const run = runQueryable(["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Commands:");
  });

  it("every command's help names units", () => {
    const search = runQueryable(["search", "--help"]);
    expect(search.status).toBe(0);
    expect(search.stdout).toContain("in kilometres");
    expect(search.stdout).toContain("cosine similarity, from -1 to 1");
    for (const command of ["index", "similar", "status", "debug", "models"]) {
      expect(runQueryable([command, "--help"]).status, command).toBe(0);
    }
  });

  it("invalid option value exits 2", () => {
    const run = runQueryable([...args, "search", "red", "--top", "zero"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("expected a whole number from 1 to 10000, got \"zero\"");
  });

  it("unknown command exits 2", () => {
    expect(runQueryable(["frobnicate"]).status).toBe(2);
  });

  it("option errors carry the usage prefix", () => {
    for (const command of [["search", "red", "--top", "zero"], ["index", "--no-such-option"], ["frobnicate"], ["debug", "tokenize"]]) {
      const run = runQueryable([...args, ...command]);
      expect(run.status, command.join(" ")).toBe(2);
      expect(run.stderr, command.join(" ")).toMatch(/^queryable: error \[USAGE\]: /);
    }
  });

  it("version prints the package version", () => {
    const run = runQueryable(["--version"]);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).version);
  });

  it("radius without near exits 2", () => {
    const run = runQueryable([...args, "search", "red", "--radius", "3"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--radius needs --near");
  });

  it("missing model names files and fetch command", () => {
    const run = runQueryable(["--index", join(work, "index"), "--model-dir", join(work, "no-model"), "search", "red"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("MODEL_MISSING");
    expect(run.stderr).toContain("manifest.json");
    expect(run.stderr).toContain("queryable models fetch");
  });

  it("search before indexing explains the fix", () => {
    const run = runQueryable([...args, "search", "red"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("queryable index DIR");
  });

  it("index without folders explains the fix", () => {
    const run = runQueryable([...args, "index"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("has no folders yet");
  });

  it("status of a new index exits 0", () => {
    const run = runQueryable([...args, "status", "--json"]);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).indexed).toBe(0);
  });

  it.skipIf(vocabulary === undefined)("debug tokenize prints 77 ids (needs QUERYABLE_CLIP_VOCAB)", () => {
    const run = runQueryable(["debug", "tokenize", "a photo of a cat", "--json"]);
    expect(run.status, run.stderr).toBe(0);
    const ids = JSON.parse(run.stdout).ids as number[];
    expect(ids).toHaveLength(77);
    // 49406 and 49407 are CLIP's start and end tokens.
    expect(ids.slice(0, 7)).toEqual([49406, 320, 1125, 539, 320, 2368, 49407]);
    expect(ids.slice(7).every((id) => id === 0)).toBe(true);
  });

  it.skipIf(golden === undefined)("debug preprocess matches CLIP (needs QUERYABLE_CLIP_GOLDEN)", () => {
    const out = join(work, "kafka.npy");
    const run = runQueryable(["debug", "preprocess", join(golden!, "franz-kafka.jpg"), "--npy", out]);
    expect(run.status, run.stderr).toBe(0);

    const actual = readNpyFloat32(out);
    const expected = readNpyFloat32(join(golden!, "expected_preprocessed_image.npy"));
    expect(actual.shape).toEqual([1, 3, 224, 224]);
    let maxDifference = 0;
    for (let i = 0; i < expected.data.length; i++) maxDifference = Math.max(maxDifference, Math.abs(actual.data[i]! - expected.data[i]!));
    expect(maxDifference).toBeLessThan(0.02);
  });

  it("similar with an outside image encodes it", async () => {
    const photos = join(work, "photos");
    const sharp = (await import("sharp")).default;
    const { mkdirSync } = await import("node:fs");
    mkdirSync(photos, { recursive: true });
    for (const [name, colour] of [["red.png", "#e01010"], ["blue.png", "#1010e0"], ["green.png", "#10e010"]] as const) {
      writeFileSync(join(photos, name), await sharp({ create: { width: 64, height: 64, channels: 3, background: colour } }).png().toBuffer());
    }
    expect(runQueryable([...args, "--quiet", "index", photos]).status).toBe(0);

    const example = join(work, "example-red.jpg");
    writeFileSync(example, await sharp({ create: { width: 80, height: 50, channels: 3, background: "#d02020" } }).jpeg().toBuffer());
    const run = runQueryable([...args, "similar", example, "--json", "--top", "1"]);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).results[0].path).toBe(join(photos, "red.png"));
  });

  it("similar with an indexed photo excludes itself", () => {
    const photo = join(work, "photos", "blue.png");
    const run = runQueryable([...args, "similar", photo, "--json"]);
    expect(run.status, run.stderr).toBe(0);
    const paths = (JSON.parse(run.stdout).results as { path: string }[]).map((hit) => hit.path);
    expect(paths).toHaveLength(2);
    expect(paths).not.toContain(photo);
  });

  it("search --html writes thumbnails", () => {
    const page = join(work, "results.html");
    const run = runQueryable([...args, "search", "red", "--html", page, "--top", "2"]);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(page)).toBe(true);
    const html = readFileSync(page, "utf8");
    expect(html.match(/src="data:image\/jpeg;base64,/g)).toHaveLength(2);
    expect(html).toContain(join(work, "photos", "red.png"));
  });

  it("exclude-screenshots drops screenshot files", async () => {
    const sharp = (await import("sharp")).default;
    const screenshot = join(work, "photos", "Screenshot 2024-05-01 at 10.00.00.png");
    writeFileSync(screenshot, await sharp({ create: { width: 64, height: 64, channels: 3, background: "#e01010" } }).png().toBuffer());
    expect(runQueryable([...args, "--quiet", "index"]).status).toBe(0);

    const all = JSON.parse(runQueryable([...args, "search", "red", "--json"]).stdout).results.map((hit: { path: string }) => hit.path);
    const filtered = JSON.parse(runQueryable([...args, "search", "red", "--json", "--exclude-screenshots"]).stdout).results.map((hit: { path: string }) => hit.path);
    expect(all).toContain(screenshot);
    expect(filtered).not.toContain(screenshot);
  });

  it("near filter keeps nearby photos", async () => {
    const sharp = (await import("sharp")).default;
    const paris = join(work, "photos", "paris.jpg");
    const gps = { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "2/1 21/1 0/1" };
    writeFileSync(paris, await sharp({ create: { width: 64, height: 64, channels: 3, background: "#e01010" } }).jpeg().withExif({ IFD3: gps }).toBuffer());
    expect(runQueryable([...args, "--quiet", "index"]).status).toBe(0);

    const near = runQueryable([...args, "search", "red", "--json", "--near", "48.86,2.34", "--radius", "5"]);
    expect(near.status, near.stderr).toBe(0);
    expect(JSON.parse(near.stdout).results.map((hit: { path: string }) => hit.path)).toEqual([paris]);
    const far = runQueryable([...args, "search", "red", "--json", "--near", "-33.86,151.2", "--radius", "5"]);
    expect(JSON.parse(far.stdout).results).toEqual([]);
  });

  it("another model's index is rejected", () => {
    const otherModel = join(work, "other-model");
    cpSync(join(work, "model"), otherModel, { recursive: true });
    const manifestPath = join(otherModel, "manifest.json");
    writeFileSync(manifestPath, readFileSync(manifestPath, "utf8").replace('"id": "colour-test-model"', '"id": "other-model"'));

    const run = runQueryable(["--index", join(work, "index"), "--model-dir", otherModel, "search", "red"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("SNAPSHOT_MISMATCH");
    expect(run.stderr).toContain("pass --index PATH");

    const status = runQueryable(["--index", join(work, "index"), "--model-dir", otherModel, "status", "--json"]);
    expect(status.status, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).problems.join("\n")).toContain("the index is built with the model \"colour-test-model\"");
  });

  it("date filters use capture dates", () => {
    const future = runQueryable([...args, "search", "red", "--json", "--after", "2999-01-01"]);
    expect(future.status, future.stderr).toBe(0);
    expect(JSON.parse(future.stdout).results).toEqual([]);
    const past = runQueryable([...args, "search", "red", "--json", "--before", "2999-01-01"]);
    expect(JSON.parse(past.stdout).results.length).toBeGreaterThan(0);
  });
});
