import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCoreHost } from "../../../cli/core-host/core-host";
import { coreBundlePath, missingCoreBundle } from "../support/core-bundle";

if (missingCoreBundle !== undefined) console.warn(`skipping core host tests: ${missingCoreBundle}`);
const folder = mkdtempSync(join(tmpdir(), "queryable-core-host-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("loadCoreHost", () => {
  it("fails on a missing bundle", () => {
    const result = loadCoreHost(join(folder, "absent.js"));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe("CORE_LOAD_FAILED");
  });

  it("fails on a bundle without QueryableCore", () => {
    const path = join(folder, "empty.js");
    writeFileSync(path, "var Other = {};");
    const result = loadCoreHost(path);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain("defines no QueryableCore.handle");
  });

  it("fails on a bundle that throws", () => {
    const path = join(folder, "broken.js");
    writeFileSync(path, "throw new Error('boom');");
    const result = loadCoreHost(path);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain("boom");
  });

  it.skipIf(missingCoreBundle !== undefined)("opens an index through frames", () => {
    const host = loadCoreHost(coreBundlePath);
    if (!host.ok) throw new Error(host.error.message);
    const opened = host.value.call({ openIndex: { modelId: "test", dimension: 4 } }, "indexOpened");
    expect(opened.ok).toBe(true);
    if (opened.ok) expect(opened.value.result.created).toBe(true);
  });

  it.skipIf(missingCoreBundle !== undefined)("returns core errors with codes", () => {
    const host = loadCoreHost(coreBundlePath);
    if (!host.ok) throw new Error(host.error.message);
    const result = host.value.call({ getStats: {} }, "stats");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("CORE_REJECTED");
    expect(result.error.coreCode).toBe("INDEX_NOT_OPEN");
  });

  it.skipIf(missingCoreBundle !== undefined)("runs core without Node globals", () => {
    // The bundle must not reach console, Buffer or TextDecoder, which a bare JSContext lacks.
    const host = loadCoreHost(coreBundlePath);
    if (!host.ok) throw new Error(host.error.message);
    const tokens = host.value.call({ tokenize: { texts: ["x"] } }, "tokenizeResult");
    expect(tokens.ok).toBe(false);
    if (!tokens.ok) expect(tokens.error.coreCode).toBe("VOCABULARY_NOT_LOADED");
  });
});
