#!/usr/bin/env node
// Measures the CLIP tokenizer in the core bundle. LoadVocabulary is timed
// for each input form: bpe_txt, bpe_gz, and the Hugging Face pair of
// vocab_json and merges_txt. Tokenize is timed on typical queries, once with
// an empty BPE cache and again with a warm one.
// Runs in jsc without JIT (the stand-in for an iPhone JSContext), jsc with
// JIT and Node, and prints a table of median times in milliseconds.
//
//   QUERYABLE_CLIP_VOCAB=.../bpe_simple_vocab_16e6.txt.gz node bench/tokenizer.mjs
//
// Needs `node build.mjs` first. Prints a note and exits 0 without the vocabulary.
// `npm run bench` runs it through measureTokenizer and prints the same figures.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { gunzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

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

// The byte characters in CLIP's vocabulary order, as core's byte-unicode-map.ts builds them.
function byteCharactersInVocabularyOrder() {
  const printable = [];
  const remapped = [];
  for (let byte = 0; byte < 256; byte++) {
    const isPrintable = (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff);
    if (isPrintable) printable.push(String.fromCharCode(byte));
    else remapped.push(String.fromCharCode(0x100 + remapped.length));
  }
  return [...printable, ...remapped];
}

// The Hugging Face vocab.json and merges.txt of the same vocabulary.
function huggingFacePair(vocabularyTxt) {
  const merges = vocabularyTxt.toString("utf8").split("\n").slice(1, 48895);
  const bytes = byteCharactersInVocabularyOrder();
  const tokens = [...bytes, ...bytes.map((char) => `${char}</w>`), ...merges.map((merge) => merge.replace(" ", "")), "<|startoftext|>", "<|endoftext|>"];
  const vocabJson = JSON.stringify(Object.fromEntries(tokens.map((token, id) => [token, id])));
  return { vocabJson: Buffer.from(vocabJson, "utf8"), mergesTxt: Buffer.from(`#version: 0.2\n${merges.join("\n")}\n`, "utf8") };
}

// Field numbers of queryable.v1.LoadVocabulary.
const BPE_GZ = 1;
const VOCAB_JSON = 2;
const MERGES_TXT = 3;
const BPE_TXT = 4;

function encodeFrames(directory, vocabularyGz) {
  const loadVocabulary = 20;
  const tokenize = 21;
  const vocabularyTxt = gunzipSync(vocabularyGz);
  const pair = huggingFacePair(vocabularyTxt);
  writeFileSync(join(directory, "load-bpe_txt.bin"), request(1, loadVocabulary, lengthDelimited(BPE_TXT, vocabularyTxt)));
  writeFileSync(join(directory, "load-bpe_gz.bin"), request(1, loadVocabulary, lengthDelimited(BPE_GZ, vocabularyGz)));
  const pairBody = Buffer.concat([lengthDelimited(VOCAB_JSON, pair.vocabJson), lengthDelimited(MERGES_TXT, pair.mergesTxt)]);
  writeFileSync(join(directory, "load-pair.bin"), request(1, loadVocabulary, pairBody));
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

/**
 * Times the tokenizer in jsc without JIT, jsc and Node. Returns
 * `{ skipped }` with the reason when QUERYABLE_CLIP_VOCAB is unset or
 * missing, else `{ rows }`: per runtime (jsc-nojit, jsc, node) either
 * `{ name, loadMs: { bpe_txt, bpe_gz, pair }, coldQueryMs, warmQueryMs }`
 * in median milliseconds, or `{ name, failure }`.
 */
export function measureTokenizer() {
  const vocabularyPath = process.env.QUERYABLE_CLIP_VOCAB;
  if (vocabularyPath === undefined || !existsSync(vocabularyPath)) {
    return { skipped: "set QUERYABLE_CLIP_VOCAB to OpenAI's bpe_simple_vocab_16e6.txt.gz" };
  }
  if (!existsSync(bundle)) throw new Error(`${bundle} not found; run \`node build.mjs\` first`);

  const directory = mkdtempSync(join(tmpdir(), "queryable-bench-tokenizer-"));
  try {
    encodeFrames(directory, readFileSync(vocabularyPath));
    return {
      rows: [
        run("jsc-nojit", jsc, ["--useJIT=false"], directory, 3, 20),
        run("jsc", jsc, [], directory, 5, 200),
        run("node", process.execPath, [nodeShell], directory, 5, 200),
      ],
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function main() {
  const result = measureTokenizer();
  if (result.skipped !== undefined) {
    console.log(`tokenizer benchmark skipped: ${result.skipped}`);
    return;
  }
  const rows = result.rows;
  console.log("CLIP tokenizer, median milliseconds per request");
  console.log("runtime              | Load bpe_txt | Load bpe_gz | Load HF pair | Tokenize cold | Tokenize warm");
  console.log("---------------------|--------------|-------------|--------------|---------------|--------------");
  for (const row of rows) {
    if (row.failure !== undefined) {
      console.log(`${row.name.padEnd(20)} | failed: ${row.failure}`);
      continue;
    }
    const loads = [row.loadMs.bpe_txt.toFixed(1).padStart(12), row.loadMs.bpe_gz.toFixed(1).padStart(11), row.loadMs.pair.toFixed(1).padStart(12)];
    console.log(`${row.name.padEnd(20)} | ${loads.join(" | ")} | ${row.coldQueryMs.toFixed(3).padStart(13)} | ${row.warmQueryMs.toFixed(3).padStart(12)}`);
  }
  console.log(`(LoadVocabulary with each input form; HF pair is vocab_json and merges_txt.`);
  console.log(` ${QUERIES.length} queries of 4 to 9 words; cold is the first Tokenize of each after loading, warm repeats them)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
