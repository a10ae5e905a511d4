import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scanFolders } from "../../../cli/library/scan-folders";
import { silentLogger } from "../../../cli/logger";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "queryable-scan-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function touch(relativePath: string, content = "x"): string {
  const path = join(root, relativePath);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, content);
  return path;
}

async function scannedPaths(exclude: string[] = []): Promise<string[]> {
  const result = await scanFolders([root], exclude, silentLogger);
  return result.files.map((file) => file.path.slice(root.length + 1));
}

describe("scanFolders", () => {
  it("lists images recursively, sorted", async () => {
    touch("b.jpg");
    touch("a/deep/c.PNG");
    touch("a/d.heic");
    expect(await scannedPaths()).toEqual(["a/d.heic", "a/deep/c.PNG", "b.jpg"]);
  });

  it("skips files without an image extension", async () => {
    touch("notes.txt");
    touch("drawing.svg");
    touch("photo.jpeg");
    expect(await scannedPaths()).toEqual(["photo.jpeg"]);
  });

  it("skips hidden files and AppleDouble files", async () => {
    touch(".hidden.jpg");
    touch("._photo.jpg");
    touch(".thumbnails/t.jpg");
    touch("photo.jpg");
    expect(await scannedPaths()).toEqual(["photo.jpg"]);
  });

  it("applies exclusion globs", async () => {
    touch("keep/a.jpg");
    touch("raw/b.jpg");
    touch("keep/c.gif");
    touch("keep/thumbs/d.jpg");
    expect(await scannedPaths(["raw/**", "*.gif", "thumbs"])).toEqual(["keep/a.jpg"]);
  });

  it("survives a symlink cycle", async () => {
    touch("album/a.jpg");
    symlinkSync(root, join(root, "album", "loop"));
    expect(await scannedPaths()).toEqual(["album/a.jpg"]);
  });

  it("follows a symlinked folder once", async () => {
    const outside = mkdtempSync(join(tmpdir(), "queryable-scan-outside-"));
    try {
      writeFileSync(join(outside, "x.jpg"), "x");
      symlinkSync(outside, join(root, "linked"));
      expect(await scannedPaths()).toEqual(["linked/x.jpg"]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("lists a hard-linked file once", async () => {
    const original = touch("a.jpg");
    linkSync(original, join(root, "b.jpg"));
    expect(await scannedPaths()).toEqual(["a.jpg"]);
  });

  it("records size and whole-millisecond mtime", async () => {
    touch("a.jpg", "12345");
    const [file] = (await scanFolders([root], [], silentLogger)).files;
    expect(file?.size).toBe(5);
    expect(Number.isInteger(file?.mtimeMs)).toBe(true);
  });

  it("reports an unreadable folder", async () => {
    const result = await scanFolders([join(root, "missing")], [], silentLogger);
    expect(result.unreadable.map((item) => item.path)).toEqual([join(root, "missing")]);
  });

  it("prefers a file over a link to it", async () => {
    touch("z-photo.jpg");
    symlinkSync(join(root, "z-photo.jpg"), join(root, "a-link.jpg"));
    expect(await scannedPaths()).toEqual(["z-photo.jpg"]);
  });

  it("prefers a folder over an earlier link", async () => {
    touch("z-real/p.png");
    touch("z-real/sub/q.jpg");
    symlinkSync(join(root, "z-real"), join(root, "a-dir-link"));
    expect(await scannedPaths()).toEqual(["z-real/p.png", "z-real/sub/q.jpg"]);
  });

  it("prefers a folder over a later link", async () => {
    touch("a-real/p.png");
    symlinkSync("a-real", join(root, "z-dir-link"));
    expect(await scannedPaths()).toEqual(["a-real/p.png"]);
  });

  it("prefers a folder over nested links", async () => {
    touch("z-album/2024/p.png");
    symlinkSync(join(root, "z-album"), join(root, "a-album-link"));
    symlinkSync(join(root, "z-album", "2024"), join(root, "b-year-link"));
    expect(await scannedPaths()).toEqual(["z-album/2024/p.png"]);
  });

  it("keeps paths when a folder link is removed", async () => {
    touch("z-real/p.png");
    symlinkSync(join(root, "z-real"), join(root, "a-dir-link"));
    const before = await scannedPaths();

    rmSync(join(root, "a-dir-link"));

    expect(await scannedPaths()).toEqual(before);
  });

  it("survives a cycle inside a linked folder", async () => {
    touch("z-real/p.png");
    symlinkSync(join(root, "z-real"), join(root, "z-real", "loop"));
    symlinkSync(join(root, "z-real"), join(root, "a-dir-link"));
    expect(await scannedPaths()).toEqual(["z-real/p.png"]);
  });

  it("keeps the name of a linked library folder", async () => {
    touch("library/z-real/p.png");
    symlinkSync(join(root, "library", "z-real"), join(root, "library", "a-dir-link"));
    symlinkSync(join(root, "library"), join(root, "library-link"));

    const result = await scanFolders([join(root, "library-link")], [], silentLogger);

    expect(result.files.map((file) => file.path)).toEqual([join(root, "library-link", "z-real", "p.png")]);
  });

  it("skips a name that is not UTF-8", async () => {
    touch("good.jpg");
    writeFileSync(Buffer.concat([Buffer.from(`${root}/bad`), Buffer.from([0xff, 0xfe]), Buffer.from(".jpg")]), "x");
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => warnings.push(message) };

    const result = await scanFolders([root], [], logger);

    expect(result.files.map((file) => file.path.slice(root.length + 1))).toEqual(["good.jpg"]);
    expect(warnings).toEqual(["skipping a file whose name is not valid UTF-8; rename it to index it"]);
  });
});
