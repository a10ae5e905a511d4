// Decides whether a library size fits in this machine's memory before any
// vectors are generated, so a large size is skipped with a reason instead of
// failing part way.
import { readFileSync } from "node:fs";
import { freemem } from "node:os";

/** Bytes this machine can still give to new processes: MemAvailable on Linux, else os.freemem(). */
export function availableMemoryBytes(): number {
  try {
    const match = /MemAvailable:\s+(\d+) kB/.exec(readFileSync("/proc/meminfo", "utf8"));
    if (match !== null) return Number(match[1]) * 1024;
  } catch {
    // Not Linux: fall back to the free memory Node reports.
  }
  return freemem();
}

/**
 * Estimates the peak bytes of one size. The driver keeps the float32 library
 * and, while it takes the snapshot in Node, core's copy, the encoded put
 * requests and the snapshot: about five float32 copies. A runtime keeps the
 * snapshot file, its decoded request, core's store and the policy's codes:
 * about four copies. Both add 2 KiB per asset for ids, metadata and the
 * manifest frames.
 * NOTE: an estimate from the float32 layout. A smaller snapshot format
 * makes it pessimistic, so a size may be skipped that would fit.
 */
export function estimatedPeakBytes(assets: number, dimension: number): { driver: number; runtime: number } {
  const float32 = assets * dimension * 4;
  const perAssetOverhead = assets * 2048;
  return { driver: 5 * float32 + perAssetOverhead, runtime: 4 * float32 + perAssetOverhead };
}

/** Returns why `assets` cannot run here, or undefined when it fits. The driver's library copy stays alive while runtimes run. */
export function memoryShortfall(assets: number, dimension: number): string | undefined {
  const peak = estimatedPeakBytes(assets, dimension);
  const needed = Math.max(peak.driver, peak.runtime + assets * dimension * 4);
  const available = availableMemoryBytes();
  if (needed <= available * 0.9) return undefined;
  return `needs about ${gib(needed)} GiB (driver ${gib(peak.driver)} GiB, each runtime ${gib(peak.runtime)} GiB), but only ${gib(available)} GiB is available`;
}

/** Formats bytes as GiB with one decimal. */
export function gib(bytes: number): string {
  return (bytes / 2 ** 30).toFixed(1);
}
