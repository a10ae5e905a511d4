import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeStaleTemporaryFiles, temporaryPathFor, writeFileAtomically } from "../../../cli/index-store/atomic-write";
import { silentLogger } from "../../../cli/logger";

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "queryable-atomic-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe("writeFileAtomically", () => {
  it("removes the temporary file when the write fails", () => {
    // A non-empty directory at the target makes the rename fail after the temporary file is written.
    const target = join(folder, "snapshot.bin");
    mkdirSync(target);
    writeFileSync(join(target, "inside"), "x");

    expect(() => writeFileAtomically(target, new Uint8Array([1, 2, 3]))).toThrow();
    expect(existsSync(temporaryPathFor(target))).toBe(false);
  });
});

describe("removeStaleTemporaryFiles", () => {
  it("removes files of dead processes only", () => {
    const dead = join(folder, "snapshot.bin.4194999.tmp");
    const alive = join(folder, "snapshot.bin.77.tmp");
    const own = temporaryPathFor(join(folder, "library.json"));
    for (const path of [dead, alive, own, join(folder, "journal.bin")]) writeFileSync(path, "x");

    const removed = removeStaleTemporaryFiles(folder, (pid) => pid === 77, silentLogger);
    expect(removed).toEqual([dead]);
    expect(readdirSync(folder).sort()).toEqual(["journal.bin", "library.json." + process.pid + ".tmp", "snapshot.bin.77.tmp"].sort());
  });
});
