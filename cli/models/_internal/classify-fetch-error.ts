// Sorts fetch() failures into those a retry may fix and those it cannot.

/** How many more attempts a failed connection deserves. */
export type FetchErrorKind =
  /** Retrying cannot help: the request is never sent, e.g. a port that fetch blocks. */
  | "permanent"
  /** Unlikely to change within the back-off, e.g. an unknown host or a refused connection: one retry. */
  | "retry-once"
  /** A dropped or timed-out connection: the usual retries. */
  | "transient";

/** A classified fetch failure: its kind and a reason that names the cause and the fix. */
export interface FetchErrorClass {
  readonly kind: FetchErrorKind;
  readonly reason: string;
}

/**
 * Classifies what fetch() (undici in Node 20) threw for `url`. undici
 * throws a TypeError "fetch failed" whose `cause` carries the socket error:
 * `code` ENOTFOUND for an unknown host name, ECONNREFUSED when nothing
 * listens on the port, and the message "bad port" for a port that the Fetch
 * standard blocks (such as 9 or 25).
 */
export function classifyFetchError(url: string, thrown: unknown): FetchErrorClass {
  const cause = thrown instanceof Error && thrown.cause instanceof Error ? thrown.cause : undefined;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const described = describeFetchError(thrown);
  const { host, port } = hostAndPort(url);

  if (cause?.message === "bad port") {
    return { kind: "permanent", reason: `${described}: fetch never connects to port ${port}, which the Fetch standard blocks as unsafe; serve the files on another port and pass that URL in --base-url or QUERYABLE_MODEL_BASE_URL` };
  }
  if (code === "ENOTFOUND") {
    return { kind: "retry-once", reason: `${described}: the host name ${host} was not found; check the URL in --base-url or QUERYABLE_MODEL_BASE_URL, and the network connection` };
  }
  if (code === "ECONNREFUSED") {
    return { kind: "retry-once", reason: `${described}: nothing accepts connections on ${host} port ${port}; start the server or fix the URL in --base-url or QUERYABLE_MODEL_BASE_URL` };
  }
  return { kind: "transient", reason: described };
}

/** Returns the message of a fetch failure with its socket-level cause, e.g. "fetch failed (connect ECONNREFUSED 127.0.0.1:9)". */
export function describeFetchError(thrown: unknown): string {
  if (thrown instanceof Error && thrown.cause instanceof Error) return `${thrown.message} (${thrown.cause.message})`;
  return thrown instanceof Error ? thrown.message : String(thrown);
}

function hostAndPort(url: string): { host: string; port: string } {
  try {
    const parsed = new URL(url);
    if (parsed.port !== "") return { host: parsed.hostname, port: parsed.port };

    const defaultPort = parsed.protocol === "https:" ? "443" : "80";
    return { host: parsed.hostname, port: defaultPort };
  } catch {
    return { host: url, port: "?" };
  }
}
