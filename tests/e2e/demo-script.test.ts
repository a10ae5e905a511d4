// Runs scripts/demo.sh offline, where it falls back to the colour test model,
// and checks that every line from then on carries the model's label.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { missingBuild, repoRoot } from "./cli-runner";

const skipReason = missingBuild();
if (skipReason !== undefined) console.warn(`skipping the demo script test: ${skipReason}`);

const label = "[colour test model] ";

describe.skipIf(skipReason !== undefined)("scripts/demo.sh without network", () => {
  let demoDir: string;
  let lines: string[];
  let status: number | null;

  beforeAll(async () => {
    demoDir = mkdtempSync(join(tmpdir(), "queryable-demo-"));
    // A photo folder with the fetch script's marker, so the script fetches nothing.
    const photos = join(demoDir, "sample-photos");
    mkdirSync(photos);
    writeFileSync(join(photos, ".queryable-sample-complete"), "");
    for (const [name, colour] of [["red.png", "#e01010"], ["blue.png", "#1010e0"], ["green.png", "#10e010"], ["yellow.png", "#e0e010"]] as const) {
      writeFileSync(join(photos, name), await sharp({ create: { width: 32, height: 32, channels: 3, background: colour } }).png().toBuffer());
    }

    // Port 9 is blocked by fetch, so the model download fails at once without leaving this machine.
    const run = spawnSync("bash", [join(repoRoot, "scripts", "demo.sh")], {
      encoding: "utf8",
      env: { ...process.env, QUERYABLE_DEMO_DIR: demoDir, QUERYABLE_MODEL_BASE_URL: "http://127.0.0.1:9" },
      timeout: 120_000,
    });
    status = run.status;
    lines = run.stdout.split("\n").filter((line) => line !== "");
    if (status !== 0) console.warn(run.stderr);
  }, 150_000);
  afterAll(() => rmSync(demoDir, { recursive: true, force: true }));

  it("finishes with the colour test model", () => {
    expect(status).toBe(0);
  });

  it("labels every line after the fallback", () => {
    const first = lines.findIndex((line) => line.includes("could not be downloaded"));
    expect(first).toBeGreaterThan(0);
    const unlabelled = lines.slice(first).filter((line) => !line.startsWith(label));
    expect(unlabelled).toEqual([]);
  });

  it("labels its own section headers", () => {
    const headers = lines.filter((line) => line.includes("== "));
    for (const header of ["== Indexing", "== Search: \"red\"", "== Open"]) {
      expect(headers.some((line) => line.startsWith(`${label}${header}`)), header).toBe(true);
    }
  });
});
