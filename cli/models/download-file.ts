// Resumable, verified download of one file over HTTP(S) with Node's fetch.
//
// Bytes go to `<destination>.part`. A later attempt, or a later run, requests
// the rest with an HTTP Range request. A server that returns 200 instead of
// 206 sends the whole file again, so the part file restarts from zero. Only a
// file whose SHA-256 and size match is renamed into place, so the destination
// path never contains unverified bytes.
import { open, rename, rm, stat } from "node:fs/promises";
import { makeDirectories } from "../files/make-directories";
import { dirname } from "node:path";
import { failWith, succeed, type ModelsResult } from "./models-error";
import { silentLogger, type ModelsLogger } from "./models-logger";
import { sha256File } from "./sha256-file";
import { classifyFetchError, describeFetchError } from "./_internal/classify-fetch-error";
import { parseContentRange } from "./_internal/content-range";
import { fsyncDirectory } from "./_internal/fsync-directory";

/** One file to download and what it must hash to. */
export interface DownloadRequest {
  readonly url: string;
  /** Final path; the file appears there only after verification. */
  readonly destination: string;
  /** Expected lower-case hex SHA-256, or null to accept any content (the caller decided to trust it). */
  readonly expectedSha256: string | null;
  /** Expected size in bytes, or null when unknown. */
  readonly expectedSize: number | null;
  /** Attempts in a row that may fail without receiving a byte before the download gives up. Default 5. */
  readonly maxRetries?: number;
  /** Delay before the first retry in milliseconds; it doubles on each retry in a row, up to 30 s. Default 1000. */
  readonly retryDelayMs?: number;
  /** An attempt that receives no byte for this many milliseconds is aborted and retried. Default 30000. */
  readonly idleTimeoutMs?: number;
  /** Called after each received chunk with the bytes on disk and the total size when known. */
  readonly onProgress?: (receivedBytes: number, totalBytes: number | null) => void;
  readonly logger?: ModelsLogger;
}

/** A verified file at its destination. */
export interface DownloadedFile {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  /** Bytes already in the part file when this call started (0 for a fresh download). */
  readonly resumedFrom: number;
  /** HTTP requests made. */
  readonly requests: number;
}

/**
 * The result of one HTTP attempt. A retry may cap the failures in a row it
 * allows, below the request's maxRetries, when the cause is unlikely to change.
 */
type AttemptOutcome =
  | { kind: "complete" }
  | { kind: "retry"; reason: string; maxRetries?: number }
  | { kind: "fatal"; code: "HTTP_ERROR" | "WRITE_FAILED" | "DOWNLOAD_FAILED"; message: string };

const maxRetryDelayMs = 30_000;

/**
 * Downloads `request.url` to `request.destination`, resuming from a part file,
 * retrying dropped connections with exponential back-off, and verifying the
 * SHA-256 and size before an atomic rename. A checksum mismatch deletes the
 * part file and returns CHECKSUM_MISMATCH with both digests; a 4xx status
 * other than 408 and 429 returns HTTP_ERROR at once. A port that fetch
 * blocks fails at once, and an unknown host name or a refused connection
 * after one retry, with DOWNLOAD_FAILED.
 */
export async function downloadFile(request: DownloadRequest): Promise<ModelsResult<DownloadedFile>> {
  const logger = request.logger ?? silentLogger;
  const partPath = `${request.destination}.part`;
  const maxRetries = request.maxRetries ?? 5;
  const baseDelay = request.retryDelayMs ?? 1000;

  try {
    makeDirectories(dirname(request.destination));
  } catch (thrown) {
    return failWith("WRITE_FAILED", `cannot create folder ${dirname(request.destination)}: ${describe(thrown)}; choose a writable --dest`);
  }

  const resumedFrom = await fileSize(partPath);
  let requests = 0;
  let failuresInARow = 0;

  for (;;) {
    const before = await fileSize(partPath);
    const outcome = await attemptOnce(request, partPath, before, logger);
    requests += 1;

    if (outcome.kind === "complete") break;
    if (outcome.kind === "fatal") return failWith(outcome.code, outcome.message);

    // A dropped connection that still delivered bytes made progress, so only
    // attempts that added nothing count against the retry budget.
    const after = await fileSize(partPath);
    failuresInARow = after > before ? 0 : failuresInARow + 1;
    if (failuresInARow > Math.min(maxRetries, outcome.maxRetries ?? maxRetries)) {
      const kept = after > 0
        ? `${after} bytes are kept in ${partPath}, run the same command again to resume`
        : "nothing was downloaded";
      const message = `download of ${request.url} failed ${failuresInARow} ${failuresInARow === 1 ? "time" : "times in a row"} (last: ${outcome.reason}); ${kept}`;
      logger.error("download gave up", { url: request.url, partPath, bytesOnDisk: after, reason: outcome.reason });
      return failWith("DOWNLOAD_FAILED", message);
    }

    const delay = Math.min(baseDelay * 2 ** Math.max(0, failuresInARow - 1), maxRetryDelayMs);
    logger.warn("download attempt failed, retrying", { url: request.url, reason: outcome.reason, bytesOnDisk: after, retryInMs: delay });
    await sleep(delay);
  }

  const verified = await verifyPart(request, partPath, logger);
  if (!verified.ok) return verified;

  try {
    await rename(partPath, request.destination);
    await fsyncDirectory(dirname(request.destination));
  } catch (thrown) {
    return failWith("WRITE_FAILED", `cannot move ${partPath} to ${request.destination}: ${describe(thrown)}`);
  }

  logger.info("download verified", { url: request.url, path: request.destination, sha256: verified.value.sha256 });
  return succeed({ path: request.destination, ...verified.value, resumedFrom, requests });
}

async function attemptOnce(
  request: DownloadRequest,
  partPath: string,
  offset: number,
  logger: ModelsLogger,
): Promise<AttemptOutcome> {
  // A part file at or past the expected size needs no more bytes: verification decides.
  if (request.expectedSize !== null && offset >= request.expectedSize) {
    if (offset === request.expectedSize) return { kind: "complete" };
    await rm(partPath, { force: true });
    return { kind: "retry", reason: `part file was larger (${offset} bytes) than the expected ${request.expectedSize} bytes and was deleted` };
  }

  const controller = new AbortController();
  const idleTimeoutMs = request.idleTimeoutMs ?? 30_000;
  let idleTimer = setTimeout(() => controller.abort(), idleTimeoutMs);
  const resetIdleTimer = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => controller.abort(), idleTimeoutMs);
  };

  try {
    const headers: Record<string, string> = offset > 0 ? { Range: `bytes=${offset}-` } : {};
    logger.info("download request", { url: request.url, rangeStart: offset });
    const response = await fetch(request.url, { headers, signal: controller.signal, redirect: "follow" });
    return await handleResponse(request, response, partPath, offset, logger, resetIdleTimer);
  } catch (thrown) {
    if (controller.signal.aborted) return { kind: "retry", reason: `no data for ${idleTimeoutMs} ms` };

    const failure = classifyFetchError(request.url, thrown);
    if (failure.kind === "permanent") return { kind: "fatal", code: "DOWNLOAD_FAILED", message: `download of ${request.url} failed: ${failure.reason}` };
    return failure.kind === "retry-once" ? { kind: "retry", reason: failure.reason, maxRetries: 1 } : { kind: "retry", reason: failure.reason };
  } finally {
    clearTimeout(idleTimer);
  }
}

async function handleResponse(
  request: DownloadRequest,
  response: Response,
  partPath: string,
  offset: number,
  logger: ModelsLogger,
  onChunk: () => void,
): Promise<AttemptOutcome> {
  const status = response.status;

  if (status === 416) {
    // The server has no bytes past our offset: the part file is stale or complete
    // in a way we cannot tell, so start over.
    await response.body?.cancel();
    await rm(partPath, { force: true });
    return { kind: "retry", reason: `server answered 416 to a range from byte ${offset}; restarting from zero` };
  }
  if (status === 408 || status === 429 || status >= 500) {
    await response.body?.cancel();
    return { kind: "retry", reason: `HTTP ${status} ${response.statusText}` };
  }
  if (status !== 200 && status !== 206) {
    await response.body?.cancel();
    const message = `${request.url} returned HTTP ${status} ${response.statusText}; ` +
      "check the file exists there, or set --base-url or QUERYABLE_MODEL_BASE_URL to a server that has it";
    return { kind: "fatal", code: "HTTP_ERROR", message };
  }

  let writeFrom = 0;
  if (status === 206) {
    const range = parseContentRange(response.headers.get("content-range"));
    if (range === null || range.start !== offset) {
      await response.body?.cancel();
      await rm(partPath, { force: true });
      return { kind: "retry", reason: `server sent Content-Range ${response.headers.get("content-range")} for a request from byte ${offset}; restarting from zero` };
    }
    writeFrom = offset;
  } else if (offset > 0) {
    logger.warn("server ignored the range request and sent the whole file; restarting the part file", { url: request.url, discardedBytes: offset });
  }

  return writeBody(request, response, partPath, writeFrom, onChunk);
}

async function writeBody(
  request: DownloadRequest,
  response: Response,
  partPath: string,
  writeFrom: number,
  onChunk: () => void,
): Promise<AttemptOutcome> {
  if (response.body === null) return { kind: "retry", reason: "response had no body" };

  let handle;
  try {
    handle = await open(partPath, writeFrom === 0 ? "w" : "a");
  } catch (thrown) {
    await response.body.cancel();
    return { kind: "fatal", code: "WRITE_FAILED", message: `cannot write ${partPath}: ${describe(thrown)}; choose a writable --dest` };
  }

  let received = writeFrom;
  try {
    for await (const chunk of response.body) {
      await handle.write(chunk);
      received += chunk.length;
      onChunk();
      request.onProgress?.(received, request.expectedSize);
    }
    await handle.sync();
  } catch (thrown) {
    // The bytes written so far stay in the part file for the next attempt.
    return { kind: "retry", reason: `connection dropped after ${received} bytes: ${describeFetchError(thrown)}` };
  } finally {
    await handle.close();
  }

  const announced = Number(response.headers.get("content-length") ?? NaN);
  if (Number.isFinite(announced) && received - writeFrom < announced) {
    return { kind: "retry", reason: `body ended after ${received - writeFrom} of ${announced} bytes` };
  }
  return { kind: "complete" };
}

async function verifyPart(
  request: DownloadRequest,
  partPath: string,
  logger: ModelsLogger,
): Promise<ModelsResult<{ sha256: string; size: number }>> {
  let actual;
  try {
    actual = await sha256File(partPath);
  } catch (thrown) {
    return failWith("WRITE_FAILED", `cannot read ${partPath} back to verify it: ${describe(thrown)}`);
  }
  const sizeWrong = request.expectedSize !== null && actual.size !== request.expectedSize;
  const digestWrong = request.expectedSha256 !== null && actual.sha256 !== request.expectedSha256;
  if (!sizeWrong && !digestWrong) return succeed(actual);

  await rm(partPath, { force: true });
  const message = `checksum mismatch for ${request.url}: expected sha256 ${request.expectedSha256 ?? "(any)"} ` +
    `and ${request.expectedSize ?? "any"} bytes, got sha256 ${actual.sha256} and ${actual.size} bytes; ` +
    "the corrupt file was deleted. Run the command again; if it fails the same way, the server has a different file from the one the catalogue names";
  logger.error("checksum mismatch", { url: request.url, expected: request.expectedSha256, actual: actual.sha256 });
  return failWith("CHECKSUM_MISMATCH", message);
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (thrown) {
    if ((thrown as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw thrown;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describe(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
