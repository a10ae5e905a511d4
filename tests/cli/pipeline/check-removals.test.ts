import { describe, expect, it } from "vitest";
import { checkRemovals, unconfirmedRemovalLimit, type StoredAsset } from "../../../cli/pipeline/check-removals";

function stored(folder: string, count: number): StoredAsset[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${folder}/p${i}.jpg`, fingerprint: `sha256:${folder}${i}`, indexed: true }));
}

function entriesOf(assets: readonly StoredAsset[]) {
  return assets.map((asset) => ({ id: asset.id, fingerprint: asset.fingerprint }));
}

const base = { removedFolders: [], addedExclude: [] };

describe("checkRemovals", () => {
  it("passes an unchanged library", () => {
    const assets = stored("/a", 30);
    expect(checkRemovals({ ...base, stored: assets, entries: entriesOf(assets), folders: ["/a"] }).ok).toBe(true);
  });

  it("rejects a folder that lists no files", () => {
    const assets = [...stored("/a", 30), ...stored("/mnt/drive", 3)];
    const result = checkRemovals({ ...base, stored: assets, entries: entriesOf(stored("/a", 30)), folders: ["/a", "/mnt/drive"] });
    if (result.ok) throw new Error("expected a failure");
    expect(result.error.code).toBe("REMOVAL_NOT_CONFIRMED");
    expect(result.error.message).toContain("/mnt/drive lists no photos now, but the index has 3 photos from it");
    expect(result.error.message).toContain("--allow-removal");
  });

  it("names added exclusions as the cause", () => {
    const assets = stored("/a", 2);
    const result = checkRemovals({ ...base, addedExclude: ["**"], stored: assets, entries: [], folders: ["/a"] });
    if (result.ok) throw new Error("expected a failure");
    expect(result.error.message).toContain("(\"**\") hide them");
  });

  it("rejects losing more than half the photos", () => {
    const assets = stored("/a", 40);
    const result = checkRemovals({ ...base, stored: assets, entries: entriesOf(assets.slice(0, 15)), folders: ["/a"] });
    if (result.ok) throw new Error("expected a failure");
    expect(result.error.message).toContain("would remove 25 of the 40 indexed photos");
  });

  it("allows a few removals in a small library", () => {
    const assets = stored("/a", unconfirmedRemovalLimit);
    expect(checkRemovals({ ...base, stored: assets, entries: entriesOf(assets.slice(0, 1)), folders: ["/a"] }).ok).toBe(true);
  });

  it("counts moved files as kept", () => {
    const assets = stored("/a", 40);
    const moved = assets.map((asset) => ({ id: asset.id.replace("/a/", "/a/moved/"), fingerprint: asset.fingerprint }));
    expect(checkRemovals({ ...base, stored: assets, entries: moved, folders: ["/a"] }).ok).toBe(true);
  });

  it("ignores photos of removed folders", () => {
    const assets = [...stored("/a", 5), ...stored("/b", 40)];
    const result = checkRemovals({ ...base, removedFolders: ["/b"], stored: assets, entries: entriesOf(stored("/a", 5)), folders: ["/a"] });
    expect(result.ok).toBe(true);
  });
});
