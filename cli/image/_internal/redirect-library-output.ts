// Keeps messages that image libraries print from reaching standard output,
// where they would corrupt command output such as `index --json`.
import { format } from "node:util";
import type { Logger } from "../../logger";

type ConsoleMethod = "log" | "info" | "warn" | "error" | "debug";
const consoleMethods: readonly ConsoleMethod[] = ["log", "info", "warn", "error", "debug"];

interface Saved {
  readonly console: Record<ConsoleMethod, (...args: unknown[]) => void>;
  readonly stdoutWrite: typeof process.stdout.write;
}

/** Loggers of the calls in progress; the originals are restored when the last call ends. */
const activeLoggers: Logger[] = [];
let saved: Saved | undefined;

/**
 * Runs `action` while console output and writes to standard output go to
 * `logger` at debug level, each line tagged with `library`. heic-decode 2.1
 * calls console.log when libheif rejects a file, and Emscripten's default
 * print writes to standard output as well. Calls may overlap. While several
 * run, lines go to the logger of the earliest call still running, tagged
 * with the `library` of the call that started the redirection.
 *
 * NOTE: the redirection is process-wide, so nothing else may write command
 * output while an image is decoded; the commands print only after decoding.
 */
export async function withLibraryOutputRedirected<T>(library: string, logger: Logger, action: () => Promise<T>): Promise<T> {
  activeLoggers.push(logger);
  if (saved === undefined) saved = redirect(library);
  try {
    return await action();
  } finally {
    activeLoggers.splice(activeLoggers.indexOf(logger), 1);
    if (activeLoggers.length === 0) restore();
  }
}

function redirect(library: string): Saved {
  const original: Saved = {
    console: Object.fromEntries(consoleMethods.map((method) => [method, console[method]])) as Saved["console"],
    stdoutWrite: process.stdout.write,
  };

  const toLog = (text: string) => {
    const logger = activeLoggers[0];
    const trimmed = text.trimEnd();
    if (logger !== undefined && trimmed !== "") logger.debug(`${library} output: ${trimmed}`);
  };

  for (const method of consoleMethods) console[method] = (...args: unknown[]) => toLog(format(...args));
  process.stdout.write = ((chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown) => {
    toLog(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    const done = typeof encodingOrCallback === "function" ? encodingOrCallback : callback;
    if (typeof done === "function") queueMicrotask(() => (done as () => void)());
    return true;
  }) as typeof process.stdout.write;

  return original;
}

function restore(): void {
  if (saved === undefined) return;
  for (const method of consoleMethods) console[method] = saved.console[method];
  process.stdout.write = saved.stdoutWrite;
  saved = undefined;
}
