// The runtimes the search workload runs in. Each is a shell with jsc's
// command line and functions (print, readFile, preciseTime, arguments) that
// evaluates several script files in order:
//   <command> <options> kernel-prelude.js dist/queryable-core.js workload.js -- KERNEL DIR SETTINGS_JSON
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { RuntimeName } from "./bench-row";

/** A shell that runs the workload scripts. */
export interface BenchRuntime {
  readonly name: RuntimeName;
  readonly command: string;
  /** Arguments placed before the script files. */
  readonly options: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Kernels to measure, the runtime's default (the one core picks) first. */
  readonly kernels: readonly string[];
  /** True when JavaScript runs without a JIT, so the exact policy gets fewer timed queries. */
  readonly interpreted: boolean;
  /** Returns the reason this runtime cannot run here, or undefined when it can. */
  missing(): string | undefined;
}

/** Every runtime name in table order. */
export const RUNTIME_NAMES: readonly RuntimeName[] = ["jsc-nojit", "jsc", "node", "jsc-host"];

const jsc = process.env.QUERYABLE_JSC ?? "jsc";

function jscMissing(): string | undefined {
  const probe = spawnSync(jsc, ["-e", "print(1)"], { encoding: "utf8" });
  return probe.status === 0 ? undefined : `${jsc} does not run: install libjavascriptcoregtk-4.0-bin or set QUERYABLE_JSC`;
}

/** Returns every runtime the benchmark supports, in table order. `missing()` builds tests/jsc-host with make. */
export function benchRuntimes(repoRoot: string): BenchRuntime[] {
  const nodeShell = join(repoRoot, "bench", "_internal", "node-shell.mjs");
  const hostDir = join(repoRoot, "tests", "jsc-host");
  const hostBinary = join(hostDir, "build", "queryable-jsc-host");
  return [
    // The stand-in for an app's JSContext on iPhone, which gets no JIT.
    { name: "jsc-nojit", command: jsc, options: ["--useJIT=false"], env: {}, kernels: ["wasm", "typescript"], interpreted: true, missing: jscMissing },
    { name: "jsc", command: jsc, options: [], env: {}, kernels: ["wasm", "typescript"], interpreted: false, missing: jscMissing },
    {
      name: "node",
      command: process.execPath,
      options: ["--expose-gc", "--max-old-space-size=16384", nodeShell],
      env: {},
      kernels: ["wasm", "typescript"],
      interpreted: false,
      missing: () => (existsSync(nodeShell) ? undefined : `${nodeShell} is missing`),
    },
    {
      name: "jsc-host",
      command: hostBinary,
      options: ["script"],
      env: { JavaScriptCoreUseJIT: "0" },
      kernels: ["host", "wasm", "typescript"],
      interpreted: true,
      missing: () => {
        if (spawnSync("pkg-config", ["--exists", "javascriptcoregtk-4.0"]).status !== 0) {
          return "libjavascriptcoregtk-4.0-dev is not installed (pkg-config javascriptcoregtk-4.0), so tests/jsc-host cannot be built";
        }
        try {
          execFileSync("make", ["-s", "-C", hostDir], { stdio: ["ignore", "ignore", "pipe"] });
        } catch (thrown) {
          return `make -C tests/jsc-host failed: ${String((thrown as { stderr?: unknown }).stderr ?? thrown).trim().slice(0, 300)}`;
        }
        return undefined;
      },
    },
  ];
}
