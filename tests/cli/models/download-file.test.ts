import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createServer } from "node:net";
import { downloadFile } from "../../../cli/models/download-file";
import { startFixtureServer, type FixtureFile, type FixtureServer } from "./fixture-server";
import { errorOf, valueOf } from "../../support/result";

const body = new Uint8Array(randomBytes(256 * 1024));
const digest = createHash("sha256").update(body).digest("hex");

let dir: string;
let server: FixtureServer | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "queryable-download-"));
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function serve(file: Partial<FixtureFile> = {}): Promise<string> {
  server = await startFixtureServer({ "/file.bin": { body, ...file } });
  return `${server.baseUrl}/file.bin`;
}

function request(url: string, overrides: Partial<Parameters<typeof downloadFile>[0]> = {}) {
  return {
    url,
    destination: join(dir, "file.bin"),
    expectedSha256: digest,
    expectedSize: body.length,
    retryDelayMs: 1,
    ...overrides,
  };
}

describe("downloadFile", () => {
  it("downloads and verifies a file", async () => {
    const url = await serve();

    const result = await downloadFile(request(url));

    expect(result.ok).toBe(true);
    expect(await readFile(join(dir, "file.bin"))).toEqual(Buffer.from(body));
    expect(existsSync(join(dir, "file.bin.part"))).toBe(false);
  });

  it("resumes from a partial file", async () => {
    const url = await serve();
    await writeFile(join(dir, "file.bin.part"), body.subarray(0, 1000));

    const result = await downloadFile(request(url));

    expect(valueOf(result).resumedFrom).toBe(1000);
    expect(server?.requests[0]?.range).toBe("bytes=1000-");
    expect(await readFile(join(dir, "file.bin"))).toEqual(Buffer.from(body));
  });

  it("deletes a file with a checksum mismatch", async () => {
    const url = await serve();
    const wrongDigest = "0".repeat(64);

    const result = await downloadFile(request(url, { expectedSha256: wrongDigest }));

    expect(result.ok).toBe(false);
    expect(errorOf(result).code).toBe("CHECKSUM_MISMATCH");
    expect(errorOf(result).message).toContain(wrongDigest);
    expect(errorOf(result).message).toContain(digest);
    expect(existsSync(join(dir, "file.bin"))).toBe(false);
    expect(existsSync(join(dir, "file.bin.part"))).toBe(false);
  });

  it("retries after a dropped connection", async () => {
    const url = await serve({ mode: "drop", dropAfterBytes: 64 * 1024, dropTimes: 2 });

    const result = await downloadFile(request(url));

    expect(result.ok).toBe(true);
    expect(server?.requests.map((r) => r.range)).toEqual([undefined, "bytes=65536-", "bytes=131072-"]);
    expect(await readFile(join(dir, "file.bin"))).toEqual(Buffer.from(body));
  });

  it("gives up after bounded retries", async () => {
    const url = await serve({ mode: "drop", dropAfterBytes: 0, dropTimes: 100 });

    const result = await downloadFile(request(url, { maxRetries: 2 }));

    expect(errorOf(result).code).toBe("DOWNLOAD_FAILED");
    expect(server?.requests.length).toBe(3);
  });

  it("fails at once on a blocked port", async () => {
    const started = Date.now();

    // Port 9 is on the Fetch standard's list of blocked ports; a retry would wait 60 s.
    const result = await downloadFile(request("http://127.0.0.1:9/file.bin", { retryDelayMs: 60_000 }));

    expect(Date.now() - started).toBeLessThan(10_000);
    expect(errorOf(result).code).toBe("DOWNLOAD_FAILED");
    expect(errorOf(result).message).toContain("port 9");
    expect(errorOf(result).message).not.toContain(".part");
  });

  it("retries a refused connection once", async () => {
    const port = await closedPort();
    const logged: string[] = [];
    const logger = { info: () => undefined, warn: (message: string) => logged.push(message), error: () => undefined };

    const result = await downloadFile(request(`http://127.0.0.1:${port}/file.bin`, { maxRetries: 5, logger }));

    expect(errorOf(result).code).toBe("DOWNLOAD_FAILED");
    expect(logged).toEqual(["download attempt failed, retrying"]);
    const message = result.ok ? "" : result.error.message;
    expect(message).toContain("failed 2 times in a row");
    expect(message).toContain(`port ${port}`);
    expect(message).toContain("nothing was downloaded");
    expect(message).not.toContain(".part");
    expect(existsSync(join(dir, "file.bin.part"))).toBe(false);
  });

  it("names the kept part file on giving up", async () => {
    const url = await serve({ mode: "drop", dropAfterBytes: 0, dropTimes: 100 });
    await writeFile(join(dir, "file.bin.part"), body.subarray(0, 1000));

    const result = await downloadFile(request(url, { maxRetries: 0 }));

    expect(errorOf(result).message).toContain(`1000 bytes are kept in ${join(dir, "file.bin.part")}`);
  });

  it("reports 404 without retrying", async () => {
    await serve();

    const result = await downloadFile(request(`${server?.baseUrl}/missing.bin`));

    expect(errorOf(result).code).toBe("HTTP_ERROR");
    expect(errorOf(result).message).toContain("404");
    expect(server?.requests.length).toBe(1);
  });

  it("restarts when server sends 200 to a range", async () => {
    const url = await serve({ mode: "ignore-range" });
    await writeFile(join(dir, "file.bin.part"), body.subarray(0, 5000));

    const result = await downloadFile(request(url));

    expect(result.ok).toBe(true);
    expect(server?.requests[0]?.range).toBe("bytes=5000-");
    expect(await readFile(join(dir, "file.bin"))).toEqual(Buffer.from(body));
  });

  it("accepts any content without an expected digest", async () => {
    const url = await serve();

    const result = await downloadFile(request(url, { expectedSha256: null, expectedSize: null }));

    expect(valueOf(result).sha256).toBe(digest);
  });

  it("verifies a complete part file without a request", async () => {
    const url = await serve();
    await writeFile(join(dir, "file.bin.part"), body);

    const result = await downloadFile(request(url));

    expect(result.ok).toBe(true);
    expect(server?.requests.length).toBe(0);
  });
});

// Returns a port on 127.0.0.1 that nothing listens on, by binding and closing it.
async function closedPort(): Promise<number> {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  const address = listener.address();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return address.port;
}
