import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCoreHost, type CoreHost } from "../../../cli/core-host/core-host";
import type { OnnxEncoder } from "../../../cli/encoder/onnx-encoder";
import { success } from "../../../cli/errors";
import { ensureIndexDirectory, openJournalWriter } from "../../../cli/index-store/index-files";
import { indexPaths } from "../../../cli/index-store/index-paths";
import { silentLogger } from "../../../cli/logger";
import type { AssetVersion } from "../../../cli/pipeline/asset-version";
import { embedAssets } from "../../../cli/pipeline/embed-assets";
import { silentProgress } from "../../../cli/progress/progress-reporter";
import { createIndexWriter } from "../../../cli/session/index-writer";
import { coreBundlePath, missingCoreBundle } from "../support/core-bundle";

if (missingCoreBundle !== undefined) console.warn(`skipping embedAssets tests: ${missingCoreBundle}`);

const dimension = 4;
const itemLength = 3 * 224 * 224;

/** An encoder that returns vector `vectorFor(i)` for the i-th image it encodes. */
function fakeEncoder(vectorFor: (index: number) => number[]): OnnxEncoder & { calls: number[] } {
  let seen = 0;
  const calls: number[] = [];
  return {
    itemLength,
    dimension,
    calls,
    encode: async (_input, count) => {
      calls.push(count);
      const output = new Float32Array(count * dimension);
      for (let i = 0; i < count; i++) output.set(vectorFor(seen++), i * dimension);
      return success(output);
    },
    release: async () => undefined,
  };
}

describe.skipIf(missingCoreBundle !== undefined)("embedAssets", () => {
  let folder: string;
  let photos: string[];

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "queryable-embed-"));
    photos = [];
    for (let i = 0; i < 5; i++) {
      const path = join(folder, `p${i}.png`);
      writeFileSync(path, await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 50 * i, g: 10, b: 10 } } }).png().toBuffer());
      photos.push(path);
    }
    const broken = join(folder, "broken.jpg");
    writeFileSync(broken, "not a jpeg");
    photos.push(broken);
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  // Every photo as the manifest in openCore sends it.
  const versions = (): Map<string, AssetVersion> => new Map(photos.map((id) => [id, { modifiedMs: 1, fingerprint: "" }]));

  function openCore(name: string): { core: CoreHost; writer: ReturnType<typeof createIndexWriter> } {
    const host = loadCoreHost(coreBundlePath);
    if (!host.ok) throw new Error(host.error.message);
    const core = host.value;
    const paths = indexPaths(join(folder, name));
    ensureIndexDirectory(paths);
    const journal = openJournalWriter(paths);
    if (!journal.ok) throw new Error(journal.error.message);

    const manifest = photos.map((id) => ({ id, modifiedMs: 1, createdMs: 1 }));
    expect(core.call({ openIndex: { modelId: "fake", dimension } }, "indexOpened").ok).toBe(true);
    expect(core.call({ syncManifest: { entries: manifest, first: true, last: true } }, "syncPlan").ok).toBe(true);
    return { core, writer: createIndexWriter(core, journal.value, silentLogger) };
  }

  it("stores vectors and marks undecodable files", async () => {
    const { core, writer } = openCore("a");
    const encoder = fakeEncoder((i) => [1, i, 0, 0]);
    const result = await embedAssets(photos, { core, writer, encoder, logger: silentLogger, progress: silentProgress, versions: versions() }, { batchSize: 2 });

    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toEqual({ embedded: 5, failed: 1, interrupted: false });
    const stats = core.call({ getStats: { includeFailures: true } }, "stats");
    if (!stats.ok) throw new Error(stats.error.message);
    expect(stats.value.result.indexed).toBe(5);
    expect(stats.value.result.failures?.[0]?.id).toBe(photos[5]);
  });

  it("marks zero vectors failed instead of storing", async () => {
    const { core, writer } = openCore("b");
    const encoder = fakeEncoder((i) => (i === 1 ? [0, 0, 0, 0] : [1, 0, 0, i]));
    const result = await embedAssets(photos.slice(0, 3), { core, writer, encoder, logger: silentLogger, progress: silentProgress, versions: versions() }, { batchSize: 3 });

    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.embedded).toBe(2);
    const stats = core.call({ getStats: { includeFailures: true } }, "stats");
    if (!stats.ok) throw new Error(stats.error.message);
    expect(stats.value.result.failures?.map((item) => item.reason)).toEqual(["the image encoder returned an all-zero vector"]);
  });

  it("stops after the batch in flight when aborted", async () => {
    const { core, writer } = openCore("c");
    const controller = new AbortController();
    const encoder = fakeEncoder(() => {
      controller.abort();
      return [1, 0, 0, 0];
    });
    const result = await embedAssets(photos.slice(0, 4), { core, writer, encoder, logger: silentLogger, progress: silentProgress, versions: versions() }, { batchSize: 2, signal: controller.signal });

    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toEqual({ embedded: 2, failed: 0, interrupted: true });
    expect(encoder.calls).toEqual([2]);
  });

  it("drops results of files changed mid-run", async () => {
    const { core, writer } = openCore("d");
    // The file changed after it was planned: a newer version reaches core before its vector does.
    const edited = { id: photos[0]!, modifiedMs: 2, createdMs: 1 };
    expect(core.call({ syncManifest: { entries: [edited], first: true } }, "syncPlan").ok).toBe(true);

    const encoder = fakeEncoder((i) => [1, i, 0, 0]);
    const result = await embedAssets(photos, { core, writer, encoder, logger: silentLogger, progress: silentProgress, versions: versions() }, { batchSize: 3 });

    if (!result.ok) throw new Error(result.error.message);
    const stats = core.call({ getStats: { includeFailures: true } }, "stats");
    if (!stats.ok) throw new Error(stats.error.message);
    expect(stats.value.result.indexed).toBe(4);
    expect(stats.value.result.pending).toBe(1);
    const assets = core.call({ getAssets: { ids: [photos[0]!] } }, "assetList");
    if (!assets.ok) throw new Error(assets.error.message);
    expect(assets.value.result.assets?.[0]?.indexed).toBe(false);
  });
});
