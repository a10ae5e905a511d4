import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findVocabulary } from "../../../cli/models/find-vocabulary";
import { errorOf, valueOf } from "../../support/result";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "queryable-find-vocab-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("findVocabulary", () => {
  it("accepts a vocab.json with merges beside", async () => {
    await writeFile(join(dir, "vocab.json"), "{}");
    await writeFile(join(dir, "merges.txt"), "");

    const found = findVocabulary(null, null, { QUERYABLE_CLIP_VOCAB: join(dir, "vocab.json") });

    expect(valueOf(found).kind).toBe("vocab-merges");
  });

  it("accepts a folder with both files", async () => {
    await writeFile(join(dir, "vocab.json"), "{}");
    await writeFile(join(dir, "merges.txt"), "");

    const found = findVocabulary(null, null, { QUERYABLE_CLIP_VOCAB: dir });

    expect(valueOf(found).kind).toBe("vocab-merges");
  });

  it("rejects vocab.json without merges", async () => {
    await mkdir(join(dir, "only"));
    await writeFile(join(dir, "only", "vocab.json"), "{}");

    const found = findVocabulary(null, null, { QUERYABLE_CLIP_VOCAB: join(dir, "only", "vocab.json") });

    expect(errorOf(found).code).toBe("VOCABULARY_NOT_FOUND");
    expect(errorOf(found).message).toContain("merges.txt");
  });

  it("names a missing environment path", () => {
    const missing = join(dir, "absent.txt.gz");

    const found = findVocabulary(null, null, { QUERYABLE_CLIP_VOCAB: missing });

    expect(errorOf(found).message).toContain(missing);
  });

  it("explains how to supply a vocabulary", () => {
    const found = findVocabulary(null, null, {});

    expect(errorOf(found).message).toContain("QUERYABLE_CLIP_VOCAB");
  });
});
