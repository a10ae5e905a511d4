import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeNpyFloat32 } from "../../../cli/debug/npy";

const python = process.env.QUERYABLE_PYTHON || "python3";
const hasNumpy = spawnSync(python, ["-c", "import numpy"]).status === 0;

function headerOf(bytes: Uint8Array): string {
  const length = bytes[8]! | (bytes[9]! << 8);
  return Buffer.from(bytes.subarray(10, 10 + length)).toString("latin1");
}

describe("encodeNpyFloat32", () => {
  it("writes magic and version 1.0", () => {
    const bytes = encodeNpyFloat32([2], Float32Array.of(1, 2));
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  });

  it("aligns data to 64 bytes", () => {
    const bytes = encodeNpyFloat32([1, 3, 224, 224], new Float32Array(3 * 224 * 224));
    expect((10 + headerOf(bytes).length) % 64).toBe(0);
    expect(headerOf(bytes).endsWith("\n")).toBe(true);
  });

  it("writes one dimension tuple", () => {
    expect(headerOf(encodeNpyFloat32([3], new Float32Array(3)))).toContain("'shape': (3,)");
  });

  it("writes scalar shape", () => {
    expect(headerOf(encodeNpyFloat32([], Float32Array.of(7)))).toContain("'shape': ()");
  });

  it("stores little endian floats", () => {
    const bytes = encodeNpyFloat32([2], Float32Array.of(1.5, -2));
    const data = new DataView(bytes.buffer, 10 + headerOf(bytes).length);
    expect(data.getFloat32(0, true)).toBe(1.5);
    expect(data.getFloat32(4, true)).toBe(-2);
  });

  it("rejects shape size mismatch", () => {
    expect(() => encodeNpyFloat32([2, 2], new Float32Array(3))).toThrow(/has 4 values but data has 3/);
  });

  it("rejects negative dimension", () => {
    expect(() => encodeNpyFloat32([-1], new Float32Array(0))).toThrow(/dimension -1/);
  });

  it.skipIf(!hasNumpy)(`numpy loads shape and values${hasNumpy ? "" : ` (skipped: ${python} has no numpy; install python3-numpy)`}`, () => {
    const directory = mkdtempSync(join(tmpdir(), "queryable-npy-"));
    try {
      const path = join(directory, "t.npy");
      writeFileSync(path, encodeNpyFloat32([2, 3], Float32Array.of(0, 1.5, -2, 3.25, 0.125, 65504)));
      const run = spawnSync(python, ["-c", `import numpy; a = numpy.load(${JSON.stringify(path)}); print(a.dtype, a.shape, a.tolist())`], { encoding: "utf8" });
      expect(run.stderr).toBe("");
      expect(run.stdout.trim()).toBe("float32 (2, 3) [[0.0, 1.5, -2.0], [3.25, 0.125, 65504.0]]");
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
