import { describe, expect, it } from "vitest";
import { classifyFetchError } from "../../../../cli/models/_internal/classify-fetch-error";

// undici's shape: a TypeError "fetch failed" whose cause is the socket error.
function fetchFailure(message: string, code?: string): TypeError {
  const cause = Object.assign(new Error(message), code === undefined ? {} : { code });
  return new TypeError("fetch failed", { cause });
}

describe("classifyFetchError", () => {
  it("treats a blocked port as permanent", () => {
    const result = classifyFetchError("http://127.0.0.1:9/a.onnx", fetchFailure("bad port"));
    expect(result.kind).toBe("permanent");
    expect(result.reason).toContain("port 9");
  });

  it("retries an unknown host once", () => {
    const result = classifyFetchError("https://mirror.example/a.onnx", fetchFailure("getaddrinfo ENOTFOUND mirror.example", "ENOTFOUND"));
    expect(result.kind).toBe("retry-once");
    expect(result.reason).toContain("host name mirror.example was not found");
  });

  it("retries a refused connection once", () => {
    const result = classifyFetchError("http://127.0.0.1:8080/a.onnx", fetchFailure("connect ECONNREFUSED 127.0.0.1:8080", "ECONNREFUSED"));
    expect(result.kind).toBe("retry-once");
    expect(result.reason).toContain("127.0.0.1 port 8080");
  });

  it("retries a reset connection as usual", () => {
    const result = classifyFetchError("https://mirror.example/a.onnx", fetchFailure("read ECONNRESET", "ECONNRESET"));
    expect(result.kind).toBe("transient");
    expect(result.reason).toBe("fetch failed (read ECONNRESET)");
  });
});
