import { describe, expect, it } from "vitest";
import { createLogger } from "../../cli/logger";

describe("createLogger", () => {
  const at = new Date("2024-05-01T10:00:00.000Z");

  it("formats level, message and fields", () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (line) => lines.push(line), level: "debug", now: () => at });
    logger.warn("cannot read", { path: "/a b.jpg", count: 2, skipped: undefined });
    expect(lines).toEqual(['2024-05-01T10:00:00.000Z WARN cannot read path="/a b.jpg" count=2\n']);
  });

  it("drops lines below the level", () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (line) => lines.push(line), level: "warn", now: () => at });
    logger.debug("hidden");
    logger.info("hidden");
    logger.error("shown");
    expect(lines).toHaveLength(1);
  });
});
