// One writer per index: `queryable index` creates a lock file with O_EXCL.
// The file records the owner, so a second writer can name it in its error,
// and a lock left by a process that died (kill -9, power loss) is taken over.
import { closeSync, constants, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import type { Logger } from "../logger";
import { describeThrown, failure, success, type CliResult } from "../errors";
import { fsyncDirectory } from "./atomic-write";
import { dirname } from "node:path";

/** The content of a lock file. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** When the holder took the lock, ISO 8601. */
  readonly started: string;
}

/** A held lock. `release` removes the lock file; calling it twice is harmless. */
export interface IndexLock {
  readonly owner: LockOwner;
  release(): void;
}

/** Test seams: which process is this one, and is a pid alive on this host. */
export interface LockEnvironment {
  readonly pid: number;
  readonly host: string;
  readonly now: () => Date;
  readonly isAlive: (pid: number) => boolean;
}

const defaultEnvironment: LockEnvironment = {
  pid: process.pid,
  host: hostname(),
  now: () => new Date(),
  isAlive: isProcessAlive,
};

/**
 * Takes the lock at `lockPath`. Fails at once with INDEX_LOCKED, naming the
 * holder, when a live process owns it. A lock whose holder is a dead
 * process on this host is taken over, and the takeover is logged.
 */
export function acquireIndexLock(lockPath: string, logger: Logger, environment: LockEnvironment = defaultEnvironment): CliResult<IndexLock> {
  const owner: LockOwner = { pid: environment.pid, host: environment.host, started: environment.now().toISOString() };

  // Two tries: the second follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    const created = createLockFile(lockPath, owner);
    if (created.ok) {
      logger.debug("index lock taken", { path: lockPath, pid: owner.pid });
      return success({ owner, release: releaser(lockPath, logger) });
    }
    if (created.error !== "EEXIST") {
      return failure("INDEX_IO", `cannot create the index lock ${lockPath}: ${created.error}; check that the index directory is writable`);
    }

    const holder = readLockOwner(lockPath);
    if (holder === undefined && isFresh(lockPath, environment)) {
      return failure("INDEX_LOCKED", `another process is creating the index lock ${lockPath} right now; try again in a few seconds`);
    }
    if (holder !== undefined && !isStale(holder, environment)) {
      return failure("INDEX_LOCKED", `the index is in use by process ${holder.pid} on ${holder.host} since ${holder.started} (lock file ${lockPath}); wait for it to finish, or delete the lock file if that process is gone`);
    }

    const reason = holder === undefined ? "unreadable" : `left by process ${holder.pid}, which is no longer running`;
    logger.warn(`taking over a stale index lock (${reason})`, { path: lockPath });
    try {
      unlinkSync(lockPath);
    } catch (thrown) {
      if ((thrown as NodeJS.ErrnoException).code !== "ENOENT") {
        return failure("INDEX_IO", `cannot remove the stale index lock ${lockPath}: ${describeThrown(thrown)}`);
      }
    }
  }
  return failure("INDEX_LOCKED", `another process took the index lock ${lockPath} while this one was taking over a stale lock; try again`);
}

function createLockFile(lockPath: string, owner: LockOwner): { ok: true } | { ok: false; error: string } {
  let fd: number;
  try {
    fd = openSync(lockPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  } catch (thrown) {
    const code = (thrown as NodeJS.ErrnoException).code;
    return { ok: false, error: code === "EEXIST" ? "EEXIST" : describeThrown(thrown) };
  }

  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
  } finally {
    closeSync(fd);
  }
  fsyncDirectory(dirname(lockPath));
  return { ok: true };
}

function readLockOwner(lockPath: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(lockPath, "utf8")) as Partial<LockOwner>;
    if (typeof parsed.pid !== "number" || typeof parsed.host !== "string" || typeof parsed.started !== "string") return undefined;
    return { pid: parsed.pid, host: parsed.host, started: parsed.started };
  } catch {
    // A lock file cut short by a crash between create and write reads as no owner.
    return undefined;
  }
}

// NOTE: a lock from another host is never judged stale, because its pid
// cannot be checked from here. The error message asks the user to delete it.
function isStale(holder: LockOwner, environment: LockEnvironment): boolean {
  if (holder.host !== environment.host) return false;
  if (holder.pid === environment.pid) return false;
  return !environment.isAlive(holder.pid);
}

// A lock file without an owner is being written by a racing process, or was
// cut short by a crash. Only an old one is treated as the latter.
function isFresh(lockPath: string, environment: LockEnvironment): boolean {
  try {
    return environment.now().getTime() - statSync(lockPath).mtimeMs < unreadableLockGraceMs;
  } catch {
    return false;
  }
}

const unreadableLockGraceMs = 10_000;

function releaser(lockPath: string, logger: Logger): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    try {
      unlinkSync(lockPath);
      logger.debug("index lock released", { path: lockPath });
    } catch (thrown) {
      logger.error("cannot remove the index lock", { path: lockPath, error: describeThrown(thrown) });
    }
  };
}

/** True when a process with this pid exists (signal 0 checks without sending anything). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (thrown) {
    // EPERM: the process exists but belongs to another user.
    return (thrown as NodeJS.ErrnoException).code === "EPERM";
  }
}
