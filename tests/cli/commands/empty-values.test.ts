// Empty option values are usage errors (exit 2) that name the option and
// what it expects, checked before any other work.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandContext } from "../../../cli/command-context";
import { CliFailure } from "../../../cli/errors";
import { buildProgram } from "../../../cli/program";
import { missingBuild, runQueryable } from "../../e2e/cli-runner";

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

describe("option values", () => {
  const output = { writeOut: () => undefined, writeErr: () => undefined, progressStream: process.stderr };
  const program = buildProgram(output, () => ({ env: {}, logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } } as unknown as CommandContext));
  const valueOptions = allCommands(program).flatMap((command) => command.options.filter((option) => option.required || option.optional));

  it("value options reject empty values", () => {
    expect(valueOptions.map((option) => option.long)).toEqual(expect.arrayContaining(["--index", "--model-dir", "--html", "--npy", "--dest", "--remove-folder", "--exclude"]));
    for (const option of valueOptions) {
      for (const value of ["", "  "]) {
        let thrown: unknown;
        try {
          option.parseArg?.(value, undefined);
        } catch (error) {
          thrown = error;
        }
        expect(thrown, `${option.long} ${JSON.stringify(value)}`).toBeInstanceOf(CliFailure);
        const error = (thrown as CliFailure).error;
        expect(error.code).toBe("USAGE");
        expect(error.message).toContain(`${option.long} ${JSON.stringify(value)} is`);
        expect(error.message).toContain("; give ");
      }
    }
  });

  it("other values reach option parsers", () => {
    const top = valueOptions.find((option) => option.long === "--top")!;
    expect(top.parseArg?.("5", undefined)).toBe(5);
    const index = valueOptions.find((option) => option.long === "--index")!;
    expect(index.parseArg?.("/tmp/index", undefined)).toBe("/tmp/index");
  });
});

const skipReason = missingBuild();
if (skipReason !== undefined) console.warn(`skipping the empty value process tests: ${skipReason}`);

describe.skipIf(skipReason !== undefined)("empty option values in the built CLI", () => {
  let work: string;
  // Points every default at empty folders, so a value that falls back to one shows up.
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "queryable-empty-values-"));
    env = { ...process.env, XDG_DATA_HOME: join(work, "data"), QUERYABLE_MODEL_DIR: join(work, "models"), QUERYABLE_MODEL_BASE_URL: "http://127.0.0.1:9" };
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const cases: readonly (readonly [string, readonly string[]])[] = [
    ["--index", ["--index", "", "status"]],
    ["--model-dir", ["--model-dir", "", "search", "red"]],
    ["--dest", ["models", "fetch", "--dest", ""]],
    ["--html", ["search", "red", "--html", ""]],
    ["--npy", ["debug", "preprocess", "photo.jpg", "--npy", ""]],
    ["--remove-folder", ["index", "--remove-folder", ""]],
    ["--remove-exclude", ["index", "--remove-exclude", ""]],
    ["--base-url", ["models", "fetch", "--base-url", ""]],
  ];
  for (const [option, args] of cases) {
    it(`${option} "" is a usage error`, () => {
      const run = runQueryable(args, env);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^queryable: error \\[USAGE\\]: ${option} "" is empty; give .+\\n$`));
      expect(run.stdout).toBe("");
    });
  }
});
