// Evaluated before dist/queryable-core.js in every runtime, so core picks
// the kernel named in arguments[0]. Core prefers a host kernel
// (globalThis.QueryableHostKernel), then WebAssembly, then TypeScript, so
// hiding the globals above the wanted kernel selects it. Core is untouched:
// this is what a host without those globals would offer.
(function (kernel) {
  if (kernel !== "host") delete globalThis.QueryableHostKernel;
  if (kernel === "typescript") delete globalThis.WebAssembly;
  if (typeof globalThis.WebAssembly === "object") trackWasmMemories(globalThis.WebAssembly);
})(arguments[0]);

// Records every WebAssembly.Memory core creates, so resident-memory.ts can
// correct jsc's gcHeapSize(), which counts a memory's bytes twice once its
// buffer has been read (a 64 MiB memory adds 128 MiB; measured with Debian's
// jsc from WebKitGTK 4.0).
function trackWasmMemories(wasm) {
  const Memory = wasm.Memory;
  const memories = [];
  function TrackedMemory(descriptor) {
    const memory = new Memory(descriptor);
    memories.push(memory);
    return memory;
  }
  TrackedMemory.prototype = Memory.prototype;
  wasm.Memory = TrackedMemory;
  globalThis.benchWasmMemoryBytes = function () {
    let bytes = 0;
    for (const memory of memories) bytes += memory.buffer.byteLength;
    return bytes;
  };
}
