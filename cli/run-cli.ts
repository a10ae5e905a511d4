// Runs one CLI invocation: the only place that prints errors and decides
// the exit code (0 ok, 1 runtime failure, 2 usage error).
import { CommanderError } from "commander";
import type { CommandContext } from "./command-context";
import { loadCoreHost } from "./core-host/core-host";
import { CliFailure, exitCodeFor } from "./errors";
import { createLogger, type LogLevel } from "./logger";
import { buildProgram, type ProgramGlobals } from "./program";
import { createProgressReporter, silentProgress, type ProgressReporter } from "./progress/progress-reporter";

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit
 * code. `coreBundlePath` is dist/queryable-core.js.
 */
export async function runCli(argv: readonly string[], coreBundlePath: string): Promise<number> {
  const abort = new AbortController();
  let context: CommandContext | undefined;
  const onInterrupt = () => {
    if (abort.signal.aborted) process.exit(130);
    context?.progress.clearLine();
    process.stderr.write("Stopping after the current batch; press Ctrl-C again to quit at once.\n");
    abort.abort();
  };
  process.on("SIGINT", onInterrupt);

  const program = buildProgram(
    { writeOut: (text) => process.stdout.write(text), writeErr: (text) => process.stderr.write(text), progressStream: process.stderr },
    (globals) => {
      context = createContext(globals, abort.signal, coreBundlePath);
      return context;
    },
  );

  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (thrown) {
    return reportFailure(thrown);
  } finally {
    process.off("SIGINT", onInterrupt);
  }
}

function createContext(globals: () => ProgramGlobals, signal: AbortSignal, coreBundlePath: string): CommandContext {
  let progress: ProgressReporter = silentProgress;
  const progressReporter: ProgressReporter = {
    start: (label, total) => {
      progress = globals().quiet === true ? silentProgress : createProgressReporter({ stream: process.stderr });
      progress.start(label, total);
    },
    advance: (count) => progress.advance(count),
    stop: () => progress.stop(),
    clearLine: () => progress.clearLine(),
  };

  // Log lines and the progress bar share standard error, so a line first clears the bar.
  const level = (): LogLevel => {
    if (globals().verbose === true) return "debug";
    return globals().quiet === true ? "error" : "warn";
  };
  const write = (line: string) => {
    progressReporter.clearLine();
    process.stderr.write(line);
  };
  const logger = createLogger({ write, get level() { return level(); } });

  return {
    out: (text) => process.stdout.write(text),
    logger,
    progress: progressReporter,
    env: process.env,
    loadCore: () => loadCoreHost(coreBundlePath),
    signal,
    globals,
  };
}

function reportFailure(thrown: unknown): number {
  if (thrown instanceof CommanderError) {
    // Help and version output end with these codes; every other commander error is a usage error it has printed.
    if (thrown.code === "commander.helpDisplayed" || thrown.code === "commander.version" || thrown.code === "commander.help") return 0;
    return 2;
  }
  if (thrown instanceof CliFailure) {
    const code = thrown.error.coreCode === undefined ? thrown.error.code : `${thrown.error.code}/${thrown.error.coreCode}`;
    process.stderr.write(`queryable: error [${code}]: ${thrown.error.message}\n`);
    return exitCodeFor(thrown.error);
  }
  // Anything else is a bug in the CLI: show the stack so it can be reported.
  process.stderr.write(`queryable: internal error: ${thrown instanceof Error ? thrown.stack ?? thrown.message : String(thrown)}\n`);
  return 1;
}
