// A jsc-style shell on Node for the search workload, like
// tests/support/node-shell.mjs, with two additions the benchmark needs:
// readFile reads files past Node's 2 GiB readFileSync limit, and
// benchMemoryUsage() collects garbage and returns the context's resident
// bytes. Run with --expose-gc:
//
//   node --expose-gc bench/_internal/node-shell.mjs a.js b.js -- ARG...
import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createContext, runInContext } from "node:vm";

const separator = process.argv.indexOf("--");
const scripts = process.argv.slice(2, separator === -1 ? undefined : separator);
const scriptArguments = separator === -1 ? [] : process.argv.slice(separator + 1);

if (scripts.length === 0 || typeof globalThis.gc !== "function") {
  process.stderr.write("usage: node --expose-gc node-shell.mjs SCRIPT.js [SCRIPT.js ...] [-- ARG ...]\n");
  process.exit(2);
}

const context = createContext({});
// V8 gives every context a `console`; a bare JSContext has none.
runInContext("delete globalThis.console", context);
const ContextUint8Array = runInContext("Uint8Array", context);

// Reads in 1 GiB pieces into one array of the context's realm, so the
// workload's `instanceof Uint8Array` check passes and files over 2 GiB load.
function readFile(path, mode) {
  if (mode !== "binary") return readFileSync(path, "utf8");
  const descriptor = openSync(path, "r");
  try {
    const size = fstatSync(descriptor).size;
    const bytes = new ContextUint8Array(size);
    for (let offset = 0; offset < size; ) {
      const read = readSync(descriptor, bytes, offset, Math.min(size - offset, 1 << 30), offset);
      if (read === 0) throw new Error(`readFile: ${path} ended at byte ${offset} of ${size}`);
      offset += read;
    }
    return bytes;
  } finally {
    closeSync(descriptor);
  }
}

// V8 heap in use plus memory outside it (ArrayBuffers and WebAssembly
// memories), after a full collection. Counts the whole process's V8
// isolate, which the driver-free shell shares only with itself.
function benchMemoryUsage() {
  globalThis.gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

context.print = (...values) => process.stdout.write(`${values.map(String).join(" ")}\n`);
context.readFile = readFile;
context.preciseTime = () => (performance.timeOrigin + performance.now()) / 1000;
context.benchMemoryUsage = benchMemoryUsage;
context.arguments = runInContext("[]", context);
for (const value of scriptArguments) context.arguments.push(value);

try {
  for (const script of scripts) runInContext(readFileSync(script, "utf8"), context, { filename: script });
} catch (thrown) {
  process.stderr.write(`Exception: ${thrown instanceof Object && "stack" in thrown ? thrown.stack : String(thrown)}\n`);
  process.exitCode = 3;
}
