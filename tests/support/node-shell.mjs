#!/usr/bin/env node
// A stand-in for Debian's `jsc` shell on Node: runs script files in a fresh
// node:vm context that has only the ECMAScript built-ins plus the jsc shell
// functions core's test and benchmark scripts use (print, readFile, load,
// preciseTime, arguments). No Buffer, TextDecoder, console, timers or
// `require` reach the scripts, so a script that passes here does not lean on
// Node. Same command line as jsc:
//
//   node tests/support/node-shell.mjs script.js [more.js ...] -- arg1 arg2
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createContext, runInContext } from "node:vm";

const separator = process.argv.indexOf("--");
const scripts = process.argv.slice(2, separator === -1 ? undefined : separator);
const scriptArguments = separator === -1 ? [] : process.argv.slice(separator + 1);

if (scripts.length === 0) {
  process.stderr.write("usage: node-shell.mjs SCRIPT.js [SCRIPT.js ...] [-- ARG ...]\n");
  process.exit(2);
}

const context = createContext({});
// V8 gives every context a `console`; a bare JSContext has none.
runInContext("delete globalThis.console", context);
const contextUint8Array = runInContext("Uint8Array", context);
const output = [];

function load(path) {
  runInContext(readFileSync(path, "utf8"), context, { filename: path });
}

// jsc's readFile(path, "binary") returns a Uint8Array of the shell's own
// realm, so a script's `instanceof Uint8Array` holds. Copy into the
// context's realm for the same reason.
function readFile(path, mode) {
  if (mode !== "binary") return readFileSync(path, "utf8");
  const bytes = readFileSync(path);
  const copy = new contextUint8Array(bytes.length);
  copy.set(bytes);
  return copy;
}

function print(...values) {
  output.push(values.map(String).join(" "), "\n");
  // Long runs print large hex lines: flush in chunks to bound memory.
  if (output.length > 2048) flush();
}

function flush() {
  process.stdout.write(output.join(""));
  output.length = 0;
}

// jsc's preciseTime() returns seconds as a double.
const preciseTime = () => (performance.timeOrigin + performance.now()) / 1000;

context.print = print;
context.readFile = readFile;
context.load = load;
context.preciseTime = preciseTime;
context.arguments = runInContext("[]", context);
for (const value of scriptArguments) context.arguments.push(value);

try {
  for (const script of scripts) load(script);
} catch (thrown) {
  flush();
  process.stderr.write(`Exception: ${thrown instanceof Object && "stack" in thrown ? thrown.stack : String(thrown)}\n`);
  process.exitCode = 3;
}
flush();
