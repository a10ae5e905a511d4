import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/repo-paths";

// Runs the smallest search benchmark through bench/run.mjs and checks the
// JSON rows. Needs dist/queryable-core.js (node build.mjs). Runtimes that
// cannot run here are skipped by the benchmark itself; Node always runs.
const bundle = join(repoRoot, "dist", "queryable-core.js");
const runtimeNames = ["jsc-nojit", "jsc", "node", "jsc-host"];

interface Row {
  part: string;
  runtime: string;
  kernel: string | null;
  policy: string | null;
  assets: number | null;
  msPerQuery: number | null;
  recallAt10: number | null;
  error?: string;
}

function runBench(): { status: number | null; stderr: string; rows: Row[] } {
  const json = join(mkdtempSync(join(tmpdir(), "queryable-bench-")), "rows.json");
  const run = spawnSync(process.execPath, [join(repoRoot, "bench", "run.mjs"), "--parts", "search", "--sizes", "2000", "--queries", "5", "--no-markdown", "--json", json], { encoding: "utf8" });
  const rows = existsSync(json) ? (JSON.parse(readFileSync(json, "utf8")) as Row[]) : [];
  return { status: run.status, stderr: run.stderr, rows };
}

describe.skipIf(!existsSync(bundle))("npm run bench --json", () => {
  let result: ReturnType<typeof runBench> = { status: null, stderr: "", rows: [] };
  let searchRows: Row[] = [];

  beforeAll(() => {
    result = runBench();
    searchRows = result.rows.filter((row) => row.part === "search");
  }, 180_000);

  it("bench exits with status 0", () => {
    expect(result.stderr).not.toMatch(/failed|Exception/);
    expect(result.status).toBe(0);
  });

  it("rows have the shared shape", () => {
    expect(searchRows.length).toBeGreaterThan(0);
    for (const row of searchRows) {
      expect(runtimeNames).toContain(row.runtime);
      expect(typeof row.kernel).toBe("string");
      expect(typeof row.policy).toBe("string");
      expect(row.assets).toBe(2000);
      expect(row.msPerQuery).toBeGreaterThan(0);
      expect(row.recallAt10).toBeGreaterThanOrEqual(0);
      expect(row.recallAt10).toBeLessThanOrEqual(1);
      expect(row.error).toBeUndefined();
    }
  });

  it("every runtime has a brute-force row", () => {
    const runtimes = new Set(searchRows.map((row) => row.runtime));
    expect(runtimes).toContain("node");
    for (const runtime of runtimes) {
      const brute = searchRows.filter((row) => row.runtime === runtime && row.policy === "exact" && row.kernel === "typescript");
      expect(brute, `brute-force row of ${runtime}`).toHaveLength(1);
    }
  });
});
