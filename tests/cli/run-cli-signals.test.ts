// The notice printed on the first stop signal names how to send that same
// signal again.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stoppingNotice } from "../../cli/run-cli";
import { buildTestModel, missingBuild, startQueryable } from "../e2e/cli-runner";

describe("stoppingNotice", () => {
  it("SIGINT notice names Ctrl-C", () => {
    const notice = stoppingNotice("SIGINT", 4242);
    expect(notice).toContain("Received SIGINT");
    expect(notice).toContain("press Ctrl-C again to quit at once");
    expect(notice).not.toContain("SIGTERM");
  });

  it("SIGTERM notice names kill", () => {
    const notice = stoppingNotice("SIGTERM", 4242);
    expect(notice).toContain("Received SIGTERM");
    expect(notice).toContain("send SIGTERM again (kill 4242) to quit at once");
    expect(notice).not.toContain("Ctrl-C");
  });
});

const skipReason = missingBuild();
if (skipReason !== undefined) console.warn(`skipping the stop signal process test: ${skipReason}`);

async function waitForFile(path: string, ready: (size: number) => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (existsSync(path) && ready(statSync(path).size)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${path}`);
}

describe.skipIf(skipReason !== undefined)("index stopped by SIGTERM", () => {
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "queryable-signals-"));
    buildTestModel(join(work, "model"));
    const photos = join(work, "photos");
    mkdirSync(photos);
    // Large noisy photos, one per batch, keep the run busy for a while after its first journal write.
    for (let i = 0; i < 60; i++) {
      const noise = Buffer.alloc(800 * 600 * 3);
      for (let p = 0; p < noise.length; p++) noise[p] = (p * 7919 + i * 104729) % 251;
      writeFileSync(join(photos, `photo-${i}.jpg`), await sharp(noise, { raw: { width: 800, height: 600, channels: 3 } }).jpeg({ quality: 95 }).toBuffer());
    }
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("SIGTERM notice omits Ctrl-C", async () => {
    const indexDir = join(work, "index");
    const child = startQueryable(["--index", indexDir, "--model-dir", join(work, "model"), "index", "--batch-size", "1", join(work, "photos")]);
    let stderr = "";
    child.stderr?.on("data", (chunk) => (stderr += String(chunk)));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

    await waitForFile(join(indexDir, "journal.bin"), (size) => size > 0);
    child.kill("SIGTERM");
    expect(await exited).toBe(143);

    // The first signal during index always prints the notice before the run stops with 143.
    const notice = stderr.split("\n").find((line) => line.startsWith("Received SIGTERM")) ?? stderr;
    expect(notice).toContain(`send SIGTERM again (kill ${child.pid}) to quit at once`);
    expect(notice).not.toContain("Ctrl-C");
  }, 120_000);
});
