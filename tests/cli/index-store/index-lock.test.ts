import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireIndexLock, isProcessAlive, type LockEnvironment } from "../../../cli/index-store/index-lock";
import { createLogger, silentLogger } from "../../../cli/logger";

let folder: string;
let lockPath: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "queryable-lock-"));
  lockPath = join(folder, "index.lock");
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function environment(pid: number, alive: readonly number[]): LockEnvironment {
  return { pid, host: "host-a", now: () => new Date("2024-05-01T10:00:00Z"), isAlive: (candidate) => alive.includes(candidate) };
}

describe("acquireIndexLock", () => {
  it("writes pid, host and start time", () => {
    const lock = acquireIndexLock(lockPath, silentLogger, environment(100, [100]));
    expect(lock.ok).toBe(true);
    expect(JSON.parse(readFileSync(lockPath, "utf8"))).toEqual({ pid: 100, host: "host-a", started: "2024-05-01T10:00:00.000Z" });
  });

  it("rejects a second holder naming the first", () => {
    acquireIndexLock(lockPath, silentLogger, environment(100, [100, 200]));
    const second = acquireIndexLock(lockPath, silentLogger, environment(200, [100, 200]));
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.error.code).toBe("INDEX_LOCKED");
    expect(second.error.message).toContain("process 100 on host-a since 2024-05-01T10:00:00.000Z");
  });

  it("takes over a lock of a dead process", () => {
    acquireIndexLock(lockPath, silentLogger, environment(100, [100]));
    const lines: string[] = [];
    const logger = createLogger({ write: (line) => lines.push(line), level: "warn" });

    const second = acquireIndexLock(lockPath, logger, environment(200, [200]));
    expect(second.ok).toBe(true);
    expect(JSON.parse(readFileSync(lockPath, "utf8")).pid).toBe(200);
    expect(lines.join("")).toContain("left by process 100, which is no longer running");
  });

  it("never takes over another host's lock", () => {
    writeFileSync(lockPath, JSON.stringify({ pid: 100, host: "host-b", started: "2024-05-01T09:00:00.000Z" }));
    const result = acquireIndexLock(lockPath, silentLogger, environment(200, [200]));
    expect(result.ok).toBe(false);
  });

  it("waits on a fresh empty lock file", () => {
    writeFileSync(lockPath, "");
    const env = { ...environment(200, [200]), now: () => new Date() };
    const result = acquireIndexLock(lockPath, silentLogger, env);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain("creating the index lock");
  });

  it("takes over an old empty lock file", () => {
    writeFileSync(lockPath, "");
    utimesSync(lockPath, new Date("2024-01-01T00:00:00Z"), new Date("2024-01-01T00:00:00Z"));
    const result = acquireIndexLock(lockPath, silentLogger, environment(200, [200]));
    expect(result.ok).toBe(true);
  });

  it("release removes the lock file", () => {
    const lock = acquireIndexLock(lockPath, silentLogger, environment(100, [100]));
    if (!lock.ok) throw new Error(lock.error.message);
    lock.value.release();
    lock.value.release();
    expect(existsSync(lockPath)).toBe(false);
  });
});

describe("isProcessAlive", () => {
  it("is true for this process", () => {
    expect(isProcessAlive(process.pid)).toBe(true);
  });

  it("is false for an unused pid", () => {
    // Linux pids stay below 2^22.
    expect(isProcessAlive(4_194_304 + 12_345)).toBe(false);
  });
});
