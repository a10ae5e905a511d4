// Reports the progress of a long step: a bar with count, rate and ETA on a
// terminal, plain periodic lines when the output is a file or a pipe.
import cliProgress from "cli-progress";

/** Receives the progress of one step. */
export interface ProgressReporter {
  start(label: string, total: number): void;
  /** Advances by `count` finished items. */
  advance(count: number): void;
  /** Ends the step; a terminal bar is replaced by one summary line. */
  stop(): void;
  /** Clears a bar drawn on the terminal, so a log line can be written; the bar is drawn again on the next update. */
  clearLine(): void;
}

/** Output stream and timing of a reporter. */
export interface ProgressTarget {
  readonly stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** Seconds between plain lines when the stream is not a terminal. */
  readonly intervalSeconds?: number;
  readonly now?: () => number;
}

/** Creates a reporter for `target`: a cli-progress bar on a TTY, else plain lines. */
export function createProgressReporter(target: ProgressTarget): ProgressReporter {
  return target.stream.isTTY === true ? createBarReporter(target.stream) : createLineReporter(target);
}

/** Seconds a step must run before its rate means something; a cached pass over many files takes a few milliseconds. */
const minRateSeconds = 1;

/**
 * Formats `done` items over `elapsedSeconds` as a rate per second: one
 * decimal below 100/s, whole numbers above. Returns undefined before a
 * second has passed or before an item is done, when a rate would mislead.
 */
export function formatRate(done: number, elapsedSeconds: number): string | undefined {
  if (done <= 0 || elapsedSeconds < minRateSeconds) return undefined;
  const rate = done / elapsedSeconds;
  return rate >= 100 ? `${Math.round(rate)}/s` : `${rate.toFixed(1)}/s`;
}

/** A reporter that reports nothing, for commands run with --quiet or from tests. */
export const silentProgress: ProgressReporter = { start: () => undefined, advance: () => undefined, stop: () => undefined, clearLine: () => undefined };

// Uses a cli-progress MultiBar with one bar, not a SingleBar, because a
// SingleBar restores at stop the cursor row it saved at start, so the lines
// printed next overwrite every line logged while the bar ran. The MultiBar
// draws on the current row, and forceRedraw draws the bar again on its next
// tick below a line written after clearLine().
function createBarReporter(stream: NodeJS.WritableStream): ProgressReporter {
  let bars: cliProgress.MultiBar | undefined;
  let bar: cliProgress.SingleBar | undefined;
  let label = "";
  let done = 0;
  let startedAt = 0;

  const close = () => {
    if (bars === undefined) return;
    bars.stop();
    bars = undefined;
    bar = undefined;
  };

  return {
    start: (newLabel, total) => {
      close();
      label = newLabel;
      done = 0;
      startedAt = Date.now();
      bars = new cliProgress.MultiBar({
        stream,
        format: `${label} [{bar}] {value}/{total} | {rate} | ETA {eta_formatted}`,
        etaBuffer: 50,
        hideCursor: true,
        clearOnComplete: true,
        forceRedraw: true,
        // Keeps line wrapping on, so a log line wider than the terminal is
        // shown whole. The bar itself is cut to the terminal width.
        linewrap: true,
      }, cliProgress.Presets.shades_classic);
      bar = bars.create(total, 0, { rate: "-/s" });
      bars.update();
    },
    advance: (count) => {
      done += count;
      const elapsedSeconds = (Date.now() - startedAt) / 1000;
      bar?.update(done, { rate: formatRate(done, elapsedSeconds) ?? "-/s" });
    },
    stop: () => {
      if (bars === undefined) return;
      // Draws the final count before the bar is cleared.
      bars.update();
      close();
      const seconds = (Date.now() - startedAt) / 1000;
      stream.write(`${label}: ${done} done in ${seconds.toFixed(1)} s\n`);
    },
    clearLine: () => {
      if (bars !== undefined) stream.write("\r\x1b[2K");
    },
  };
}

function createLineReporter(target: ProgressTarget): ProgressReporter {
  const now = target.now ?? Date.now;
  const intervalMs = (target.intervalSeconds ?? 10) * 1000;
  let label = "";
  let total = 0;
  let done = 0;
  let startedAt = 0;
  let lastLineAt = 0;

  const line = () => {
    const elapsedSeconds = (now() - startedAt) / 1000;
    const rate = formatRate(done, elapsedSeconds);
    const eta = rate === undefined ? "" : ` (${rate}, ETA ${Math.ceil((total - done) * elapsedSeconds / done)} s)`;
    target.stream.write(`${label}: ${done}/${total}${eta}\n`);
    lastLineAt = now();
  };

  return {
    start: (newLabel, newTotal) => {
      label = newLabel;
      total = newTotal;
      done = 0;
      startedAt = now();
      lastLineAt = startedAt;
    },
    advance: (count) => {
      done += count;
      if (now() - lastLineAt >= intervalMs) line();
    },
    stop: () => {
      if (total > 0) line();
    },
    clearLine: () => undefined,
  };
}
