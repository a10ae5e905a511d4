import type { Kernel, KernelName } from "./kernel";
import { KernelArena, arrayBufferBacking } from "./kernel-arena";
import { createTypeScriptKernel } from "./typescript-kernel";
import { createWasmKernel } from "./wasm-kernel";
import { createHostKernel, findHostKernel } from "./host-kernel";

/**
 * Creates the fastest kernel this runtime offers: the host's native kernel
 * when `globalThis.QueryableHostKernel` is registered, else WebAssembly when
 * it exists and compiles, else plain TypeScript. With `only` set, creates
 * that kernel or returns null when it is not available here.
 */
export function selectKernel(only?: KernelName): Kernel | null {
  const order: KernelName[] = only === undefined ? ["host", "wasm", "typescript"] : [only];
  for (const name of order) {
    const kernel = createKernel(name);
    if (kernel !== null) return kernel;
  }
  return null;
}

function createKernel(name: KernelName): Kernel | null {
  if (name === "host") {
    const host = findHostKernel();
    return host === null ? null : createHostKernel(host);
  }
  if (name === "wasm") return createWasmKernel();
  return createTypeScriptKernel(new KernelArena(arrayBufferBacking()));
}
