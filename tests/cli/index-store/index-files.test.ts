import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomically } from "../../../cli/index-store/atomic-write";
import { ensureIndexDirectory, openJournalWriter, readStoredIndex } from "../../../cli/index-store/index-files";
import { indexPaths, type IndexPaths } from "../../../cli/index-store/index-paths";

let folder: string;
let paths: IndexPaths;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "queryable-files-"));
  paths = indexPaths(join(folder, "index"));
  ensureIndexDirectory(paths);
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function openWriter() {
  const writer = openJournalWriter(paths);
  if (!writer.ok) throw new Error(writer.error.message);
  return writer.value;
}

describe("readStoredIndex", () => {
  it("reads a new index as empty", () => {
    const stored = readStoredIndex(paths);
    if (!stored.ok) throw new Error(stored.error.message);
    expect(stored.value.snapshot.length).toBe(0);
    expect(stored.value.journal.length).toBe(0);
  });

  it("returns both files' bytes", () => {
    writeFileSync(paths.snapshot, Buffer.from([1, 2]));
    writeFileSync(paths.journal, Buffer.from([3]));
    const stored = readStoredIndex(paths);
    if (!stored.ok) throw new Error(stored.error.message);
    expect([...stored.value.snapshot]).toEqual([1, 2]);
    expect([...stored.value.journal]).toEqual([3]);
  });
});

describe("openJournalWriter", () => {
  it("appends after existing bytes", () => {
    writeFileSync(paths.journal, Buffer.from([9]));
    const writer = openWriter();
    writer.append(new Uint8Array([1, 2]));
    writer.sync();
    writer.close();
    expect([...readFileSync(paths.journal)]).toEqual([9, 1, 2]);
  });

  it("counts the journal size", () => {
    writeFileSync(paths.journal, Buffer.from([9]));
    const writer = openWriter();
    writer.append(new Uint8Array(10));
    expect(writer.size()).toBe(11);
    writer.close();
  });

  it("replaces the journal with a snapshot", () => {
    const writer = openWriter();
    writer.append(new Uint8Array([1, 2, 3]));
    const replaced = writer.replaceWithSnapshot(new Uint8Array([7, 7]));
    writer.append(new Uint8Array([4]));
    writer.close();

    expect(replaced.ok).toBe(true);
    expect([...readFileSync(paths.snapshot)]).toEqual([7, 7]);
    expect([...readFileSync(paths.journal)]).toEqual([4]);
  });
});

describe("writeFileAtomically", () => {
  it("replaces content and leaves no temporary file", () => {
    const path = join(folder, "file.bin");
    writeFileAtomically(path, "old");
    writeFileAtomically(path, "new");
    expect(readFileSync(path, "utf8")).toBe("new");
    expect(readdirSync(folder).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("keeps the old file when the write fails", () => {
    const path = join(folder, "missing-dir", "file.bin");
    expect(() => writeFileAtomically(path, "x")).toThrow();
    expect(existsSync(path)).toBe(false);
  });
});
