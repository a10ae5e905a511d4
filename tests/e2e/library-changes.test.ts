// Runs the built CLI on a generated photo folder and changes it between
// runs: deletions, edits, renames, a held lock and kill -9 at random moments.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, truncateSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestModel, missingBuild, parseJson, runQueryable, startQueryable } from "./cli-runner";

const skipReason = missingBuild();
if (skipReason !== undefined) console.warn(`skipping the library change tests: ${skipReason}`);

interface IndexSummary { scanned: number; embedded: number; failed: number; reused: number; removed: number; unchanged: number; stats: { indexed?: number; failed?: number; pending?: number } }
interface Status { assets: number; indexed: number; failed: number; pending: number; failures: { path: string; reason: string }[] }
interface Hits { results: { path: string; score: number }[] }

const photoCount = 120;

/** Writes `count` noisy 640x480 JPEGs with hues spread around the colour wheel. */
async function writePhotos(folder: string, count: number): Promise<string[]> {
  mkdirSync(folder, { recursive: true });
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const hue = (i * 360) / count;
    const [r, g, b] = hueToRgb(hue);
    const noise = Buffer.alloc(640 * 480 * 3);
    for (let p = 0; p < noise.length; p += 3) {
      const jitter = ((p * 7919 + i * 104729) % 41) - 20;
      noise[p] = clamp(r + jitter);
      noise[p + 1] = clamp(g + jitter);
      noise[p + 2] = clamp(b + jitter);
    }
    const path = join(folder, `photo-${String(i).padStart(3, "0")}.jpg`);
    writeFileSync(path, await sharp(noise, { raw: { width: 640, height: 480, channels: 3 } }).jpeg({ quality: 90 }).toBuffer());
    paths.push(path);
  }
  return paths;
}

function hueToRgb(hue: number): [number, number, number] {
  const f = (n: number) => {
    const k = (n + hue / 60) % 6;
    return Math.round(255 * (1 - Math.max(0, Math.min(k, 4 - k, 1))));
  };
  return [f(5), f(3), f(1)];
}

function clamp(value: number): number {
  return Math.max(0, Math.min(255, value));
}

describe.skipIf(skipReason !== undefined)("library changes between runs", () => {
  let work: string;
  let photos: string;
  let paths: string[];
  let args: string[];

  const index = (...extra: string[]) => {
    const run = runQueryable([...args, "--quiet", "index", ...extra, "--json"]);
    expect(run.status, run.stderr).toBe(0);
    return parseJson<IndexSummary>(run);
  };
  const status = () => parseJson<Status>(runQueryable([...args, "status", "--json"]));
  const allIndexed = () => parseJson<Hits>(runQueryable([...args, "search", "red", "--top", "10000", "--threshold", "-1", "--json"])).results.map((hit) => hit.path);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "queryable-e2e-changes-"));
    buildTestModel(join(work, "model"));
    photos = join(work, "photos");
    paths = await writePhotos(photos, photoCount);
    args = ["--index", join(work, "index"), "--model-dir", join(work, "model")];
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("first run embeds every photo", () => {
    const summary = index(photos);
    expect(summary.embedded).toBe(photoCount);
    expect(summary.stats.indexed).toBe(photoCount);
  });

  it("deleted file disappears from results", () => {
    const victim = paths[5]!;
    unlinkSync(victim);
    const summary = index();
    expect(summary.removed).toBe(1);
    expect(allIndexed()).not.toContain(victim);
  });

  it("modified file is embedded again", async () => {
    const target = paths[10]!;
    writeFileSync(target, await sharp({ create: { width: 320, height: 240, channels: 3, background: "#0000ff" } }).jpeg().toBuffer());
    const later = new Date(Date.now() + 5000);
    utimesSync(target, later, later);

    const summary = index();
    expect(summary.embedded).toBe(1);
    expect(summary.unchanged).toBe(photoCount - 2);
  });

  it("renamed file is not encoded again", () => {
    const from = paths[20]!;
    const to = join(photos, "renamed", "holiday.jpg");
    mkdirSync(join(photos, "renamed"));
    renameSync(from, to);

    const summary = index();
    expect(summary.embedded).toBe(0);
    expect(summary.reused).toBe(1);
    expect(summary.removed).toBe(1);
    expect(allIndexed()).toContain(to);
  });

  it("returning file is indexed again", () => {
    copyFileSync(paths[6]!, paths[5]!);
    const summary = index();
    expect(summary.reused + summary.embedded).toBe(1);
    expect(allIndexed()).toContain(paths[5]);
  });

  it("live lock holder blocks a second run", () => {
    const lockPath = join(work, "index", "index.lock");
    writeFileSync(lockPath, JSON.stringify({ pid: process.pid, host: hostname(), started: "2024-01-01T00:00:00.000Z" }));
    try {
      const run = runQueryable([...args, "index"]);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("INDEX_LOCKED");
      expect(run.stderr).toContain(`process ${process.pid} on ${hostname()}`);
    } finally {
      unlinkSync(lockPath);
    }
  });

  it("stale lock is taken over", () => {
    const lockPath = join(work, "index", "index.lock");
    // Linux pids stay below 2^22, so this pid is never alive.
    writeFileSync(lockPath, JSON.stringify({ pid: 4_194_304 + 999, host: hostname(), started: "2024-01-01T00:00:00.000Z" }));
    const run = runQueryable([...args, "index", "--json"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain("taking over a stale index lock");
    expect(existsSync(lockPath)).toBe(false);
  });

  it("missing library folder changes nothing", () => {
    const moved = `${photos}-unplugged`;
    renameSync(photos, moved);
    try {
      const before = status().indexed;
      const run = runQueryable([...args, "index"]);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("does not exist");
      expect(status().indexed).toBe(before);
    } finally {
      renameSync(moved, photos);
    }
  });
});

describe.skipIf(skipReason !== undefined)("kill -9 during indexing", () => {
  let work: string;
  let args: string[];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "queryable-e2e-kill-"));
    buildTestModel(join(work, "model"));
    await writePhotos(join(work, "photos"), photoCount);
    args = ["--index", join(work, "index"), "--model-dir", join(work, "model")];
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  for (const [signal, exitCode] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    it(`${signal} stops cleanly with exit ${exitCode}`, async () => {
      const indexDir = join(work, `stopped-by-${signal}`);
      const interruptedArgs = ["--index", indexDir, "--model-dir", join(work, "model")];
      // One photo per batch keeps embedding busy for seconds after the first journal write.
      const child = startQueryable([...interruptedArgs, "index", "--batch-size", "1", join(work, "photos")]);
      let stdout = "";
      let stderr = "";
      child.stdout?.on("data", (chunk) => (stdout += String(chunk)));
      child.stderr?.on("data", (chunk) => (stderr += String(chunk)));
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

      // A fixed delay raced the run on fast or busy machines; the first
      // journal write shows the run has synced and is about to embed.
      await waitForFile(join(indexDir, "journal.bin"), (size) => size > 0);
      child.kill(signal);
      expect(await exited).toBe(exitCode);

      expect(stderr).toContain(`queryable: stopped by ${signal}`);
      expect(existsSync(join(indexDir, "index.lock"))).toBe(false);
      expect(existsSync(join(indexDir, "snapshot.bin"))).toBe(true);
      const rerun = runQueryable([...interruptedArgs, "--quiet", "index", "--json"]);
      expect(rerun.status, rerun.stderr).toBe(0);
      expect(parseJson<IndexSummary>(rerun).stats.indexed).toBe(photoCount);
      console.info(`first run output after ${signal}: ${stdout.split("\n").find((line) => line.startsWith("Index:")) ?? stdout}`);
    });
  }

  it("torn journal tail is dropped", async () => {
    const tornArgs = ["--index", join(work, "torn-index"), "--model-dir", join(work, "model")];
    const journal = join(work, "torn-index", "journal.bin");
    const child = startQueryable([...tornArgs, "--quiet", "index", join(work, "photos")]);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

    // Kill once some vectors are in the journal, then cut its last record short.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && (!existsSync(journal) || statSync(journal).size < 20_000)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill("SIGKILL");
    await exited;
    const size = statSync(journal).size;
    expect(size).toBeGreaterThan(0);
    truncateSync(journal, size - 5);

    const rerun = runQueryable([...tornArgs, "--quiet", "index", "--json"]);
    expect(rerun.status, rerun.stderr).toBe(0);
    const summary = parseJson<IndexSummary & { journalBytesDropped: number }>(rerun);
    expect(summary.journalBytesDropped).toBeGreaterThan(0);
    expect(summary.stats.indexed).toBe(photoCount);
  });

  it("rerun completes a consistent index", async () => {
    const indexedAfterKill: number[] = [];
    // Kill points spread over start-up, scan, sync and embedding.
    for (const delayMs of [300, 900, 1600, 2400, 3300, 4500]) {
      const child = startQueryable([...args, "--quiet", "index", join(work, "photos")]);
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      child.kill("SIGKILL");
      const code = await exited;

      const status = runQueryable([...args, "status", "--json"]);
      if (status.status === 0) indexedAfterKill.push(parseJson<Status>(status).indexed);
      if (code === 0) break;
    }

    console.info(`indexed photos after each kill: ${indexedAfterKill.join(", ")}`);
    // Everything stored before a kill is still there after it.
    for (let i = 1; i < indexedAfterKill.length; i++) expect(indexedAfterKill[i]).toBeGreaterThanOrEqual(indexedAfterKill[i - 1]!);
    const before = indexedAfterKill.at(-1) ?? 0;

    const final = runQueryable([...args, "--quiet", "index", "--json"]);
    expect(final.status, final.stderr).toBe(0);
    const summary = parseJson<IndexSummary>(final);
    expect(summary.stats.indexed).toBe(photoCount);
    expect(summary.stats.pending).toBe(0);
    expect(summary.embedded).toBe(photoCount - before);

    const hits = parseJson<Hits>(runQueryable([...args, "search", "red", "--top", "10000", "--threshold", "-1", "--json"])).results.map((hit) => hit.path);
    expect(new Set(hits).size).toBe(photoCount);
    expect(hits).toHaveLength(photoCount);
  });
});

/** Polls until `path` exists and its size satisfies `ready`, failing after 60 s. */
async function waitForFile(path: string, ready: (size: number) => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (existsSync(path) && ready(statSync(path).size)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${path}`);
}
