// Replays frame files in a shell runtime with frame-runner.js and parses
// what it prints back into response bytes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeFrameFile } from "./frame-file";
import { repoRoot, requireCoreBundle } from "./repo-paths";
import type { ShellRuntime } from "./shell-runtime";

/** The outcome of one frame: the response bytes, or the message handle() threw. */
export type FrameOutcome = { readonly response: Uint8Array } | { readonly thrown: string };

const frameRunnerPath = join(repoRoot, "tests", "support", "frame-runner.js");

/**
 * Runs every sequence in one process of `runtime`, each in a new core
 * instance, and returns one outcome per frame in the same shape as the input.
 * Throws when the runtime fails to start, crashes or prints something else.
 */
export function runFrames(runtime: ShellRuntime, sequences: readonly (readonly Uint8Array[])[]): FrameOutcome[][] {
  const bundle = requireCoreBundle();
  const directory = mkdtempSync(join(tmpdir(), "queryable-frames-"));
  const framesPath = join(directory, "frames.bin");

  try {
    writeFileSync(framesPath, encodeFrameFile(sequences));
    const run = spawnSync(runtime.command, [...runtime.options, frameRunnerPath, "--", bundle, framesPath], {
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
    if (run.error) throw new Error(`${runtime.name}: could not start ${runtime.command}: ${run.error.message}`);
    if (run.status !== 0) {
      throw new Error(`${runtime.name} exited with ${run.status ?? run.signal}: ${run.stderr.slice(0, 2000)}`);
    }
    return parseRunnerOutput(runtime.name, run.stdout, sequences.map((frames) => frames.length));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function parseRunnerOutput(runtime: string, stdout: string, frameCounts: readonly number[]): FrameOutcome[][] {
  const sequences: FrameOutcome[][] = [];
  let finished = false;

  for (const line of stdout.split("\n")) {
    if (line === "") continue;
    const tag = line.slice(0, 2);
    const value = line.slice(2);
    if (tag === "S ") sequences.push([]);
    else if (tag === "R ") currentSequence(runtime, sequences).push({ response: Uint8Array.from(Buffer.from(value, "hex")) });
    else if (tag === "X ") currentSequence(runtime, sequences).push({ thrown: value });
    else if (tag === "E ") finished = true;
    else throw new Error(`${runtime}: unexpected output line from frame-runner.js: ${line.slice(0, 200)}`);
  }

  if (!finished) throw new Error(`${runtime}: frame-runner.js stopped before the end of the frame file`);
  const counts = sequences.map((outcomes) => outcomes.length);
  if (counts.join(",") !== frameCounts.join(",")) {
    throw new Error(`${runtime}: expected outcomes per sequence [${frameCounts.join(",")}], got [${counts.join(",")}]`);
  }
  return sequences;
}

function currentSequence(runtime: string, sequences: FrameOutcome[][]): FrameOutcome[] {
  const current = sequences[sequences.length - 1];
  if (current === undefined) throw new Error(`${runtime}: frame-runner.js printed a response before any sequence`);
  return current;
}
