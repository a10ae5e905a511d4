import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fetchModel } from "../../../cli/models/fetch-model";
import { findModel } from "../../../cli/models/find-model";
import type { CatalogueEntry, PublishedFile } from "../../../models/model-catalogue";
import { startFixtureServer, type FixtureServer } from "./fixture-server";
import { errorOf, valueOf } from "../../support/result";

const contents: Record<string, Uint8Array> = {
  "image.onnx": new Uint8Array(randomBytes(40_000)),
  "text.onnx": new Uint8Array(randomBytes(30_000)),
  "vocab.json": new TextEncoder().encode('{"a": 0}'),
  "merges.txt": new TextEncoder().encode("#version: 0.2\n"),
};

function published(name: string, known = true): PublishedFile {
  const body = contents[name] as Uint8Array;
  return {
    name,
    url: `files/${name}`,
    sha256: known ? createHash("sha256").update(body).digest("hex") : null,
    size: known ? body.length : null,
  };
}

function catalogueEntry(textDigestKnown = true): CatalogueEntry {
  const encoder = { input: "x", output: "y", inputShape: [-1, 3], outputShape: [-1, 4], inputType: "float32" as const };
  const variant = (modelId: string) => ({
    modelId,
    image: { ...encoder, file: "image.onnx" },
    text: { ...encoder, file: "text.onnx" },
    files: [published("image.onnx"), published("text.onnx", textDigestKnown)],
  });
  return {
    id: "fixture-model",
    name: "Fixture model",
    dimension: 4,
    source: { repository: "local", revision: "none", baseUrl: "http://127.0.0.1:9/unused", license: "none" },
    preprocessing: { imageSize: 224, mean: [0, 0, 0], std: [1, 1, 1], contextLength: 77 },
    tokenizer: { vocabJson: "vocab.json", mergesTxt: "merges.txt" },
    tokenizerFiles: [published("vocab.json"), published("merges.txt")],
    variants: { fp32: variant("fixture-fp32"), quantized: variant("fixture-quantized") },
  };
}

let dir: string;
let server: FixtureServer;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "queryable-fetch-"));
  const files = Object.fromEntries(Object.entries(contents).map(([name, body]) => [`/files/${name}`, { body }]));
  server = await startFixtureServer(files);
});

afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

function fetchOptions(overrides: Partial<Parameters<typeof fetchModel>[0]> = {}) {
  return {
    model: "fixture-model",
    variant: "fp32" as const,
    baseUrl: server.baseUrl,
    dest: dir,
    env: {},
    catalogue: [catalogueEntry()],
    retryDelayMs: 1,
    ...overrides,
  };
}

describe("fetchModel", () => {
  it("writes every file and the manifest", async () => {
    const result = await fetchModel(fetchOptions());

    expect(result.ok).toBe(true);
    for (const [name, body] of Object.entries(contents)) {
      expect(await readFile(join(dir, name))).toEqual(Buffer.from(body));
    }
    const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8"));
    expect(manifest.id).toBe("fixture-fp32");
    expect(manifest.files.map((file: { name: string }) => file.name)).toEqual(["image.onnx", "text.onnx", "vocab.json", "merges.txt"]);
  });

  it("produces a directory findModel accepts", async () => {
    await fetchModel(fetchOptions());

    const found = findModel({ modelDir: dir, env: {} });

    expect(found.ok).toBe(true);
    expect(valueOf(found).textEncoderPath).toBe(join(dir, "text.onnx"));
  });

  it("skips files already present and verified", async () => {
    await fetchModel(fetchOptions());
    const requestsAfterFirst = server.requests.length;

    const second = await fetchModel(fetchOptions());

    expect(valueOf(second).files.every((file) => file.alreadyPresent)).toBe(true);
    expect(server.requests.length).toBe(requestsAfterFirst);
  });

  it("rejects unknown digest without flag", async () => {
    const result = await fetchModel(fetchOptions({ catalogue: [catalogueEntry(false)] }));

    expect(errorOf(result).code).toBe("UNVERIFIED_FILE");
    expect(errorOf(result).message).toContain("text.onnx");
    expect(errorOf(result).message).toContain("--trust-unverified");
    expect(server.requests.length).toBe(0);
  });

  it("reports computed digest with trust flag", async () => {
    const result = await fetchModel(fetchOptions({ catalogue: [catalogueEntry(false)], trustUnverified: true }));

    const text = result.ok ? result.value.files.find((file) => file.name === "text.onnx") : undefined;
    expect(text?.verified).toBe(false);
    expect(text?.sha256).toBe(createHash("sha256").update(contents["text.onnx"] as Uint8Array).digest("hex"));
  });

  it("takes base URL from environment", async () => {
    const result = await fetchModel(fetchOptions({ baseUrl: undefined, env: { QUERYABLE_MODEL_BASE_URL: `${server.baseUrl}/` } }));

    expect(result.ok).toBe(true);
    expect(server.requests[0]?.path).toBe("/files/image.onnx");
  });

  it("rejects an unknown model name", async () => {
    const result = await fetchModel(fetchOptions({ model: "no-such-model" }));

    expect(errorOf(result).code).toBe("INVALID_OPTION");
    expect(errorOf(result).message).toContain("fixture-model");
  });

  it("rejects a base URL without http", async () => {
    const result = await fetchModel(fetchOptions({ baseUrl: "ftp://127.0.0.1/models" }));

    expect(errorOf(result).code).toBe("INVALID_OPTION");
  });

  it("fails on 404 and writes no manifest", async () => {
    const result = await fetchModel(fetchOptions({ baseUrl: `${server.baseUrl}/elsewhere` }));

    expect(errorOf(result).code).toBe("HTTP_ERROR");
    await expect(readFile(join(dir, "manifest.json"))).rejects.toThrow();
  });

  it("defaults destination to XDG cache", async () => {
    const result = await fetchModel(fetchOptions({ dest: undefined, env: { XDG_CACHE_HOME: dir } }));

    expect(valueOf(result).dir).toBe(join(dir, "queryable", "models", "fixture-fp32"));
  });

  it("refuses a folder of another model", async () => {
    await fetchModel(fetchOptions({ variant: "quantized" }));
    const before = await readFile(join(dir, "manifest.json"), "utf8");

    const result = await fetchModel(fetchOptions());

    expect(errorOf(result).code).toBe("DESTINATION_IN_USE");
    expect(errorOf(result).message).toContain('"fixture-quantized"');
    expect(errorOf(result).message).toContain("--dest");
    expect(await readFile(join(dir, "manifest.json"), "utf8")).toBe(before);
  });

  it("refuses a folder with a broken manifest", async () => {
    await writeFile(join(dir, "manifest.json"), "{");

    const result = await fetchModel(fetchOptions());

    expect(errorOf(result).code).toBe("DESTINATION_IN_USE");
    expect(server.requests.length).toBe(0);
  });

  it("keeps a wrong file when the download fails", async () => {
    await fetchModel(fetchOptions());
    await writeFile(join(dir, "image.onnx"), "changed");

    const result = await fetchModel(fetchOptions({ baseUrl: `${server.baseUrl}/elsewhere` }));

    expect(errorOf(result).code).toBe("HTTP_ERROR");
    expect(await readFile(join(dir, "image.onnx"), "utf8")).toBe("changed");
  });

  it("replaces a wrong file after a verified download", async () => {
    await fetchModel(fetchOptions());
    await writeFile(join(dir, "image.onnx"), "changed");

    valueOf(await fetchModel(fetchOptions()));

    expect(await readFile(join(dir, "image.onnx"))).toEqual(Buffer.from(contents["image.onnx"]!));
  });
});
