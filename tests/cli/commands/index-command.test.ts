// Runs the built CLI's index command for how it changes the library:
// adding and removing folders and exclusions, and refusing removals that
// look like accidents.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestModel, missingBuild, parseJson, runQueryable } from "../../e2e/cli-runner";

const skipReason = missingBuild();
if (skipReason !== undefined) console.warn(`skipping the index command tests: ${skipReason}`);

interface Status { folders: string[] | null; exclude: string[] | null; indexed: number; problems: string[] }
interface Summary { failed: number; removed: number; stats: { indexed: number; failed: number; failures: { path: string; reason: string }[] } }

async function writePhotos(folder: string, colours: readonly string[]): Promise<void> {
  mkdirSync(folder, { recursive: true });
  for (const [i, colour] of colours.entries()) {
    writeFileSync(join(folder, `photo-${i}.png`), await sharp({ create: { width: 48, height: 48, channels: 3, background: colour } }).png().toBuffer());
  }
}

describe.skipIf(skipReason !== undefined)("queryable index", () => {
  let work: string;
  let photos: string;
  let other: string;
  let args: string[];
  let libraryPath: string;

  const status = () => parseJson<Status>(runQueryable([...args, "status", "--json"]));
  const library = () => JSON.parse(readFileSync(libraryPath, "utf8")) as { folders: string[]; exclude: string[] };

  beforeAll(async () => {
    work = realpathSync(mkdtempSync(join(tmpdir(), "queryable-index-command-")));
    buildTestModel(join(work, "model"));
    photos = join(work, "photos");
    other = join(work, "other");
    await writePhotos(photos, ["#e01010", "#10e010", "#1010e0"]);
    await writePhotos(join(photos, "nested"), ["#e0e010"]);
    await writePhotos(other, ["#10e0e0", "#e010e0"]);
    args = ["--index", join(work, "index"), "--model-dir", join(work, "model")];
    libraryPath = join(work, "index", "library.json");
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("empty exclude is rejected before saving", () => {
    const run = runQueryable([...args, "index", photos, "--exclude", ""]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("queryable: error [USAGE]: --exclude \"\" is empty");
    expect(existsSync(libraryPath)).toBe(false);
  });

  it("duplicate folder arguments are stored once", () => {
    const run = runQueryable([...args, "--quiet", "index", photos, join(photos, "nested"), `${photos}/`]);
    expect(run.status, run.stderr).toBe(0);
    expect(library().folders).toEqual([photos]);
  });

  it("new folder is added to the stored ones", () => {
    const run = runQueryable([...args, "--quiet", "index", other]);
    expect(run.status, run.stderr).toBe(0);
    expect(status().folders).toEqual([photos, other]);
    expect(status().indexed).toBe(6);
  });

  it("exclude adds to the stored exclusions", () => {
    expect(runQueryable([...args, "--quiet", "index", "--exclude", "*.gif"]).status).toBe(0);
    expect(runQueryable([...args, "--quiet", "index", "--exclude", "thumbs"]).status).toBe(0);
    expect(status().exclude).toEqual(["*.gif", "thumbs"]);
  });

  it("remove-exclude removes one exclusion", () => {
    expect(runQueryable([...args, "--quiet", "index", "--remove-exclude", "*.gif"]).status).toBe(0);
    expect(status().exclude).toEqual(["thumbs"]);
  });

  it("exclusion hiding everything needs confirmation", () => {
    const run = runQueryable([...args, "index", "--exclude", "**"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("REMOVAL_NOT_CONFIRMED");
    expect(library().exclude).toEqual(["thumbs"]);
    expect(status().indexed).toBe(6);
  });

  it("emptied folder keeps its photos", () => {
    renameSync(other, `${other}-away`);
    mkdirSync(other);
    try {
      const run = runQueryable([...args, "index"]);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`${other} lists no photos now, but the index has 2 photos from it`);
      expect(run.stderr).toContain("--allow-removal");
      expect(status().indexed).toBe(6);
    } finally {
      rmSync(other, { recursive: true });
      renameSync(`${other}-away`, other);
    }
  });

  it("allow-removal confirms an emptied folder", () => {
    renameSync(other, `${other}-away`);
    mkdirSync(other);
    try {
      const run = runQueryable([...args, "--quiet", "index", "--allow-removal", "--json"]);
      expect(run.status, run.stderr).toBe(0);
      expect(parseJson<Summary>(run).removed).toBe(2);
    } finally {
      rmSync(other, { recursive: true });
      renameSync(`${other}-away`, other);
    }
    expect(runQueryable([...args, "--quiet", "index"]).status).toBe(0);
    expect(status().indexed).toBe(6);
  });

  it("remove-folder drops the folder and its photos", () => {
    const run = runQueryable([...args, "--quiet", "index", "--remove-folder", other, "--json"]);
    expect(run.status, run.stderr).toBe(0);
    expect(parseJson<Summary>(run).removed).toBe(2);
    expect(library().folders).toEqual([photos]);
  });

  it("stale temporary files are removed", () => {
    // Linux pids stay below 2^22, so this pid is never alive.
    const stale = join(work, "index", "snapshot.bin.4194999.tmp");
    writeFileSync(stale, "partial");
    expect(runQueryable([...args, "--quiet", "index"]).status).toBe(0);
    expect(existsSync(stale)).toBe(false);
  });

  it("error is printed once", () => {
    const run = runQueryable([...args, "index", "--remove-folder", join(work, "nowhere")]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("is not a folder of this index");
  });

  it("json summary lists the failures", () => {
    const broken = join(photos, "broken.jpg");
    writeFileSync(broken, "not a jpeg");
    try {
      const run = runQueryable([...args, "--quiet", "index", "--json"]);
      expect(run.status, run.stderr).toBe(0);
      const summary = parseJson<Summary>(run);
      expect(summary.failed).toBe(1);
      expect(summary.stats.failures.map((item) => item.path)).toEqual([broken]);
    } finally {
      rmSync(broken);
    }
  });

  it("invalid library.json names the file", () => {
    const saved = readFileSync(libraryPath, "utf8");
    writeFileSync(libraryPath, JSON.stringify({ folders: [photos], exclude: [""] }));
    try {
      const run = runQueryable([...args, "index"]);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`queryable: error [INDEX_IO]: ${libraryPath} lists the exclusion glob ""`);
      expect(run.stderr).not.toContain("internal error");

      const reported = status();
      expect(reported.indexed).toBe(4);
      expect(reported.folders).toBeNull();
      expect(reported.problems.join("\n")).toContain(libraryPath);
    } finally {
      writeFileSync(libraryPath, saved);
    }
  });
});
