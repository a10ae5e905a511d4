import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkOutputPath } from "../../../cli/output/check-output-path";
import { htmlPageOutput } from "../../../cli/output/write-html-page";

const folder = mkdtempSync(join(tmpdir(), "queryable-output-path-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

describe("checkOutputPath", () => {
  it("accepts a missing file", () => {
    expect(checkOutputPath(join(folder, "new.html"), htmlPageOutput, false).ok).toBe(true);
  });

  it("accepts an earlier results page", () => {
    const page = file("earlier.html", '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="generator" content="queryable search results">\n');
    expect(checkOutputPath(page, htmlPageOutput, false).ok).toBe(true);
  });

  it("rejects a photo, naming it", () => {
    const photo = file("photo.jpg", Uint8Array.of(0xff, 0xd8, 0xff, 0xe0));
    const result = checkOutputPath(photo, htmlPageOutput, false);
    expect(result.ok).toBe(false);
    const message = result.ok ? "" : result.error.message;
    expect(message).toContain(`--html ${photo} already exists`);
    expect(message).toContain("--force");
  });

  it("rejects another HTML page", () => {
    const page = file("notes.html", "<!doctype html><title>My notes</title>");
    expect(checkOutputPath(page, htmlPageOutput, false).ok).toBe(false);
  });

  it("accepts any file with force", () => {
    const photo = file("forced.jpg", Uint8Array.of(0xff, 0xd8, 0xff, 0xe0));
    expect(checkOutputPath(photo, htmlPageOutput, true).ok).toBe(true);
  });

  it("rejects a folder even with force", () => {
    const directory = join(folder, "a-folder");
    mkdirSync(directory);
    const result = checkOutputPath(directory, htmlPageOutput, true);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.error.message).toContain(directory);
  });
});
