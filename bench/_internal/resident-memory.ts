// Resident memory as each runtime's shell can measure it, for bytes per
// asset. Runs inside the runtime, next to workload.ts.

declare const fullGC: (() => void) | undefined;
declare const gcHeapSize: (() => number) | undefined;
declare const benchMemoryUsage: (() => number) | undefined;
declare const benchWasmMemoryBytes: (() => number) | undefined;
declare const readFile: (path: string, mode: "binary") => Uint8Array;

/** One reading: the bytes, or null when the runtime offers no measure, and what they count. */
export interface MemoryReading {
  readonly bytes: number | null;
  readonly measure: string;
}

/**
 * Reads the best memory measure this shell offers. jsc: gcHeapSize() after
 * fullGC(), the JavaScriptCore heap including ArrayBuffer and WebAssembly
 * memory. bench/_internal/node-shell.mjs: V8 heap used plus external memory
 * after a full collection. Otherwise (tests/jsc-host, which exposes no
 * collector) the process's VmRSS from /proc/self/status.
 */
export function residentBytes(): MemoryReading {
  if (typeof fullGC === "function" && typeof gcHeapSize === "function") {
    fullGC();
    // gcHeapSize() counts each WebAssembly memory twice, so one count of it is taken off.
    const doubled = typeof benchWasmMemoryBytes === "function" ? benchWasmMemoryBytes() : 0;
    return { bytes: gcHeapSize() - doubled, measure: "JavaScriptCore heap incl. ArrayBuffers and WebAssembly memory counted once (gcHeapSize after fullGC)" };
  }
  if (typeof benchMemoryUsage === "function") {
    return { bytes: benchMemoryUsage(), measure: "V8 heapUsed + external after gc() (process.memoryUsage)" };
  }
  return { bytes: processRss(), measure: "process RSS growth (VmRSS); no collector call, so uncollected garbage counts too" };
}

function processRss(): number | null {
  let status: Uint8Array;
  try {
    status = readFile("/proc/self/status", "binary");
  } catch {
    return null;
  }
  let text = "";
  for (let i = 0; i < status.length; i++) text += String.fromCharCode(status[i]!);
  const match = /VmRSS:\s+(\d+) kB/.exec(text);
  return match === null ? null : Number(match[1]) * 1024;
}
