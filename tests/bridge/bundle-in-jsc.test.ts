import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pb } from "../../bridge/codec";
import { createCore } from "../../bridge/handle";
import { concat } from "./_internal/core-client";
import { scenarioRequests } from "./_internal/scenario-requests";

const JSC = "/usr/bin/jsc";
const BUNDLE = join(__dirname, "..", "..", "dist", "queryable-core.js");
const missing = !existsSync(JSC) ? `${JSC} is missing (apt-get install libjavascriptcoregtk-6.0-bin)` : !existsSync(BUNDLE) ? "dist/queryable-core.js is missing (run node build.mjs)" : "";
if (missing !== "") console.warn(`skipping jsc bundle test: ${missing}`);

// Runs inside jsc: deletes what an iPhone JSContext lacks, loads the bundle,
// serves each length-prefixed frame and prints each response as hex.
const RUNNER = `
var hostOnly = ["setTimeout", "setInterval", "clearTimeout", "queueMicrotask", "performance", "structuredClone", "TextDecoder", "TextEncoder", "console"];
for (var h = 0; h < hostOnly.length; h++) { try { delete globalThis[hostOnly[h]]; } catch (e) { globalThis[hostOnly[h]] = undefined; } }
load(arguments[0]);
var file = readFile(arguments[1], "binary");
var offset = 0;
while (offset < file.length) {
  var length = (file[offset] | (file[offset + 1] << 8) | (file[offset + 2] << 16) | (file[offset + 3] << 24)) >>> 0;
  var response = QueryableCore.handle(file.subarray(offset + 4, offset + 4 + length));
  offset += 4 + length;
  var hex = "";
  for (var i = 0; i < response.length; i++) hex += (response[i] < 16 ? "0" : "") + response[i].toString(16);
  print(hex);
}
`;

function frameFile(frames: Uint8Array[]): Uint8Array {
  return concat(frames.flatMap((frame) => {
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, frame.length, true);
    return [length, frame];
  }));
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

describe.skipIf(missing !== "")("bundle in jsc", () => {
  const dir = mkdtempSync(join(tmpdir(), "queryable-jsc-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("matches Node byte for byte without JIT", () => {
    const frames = scenarioRequests().map((request, i) => pb.Request.encode({ ...request, requestId: i + 1 }).finish());
    frames.push(new Uint8Array(0), Uint8Array.from([0xff, 0xff, 0xff]));
    writeFileSync(join(dir, "runner.js"), RUNNER);
    writeFileSync(join(dir, "frames.bin"), frameFile(frames));

    const output = execFileSync(JSC, ["--useJIT=false", join(dir, "runner.js"), "--", BUNDLE, join(dir, "frames.bin")], { encoding: "utf8" });
    const core = createCore();
    const expected = frames.map((frame) => hex(core.handle(frame)));

    expect(output.trim().split("\n")).toEqual(expected);
  });

  it("serves the scenario with expected errors", () => {
    const core = createCore();
    const codes = scenarioRequests().map((request) => pb.Response.decode(core.handle(pb.Request.encode(request).finish())).error?.code ?? 0);
    const failed = codes.flatMap((code, i) => (code === 0 ? [] : [`${i}:${pb.Error.Code[code]}`]));
    expect(failed).toEqual(["0:INDEX_NOT_OPEN", "6:ZERO_VECTOR", "7:UNKNOWN_ASSET", "12:UNKNOWN_POLICY", "21:INVALID_PARAMETER"]);
  });
});
