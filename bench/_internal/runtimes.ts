// The runtimes the benchmark runs core in. Each is a shell with jsc's
// command line and functions (print, readFile, load, preciseTime):
//   <command> <options> workload.js -- dist/queryable-core.js WORKLOAD_DIR SETTINGS_JSON
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { RuntimeName } from "./bench-row";

/** A shell that runs the workload script. */
export interface BenchRuntime {
  readonly name: RuntimeName;
  readonly command: string;
  /** Arguments placed before the workload script. */
  readonly options: readonly string[];
  /** Returns the reason this runtime cannot run here, or undefined when it can. */
  missing(): string | undefined;
}

const jsc = process.env.QUERYABLE_JSC ?? "jsc";

function jscMissing(): string | undefined {
  const probe = spawnSync(jsc, ["-e", "print(1)"], { encoding: "utf8" });
  return probe.status === 0 ? undefined : `${jsc} does not run: install libjavascriptcoregtk-4.0-bin or set QUERYABLE_JSC`;
}

/** Returns every runtime the benchmark can use, in table order. */
export function benchRuntimes(repoRoot: string): BenchRuntime[] {
  const nodeShell = join(repoRoot, "tests", "support", "node-shell.mjs");
  return [
    // The stand-in for an app's JSContext on iPhone, which gets no JIT.
    { name: "jsc-nojit", command: jsc, options: ["--useJIT=false"], missing: jscMissing },
    { name: "jsc", command: jsc, options: [], missing: jscMissing },
    {
      name: "node",
      command: process.execPath,
      options: [nodeShell],
      missing: () => (existsSync(nodeShell) ? undefined : `${nodeShell} is missing`),
    },
  ];
}
