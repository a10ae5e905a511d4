// Indexes the real sample library (scripts/fetch-sample-photos.sh) with the
// colour test model and checks the index against an independent decode.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanFolders } from "../../cli/library/scan-folders";
import { silentLogger } from "../../cli/logger";
import { buildTestModel, missingBuild, parseJson, runQueryable, type CliRun } from "./cli-runner";
import { MAX_ASPECT_RATIO } from "../../core/preprocess/clip-image-preprocessing";

const samples = process.env.QUERYABLE_SAMPLE_PHOTOS;
const skipReason = samples === undefined || samples === ""
  ? "QUERYABLE_SAMPLE_PHOTOS is unset; run scripts/fetch-sample-photos.sh DEST and set it to DEST"
  : missingBuild();
if (skipReason !== undefined) console.warn(`skipping the sample library tests: ${skipReason}`);

interface IndexSummary { scanned: number; embedded: number; failed: number; reused: number; removed: number; unchanged: number; stats: { indexed?: number; failed?: number; pending?: number } }
interface Status { assets: number; indexed: number; failed: number; pending: number; failures: { path: string; reason: string }[] }
interface Hits { model: string; testModel: boolean; candidates: number; results: { path: string; score: number; created: string | null }[] }

describe.skipIf(skipReason !== undefined)("sample library index", () => {
  let work: string;
  let args: string[];
  let firstRun: CliRun;
  let scannedPaths: string[];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "queryable-e2e-sample-"));
    buildTestModel(join(work, "model"));
    args = ["--index", join(work, "index"), "--model-dir", join(work, "model")];

    scannedPaths = (await scanFolders([samples!], [], silentLogger)).files.map((file) => file.path);
    const started = performance.now();
    firstRun = runQueryable([...args, "--quiet", "index", samples!, "--json"]);
    console.info(`indexed ${scannedPaths.length} sample files in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("index run exits 0", () => {
    expect(firstRun.status, firstRun.stderr).toBe(0);
    expect(parseJson<IndexSummary>(firstRun).scanned).toBe(scannedPaths.length);
  });

  it("indexes exactly the decodable files", async () => {
    const all = parseJson<Hits>(runQueryable([...args, "search", "green", "--top", "10000", "--threshold", "-1", "--json"]));
    const indexed = new Set(all.results.map((hit) => hit.path));
    const status = parseJson<Status>(runQueryable([...args, "status", "--json"]));
    const failed = new Set(status.failures.map((item) => item.path));

    // An independent decode with plain sharp settings decides what is
    // decodable; core refuses images beyond its side ratio limit on purpose.
    const decodable = await mapLimited(scannedPaths, 4, async (path) => {
      try {
        const { info } = await sharp(path, { failOn: "error", limitInputPixels: 200_000_000 }).raw().toBuffer({ resolveWithObject: true });
        return Math.max(info.width, info.height) / Math.min(info.width, info.height) <= MAX_ASPECT_RATIO;
      } catch {
        return false;
      }
    });

    const wronglyFailed = scannedPaths.filter((path, i) => decodable[i] && !indexed.has(path));
    const wronglyIndexed = scannedPaths.filter((path, i) => !decodable[i] && !failed.has(path));
    expect(wronglyFailed).toEqual([]);
    expect(wronglyIndexed).toEqual([]);
    expect(indexed.size + failed.size).toBe(scannedPaths.length);
  });

  it("lists every failure with a reason", () => {
    const status = parseJson<Status>(runQueryable([...args, "status", "--json"]));
    expect(status.pending).toBe(0);
    for (const item of status.failures) expect(item.reason.length, item.path).toBeGreaterThan(10);
  });

  it("second run embeds nothing new", () => {
    const second = runQueryable([...args, "--quiet", "index", "--json"]);
    expect(second.status, second.stderr).toBe(0);
    const summary = parseJson<IndexSummary>(second);
    const status = parseJson<Status>(runQueryable([...args, "status", "--json"]));
    // Only failed files due for a retry may be tried again; they fail again.
    expect(summary.embedded).toBe(0);
    expect(summary.failed).toBeLessThanOrEqual(status.failed);
    expect(summary.removed).toBe(0);
  });

  it("search --json returns paths and scores", () => {
    const run = runQueryable([...args, "search", "blue sky", "--json", "--top", "7"]);
    expect(run.status, run.stderr).toBe(0);
    const hits = parseJson<Hits>(run);
    expect(hits.testModel).toBe(true);
    expect(hits.results).toHaveLength(7);
    for (const hit of hits.results) {
      expect(scannedPaths).toContain(hit.path);
      expect(hit.score).toBeGreaterThanOrEqual(-1);
      expect(hit.score).toBeLessThanOrEqual(1);
    }
    const scores = hits.results.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("red query ranks reddest photos first", async () => {
    const hits = parseJson<Hits>(runQueryable([...args, "search", "red", "--json", "--top", "5"])).results;

    // Compare the hits' mean colour with a sample of the library: each hit
    // must be nearer to the test model's red prototype than 90% of the sample.
    const sample = scannedPaths.filter((_, i) => i % 8 === 0);
    const sampleDistances = (await mapLimited(sample, 4, redDistance)).filter((value): value is number => value !== undefined).sort((a, b) => a - b);
    const tenthPercentile = sampleDistances[Math.floor(sampleDistances.length * 0.1)]!;

    for (const hit of hits) {
      const distance = await redDistance(hit.path);
      expect(distance, hit.path).toBeDefined();
      expect(distance!, hit.path).toBeLessThanOrEqual(tenthPercentile);
    }
  });
});

/** Squared distance of an image's mean colour (0..1 per channel) from red (0.8, 0.1, 0.1). */
async function redDistance(path: string): Promise<number | undefined> {
  try {
    const { data, info } = await sharp(path, { failOn: "error" }).resize(224, 224, { fit: "cover" }).flatten({ background: "#000" }).removeAlpha().toColourspace("srgb").raw().toBuffer({ resolveWithObject: true });
    const sums = [0, 0, 0];
    for (let i = 0; i < data.length; i += info.channels) {
      for (let c = 0; c < 3; c++) sums[c]! += data[i + c]!;
    }
    const pixels = data.length / info.channels;
    const mean = sums.map((sum) => sum / pixels / 255);
    return (mean[0]! - 0.8) ** 2 + (mean[1]! - 0.1) ** 2 + (mean[2]! - 0.1) ** 2;
  } catch {
    return undefined;
  }
}

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}
