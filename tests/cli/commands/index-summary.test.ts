import { describe, expect, it } from "vitest";
import { describeRemoved } from "../../../cli/commands/index-command";

describe("describeRemoved", () => {
  it("notes moved files when vectors were reused", () => {
    expect(describeRemoved({ reused: 3, removed: 3 })).toBe("removed 3 (old paths of moved or renamed files included)");
  });

  it("gives plain count otherwise", () => {
    expect(describeRemoved({ reused: 0, removed: 2 })).toBe("removed 2");
    expect(describeRemoved({ reused: 4, removed: 0 })).toBe("removed 0");
  });
});
