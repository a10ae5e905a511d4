import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { classifyJournalDamage, preserveDamagedJournal } from "../../../cli/index-store/journal-damage";
import { concatFrames, encodeFrame } from "../../../core/persistence/journal-frames";

function frames(count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => encodeFrame({ sequence: i + 1, syncCompleted: { syncGeneration: i + 1 } }));
}

describe("classifyJournalDamage", () => {
  it("returns undefined when nothing was dropped", () => {
    expect(classifyJournalDamage(concatFrames(frames(2)), 0)).toBeUndefined();
  });

  it("calls a cut-short last frame a torn tail", () => {
    const whole = concatFrames(frames(3));
    const journal = whole.subarray(0, whole.length - 3);
    const last = frames(3)[2]!;
    expect(classifyJournalDamage(journal, last.length - 3)?.kind).toBe("torn-tail");
  });

  it("calls a zero-filled tail a torn tail", () => {
    const good = concatFrames(frames(2));
    const journal = concatFrames([good, new Uint8Array(64)]);
    expect(classifyJournalDamage(journal, 64)).toEqual({ kind: "torn-tail", offset: good.length, bytes: 64 });
  });

  it("calls a bad checksum in the middle corrupt", () => {
    const parts = frames(3);
    const journal = concatFrames(parts);
    const offset = parts[0]!.length;
    journal[offset + 9]! ^= 0xff;
    expect(classifyJournalDamage(journal, journal.length - offset)).toEqual({ kind: "corrupt", offset, bytes: journal.length - offset });
  });

  it("calls a broken length with frames after it corrupt", () => {
    const parts = frames(3);
    const journal = concatFrames(parts);
    const offset = parts[0]!.length;
    new DataView(journal.buffer).setUint32(offset, 0x7fffffff, true);
    expect(classifyJournalDamage(journal, journal.length - offset)?.kind).toBe("corrupt");
  });
});

describe("preserveDamagedJournal", () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), "queryable-damage-"));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it("copies the journal beside it", () => {
    const journal = join(folder, "journal.bin");
    writeFileSync(journal, Buffer.from([1, 2, 3]));
    const copy = preserveDamagedJournal(journal, new Date("2024-05-01T10:00:00.000Z"));
    if (!copy.ok) throw new Error(copy.error.message);
    expect(copy.value).toBe(`${journal}.damaged-2024-05-01T10-00-00-000Z`);
    expect([...readFileSync(copy.value)]).toEqual([1, 2, 3]);
    expect(existsSync(journal)).toBe(true);
  });

  it("never overwrites an earlier copy", () => {
    const journal = join(folder, "journal.bin");
    writeFileSync(journal, Buffer.from([1]));
    const when = new Date("2024-05-01T10:00:00.000Z");
    expect(preserveDamagedJournal(journal, when).ok).toBe(true);
    const second = preserveDamagedJournal(journal, when);
    expect(second.ok).toBe(false);
    expect(readdirSync(folder)).toHaveLength(2);
  });
});
