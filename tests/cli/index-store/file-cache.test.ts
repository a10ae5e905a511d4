import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadFileCache } from "../../../cli/index-store/file-cache";
import { silentLogger } from "../../../cli/logger";

const digest = "a".repeat(64);
const info = { sha256: digest, metadata: { createdMs: 1000, screenshot: false } };

let folder: string;
let cachePath: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "queryable-cache-"));
  cachePath = join(folder, "file-cache.json");
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe("loadFileCache", () => {
  it("returns stored info after a reload", () => {
    const cache = loadFileCache(cachePath, silentLogger);
    cache.store("/a.jpg", 10, 5, info);
    cache.save();
    expect(loadFileCache(cachePath, silentLogger).lookup("/a.jpg", 10, 5)).toEqual(info);
  });

  it("misses when size or mtime changed", () => {
    const cache = loadFileCache(cachePath, silentLogger);
    cache.store("/a.jpg", 10, 5, info);
    expect(cache.lookup("/a.jpg", 11, 5)).toBeUndefined();
    expect(cache.lookup("/a.jpg", 10, 6)).toBeUndefined();
  });

  it("prunes paths not used in the run", () => {
    const first = loadFileCache(cachePath, silentLogger);
    first.store("/a.jpg", 10, 5, info);
    first.store("/b.jpg", 10, 5, info);
    first.save();

    const second = loadFileCache(cachePath, silentLogger);
    second.lookup("/a.jpg", 10, 5);
    second.pruneUnused();
    second.save();

    const third = loadFileCache(cachePath, silentLogger);
    expect(third.lookup("/b.jpg", 10, 5)).toBeUndefined();
    expect(third.lookup("/a.jpg", 10, 5)).toEqual(info);
  });

  it("starts empty on a corrupt file", () => {
    writeFileSync(cachePath, "{not json");
    expect(loadFileCache(cachePath, silentLogger).lookup("/a.jpg", 10, 5)).toBeUndefined();
  });

  it("drops entries with a malformed digest", () => {
    writeFileSync(cachePath, JSON.stringify({ version: 1, entries: { "/a.jpg": { size: 10, mtimeMs: 5, sha256: "short", metadata: { createdMs: 1, screenshot: false } } } }));
    expect(loadFileCache(cachePath, silentLogger).lookup("/a.jpg", 10, 5)).toBeUndefined();
  });
});
