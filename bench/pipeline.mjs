// Measures the CLI's indexing pipeline on a photo folder, in images per
// second: decoding and preprocessing alone (no encoder), and a whole
// `queryable index` run with the model (scan, hash, decode, preprocess,
// encode, persist). Speed targets live here, never in unit tests.
//
// Usage: node bench/pipeline.mjs [DIR] [--model-dir DIR] [--limit N] [--json]
//   DIR defaults to $QUERYABLE_SAMPLE_PHOTOS (see scripts/fetch-sample-photos.sh).
//   --model-dir defaults to the colour test model, built into a temporary folder.
// Needs `node build.mjs` first (for dist/cli.mjs and dist/test-model.mjs).
// Other scripts may import runPipelineBench and print the result themselves.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import * as esbuild from "esbuild";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const cacheDir = join(repoRoot, ".cache", "bench", "pipeline");

/**
 * Runs both measurements on `dir` and returns their numbers. `limit` caps
 * the number of files (0 means all), `batchSize` is the index batch size.
 */
export async function runPipelineBench({ dir, modelDir, limit = 0, batchSize = 16 }) {
  const modules = await loadPipelineModules();
  const { scanFolders } = modules.scan;
  const silent = { debug() {}, info() {}, warn() {}, error() {} };

  const scan = await scanFolders([dir], [], silent);
  const files = limit > 0 ? scan.files.slice(0, limit) : scan.files;
  const workDir = mkdtempSync(join(tmpdir(), "queryable-bench-"));

  try {
    const model = modelDir ?? buildTestModel(join(workDir, "model"));
    const decodeOnly = await measureDecodeOnly(modules, files.map((file) => file.path), batchSize);
    const fullRun = measureIndexRun(files.length === scan.files.length ? [dir] : linkSubset(files, join(workDir, "subset")), model, join(workDir, "index"), batchSize);
    return {
      machine: { cpus: availableParallelism(), model: cpus()[0]?.model ?? "unknown", node: process.version },
      folder: dir,
      files: files.length,
      withoutEncoder: decodeOnly,
      withEncoder: { ...fullRun, model },
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

// Decode (sharp or heic-decode) and core's preprocessing, batch by batch as
// the index run does, with no encoder.
async function measureDecodeOnly(modules, paths, batchSize) {
  const core = modules.core.loadCoreHost(join(repoRoot, "dist", "queryable-core.js"));
  if (!core.ok) throw new Error(core.error.message);

  const started = performance.now();
  let prepared = 0;
  let failed = 0;
  for (let start = 0; start < paths.length; start += batchSize) {
    const batch = await modules.prepare.prepareBatch(core.value, paths.slice(start, start + batchSize), 3 * 224 * 224, { maxShortSide: 448 });
    prepared += batch.ids.length;
    failed += batch.failures.length;
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds: round(seconds), imagesPerSecond: round(paths.length / seconds), prepared, failed };
}

function measureIndexRun(folders, modelDir, indexDir, batchSize) {
  const started = performance.now();
  const output = execFileSync(process.execPath, [join(repoRoot, "dist", "cli.mjs"), "--quiet", "--index", indexDir, "--model-dir", modelDir, "index", ...folders, "--batch-size", String(batchSize), "--json"], { encoding: "utf8", maxBuffer: 64 << 20 });
  const seconds = (performance.now() - started) / 1000;
  const summary = JSON.parse(output);
  return { seconds: round(seconds), imagesPerSecond: round(summary.scanned / seconds), embedded: summary.embedded, failed: summary.failed };
}

function buildTestModel(dir) {
  execFileSync(process.execPath, [join(repoRoot, "dist", "test-model.mjs"), dir], { stdio: "ignore" });
  return dir;
}

// A folder of symbolic links to the first files, so --limit also bounds the index run.
function linkSubset(files, subsetDir) {
  mkdirSync(subsetDir, { recursive: true });
  files.forEach((file, index) => {
    const name = `${String(index).padStart(6, "0")}-${file.path.split("/").pop()}`;
    execFileSync("ln", ["-s", file.path, join(subsetDir, name)]);
  });
  return [subsetDir];
}

async function loadPipelineModules() {
  mkdirSync(cacheDir, { recursive: true });
  const entries = {
    scan: "cli/library/scan-folders.ts",
    core: "cli/core-host/core-host.ts",
    prepare: "cli/pipeline/prepare-batch.ts",
  };
  await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, join(repoRoot, path)])),
    outdir: cacheDir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: ["sharp", "heic-decode", "exifr", "picomatch", "onnxruntime-node", "commander", "env-paths", "cli-progress"],
    logLevel: "warning",
  });

  const load = (name) => import(pathToFileURL(join(cacheDir, `${name}.mjs`)).href);
  return { scan: await load("scan"), core: await load("core"), prepare: await load("prepare") };
}

function round(value) {
  return Math.round(value * 100) / 100;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { "model-dir": { type: "string" }, limit: { type: "string", default: "0" }, "batch-size": { type: "string", default: "16" }, json: { type: "boolean", default: false } },
  });
  const dir = positionals[0] ?? process.env.QUERYABLE_SAMPLE_PHOTOS;
  if (dir === undefined || !existsSync(dir)) {
    process.stderr.write("bench/pipeline: give a photo folder, or set QUERYABLE_SAMPLE_PHOTOS (scripts/fetch-sample-photos.sh DEST fetches one)\n");
    process.exit(2);
  }
  for (const built of ["cli.mjs", "test-model.mjs", "queryable-core.js"]) {
    if (!existsSync(join(repoRoot, "dist", built))) {
      process.stderr.write(`bench/pipeline: dist/${built} is missing; run \`node build.mjs\` first\n`);
      process.exit(2);
    }
  }

  const result = await runPipelineBench({ dir, modelDir: values["model-dir"], limit: Number(values.limit), batchSize: Number(values["batch-size"]) });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  process.stdout.write([
    `pipeline on ${result.files} files in ${result.folder} (${result.machine.cpus} cores, ${result.machine.model}, Node ${result.machine.node})`,
    `  decode + preprocess, no encoder: ${result.withoutEncoder.imagesPerSecond} images/s (${result.withoutEncoder.seconds} s, ${result.withoutEncoder.failed} undecodable)`,
    `  whole index run with the model:  ${result.withEncoder.imagesPerSecond} images/s (${result.withEncoder.seconds} s, ${result.withEncoder.embedded} embedded)`,
    "",
  ].join("\n"));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
