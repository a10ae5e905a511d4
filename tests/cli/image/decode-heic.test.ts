// libheif prints parse errors, which must reach the logger and never standard output.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { decodeHeic } from "../../../cli/image/decode-heic";
import { createLogger } from "../../../cli/logger";
import { buildTestModel, missingBuild, parseJson, runQueryable } from "../../e2e/cli-runner";
import { red, solidImage } from "../support/make-images";

const heifEnc = spawnSync("heif-enc", ["--help"]).error === undefined;
if (!heifEnc) console.warn("skipping the truncated HEIC tests: heif-enc (Debian package libheif-examples) is not installed");

const folder = mkdtempSync(join(tmpdir(), "queryable-heic-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let truncatedHeic: string;

beforeAll(async () => {
  if (!heifEnc) return;
  const source = join(folder, "source.png");
  writeFileSync(source, await solidImage(red, "png", { size: 64 }));
  const whole = join(folder, "whole.heic");
  execFileSync("heif-enc", ["-q", "50", "-o", whole, source]);
  // The first 300 bytes keep the ftyp box but cut the meta box, which makes libheif print a parse error.
  mkdirSync(join(folder, "library"));
  truncatedHeic = join(folder, "library", "truncated.heic");
  writeFileSync(truncatedHeic, readFileSync(whole).subarray(0, 300));
  writeFileSync(join(folder, "library", "red.png"), readFileSync(source));
});

describe.skipIf(!heifEnc)("decodeHeic", () => {
  it("logs libheif output at debug level", async () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (line) => lines.push(line), level: "debug" });
    const stdout = vi.spyOn(process.stdout, "write");

    const result = await decodeHeic(readFileSync(truncatedHeic), 1_000_000, logger);

    expect(stdout).not.toHaveBeenCalled();
    stdout.mockRestore();
    expect(result.ok).toBe(false);
    expect(lines.join("")).toMatch(/DEBUG libheif output: Could not parse HEIF file/);
  });

  it("restores console and stdout afterwards", async () => {
    const log = console.log;
    const write = process.stdout.write;

    await Promise.all([decodeHeic(readFileSync(truncatedHeic), 1_000_000), decodeHeic(readFileSync(truncatedHeic), 1_000_000)]);

    expect(console.log).toBe(log);
    expect(process.stdout.write).toBe(write);
  });
});

const skipProcess = !heifEnc || missingBuild() !== undefined;

describe.skipIf(skipProcess)("truncated HEIC in CLI runs", () => {
  let args: string[];

  beforeAll(() => {
    buildTestModel(join(folder, "model"));
    args = ["--index", join(folder, "index"), "--model-dir", join(folder, "model")];
  });

  it("index --json prints only JSON", () => {
    const run = runQueryable([...args, "index", join(folder, "library"), "--json"]);
    expect(run.status, run.stderr).toBe(0);
    expect(parseJson<{ failed: number }>(run).failed).toBe(1);
  });

  it("similar --json keeps stdout empty on failure", () => {
    const run = runQueryable([...args, "similar", truncatedHeic, "--json"]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("DECODE_FAILED");
  });

  it("--verbose shows libheif output on stderr", () => {
    const run = runQueryable([...args, "--verbose", "similar", truncatedHeic, "--json"]);
    expect(run.stderr).toContain("libheif output: Could not parse HEIF file");
  });
});
