// Runs tests/reference/pil_clip_preprocess.py, the Pillow reference for
// CLIP's image preprocessing, on image files.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../support/repo-paths";

const script = join(repoRoot, "tests", "reference", "pil_clip_preprocess.py");

// Debian's python3-pil installs for /usr/bin/python3, which may not be the
// python3 first on PATH.
const candidates = [process.env.QUERYABLE_PYTHON, "python3", "/usr/bin/python3"].filter(
  (command): command is string => command !== undefined && command !== "",
);

function findPythonWithPil(): string | undefined {
  return candidates.find((command) => {
    const probe = spawnSync(command, ["-c", "import PIL"], { encoding: "utf8" });
    return probe.status === 0;
  });
}

/** A python3 that imports PIL, or undefined. */
export const pythonWithPil = findPythonWithPil();

/** Why Pillow comparisons skip. */
export const pilMissingNote =
  "no python3 with Pillow found (tried $QUERYABLE_PYTHON, python3, /usr/bin/python3): install Debian's python3-pil";

/** Returns Pillow's CLIP tensor [3, 224, 224] for each image path, written next to it. */
export function pilPreprocess(imagePaths: readonly string[]): Float32Array[] {
  if (pythonWithPil === undefined) throw new Error(pilMissingNote);

  const outputs = imagePaths.map((path) => `${path}.pil.f32`);
  const args = imagePaths.flatMap((path, index) => [path, outputs[index] as string]);
  const run = spawnSync(pythonWithPil, [script, ...args], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${script} failed with status ${run.status}: ${run.stderr}`);

  return outputs.map((path) => {
    const bytes = readFileSync(path);
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  });
}
