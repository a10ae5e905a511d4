import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LibraryConfig } from "../../../cli/index-store/library-config";
import { noLibraryChanges, updateLibraryConfig, type LibraryChanges } from "../../../cli/index-store/update-library-config";

let root: string;
beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "queryable-update-")));
  mkdirSync(join(root, "photos", "nested"), { recursive: true });
  mkdirSync(join(root, "other"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function update(stored: LibraryConfig, changes: Partial<LibraryChanges>) {
  return updateLibraryConfig(stored, { ...noLibraryChanges, ...changes }, root);
}

function expectConfig(result: ReturnType<typeof update>): LibraryConfig {
  if (!result.ok) throw new Error(result.error.message);
  return result.value.config;
}

const empty: LibraryConfig = { folders: [], exclude: [] };

describe("updateLibraryConfig", () => {
  it("adds a folder to the stored ones", () => {
    const stored = { folders: [join(root, "photos")], exclude: [] };
    expect(expectConfig(update(stored, { addFolders: ["other"] })).folders).toEqual([join(root, "photos"), join(root, "other")]);
  });

  it("drops duplicate and nested folders", () => {
    const config = expectConfig(update(empty, { addFolders: ["./photos", "./photos/nested", "photos/"] }));
    expect(config.folders).toEqual([join(root, "photos")]);
  });

  it("replaces stored folders inside a new one", () => {
    const stored = { folders: [join(root, "photos", "nested")], exclude: [] };
    const result = update(stored, { addFolders: ["photos"] });
    expect(expectConfig(result).folders).toEqual([join(root, "photos")]);
    if (result.ok) expect(result.value.notes[0]).toContain("is inside");
  });

  it("stores the real path of a linked folder", () => {
    symlinkSync(join(root, "other"), join(root, "link"));
    expect(expectConfig(update(empty, { addFolders: ["link"] })).folders).toEqual([join(root, "other")]);
  });

  it("rejects a missing folder as a usage error", () => {
    const result = update(empty, { addFolders: ["missing"] });
    if (result.ok) throw new Error("expected a failure");
    expect(result.error.code).toBe("USAGE");
    expect(result.error.message).toContain(join(root, "missing"));
  });

  it("rejects a file given as a folder", () => {
    writeFileSync(join(root, "file.jpg"), "x");
    const result = update(empty, { addFolders: ["file.jpg"] });
    if (result.ok) throw new Error("expected a failure");
    expect(result.error.message).toContain("is a file, not a folder");
  });

  it("removes a stored folder that no longer exists", () => {
    const stored = { folders: [join(root, "photos"), "/mnt/gone"], exclude: [] };
    const result = update(stored, { removeFolders: ["/mnt/gone"] });
    expect(expectConfig(result).folders).toEqual([join(root, "photos")]);
    if (result.ok) expect(result.value.removedFolders).toEqual(["/mnt/gone"]);
  });

  it("rejects removing a folder that is not stored", () => {
    const result = update({ folders: [join(root, "photos")], exclude: [] }, { removeFolders: ["other"] });
    if (result.ok) throw new Error("expected a failure");
    expect(result.error.code).toBe("USAGE");
    expect(result.error.message).toContain(`the stored folders are ${join(root, "photos")}`);
  });

  it("adds exclusions to the stored ones", () => {
    const stored = { folders: [], exclude: ["*.gif"] };
    expect(expectConfig(update(stored, { addExclude: ["thumbs", "*.gif"] })).exclude).toEqual(["*.gif", "thumbs"]);
  });

  it("rejects an empty exclusion naming it", () => {
    const result = update(empty, { addExclude: [""] });
    if (result.ok) throw new Error("expected a failure");
    expect(result.error.code).toBe("USAGE");
    expect(result.error.message).toContain("--exclude \"\" is empty");
  });

  it("removes a stored exclusion", () => {
    const stored = { folders: [], exclude: ["*.gif", "thumbs"] };
    expect(expectConfig(update(stored, { removeExclude: ["*.gif"] })).exclude).toEqual(["thumbs"]);
  });

  it("rejects removing an unknown exclusion", () => {
    const result = update({ folders: [], exclude: ["thumbs"] }, { removeExclude: ["*.gif"] });
    if (result.ok) throw new Error("expected a failure");
    expect(result.error.message).toContain("the stored exclusions are \"thumbs\"");
  });
});
