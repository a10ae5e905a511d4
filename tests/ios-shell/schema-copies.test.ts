import { readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

// SwiftProtobufPlugin reads .proto files only from inside its target, so the
// app keeps copies there; ios-shell/scripts/sync-schemas.sh refreshes them.
const schemaDirectory = resolve(__dirname, "../../schemas/queryable/v1");
const copyDirectory = resolve(__dirname, "../../ios-shell/Sources/QueryableSchema/queryable/v1");
const schemaFiles = readdirSync(schemaDirectory).filter((name) => name.endsWith(".proto")).sort();

describe("ios-shell schema copies", () => {
  it("has a copy of every schema file", () => {
    const copies = readdirSync(copyDirectory).filter((name) => name.endsWith(".proto")).sort();

    expect(copies).toEqual(schemaFiles);
  });

  it.each(schemaFiles)("%s matches schemas/ (run ios-shell/scripts/sync-schemas.sh)", (name) => {
    const copy = readFileSync(resolve(copyDirectory, name), "utf8");

    expect(copy).toBe(readFileSync(resolve(schemaDirectory, name), "utf8"));
  });
});
