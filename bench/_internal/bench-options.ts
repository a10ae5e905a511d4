// Command-line options of `npm run bench`.
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { BenchPart, RuntimeName } from "./bench-row";
import { RUNTIME_NAMES } from "./runtimes";

/** Every part, in the order they run. */
export const PARTS: readonly BenchPart[] = ["search", "tokenizer", "pipeline"];

export const USAGE = `usage: npm run bench -- [options]
  --parts A,B        parts to run: search, tokenizer, pipeline (default all)
  --sizes N,N        library sizes in assets (default 10000,100000,1000000;
                     a size that does not fit in free memory is skipped)
  --queries N        timed searches per policy (default 20; the exact policy
                     gets fewer without a JIT, at most 300,000 vectors scored
                     per size and at least 1)
  --runtimes A,B     ${RUNTIME_NAMES.join(", ")} (default all that run here)
  --vectors FILE     real embeddings (.npy float32 (n, d), or raw float32
                     rows of --dimension) instead of bench/clip-like-data.ts
  --dimension N      vector length for synthetic data or raw files (default 512)
  --build-max N      also time a first sync and a put of every vector up to
                     this many assets (default 100000)
  --json FILE        write every row as a JSON array (default .cache/bench/results.json)
  --markdown FILE    write the results page (default .cache/bench/benchmarks.md;
                     pass docs/benchmarks.md to update the committed page)
  --no-markdown      do not write the results page
  --help             print this text

The tokenizer part needs QUERYABLE_CLIP_VOCAB (bpe_simple_vocab_16e6.txt.gz),
the pipeline part QUERYABLE_SAMPLE_PHOTOS (scripts/fetch-sample-photos.sh);
each is skipped with a message when its variable is unset.`;

export interface BenchOptions {
  parts: BenchPart[];
  sizes: number[];
  queries: number;
  runtimes: RuntimeName[] | null;
  vectors: string | null;
  dimension: number;
  buildMax: number;
  json: string;
  markdown: string | null;
}

/** Parses `argv`; returns the options, or a message naming the invalid value. */
export function parseBenchOptions(argv: readonly string[], repoRoot: string): BenchOptions | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        parts: { type: "string", default: PARTS.join(",") },
        sizes: { type: "string", default: "10000,100000,1000000" },
        queries: { type: "string", default: "20" },
        runtimes: { type: "string" },
        vectors: { type: "string" },
        dimension: { type: "string", default: "512" },
        "build-max": { type: "string", default: "100000" },
        json: { type: "string", default: join(repoRoot, ".cache", "bench", "results.json") },
        markdown: { type: "string", default: join(repoRoot, ".cache", "bench", "benchmarks.md") },
        "no-markdown": { type: "boolean", default: false },
      },
    }));
  } catch (thrown) {
    return thrown instanceof Error ? thrown.message : String(thrown);
  }

  const parts = values.parts.split(",");
  const unknownPart = parts.find((part) => !PARTS.includes(part as BenchPart));
  if (unknownPart !== undefined) return `unknown part "${unknownPart}" in --parts: expected ${PARTS.join(", ")}`;
  const sizes = values.sizes.split(",").map(Number);
  if (sizes.some((size) => !Number.isInteger(size) || size < 1000)) return `invalid --sizes "${values.sizes}": expected integers of at least 1000, e.g. 10000,100000`;
  const queries = Number(values.queries);
  if (!Number.isInteger(queries) || queries < 1) return `invalid --queries "${values.queries}": expected an integer of at least 1`;
  const dimension = Number(values.dimension);
  if (!Number.isInteger(dimension) || dimension < 1) return `invalid --dimension "${values.dimension}": expected a positive integer`;
  const buildMax = Number(values["build-max"]);
  if (!Number.isInteger(buildMax) || buildMax < 0) return `invalid --build-max "${values["build-max"]}": expected a whole number`;

  let runtimes: RuntimeName[] | null = null;
  if (values.runtimes !== undefined) {
    runtimes = values.runtimes.split(",") as RuntimeName[];
    const unknown = runtimes.find((name) => !RUNTIME_NAMES.includes(name));
    if (unknown !== undefined) return `unknown runtime "${unknown}" in --runtimes: expected ${RUNTIME_NAMES.join(", ")}`;
  }

  return {
    parts: parts as BenchPart[], sizes, queries, runtimes, vectors: values.vectors ?? null, dimension, buildMax,
    json: values.json, markdown: values["no-markdown"] || values.markdown === "" ? null : values.markdown,
  };
}
