import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { buildSync } from "esbuild";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeDirectories } from "../../../cli/files/make-directories";
import { repoRoot } from "../../support/repo-paths";

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "queryable-mkdir-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function errorCode(run: () => void): string | undefined {
  try {
    run();
  } catch (thrown) {
    return (thrown as NodeJS.ErrnoException).code;
  }
  return undefined;
}

describe("makeDirectories", () => {
  it("creates missing parents", () => {
    makeDirectories(join(folder, "a", "b", "c"));
    expect(statSync(join(folder, "a", "b", "c")).isDirectory()).toBe(true);
  });

  it("accepts an existing directory", () => {
    makeDirectories(folder);
    makeDirectories(`${folder}/`);
    expect(statSync(folder).isDirectory()).toBe(true);
  });

  it("fails on a file in the path", () => {
    writeFileSync(join(folder, "file"), "x");
    expect(errorCode(() => makeDirectories(join(folder, "file")))).toBe("EEXIST");
    expect(errorCode(() => makeDirectories(join(folder, "file", "below")))).toBe("ENOTDIR");
  });

  // A blocked call cannot be interrupted inside the test runner, so it runs
  // bundled in a child process with a time limit.
  it.skipIf(!existsSync("/proc/self"))("fails at once under /proc", () => {
    const bundle = join(folder, "make-directories.mjs");
    buildSync({ entryPoints: [join(repoRoot, "cli", "files", "make-directories.ts")], bundle: true, platform: "node", format: "esm", outfile: bundle, logLevel: "silent" });
    const script = `import("${bundle}").then(({ makeDirectories }) => { try { makeDirectories("/proc/queryable-missing/index"); } catch (e) { console.log(e.code); } })`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 10_000 });

    expect(run.signal).toBeNull();
    expect(run.stdout.trim()).toBe("ENOENT");
  });

  it("sources have no recursive mkdir", () => {
    const sources = ["cli", "models", "bench"].flatMap((top) =>
      readdirSync(join(repoRoot, top), { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".ts")).map((name) => join(top, name)),
    );
    const code = (path: string) => readFileSync(join(repoRoot, path), "utf8").split("\n").filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line)).join("\n");
    const offenders = sources.filter((path) => /mkdir(Sync)?\([^)]*recursive:\s*true/.test(code(path)));
    expect(offenders).toEqual([]);
  });
});
