// `npm run bench`: the one benchmark entry. It measures search (every policy
// and kernel of dist/queryable-core.js, with recall), open, sync plan, put,
// snapshot and memory per asset. It runs them in jsc without JIT (the iPhone
// stand-in), jsc, Node and tests/jsc-host, adds the tokenizer and the CLI
// pipeline, and prints one table. `npm run bench -- --help` lists the options;
// `--parts search` runs one part. bench/tokenizer.mjs and bench/pipeline.mjs
// also run alone.
//
// The driver and the in-runtime workload are TypeScript under bench/_internal/,
// bundled here with esbuild into .cache/bench/ because Node 20 runs no TypeScript.
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const cacheDir = join(repoRoot, ".cache", "bench");
const coreBundle = join(repoRoot, "dist", "queryable-core.js");

if (!existsSync(coreBundle)) {
  process.stderr.write(`bench: ${coreBundle} is missing; run \`node build.mjs\` first (npm run bench does)\n`);
  process.exit(2);
}
mkdirSync(cacheDir, { recursive: true });

const workloadScript = join(cacheDir, "workload.js");
await esbuild.build({
  entryPoints: [join(repoRoot, "bench", "_internal", "workload.ts")],
  outfile: workloadScript,
  bundle: true,
  format: "iife",
  platform: "neutral",
  target: ["safari16"],
  mainFields: ["module", "main"],
  logLevel: "warning",
});

const driverModule = join(cacheDir, "bench-driver.mjs");
await esbuild.build({
  entryPoints: [join(repoRoot, "bench", "_internal", "bench-driver.ts")],
  outfile: driverModule,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
});

const { runBenchmark } = await import(pathToFileURL(driverModule).href);
process.exitCode = await runBenchmark(process.argv.slice(2), {
  repoRoot,
  coreBundle,
  preludeScript: join(repoRoot, "bench", "_internal", "kernel-prelude.js"),
  workloadScript,
  cacheDir: join(cacheDir, "workloads"),
});
