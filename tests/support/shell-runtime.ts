// The JavaScript shells that run the core bundle out of process: Debian's
// jsc with and without its JIT, and Node through node-shell.mjs. All take
// the same command line: SCRIPT.js ... -- ARG ...
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./repo-paths";

/** A shell that runs jsc-style scripts (print, readFile, load, preciseTime). */
export interface ShellRuntime {
  /** "jsc-nojit" is the stand-in for an app's JSContext on iPhone, which has no JIT. */
  readonly name: "jsc-nojit" | "jsc" | "node";
  readonly command: string;
  /** Options placed before the script paths. */
  readonly options: readonly string[];
}

/** The jsc executable: $QUERYABLE_JSC, else `jsc` on PATH. */
export const jscCommand = process.env.QUERYABLE_JSC ?? "jsc";

export const jscNoJit: ShellRuntime = { name: "jsc-nojit", command: jscCommand, options: ["--useJIT=false"] };
export const jscWithJit: ShellRuntime = { name: "jsc", command: jscCommand, options: [] };
export const nodeShell: ShellRuntime = {
  name: "node",
  command: process.execPath,
  options: [join(repoRoot, "tests", "support", "node-shell.mjs")],
};

let jscProbe: boolean | undefined;

/** True when the jsc shell runs; tests that need it skip otherwise. */
export function isJscAvailable(): boolean {
  if (jscProbe === undefined) {
    const probe = spawnSync(jscCommand, ["-e", "print(6 * 7)"], { encoding: "utf8" });
    jscProbe = probe.status === 0 && probe.stdout.trim() === "42";
  }
  return jscProbe;
}

/** Why jsc tests skip, for the skip note. */
export const jscMissingNote =
  `jsc (${jscCommand}) is missing: install libjavascriptcoregtk-4.0-bin or set QUERYABLE_JSC to a jsc shell`;
