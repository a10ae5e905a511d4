// Runs the built CLI's debug commands for their output files.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { missingBuild, runQueryable } from "../../e2e/cli-runner";

const skipReason = missingBuild();
if (skipReason !== undefined) console.warn(`skipping the debug command tests: ${skipReason}`);

describe.skipIf(skipReason !== undefined)("debug preprocess", () => {
  let work: string;
  let photo: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "queryable-debug-"));
    photo = join(work, "photo.jpg");
    writeFileSync(photo, await sharp({ create: { width: 40, height: 30, channels: 3, background: "#e01010" } }).jpeg().toBuffer());
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("--npy rejects overwriting a photo", () => {
    const before = readFileSync(photo);
    const run = runQueryable(["debug", "preprocess", photo, "--npy", photo]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`--npy ${photo} already exists`);
    expect(readFileSync(photo).equals(before)).toBe(true);
  });

  it("--npy replaces an earlier .npy file", () => {
    const out = join(work, "tensor.npy");
    expect(runQueryable(["debug", "preprocess", photo, "--npy", out]).status).toBe(0);
    const again = runQueryable(["debug", "preprocess", photo, "--npy", out]);
    expect(again.status, again.stderr).toBe(0);
    expect(Array.from(readFileSync(out).subarray(0, 6))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);
  });

  it("--npy --force overwrites any file", () => {
    const other = join(work, "other.bin");
    writeFileSync(other, "not numpy");
    const run = runQueryable(["debug", "preprocess", photo, "--npy", other, "--force"]);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(other).subarray(1, 6).toString("latin1")).toBe("NUMPY");
  });
});
