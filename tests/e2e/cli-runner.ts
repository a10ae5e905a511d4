// Runs the built CLI (dist/cli.mjs) as a child process, the way a user does.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const cliPath = join(repoRoot, "dist", "cli.mjs");
export const testModelBuilder = join(repoRoot, "dist", "test-model.mjs");

/** Why the built CLI cannot run, or undefined when it can. */
export function missingBuild(): string | undefined {
  for (const path of [cliPath, testModelBuilder, join(repoRoot, "dist", "queryable-core.js")]) {
    if (!existsSync(path)) return `${path} is missing; run "node build.mjs" first`;
  }
  return undefined;
}

/** The outcome of one CLI run. */
export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `queryable ARGS` to completion. */
export function runQueryable(args: readonly string[], env: NodeJS.ProcessEnv = process.env): CliRun {
  const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: "utf8", env, maxBuffer: 256 << 20 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `queryable ARGS` without waiting, for tests that kill it. */
export function startQueryable(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(process.execPath, [cliPath, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
}

/** Builds the colour test model into `dir` with the models builder. */
export function buildTestModel(dir: string): void {
  const result = spawnSync(process.execPath, [testModelBuilder, dir], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`building the test model failed: ${result.stderr}`);
}

/** Parses stdout as JSON, failing with the run's output when it is not. */
export function parseJson<T>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`expected JSON on stdout (exit ${run.status}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}
