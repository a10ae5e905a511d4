// Runs the built CLI's status command (and the commands that read or
// repair a damaged index) on index files broken in known ways.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCoreHost } from "../../../cli/core-host/core-host";
import { buildTestModel, missingBuild, parseJson, runQueryable } from "../../e2e/cli-runner";
import { coreBundlePath } from "../support/core-bundle";

const skipReason = missingBuild();
if (skipReason !== undefined) console.warn(`skipping the status command tests: ${skipReason}`);

interface Status { model: { id: string } | null; indexed: number; problems: string[] }

/** Journal frames of three syncs of the stored manifest, made by core from `snapshot`. */
function journalOfThreeSyncs(snapshot: Uint8Array): { journal: Uint8Array; frameEnds: number[] } {
  const host = loadCoreHost(coreBundlePath);
  if (!host.ok) throw new Error(host.error.message);
  const core = host.value;
  const opened = core.call({ openIndex: { modelId: "colour-test-model", dimension: 512, snapshot, journal: new Uint8Array(0) } }, "indexOpened");
  if (!opened.ok) throw new Error(opened.error.message);
  const assets = core.call({ getAssets: {} }, "assetList");
  if (!assets.ok) throw new Error(assets.error.message);
  const entries = (assets.value.result.assets ?? []).map((asset) => asset.entry!);

  const chunks: Uint8Array[] = [];
  const frameEnds: number[] = [];
  let length = 0;
  for (let i = 0; i < 3; i++) {
    const reply = core.call({ syncManifest: { entries, first: true, last: true } }, "syncPlan");
    if (!reply.ok) throw new Error(reply.error.message);
    chunks.push(reply.value.journalAppend);
    length += reply.value.journalAppend.length;
    frameEnds.push(length);
  }
  return { journal: Buffer.concat(chunks), frameEnds };
}

describe.skipIf(skipReason !== undefined)("queryable status and damaged index files", () => {
  let work: string;
  let index: string;
  let args: string[];
  let snapshot: Buffer;

  beforeAll(async () => {
    work = realpathSync(mkdtempSync(join(tmpdir(), "queryable-status-")));
    buildTestModel(join(work, "model"));
    const photos = join(work, "photos");
    mkdirSync(photos);
    for (const [i, colour] of ["#e01010", "#10e010", "#1010e0"].entries()) {
      writeFileSync(join(photos, `p${i}.png`), await sharp({ create: { width: 32, height: 32, channels: 3, background: colour } }).png().toBuffer());
    }
    index = join(work, "index");
    args = ["--index", index, "--model-dir", join(work, "model")];
    const run = runQueryable([...args, "--quiet", "index", photos]);
    if (run.status !== 0) throw new Error(run.stderr);
    snapshot = readFileSync(join(index, "snapshot.bin"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const restore = () => {
    writeFileSync(join(index, "snapshot.bin"), snapshot);
    writeFileSync(join(index, "journal.bin"), new Uint8Array(0));
  };

  it("status works without model files", () => {
    const run = runQueryable(["--index", index, "--model-dir", join(work, "no-model"), "status", "--json"]);
    expect(run.status, run.stderr).toBe(0);
    const status = parseJson<Status>(run);
    expect(status.indexed).toBe(3);
    expect(status.model?.id).toBe("colour-test-model");
    expect(status.problems.join("\n")).toContain("the model files cannot be used");
  });

  it("invalid manifest is not called missing", () => {
    const broken = join(work, "broken-model");
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(broken, "manifest.json"), "{");
    const status = parseJson<Status>(runQueryable(["--index", index, "--model-dir", broken, "status", "--json"]));
    const problems = status.problems.join("\n");
    expect(problems).toContain("the model files cannot be used");
    expect(problems).toContain("manifest.json");
    expect(problems).not.toContain("no model files found");
  });

  it("missing library folder is a problem", () => {
    const photos = join(work, "photos");
    renameSync(photos, `${photos}-away`);
    try {
      const status = parseJson<Status>(runQueryable([...args, "status", "--json"]));
      expect(status.problems.join("\n")).toContain(`the library folder ${photos} does not exist`);
      expect(status.problems.join("\n")).toContain("--remove-folder");
    } finally {
      renameSync(`${photos}-away`, photos);
    }
    expect(parseJson<Status>(runQueryable([...args, "status", "--json"])).problems).toEqual([]);
  });

  it("index path that is a file is an error", () => {
    const file = join(work, "not-a-folder");
    writeFileSync(file, "x");
    const run = runQueryable(["--index", file, "--model-dir", join(work, "model"), "status"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`the index path ${file} is a file`);
  });

  it("corrupt snapshot names the CLI fix", () => {
    writeFileSync(join(index, "snapshot.bin"), Buffer.from("not a snapshot at all"));
    try {
      for (const command of [["status"], ["search", "red"], ["index"]]) {
        const run = runQueryable([...args, ...command]);
        expect(run.status, command[0]).toBe(1);
        expect(run.stderr, command[0]).toContain("CORE_REJECTED/CORRUPT_SNAPSHOT");
        expect(run.stderr, command[0]).toContain(`mv ${join(index, "snapshot.bin")}`);
        expect(run.stderr, command[0]).not.toContain("open with an empty snapshot");
      }
    } finally {
      restore();
    }
  });

  it("empty snapshot of an existing index warns", () => {
    writeFileSync(join(index, "snapshot.bin"), new Uint8Array(0));
    try {
      const status = parseJson<Status>(runQueryable([...args, "status", "--json"]));
      expect(status.problems.join("\n")).toContain(`${join(index, "snapshot.bin")} is missing or empty`);
      const search = runQueryable([...args, "search", "red"]);
      expect(search.stderr).toContain("is missing or empty");
    } finally {
      restore();
    }
  });

  it("missing snapshot keeps the journal", () => {
    const { journal } = journalOfThreeSyncs(snapshot);
    writeFileSync(join(index, "snapshot.bin"), new Uint8Array(0));
    writeFileSync(join(index, "journal.bin"), journal);
    try {
      const run = runQueryable([...args, "index"]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain("a copy of the journal is saved as");
      const copies = readdirSync(index).filter((name) => name.startsWith("journal.bin.orphaned-"));
      expect(copies).toHaveLength(1);
      expect(readFileSync(join(index, copies[0]!))).toEqual(Buffer.from(journal));
    } finally {
      for (const name of readdirSync(index).filter((entry) => entry.startsWith("journal.bin.orphaned-"))) rmSync(join(index, name));
      restore();
    }
  });

  it("torn journal tail is reported as incomplete", () => {
    const { journal } = journalOfThreeSyncs(snapshot);
    writeFileSync(join(index, "journal.bin"), journal);
    truncateSync(join(index, "journal.bin"), journal.length - 3);
    try {
      const status = parseJson<Status>(runQueryable([...args, "status", "--json"]));
      expect(status.problems.join("\n")).toContain("bytes of an incomplete record");
    } finally {
      restore();
    }
  });

  it("corrupt journal middle is kept and reported", () => {
    const { journal, frameEnds } = journalOfThreeSyncs(snapshot);
    const damaged = Buffer.from(journal);
    damaged[frameEnds[0]! + 10]! ^= 0xff;
    writeFileSync(join(index, "journal.bin"), damaged);
    try {
      const status = parseJson<Status>(runQueryable([...args, "status", "--json"]));
      expect(status.problems.join("\n")).toContain(`${join(index, "journal.bin")} is corrupt from byte ${frameEnds[0]}`);
      const search = runQueryable([...args, "search", "red"]);
      expect(search.stderr).toContain("is corrupt from byte");

      const run = runQueryable([...args, "index"]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain("The journal was corrupt");
      const copies = readdirSync(index).filter((name) => name.startsWith("journal.bin.damaged-"));
      expect(copies).toHaveLength(1);
      expect(readFileSync(join(index, copies[0]!))).toEqual(damaged);
      expect(parseJson<Status>(runQueryable([...args, "status", "--json"])).problems).toEqual([]);
    } finally {
      restore();
    }
  });
});
