// Search benchmark: per-query latency and recall@10 of each ranking policy
// with each kernel, at several collection sizes, in jsc without JIT (the
// iPhone stand-in), jsc with JIT, Node and tests/jsc-host (native kernel,
// JIT off). Prints a table, writes the rows as JSON and docs/benchmarks.md.
//
//   node bench/search-bench.mjs [--sizes 10000,100000] [--json FILE] [--runtimes jsc-nojit,jsc,node,jsc-host]
//
// Data comes from bench/clip-like-data.ts (seed 1), or with --vectors FILE
// (raw little-endian float32 or .npy, --dimension N) from real embeddings.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { runInNewContext } from "node:vm";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cacheDir = join(root, ".cache", "bench", "search");
const hostBinary = join(root, "tests", "jsc-host", "build", "queryable-jsc-host");
const QUERY_COUNT = 40;

function parseOptions(argv) {
  const options = { sizes: [10_000, 100_000], json: null, runtimes: ["jsc-nojit", "jsc", "node", "jsc-host"], vectors: null, dimension: 512, markdown: join(root, "docs", "benchmarks.md") };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case "--sizes": options.sizes = value.split(",").map(Number); i++; break;
      case "--json": options.json = value; i++; break;
      case "--runtimes": options.runtimes = value.split(","); i++; break;
      case "--vectors": options.vectors = value; i++; break;
      case "--dimension": options.dimension = Number(value); i++; break;
      case "--markdown": options.markdown = value; i++; break;
      default: throw new Error(`unknown option ${argv[i]}; use --sizes, --json, --runtimes, --vectors, --dimension or --markdown`);
    }
  }
  for (const size of options.sizes) {
    if (!Number.isInteger(size) || size < 100) throw new Error(`--sizes needs whole numbers of at least 100, got ${size}`);
  }
  return options;
}

async function bundle(entry, outfile, platform) {
  await esbuild.build({
    entryPoints: [join(root, entry)], outfile, bundle: true, logLevel: "warning",
    format: platform === "node" ? "esm" : "iife", platform: platform === "node" ? "node" : "neutral",
    target: platform === "node" ? "node20" : ["safari16"], mainFields: ["module", "main"],
  });
}

/** Reads real embeddings: a .npy float32 array (n, d) or raw float32 with the given dimension. */
function readVectors(path, dimension) {
  const bytes = readFileSync(path);
  if (path.endsWith(".npy")) {
    const headerLength = bytes.readUInt16LE(8);
    const header = bytes.subarray(10, 10 + headerLength).toString("latin1");
    if (!header.includes("'<f4'") || header.includes("'fortran_order': True")) throw new Error(`${path}: only little-endian float32 C-order .npy files are supported, header is ${header.trim()}`);
    const shape = /'shape': \((\d+), (\d+)\)/.exec(header);
    if (shape === null) throw new Error(`${path}: expected a 2-d array, header is ${header.trim()}`);
    const data = bytes.subarray(10 + headerLength);
    return { vectors: new Float32Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length)), dimension: Number(shape[2]) };
  }
  if (bytes.length % (4 * dimension) !== 0) throw new Error(`${path}: ${bytes.length} bytes is not a whole number of ${dimension}-d float32 vectors; pass --dimension`);
  return { vectors: new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)), dimension };
}

function normaliseRows(vectors, dimension) {
  for (let i = 0; i < vectors.length; i += dimension) {
    let squares = 0;
    for (let j = 0; j < dimension; j++) squares += vectors[i + j] ** 2;
    const scale = 1 / Math.sqrt(squares);
    for (let j = 0; j < dimension; j++) vectors[i + j] *= scale;
  }
}

/** Computes the exact 10th-best score of each query, for recall by score. */
function tenthScores(images, queries, dimension) {
  const count = images.length / dimension;
  const out = new Float32Array(queries.length / dimension);
  for (let q = 0; q < out.length; q++) {
    const best = new Float64Array(10).fill(-Infinity);
    for (let i = 0; i < count; i++) {
      let sum = 0;
      for (let j = 0; j < dimension; j++) sum += images[i * dimension + j] * queries[q * dimension + j];
      if (sum > best[9]) {
        let k = 9;
        while (k > 0 && best[k - 1] < sum) { best[k] = best[k - 1]; k--; }
        best[k] = sum;
      }
    }
    out[q] = best[9];
  }
  return out;
}

async function prepareData(options, size, generator) {
  let images, queries, dimension = options.dimension;
  if (options.vectors !== null) {
    const real = readVectors(options.vectors, options.dimension);
    dimension = real.dimension;
    normaliseRows(real.vectors, dimension);
    const available = real.vectors.length / dimension - QUERY_COUNT;
    if (available < size) throw new Error(`${options.vectors} holds ${available + QUERY_COUNT} vectors; size ${size} needs ${size + QUERY_COUNT} (the last ${QUERY_COUNT} are queries)`);
    images = real.vectors.subarray(0, size * dimension);
    queries = real.vectors.subarray(size * dimension, (size + QUERY_COUNT) * dimension);
  } else {
    const data = generator.generateClipLike({ count: size, dimension, seed: 1 });
    images = data.images;
    queries = data.queries(QUERY_COUNT);
  }

  const prefix = join(cacheDir, `${options.vectors === null ? "clip-like" : "real"}-${size}`);
  writeFileSync(`${prefix}.images.f32`, images);
  writeFileSync(`${prefix}.queries.f32`, queries);
  writeFileSync(`${prefix}.truth.f32`, tenthScores(images, queries, dimension));
  return { prefix, dimension };
}

function parseRows(output) {
  return output.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
}

function runWorkload(runtime, workload, args) {
  if (runtime === "node") {
    const lines = [];
    const source = readFileSync(workload, "utf8");
    runInNewContext(source, {
      print: (...values) => lines.push(values.join(" ")),
      readFile: (path) => new Uint8Array(readFileSync(path)),
      preciseTime: () => performance.now() / 1000,
      arguments: args, WebAssembly,
    });
    return parseRows(lines.join("\n"));
  }

  const commands = {
    "jsc-nojit": ["jsc", ["--useJIT=false", workload, "--", ...args], {}],
    "jsc": ["jsc", [workload, "--", ...args], {}],
    "jsc-host": [hostBinary, ["script", workload, "--", ...args], { JavaScriptCoreUseJIT: "0" }],
  };
  const [command, commandArgs, env] = commands[runtime];
  const result = spawnSync(command, commandArgs, { encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`${runtime} failed (exit ${result.status}): ${result.stderr || result.error}`);
  return parseRows(result.stdout);
}

function queryPlan(runtime, size) {
  const slow = runtime === "jsc-nojit" || runtime === "jsc-host";
  const kernels = runtime === "jsc-host" ? "host,wasm,typescript" : "typescript,wasm";
  // Exact search without JIT takes about 30 ms per 1,000 vectors, so few exact queries are timed there.
  const exact = slow ? Math.max(2, Math.min(QUERY_COUNT, Math.floor(300_000 / size))) : QUERY_COUNT;
  return { kernels, exact, shortlist: QUERY_COUNT };
}

function withSpeedups(rows) {
  return rows.map((row) => {
    const brute = rows.find((other) => other.runtime === row.runtime && other.assets === row.assets && other.policy === "exact" && other.kernel === "typescript");
    return { ...row, speedup: brute === undefined ? null : brute.msPerQuery / row.msPerQuery };
  });
}

function formatTable(rows) {
  const header = ["runtime", "assets", "policy", "kernel", "ms/query", "x brute force", "recall@10", "index bytes/asset"];
  const lines = [header.join(" | "), header.map(() => "---").join(" | ")];
  for (const row of rows) {
    lines.push([row.runtime, row.assets, row.policy, row.kernel, row.msPerQuery.toFixed(2), row.speedup === null ? "" : row.speedup.toFixed(1),
      row.recallAt10.toFixed(3), (row.quantizedBytesPerAsset + row.float32BytesPerAsset).toFixed(0)].join(" | "));
  }
  return lines.map((line) => `| ${line} |`).join("\n");
}

function writeMarkdown(path, rows, options) {
  const data = options.vectors === null ? "bench/clip-like-data.ts (seed 1, 512-d)" : `${options.vectors}`;
  const text = `# Search benchmarks

Generated by \`node bench/search-bench.mjs\` on ${new Date().toISOString().slice(0, 10)}
(${process.platform}, ${process.arch}, Node ${process.version}). Data: ${data}.
Queries are text-like vectors from the same generator; recall@10 counts a
returned hit as correct when its exact score is at least the exact 10th-best
score. "x brute force" is the speed-up over the exact policy with the
TypeScript kernel in the same runtime. "index bytes/asset" counts the float32
store plus the shortlist policy's arena (int8 codes, sign codes and scratch),
not ids or metadata.

Runtimes: \`jsc-nojit\` is Debian's jsc with \`--useJIT=false\` (the stand-in
for an iPhone app's JSContext), \`jsc\` is the same with the JIT, \`node\` is
Node, \`jsc-host\` is tests/jsc-host with JavaScriptCoreUseJIT=0 and its native
kernel.

${formatTable(rows)}

## Known limits

- NOTE: the float32 store (2,048 bytes per 512-d asset) is still resident
  and in the snapshot, because the shortlist policy rescores its best 50
  hits with float32 and the exact policy needs it. The resident target of
  1 KiB per asset is therefore not met; int8 codes alone reach recall@10 of
  only about 0.98 on this data (measured with \`refine\` 0).
- Recall is measured on synthetic CLIP-like data, since no CLIP weights
  can be downloaded here. Run with \`--vectors FILE.npy\` on real
  embeddings before trusting the defaults.
`;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  mkdirSync(cacheDir, { recursive: true });
  const workload = join(cacheDir, "search-workload.js");
  const generatorModule = join(cacheDir, "clip-like-data.mjs");
  await bundle("bench/search/search-workload.ts", workload, "neutral");
  await bundle("bench/clip-like-data.ts", generatorModule, "node");
  const generator = await import(pathToFileURL(generatorModule).href);

  if (options.runtimes.includes("jsc-host")) {
    try {
      execFileSync("make", ["-s", "-C", join(root, "tests", "jsc-host")], { stdio: "inherit" });
    } catch {
      process.stderr.write("search-bench: could not build tests/jsc-host (needs libjavascriptcoregtk-4.0-dev); skipping runtime jsc-host\n");
      options.runtimes = options.runtimes.filter((runtime) => runtime !== "jsc-host");
    }
  }

  const rows = [];
  for (const size of options.sizes) {
    const { prefix, dimension } = await prepareData(options, size, generator);
    for (const runtime of options.runtimes) {
      const plan = queryPlan(runtime, size);
      const args = [`${prefix}.images.f32`, `${prefix}.queries.f32`, `${prefix}.truth.f32`, String(dimension), runtime, plan.kernels, String(plan.exact), String(plan.shortlist)];
      process.stderr.write(`search-bench: ${runtime} at ${size} assets\n`);
      for (const row of runWorkload(runtime, workload, args)) {
        if (row.skipped !== undefined) process.stderr.write(`search-bench: ${row.runtime} ${row.kernel} skipped: ${row.skipped}\n`);
        else rows.push(row);
      }
    }
  }

  const finished = withSpeedups(rows);
  process.stdout.write(`${formatTable(finished)}\n`);
  if (options.json !== null) writeFileSync(options.json, `${JSON.stringify(finished, null, 2)}\n`);
  if (options.markdown !== "") writeMarkdown(options.markdown, finished, options);
}

await main();
