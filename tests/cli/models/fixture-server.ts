// A local HTTP server on 127.0.0.1 that serves in-memory files with the
// misbehaviours a model download must survive.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Server behaviour for requests of one file. */
export type ServeMode =
  /** Honours Range requests with 206. */
  | "normal"
  /** Ignores Range and always sends the whole file with 200. */
  | "ignore-range"
  /** Destroys the socket after `dropAfterBytes` bytes on the first `dropTimes` requests, then serves normally. */
  | "drop";

export interface FixtureFile {
  readonly body: Uint8Array;
  readonly mode?: ServeMode;
  readonly dropAfterBytes?: number;
  readonly dropTimes?: number;
}

export interface FixtureServer {
  /** Base URL such as http://127.0.0.1:41234 (no trailing slash). */
  readonly baseUrl: string;
  /** Every request received, as path and Range header. */
  readonly requests: { path: string; range: string | undefined }[];
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 with an OS-chosen port; unknown paths get 404. */
export async function startFixtureServer(files: Record<string, FixtureFile>): Promise<FixtureServer> {
  const requests: FixtureServer["requests"] = [];
  const drops = new Map<string, number>();

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    requests.push({ path, range: req.headers.range });
    const file = files[path];
    if (file === undefined) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }

    const mode = file.mode ?? "normal";
    const start = mode === "ignore-range" ? 0 : rangeStart(req.headers.range);
    const body = file.body.subarray(start);
    const headers: Record<string, string | number> = { "Content-Length": body.length, "Accept-Ranges": "bytes" };
    if (start > 0) headers["Content-Range"] = `bytes ${start}-${file.body.length - 1}/${file.body.length}`;
    res.writeHead(start > 0 ? 206 : 200, headers);

    const dropsSoFar = drops.get(path) ?? 0;
    if (mode === "drop" && dropsSoFar < (file.dropTimes ?? 1)) {
      drops.set(path, dropsSoFar + 1);
      res.write(body.subarray(0, file.dropAfterBytes ?? 0), () => res.socket?.destroy());
      return;
    }
    res.end(body);
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function rangeStart(header: string | undefined): number {
  const match = header === undefined ? null : /^bytes=(\d+)-$/.exec(header);
  return match === null ? 0 : Number(match[1]);
}
