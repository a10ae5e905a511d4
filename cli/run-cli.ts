// Runs one CLI invocation: the only place that prints errors and decides
// the exit code (0 ok, 1 runtime failure, 2 usage error, 130 after SIGINT,
// 143 after SIGTERM).
import { CommanderError } from "commander";
import type { CommandContext } from "./command-context";
import { loadCoreHost } from "./core-host/core-host";
import { CliFailure, exitCodeFor } from "./errors";
import { createLogger, type LogLevel } from "./logger";
import { buildProgram, type ProgramGlobals } from "./program";
import { createProgressReporter, silentProgress, type ProgressReporter } from "./progress/progress-reporter";

/** Exit codes after a stop by signal: 128 plus the signal number, as shells report it. */
export const signalExitCodes = { SIGINT: 130, SIGTERM: 143 } as const;

export type StopSignal = keyof typeof signalExitCodes;

// Commands that stop cleanly on the first signal: they watch the abort
// signal, finish the batch in flight, save and release the lock. Every
// other command is short or keeps no lock, and exits at once.
const gracefulCommands: ReadonlySet<string> = new Set(["index"]);

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit
 * code. `coreBundlePath` is dist/queryable-core.js. The first SIGINT or
 * SIGTERM makes `index` stop after the batch in flight, and the run then
 * returns 130 or 143; a second one, or one during any other command, exits
 * the process at once with that code.
 */
export async function runCli(argv: readonly string[], coreBundlePath: string): Promise<number> {
  const abort = new AbortController();
  let context: CommandContext | undefined;
  let runningCommand: string | undefined;
  let stoppedBy: StopSignal | undefined;

  const onSignal = (signal: StopSignal) => {
    context?.progress.clearLine();
    if (stoppedBy !== undefined || runningCommand === undefined || !gracefulCommands.has(runningCommand)) {
      process.stderr.write(`queryable: stopped by ${signal}\n`);
      process.exit(signalExitCodes[signal]);
    }
    stoppedBy = signal;
    process.stderr.write(`${stoppingNotice(signal)}\n`);
    abort.abort();
  };
  const onInterrupt = () => onSignal("SIGINT");
  const onTerminate = () => onSignal("SIGTERM");
  process.on("SIGINT", onInterrupt);
  process.on("SIGTERM", onTerminate);

  const program = buildProgram(
    { writeOut: (text) => process.stdout.write(text), writeErr: (text) => process.stderr.write(text), progressStream: process.stderr },
    (globals) => {
      context = createContext(globals, abort.signal, coreBundlePath);
      return context;
    },
  );
  program.hook("preAction", (_program, actionCommand) => {
    runningCommand = actionCommand.name();
  });

  try {
    let code: number;
    try {
      await program.parseAsync([...argv], { from: "user" });
      code = 0;
    } catch (thrown) {
      code = reportFailure(thrown);
    }
    if (stoppedBy === undefined) return code;

    process.stderr.write(`queryable: stopped by ${stoppedBy}; everything embedded so far is saved. Run the same command again to continue.\n`);
    return signalExitCodes[stoppedBy];
  } finally {
    process.off("SIGINT", onInterrupt);
    process.off("SIGTERM", onTerminate);
  }
}

/**
 * Returns the line printed on the first signal during a graceful command.
 * It names how to send the same signal again: Ctrl-C for SIGINT, `kill PID` for SIGTERM.
 */
export function stoppingNotice(signal: StopSignal, pid: number = process.pid): string {
  const again = signal === "SIGINT" ? "press Ctrl-C again" : `send SIGTERM again (kill ${pid})`;
  return `Received ${signal}: stopping after the current batch and saving the index; ${again} to quit at once.`;
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
