// Parses Swift source with tree-sitter's Swift grammar (web-tree-sitter and
// the prebuilt grammar from @repomix/tree-sitter-wasms), so CI on Linux can
// reject Swift that does not parse. It checks syntax only: no types, no imports.
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Language, Parser, type Node } from "web-tree-sitter";

/** A node the parser had to invent (MISSING) or could not fit anywhere (ERROR). */
export interface SyntaxProblem {
  readonly kind: "ERROR" | "MISSING";
  /** 1-based line of the node's start. */
  readonly line: number;
  /** 1-based column of the node's start, in UTF-8 bytes as tree-sitter counts. */
  readonly column: number;
  /** Up to 40 characters of the source at that spot. */
  readonly excerpt: string;
}

let parserPromise: Promise<Parser> | undefined;

/** Returns a parser for Swift, loading the grammar once per process. */
export function swiftParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init();
    const require = createRequire(import.meta.url);
    const wasm = require.resolve("@repomix/tree-sitter-wasms/out/tree-sitter-swift.wasm");
    const parser = new Parser();
    parser.setLanguage(await Language.load(wasm));
    return parser;
  })();
  return parserPromise;
}

/** Lists every ERROR and MISSING node of `source`, in source order; empty when it parses. */
export async function findSyntaxProblems(source: string): Promise<SyntaxProblem[]> {
  const parser = await swiftParser();
  const tree = parser.parse(source);
  if (tree === null) throw new Error("tree-sitter returned no tree for the Swift source");

  const problems: SyntaxProblem[] = [];
  const visit = (node: Node): void => {
    if (node.isError || node.isMissing) {
      problems.push({
        kind: node.isMissing ? "MISSING" : "ERROR",
        line: node.startPosition.row + 1,
        column: node.startPosition.column + 1,
        excerpt: node.isMissing ? `expected ${node.type}` : node.text.slice(0, 40).replace(/\s+/g, " "),
      });
    }
    // An ERROR node's children repeat its problem, so only MISSING nodes inside it are reported.
    for (const child of node.children) {
      if (child !== null && (!node.isError || child.hasError || child.isMissing)) visit(child);
    }
  };
  if (tree.rootNode.hasError) visit(tree.rootNode);
  tree.delete();
  return problems;
}

/** Lists the .swift files under `directory`, recursively and sorted. */
export function listSwiftFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...listSwiftFiles(path));
    else if (entry.name.endsWith(".swift")) files.push(path);
  }
  return files.sort();
}
