#!/usr/bin/env node
// Measures the CLIP tokenizer in the core bundle: building the vocabulary
// (gunzip, parse, merge table) with LoadVocabulary, and tokenizing a typical
// query with Tokenize, once with an empty BPE cache and again with a warm one.
// Runs in jsc without JIT (the stand-in for an iPhone JSContext), jsc with
// JIT and Node, and prints a table of median times in milliseconds.
//
//   QUERYABLE_CLIP_VOCAB=.../bpe_simple_vocab_16e6.txt.gz node bench/tokenizer.mjs
//
// Needs `node build.mjs` first. Prints a note and exits 0 without the vocabulary.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = join(root, "dist", "queryable-core.js");
const shellScript = join(root, "bench", "tokenizer-shell.js");
const nodeShell = join(root, "tests", "support", "node-shell.mjs");
const jsc = process.env.QUERYABLE_JSC ?? "jsc";

// Typical search queries: short phrases in several scripts.
const QUERIES = [
  "a photo of my dog on the beach at sunset",
  "rainy night in the city",
  "receipt from a restaurant",
  "birthday cake with candles",
  "screenshot of a chat",
  "snowy mountains and a lake",
  "Grandma's 80th birthday party",
  "東京タワー at night",
  "café in Paris, 2019",
  "red car parked near the station",
];

// Hand-encoded protobuf, because the generated schema module needs a bundler
// to load in Node. Field numbers are those of queryable.v1.Request.
function varint(value) {
  const bytes = [];
  while (value >= 0x80) {
    bytes.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return Buffer.from(bytes);
}

function lengthDelimited(fieldNumber, payload) {
  return Buffer.concat([varint(fieldNumber * 8 + 2), varint(payload.length), payload]);
}

function request(requestId, fieldNumber, body) {
  return Buffer.concat([varint(1 * 8), varint(requestId), lengthDelimited(fieldNumber, body)]);
}

function encodeFrames(directory, vocabularyGz) {
  const loadVocabulary = 20;
  const tokenize = 21;
  writeFileSync(join(directory, "load.bin"), request(1, loadVocabulary, lengthDelimited(1, vocabularyGz)));
  QUERIES.forEach((text, index) => {
    writeFileSync(join(directory, `query-${index}.bin`), request(index + 2, tokenize, lengthDelimited(1, Buffer.from(text, "utf8"))));
  });
}

function run(name, command, options, directory, loads, rounds) {
  const result = spawnSync(command, [...options, shellScript, "--", bundle, directory, String(loads), String(rounds)], { encoding: "utf8" });
  if (result.error !== undefined || result.status !== 0) {
    return { name, failure: (result.error?.message ?? result.stderr.trim()) || `exit status ${result.status}` };
  }
  return { name, ...JSON.parse(result.stdout.trim().split("\n").pop()) };
}

async function main() {
  const vocabularyPath = process.env.QUERYABLE_CLIP_VOCAB;
  if (vocabularyPath === undefined || !existsSync(vocabularyPath)) {
    console.log("tokenizer benchmark skipped: set QUERYABLE_CLIP_VOCAB to OpenAI's bpe_simple_vocab_16e6.txt.gz");
    return;
  }
  if (!existsSync(bundle)) throw new Error(`${bundle} not found; run \`node build.mjs\` first`);

  const directory = mkdtempSync(join(tmpdir(), "queryable-bench-tokenizer-"));
  try {
    encodeFrames(directory, readFileSync(vocabularyPath));
    const rows = [
      run("jsc --useJIT=false", jsc, ["--useJIT=false"], directory, 3, 20),
      run("jsc (JIT)", jsc, [], directory, 5, 200),
      run("node", process.execPath, [nodeShell], directory, 5, 200),
    ];

    console.log("CLIP tokenizer, median milliseconds per request");
    console.log("runtime              | LoadVocabulary | Tokenize cold | Tokenize warm");
    console.log("---------------------|----------------|---------------|--------------");
    for (const row of rows) {
      if (row.failure !== undefined) {
        console.log(`${row.name.padEnd(20)} | failed: ${row.failure}`);
        continue;
      }
      console.log(`${row.name.padEnd(20)} | ${row.loadMs.toFixed(1).padStart(14)} | ${row.coldQueryMs.toFixed(3).padStart(13)} | ${row.warmQueryMs.toFixed(3).padStart(12)}`);
    }
    console.log(`(${QUERIES.length} queries of 4 to 9 words; cold is the first Tokenize of each after loading, warm repeats them)`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();
