// Runs inside one runtime (jsc, Node or queryable-jsc-host): loads a
// collection written by search-bench.mjs, times each policy with each kernel
// this runtime offers, and prints one JSON line per result row.
//
// Arguments: IMAGES_FILE QUERIES_FILE TRUTH_FILE DIMENSION RUNTIME KERNELS EXACT_QUERIES SHORTLIST_QUERIES
import type { KernelName } from "../../core/ranking/kernels/kernel";
import { createSearchFixture, type SearchFixture } from "../search-fixture";
import type { RankingPolicy } from "../../core/ranking/ranking-policy";

declare const print: (...values: unknown[]) => void;
declare const readFile: (path: string, mode: "binary") => Uint8Array;
declare const preciseTime: () => number;

function floats(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

function scoreOf(fixture: SearchFixture, query: Float32Array, id: string): number {
  const vector = fixture.store.get(id)!;
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * query[i]!;
  return sum;
}

function measure(fixture: SearchFixture, policy: RankingPolicy, queries: Float32Array, truth: Float32Array, count: number, dimension: number): { msPerQuery: number; recallAt10: number } {
  let elapsed = 0;
  let found = 0;
  for (let q = 0; q < count; q++) {
    const query = queries.subarray(q * dimension, (q + 1) * dimension);
    const started = preciseTime();
    const hits = fixture.rank(policy, query, 10);
    elapsed += preciseTime() - started;
    for (const hit of hits) if (scoreOf(fixture, query, hit.id) >= truth[q]! - 1e-6) found++;
  }
  return { msPerQuery: (elapsed * 1000) / count, recallAt10: found / (count * 10) };
}

function run(args: string[]): void {
  const [imagesFile, queriesFile, truthFile, dimensionText, runtime, kernelList, exactText, shortlistText] = args;
  const dimension = Number(dimensionText);
  const images = floats(readFile(imagesFile!, "binary"));
  const queries = floats(readFile(queriesFile!, "binary"));
  const truth = floats(readFile(truthFile!, "binary"));
  const assets = images.length / dimension;
  const queryCount = Math.min(queries.length / dimension, truth.length);

  for (const kernel of kernelList!.split(",") as KernelName[]) {
    const started = preciseTime();
    let fixture: SearchFixture;
    try {
      fixture = createSearchFixture(images, assets, dimension, kernel);
    } catch (error) {
      print(JSON.stringify({ runtime, kernel, skipped: String(error) }));
      continue;
    }
    const buildSeconds = preciseTime() - started;
    const arenaBytes = fixture.index.quantized.kernel.arena.usedBytes;
    const plans: [RankingPolicy, number][] = [[fixture.exact, Number(exactText)], [fixture.shortlist, Number(shortlistText)]];
    for (const [policy, count] of plans) {
      const result = measure(fixture, policy, queries, truth, Math.min(count, queryCount), dimension);
      print(JSON.stringify({
        runtime, kernel, policy: policy.name, assets, ...result,
        buildSeconds, quantizedBytesPerAsset: arenaBytes / assets, float32BytesPerAsset: fixture.store.byteLength / assets,
      }));
    }
  }
}

const globalArguments = (globalThis as { arguments?: string[] }).arguments;
run(globalArguments ?? []);
