// The part of the WebAssembly JavaScript API the kernel uses. The project's
// TypeScript lib is ES2022 without DOM, which declares no WebAssembly global.

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export interface WebAssemblyApi {
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: unknown };
}

/** Returns the runtime's WebAssembly object, or undefined when it has none. */
export function findWebAssembly(): WebAssemblyApi | undefined {
  const wasm = (globalThis as { WebAssembly?: unknown }).WebAssembly;
  return typeof wasm === "object" && wasm !== null ? (wasm as WebAssemblyApi) : undefined;
}
