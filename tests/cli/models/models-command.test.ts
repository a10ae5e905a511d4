import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registerModelsCommand, type ModelsCommandContext } from "../../../cli/commands/models";
import type { ModelsResult } from "../../../cli/models/models-error";
import { silentLogger } from "../../../cli/models/models-logger";
import { startFixtureServer, type FixtureServer } from "./fixture-server";
import { errorOf } from "../../support/result";

let dir: string;
let server: FixtureServer;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "queryable-models-command-"));
  server = await startFixtureServer({ "/onnx/vision_model.onnx": { body: new TextEncoder().encode("not an onnx model") } });
});

afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ results: ModelsResult<unknown>[]; lines: string[] }> {
  const results: ModelsResult<unknown>[] = [];
  const lines: string[] = [];
  const context: ModelsCommandContext = {
    env: {},
    logger: silentLogger,
    print: (line) => lines.push(line),
    progressStream: new PassThrough(),
    complete: (result) => results.push(result),
  };
  const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  registerModelsCommand(program, context);
  await program.parseAsync(["node", "queryable", ...args]);
  return { results, lines };
}

describe("models fetch command", () => {
  it("reports a checksum mismatch", async () => {
    const { results } = await run(["models", "fetch", "--base-url", server.baseUrl, "--dest", dir]);

    expect(results).toHaveLength(1);
    const error = errorOf(results[0]!);
    expect(error.code).toBe("CHECKSUM_MISMATCH");
    expect(error.message).toContain("fd6e1402a588279d1723c7534d4bcba5bc0b14b47dfab0e46f8c47b8270d7d40");
    expect(existsSync(join(dir, "vision_model.onnx.part"))).toBe(false);
  });

  it("fetches the quantized variant files", async () => {
    const { results } = await run(["models", "fetch", "--variant", "quantized", "--base-url", server.baseUrl, "--dest", dir]);

    expect(results).toHaveLength(1);
    expect(errorOf(results[0]!).message).toContain("onnx/vision_model_quantized.onnx");
    expect(server.requests[0]?.path).toBe("/onnx/vision_model_quantized.onnx");
  });

  it("rejects an unknown variant", async () => {
    await expect(run(["models", "fetch", "--variant", "fp8", "--dest", dir])).rejects.toThrow(/fp8/);
  });
});
