import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { loadFileCache } from "../../../cli/index-store/file-cache";
import { silentLogger } from "../../../cli/logger";
import { buildManifest } from "../../../cli/pipeline/build-manifest";
import { silentProgress } from "../../../cli/progress/progress-reporter";

const folder = mkdtempSync(join(tmpdir(), "queryable-manifest-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const hasProcFd = existsSync("/proc/self/fd");

function openDescriptors(): number {
  return readdirSync("/proc/self/fd").length;
}

describe("buildManifest", () => {
  it.skipIf(!hasProcFd)("leaves no file open for broken files (needs /proc)", async () => {
    const files = ["empty.jpg", "garbage.jpg", "truncated.jpg"].map((name) => join(folder, name));
    writeFileSync(files[0]!, "");
    writeFileSync(files[1]!, "garbage");
    writeFileSync(files[2]!, (await sharp({ create: { width: 16, height: 16, channels: 3, background: "red" } }).jpeg().toBuffer()).subarray(0, 40));
    const cache = loadFileCache(join(folder, "file-cache.json"), silentLogger);
    const before = openDescriptors();

    const entries = await buildManifest(files.map((path) => ({ path, size: 0, mtimeMs: 1_000 })), cache, silentLogger, silentProgress);

    expect(openDescriptors()).toBe(before);
    expect(entries.map((entry) => entry.createdMs)).toEqual([1_000, 1_000, 1_000]);
  });

  it("hashes the whole file", async () => {
    const path = join(folder, "photo.jpg");
    writeFileSync(path, "content");
    const cache = loadFileCache(join(folder, "other-cache.json"), silentLogger);

    const [entry] = await buildManifest([{ path, size: 7, mtimeMs: 1_000 }], cache, silentLogger, silentProgress);

    // SHA-256 of the 7 bytes "content".
    expect(entry?.fingerprint).toBe("sha256:ed7002b439e9ac845f22357d822bac1444730fbdb6016d3ec9432297b9ec9f73");
  });
});
