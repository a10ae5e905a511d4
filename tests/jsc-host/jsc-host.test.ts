import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { pb } from "../../bridge/codec";

// Builds tests/jsc-host with make and runs it. Needs the Debian package
// libjavascriptcoregtk-4.0-dev and dist/queryable-core.js (node build.mjs).
const hostDir = dirname(fileURLToPath(import.meta.url));
const root = join(hostDir, "..", "..");
const binary = join(hostDir, "build", "queryable-jsc-host");
const bundle = join(root, "dist", "queryable-core.js");
const hasLibrary = spawnSync("pkg-config", ["--exists", "javascriptcoregtk-4.0"]).status === 0;
const missing = !hasLibrary ? "libjavascriptcoregtk-4.0-dev (pkg-config javascriptcoregtk-4.0)" : !existsSync(bundle) ? "dist/queryable-core.js (run node build.mjs)" : null;
if (missing !== null) console.warn(`jsc-host tests skipped: missing ${missing}`);

function run(args: string[], jit: boolean, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(binary, args, { encoding: "utf8", env: { ...process.env, ...env, JavaScriptCoreUseJIT: jit ? "1" : "0" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function request(fields: Record<string, unknown>): Uint8Array {
  return pb.Request.encode(fields).finish();
}

describe.skipIf(missing !== null)("queryable-jsc-host", () => {
  let agreementScript = "";

  beforeAll(async () => {
    execFileSync("make", ["-s", "-C", hostDir], { stdio: "inherit" });
    agreementScript = join(mkdtempSync(join(tmpdir(), "jsc-host-")), "kernel-agreement.js");
    await esbuild.build({
      entryPoints: [join(hostDir, "kernel-agreement-script.ts")], outfile: agreementScript, bundle: true,
      format: "iife", platform: "neutral", target: ["safari16"], logLevel: "warning",
    });
  });

  for (const jit of [true, false]) {
    const mode = jit ? "JIT on" : "JIT off";

    it(`self-test passes with ${mode}`, () => {
      const result = run(["self-test"], jit);
      expect(result.stdout).toMatch(/^7 passed, 0 failed$/m);
      expect(result.status).toBe(0);
    });

    it(`native kernel agrees with ${mode}`, () => {
      const result = run(["script", agreementScript], jit);
      expect(result.stderr).toBe("");
      expect(result.stdout.trim()).toMatch(/^agree \d+$/);
    });
  }

  it("JIT off reaches JavaScriptCore", () => {
    const result = run(["script", agreementScript], false, { JSC_dumpOptions: "1" });
    expect(result.stdout + result.stderr).toContain("useJIT=false");
  });

  it("frames round-trip through handle", () => {
    const dir = mkdtempSync(join(tmpdir(), "jsc-host-frames-"));
    const dimension = 8;
    const vectors = new Float32Array(3 * dimension).map((_, i) => Math.sin(i + 1));
    const frames: [string, Uint8Array][] = [
      ["01-empty", new Uint8Array(0)],
      ["02-open", request({ requestId: 2, openIndex: { modelId: "test-model", dimension } })],
      ["03-sync", request({ requestId: 3, syncManifest: { entries: [{ id: "a" }, { id: "b" }, { id: "c" }], first: true, last: true } })],
      ["04-put", request({ requestId: 4, putEmbeddings: { ids: ["a", "b", "c"], vectors: new Uint8Array(vectors.buffer) } })],
      ["05-search", request({ requestId: 5, search: { queries: [{ assetId: "b" }], topK: 3 } })],
    ];
    for (const [name, bytes] of frames) writeFileSync(join(dir, name), bytes);

    const result = run(["frames", bundle, dir, ...frames.map(([name]) => join(dir, name))], false);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);

    const responses = frames.map(([name]) => pb.Response.decode(readFileSync(join(dir, `${name}.response`))));
    expect(responses[0]!.error?.code).toBe(pb.Error.Code.EMPTY_FRAME);
    expect(responses[1]!.indexOpened?.kernel).toBe("host");
    expect(responses[3]!.embeddingsPut?.stored).toBe(3);
    expect(responses[4]!.searchResult?.hits?.[0]?.id).toBe("b");
    expect(responses[4]!.searchResult?.hits).toHaveLength(3);
  });

  it("without host kernel reports wasm", () => {
    const dir = mkdtempSync(join(tmpdir(), "jsc-host-frames-"));
    writeFileSync(join(dir, "open"), request({ requestId: 1, openIndex: { modelId: "test-model", dimension: 4 } }));
    const result = run(["--no-host-kernel", "frames", bundle, dir, join(dir, "open")], false);
    expect(result.status).toBe(0);
    expect(pb.Response.decode(readFileSync(join(dir, "open.response"))).indexOpened?.kernel).toBe("wasm");
  });
});
