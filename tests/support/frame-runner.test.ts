import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { encodeFrameFile } from "./frame-file";
import { repoRoot } from "./repo-paths";
import { isJscAvailable, jscMissingNote, jscNoJit, nodeShell, type ShellRuntime } from "./shell-runtime";

// A stand-in bundle whose handle() returns, per global an iPhone JSContext
// lacks, 1 when the global is absent and 0 when it is present.
const probedGlobals = ["setTimeout", "queueMicrotask", "performance", "structuredClone", "TextDecoder", "TextEncoder", "console", "Buffer", "require", "process"];
const probeBundle = `
var QueryableCore = {
  createCore: function () {
    return {
      handle: function (frame) {
        if (frame.length === 0) throw new Error("empty probe frame");
        var names = ${JSON.stringify(probedGlobals)};
        var out = new Uint8Array(names.length);
        for (var i = 0; i < names.length; i++) out[i] = typeof globalThis[names[i]] === "undefined" ? 1 : 0;
        return out;
      },
    };
  },
};`;

const directory = mkdtempSync(join(tmpdir(), "queryable-frame-runner-"));
const bundlePath = join(directory, "probe-bundle.js");
const framesPath = join(directory, "frames.bin");
writeFileSync(bundlePath, probeBundle);
writeFileSync(framesPath, encodeFrameFile([[Uint8Array.of(1)], [new Uint8Array(0)]]));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function runProbe(runtime: ShellRuntime): string[] {
  const run = spawnSync(runtime.command, [...runtime.options, join(repoRoot, "tests", "support", "frame-runner.js"), "--", bundlePath, framesPath], {
    encoding: "utf8",
  });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.trim().split("\n");
}

describe("frame runner", () => {
  const allAbsent = `R ${"01".repeat(probedGlobals.length)}`;

  it("hides host globals in Node", () => {
    expect(runProbe(nodeShell)[1]).toBe(allAbsent);
  });

  it.skipIf(!isJscAvailable())(`hides host globals in jsc${isJscAvailable() ? "" : ` (skipped: ${jscMissingNote})`}`, () => {
    expect(runProbe(jscNoJit)[1]).toBe(allAbsent);
  });

  it("reports a throw and goes on", () => {
    const lines = runProbe(nodeShell);

    expect(lines[2]).toBe("S 1");
    expect(lines[3]).toBe("X empty probe frame");
    expect(lines[4]).toBe("E 2");
  });
});
