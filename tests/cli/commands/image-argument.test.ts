// A missing, empty or folder IMAGE argument of similar and debug preprocess
// is a usage error (exit 2) naming the path, reported before any decoding.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { missingBuild, runQueryable } from "../../e2e/cli-runner";

const skipReason = missingBuild();
if (skipReason !== undefined) console.warn(`skipping the IMAGE argument tests: ${skipReason}`);

describe.skipIf(skipReason !== undefined)("IMAGE arguments in the built CLI", () => {
  let work: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "queryable-image-argument-"));
    env = { ...process.env, XDG_DATA_HOME: join(work, "data"), QUERYABLE_MODEL_DIR: join(work, "models") };
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  for (const command of [["similar"], ["debug", "preprocess"]]) {
    const npy = (): string[] => (command[0] === "debug" ? ["--npy", join(work, "out.npy")] : []);
    it(`${command.join(" ")} names a missing IMAGE`, () => {
      const missing = join(work, "no-such.jpg");
      const run = runQueryable([...command, missing, ...npy()], env);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toContain(`queryable: error [USAGE]: IMAGE ${missing} does not exist`);
    });

    it(`${command.join(" ")} names a folder given as IMAGE`, () => {
      const run = runQueryable([...command, work, ...npy()], env);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toContain(`queryable: error [USAGE]: IMAGE ${work} is a folder`);
    });

    it(`${command.join(" ")} rejects an empty IMAGE`, () => {
      const run = runQueryable([...command, "", ...npy()], env);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toContain("queryable: error [USAGE]: the IMAGE argument is empty");
    });
  }
});
