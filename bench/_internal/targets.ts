// The targets at 100k assets and 512 dimensions, checked against the rows
// of one run: met or not met, with the measured value and, when not met,
// the reason.
import type { BenchRow } from "./bench-row";

/** One checked target. `met` is null when the run has no row to check it. */
export interface TargetResult {
  readonly target: string;
  readonly met: boolean | null;
  readonly measured: string;
  readonly reason: string;
}

const ASSETS = 100_000;
const DIMENSION = 512;
const RECALL = 0.99;

/** Checks every target against `rows`. */
export function checkTargets(rows: readonly BenchRow[]): TargetResult[] {
  const at = rows.filter((row) => row.part === "search" && row.assets === ASSETS && row.dimension === DIMENSION && row.error === undefined);
  const find = (runtime: string, kernel: string, policy: "default" | "exact") =>
    at.find((row) => row.runtime === runtime && row.kernel === kernel && (policy === "default" ? row.isDefaultPolicy === true : row.policy === policy));

  return [
    speedupTarget("jsc-nojit, default policy + wasm, at least 100x brute force with recall@10 at least 0.99", find("jsc-nojit", "wasm", "default"), 100, true),
    speedupTarget("jsc-nojit, default policy + typescript, at least 15x brute force", find("jsc-nojit", "typescript", "default"), 15, false),
    speedupTarget("jsc-host, default policy + host kernel, at least 200x brute force", find("jsc-host", "host", "default"), 200, false),
    limitTarget("jsc-nojit, open of a 100k snapshot under 300 ms", find("jsc-nojit", "wasm", "default"), (row) => row.openMs, 300, "ms", true),
    limitTarget("jsc-nojit, full sync plan over a 100k manifest under 300 ms", find("jsc-nojit", "wasm", "default"), (row) => row.planMs, 300, "ms", true),
    sizeTarget("at most 1 KiB resident per asset, default policy at recall@10 at least 0.99", find("jsc-nojit", "wasm", "default"), (row) => row.residentBytesPerAsset, 1024),
    sizeTarget("at most 1.1 KiB of snapshot per asset, default policy at recall@10 at least 0.99", find("jsc-nojit", "wasm", "default"), (row) => row.snapshotBytesPerAsset, 1.1 * 1024),
  ];
}

function missing(target: string): TargetResult {
  return { target, met: null, measured: "not measured", reason: `no complete row at ${ASSETS} assets, ${DIMENSION}-d in this run` };
}

function speedupTarget(target: string, row: BenchRow | undefined, minimum: number, needsRecall: boolean): TargetResult {
  if (row?.speedupVsBruteForce == null) return missing(target);
  const recall = row.recallAt10 ?? 0;
  const measured = `${row.speedupVsBruteForce.toFixed(1)}x (${row.msPerQuery!.toFixed(2)} ms/query), recall@10 ${recall.toFixed(3)}`;
  const fastEnough = row.speedupVsBruteForce >= minimum;
  const accurate = !needsRecall || recall >= RECALL;
  const reasons = [
    ...(fastEnough ? [] : [`${row.policy} is only ${row.speedupVsBruteForce.toFixed(1)}x faster than exact + typescript`]),
    ...(accurate ? [] : [`recall@10 ${recall.toFixed(3)} is below ${RECALL}`]),
  ];
  return { target, met: fastEnough && accurate, measured, reason: reasons.join("; ") };
}

function limitTarget(target: string, row: BenchRow | undefined, value: (row: BenchRow) => number | null, limit: number, unit: string, strict: boolean): TargetResult {
  const measuredValue = row === undefined ? null : value(row);
  if (measuredValue === null) return missing(target);
  const met = strict ? measuredValue < limit : measuredValue <= limit;
  return { target, met, measured: `${measuredValue.toFixed(1)} ${unit}`, reason: met ? "" : `${(measuredValue / limit).toFixed(1)}x the limit of ${limit} ${unit}` };
}

function sizeTarget(target: string, row: BenchRow | undefined, value: (row: BenchRow) => number | null, limit: number): TargetResult {
  const result = limitTarget(target, row, value, limit, "B/asset", false);
  if (result.met !== false || row === undefined) return result;
  if ((row.recallAt10 ?? 0) < RECALL) return { ...result, reason: `${result.reason}; recall@10 ${row.recallAt10?.toFixed(3)} is also below ${RECALL}` };
  const float32 = DIMENSION * 4;
  const measuredValue = value(row)!;
  const cause = measuredValue >= float32
    ? `more than the ${float32} B of one float32 ${DIMENSION}-d vector, so full float32 vectors are still kept`
    : `over the limit by ${(measuredValue - limit).toFixed(0)} B/asset`;
  return { ...result, reason: `${result.reason}: ${cause}` };
}
