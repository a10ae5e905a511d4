import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findSyntaxProblems, listSwiftFiles } from "./swift-syntax";

const repositoryRoot = resolve(__dirname, "../..");
const swiftFiles = listSwiftFiles(resolve(repositoryRoot, "ios-shell"));

describe("swift syntax check", () => {
  it("finds the ios-shell sources", () => {
    expect(swiftFiles.length).toBeGreaterThan(20);
  });

  it("accepts valid Swift", async () => {
    const source = "import Foundation\nstruct Point { var x = 0 }\nfunc f() async throws -> Int { try await g() }\n";

    expect(await findSyntaxProblems(source)).toEqual([]);
  });

  it("reports an ERROR with line and column", async () => {
    const problems = await findSyntaxProblems("let a = 1\nlet b = = 2\n");

    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.kind).toBe("ERROR");
    expect(problems[0]?.line).toBe(2);
    expect(problems[0]?.column).toBeGreaterThan(1);
  });

  it("reports a MISSING closing brace", async () => {
    const problems = await findSyntaxProblems("func f() {\n  let x = 1\n");

    expect(problems.some((problem) => problem.kind === "MISSING" || problem.kind === "ERROR")).toBe(true);
  });

  it.each(swiftFiles.map((file) => [relative(repositoryRoot, file), file]))("%s parses", async (name, file) => {
    const problems = await findSyntaxProblems(readFileSync(file, "utf8"));
    const listed = problems.map((problem) => `${name}:${problem.line}:${problem.column}: ${problem.kind} at "${problem.excerpt}"`);

    expect(listed).toEqual([]);
  });
});
