import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { globProblem, readLibraryConfig } from "../../../cli/index-store/library-config";

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "queryable-library-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function readWith(content: unknown): ReturnType<typeof readLibraryConfig> {
  const path = join(folder, "library.json");
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return readLibraryConfig(path);
}

describe("globProblem", () => {
  it("accepts ordinary globs", () => {
    for (const glob of ["*.gif", "thumbnails", "a/**/b", "**"]) expect(globProblem(glob), glob).toBeUndefined();
  });

  it("rejects empty and blank globs", () => {
    expect(globProblem("")).toBe("is empty");
    expect(globProblem("   ")).toBe("is empty");
  });

  it("rejects non-strings", () => {
    expect(globProblem(3)).toContain("not a string");
  });
});

describe("readLibraryConfig", () => {
  it("reads a missing file as empty", () => {
    const read = readLibraryConfig(join(folder, "missing.json"));
    expect(read).toEqual({ ok: true, value: { folders: [], exclude: [] } });
  });

  it("rejects an empty glob naming the file", () => {
    const read = readWith({ folders: ["/photos"], exclude: [""] });
    if (read.ok) throw new Error("expected a failure");
    expect(read.error.code).toBe("INDEX_IO");
    expect(read.error.message).toContain(join(folder, "library.json"));
    expect(read.error.message).toContain("exclusion glob \"\"");
    expect(read.error.message).toContain("edit");
  });

  it("rejects a relative folder", () => {
    const read = readWith({ folders: ["photos"], exclude: [] });
    if (read.ok) throw new Error("expected a failure");
    expect(read.error.message).toContain("\"photos\", which is not an absolute path");
  });

  it("rejects JSON that is not an object", () => {
    const read = readWith("null");
    expect(read.ok).toBe(false);
  });

  it("rejects text that is not JSON", () => {
    const read = readWith("{");
    if (read.ok) throw new Error("expected a failure");
    expect(read.error.message).toContain("delete the file");
  });
});
