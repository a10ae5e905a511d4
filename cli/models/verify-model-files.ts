// Verifies the SHA-256 of a model folder's files against its manifest.json
// the first time the folder is used, and remembers the verified size and
// mtime of each file, so later runs hash only files that changed.
import { closeSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { ModelFile } from "../../models/model-manifest";

/** File in the model folder that records what was verified. */
export const verifiedRecordName = ".queryable-verified.json";

const recordVersion = 1;

/** One file whose content does not match the manifest. */
export interface CorruptFile {
  readonly name: string;
  readonly sha256: string;
  readonly expectedSha256: string;
}

interface VerifiedFile {
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string;
}

/**
 * Hashes each of `files` in `dir` whose size and mtime differ from the last
 * verification, and returns those whose SHA-256 differs from the manifest.
 * Files must exist at their manifest size; check that first. The record of
 * verified files is rewritten when anything was hashed. A folder that is
 * not writable is verified again on each run.
 */
export function verifyModelFiles(dir: string, files: readonly ModelFile[]): CorruptFile[] {
  const recordPath = join(dir, verifiedRecordName);
  const record = readRecord(recordPath);
  const corrupt: CorruptFile[] = [];
  let hashed = false;

  for (const file of files) {
    const info = statSync(join(dir, file.name));
    const mtimeMs = Math.floor(info.mtimeMs);
    const known = record.get(file.name);
    if (known !== undefined && known.size === info.size && known.mtimeMs === mtimeMs && known.sha256 === file.sha256) continue;

    const sha256 = sha256FileSync(join(dir, file.name));
    hashed = true;
    if (sha256 === file.sha256) {
      record.set(file.name, { size: info.size, mtimeMs, sha256 });
    } else {
      record.delete(file.name);
      corrupt.push({ name: file.name, sha256, expectedSha256: file.sha256 });
    }
  }

  if (hashed) {
    writeRecord(recordPath, record);
  }
  return corrupt;
}

function readRecord(path: string): Map<string, VerifiedFile> {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as { version?: unknown; files?: Record<string, VerifiedFile> };
    if (parsed.version !== recordVersion || typeof parsed.files !== "object" || parsed.files === null) return new Map();
    return new Map(Object.entries(parsed.files));
  } catch {
    // A missing or damaged record only means the files are hashed again.
    return new Map();
  }
}

// The record is only a cache, so a rename that keeps readers from seeing a
// torn file is enough, without fsync.
function writeRecord(path: string, record: Map<string, VerifiedFile>): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify({ version: recordVersion, files: Object.fromEntries(record) }, null, 2)}\n`);
    renameSync(temporary, path);
  } catch {
    // NOTE: a read-only model folder keeps no record, so every run hashes its files again.
    rmSync(temporary, { force: true });
  }
}

function sha256FileSync(path: string): string {
  const hash = createHash("sha256");
  const buffer = Buffer.alloc(4 << 20);
  const descriptor = openSync(path, "r");
  try {
    for (;;) {
      const read = readSync(descriptor, buffer, 0, buffer.length, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    closeSync(descriptor);
  }
  return hash.digest("hex");
}
