import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createProgressReporter, formatRate } from "../../../cli/progress/progress-reporter";

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
