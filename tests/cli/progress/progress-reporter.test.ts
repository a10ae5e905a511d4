import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createProgressReporter, formatRate } from "../../../cli/progress/progress-reporter";
import { createTerminalScreen } from "../support/terminal-screen";

function captureStream(isTTY: boolean): { stream: Writable & { isTTY?: boolean }; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as Writable & { isTTY?: boolean };
  stream.isTTY = isTTY;
  return { stream, text: () => chunks.join("") };
}

describe("createProgressReporter", () => {
  it("writes periodic plain lines off a TTY", () => {
    const { stream, text } = captureStream(false);
    let now = 0;
    const reporter = createProgressReporter({ stream, intervalSeconds: 10, now: () => now });

    reporter.start("Embedding photos", 100);
    now = 5_000;
    reporter.advance(10);
    expect(text()).toBe("");

    now = 10_000;
    reporter.advance(10);
    expect(text()).toBe("Embedding photos: 20/100 (2.0/s, ETA 40 s)\n");

    reporter.stop();
    expect(text().split("\n").filter((line) => line !== "")).toHaveLength(2);
  });

  it("draws a bar on a TTY", () => {
    const { stream, text } = captureStream(true);
    const reporter = createProgressReporter({ stream });
    reporter.start("Embedding photos", 4);
    reporter.advance(4);
    reporter.stop();
    expect(text()).toContain("Embedding photos");
    expect(text()).toContain("4/4");
  });

  it("keeps logged lines above the summary", async () => {
    const screen = createTerminalScreen(60, 30);
    const reporter = createProgressReporter({ stream: screen.stream });
    const longLine = `WARN cannot embed a file path=${"x".repeat(60)}.png reason=truncated`;
    // What run-cli does for each log line and for the stop notice.
    const log = (line: string) => {
      reporter.clearLine();
      screen.stream.write(line);
    };
    const tick = () => new Promise((resolve) => setTimeout(resolve, 250));

    screen.stream.write("$ queryable index photos\n");
    reporter.start("Embedding photos", 4);
    await tick();
    reporter.advance(1);
    log("WARN cannot embed a file path=a.png\n");
    await tick();
    expect(screen.lines().at(-1)).toContain("Embedding photos [");
    reporter.advance(1);
    log(`${longLine}\n`);
    log("Received SIGINT: stopping after the current batch\n");
    await tick();
    reporter.advance(2);
    reporter.stop();
    screen.stream.write("Embedded 2.\n");
    await tick();

    expect(screen.lines()).toEqual([
      "$ queryable index photos",
      "WARN cannot embed a file path=a.png",
      // A line wider than the terminal wraps rather than being cut.
      longLine.slice(0, 60),
      longLine.slice(60),
      "Received SIGINT: stopping after the current batch",
      expect.stringMatching(/^Embedding photos: 4 done in \d+\.\d s$/),
      "Embedded 2.",
    ]);
  });

  it("clears an earlier bar on start", async () => {
    const screen = createTerminalScreen(100, 30);
    const reporter = createProgressReporter({ stream: screen.stream });
    reporter.start("Reading files", 2);
    reporter.start("Embedding photos", 2);
    await new Promise((resolve) => setTimeout(resolve, 250));
    reporter.stop();
    await new Promise((resolve) => setTimeout(resolve, 250));

    expect(screen.lines()).toEqual([expect.stringMatching(/^Embedding photos: 0 done in /)]);
  });

  it("omits the rate of a very short step", () => {
    const { stream, text } = captureStream(false);
    let now = 0;
    const reporter = createProgressReporter({ stream, now: () => now });

    reporter.start("Reading files", 2441);
    now = 3;
    reporter.advance(2441);
    reporter.stop();

    expect(text()).toBe("Reading files: 2441/2441\n");
  });
});

describe("formatRate", () => {
  it("rounds fast rates to whole numbers", () => {
    expect(formatRate(2441, 3)).toBe("814/s");
  });

  it("keeps one decimal below 100/s", () => {
    expect(formatRate(25, 2)).toBe("12.5/s");
  });

  it("omits a rate before one second", () => {
    expect(formatRate(2441, 0.003)).toBeUndefined();
  });

  it("omits a rate before any item", () => {
    expect(formatRate(0, 5)).toBeUndefined();
  });
});
