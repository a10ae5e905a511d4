// Runs `protoc --encode/--decode` against schemas/ so tests can check that
// core's bytes match what Google's own protobuf implementation reads and writes.
import { spawnSync } from "node:child_process";
import { schemaRoot } from "./repo-paths";

/** A message type of schemas/queryable/v1, with the file that declares it. */
export type ProtocMessage =
  | "queryable.v1.Request"
  | "queryable.v1.Response"
  | "queryable.v1.Snapshot"
  | "queryable.v1.JournalRecord";

const protoFileOf: Record<ProtocMessage, string> = {
  "queryable.v1.Request": "queryable/v1/bridge.proto",
  "queryable.v1.Response": "queryable/v1/bridge.proto",
  "queryable.v1.Snapshot": "queryable/v1/index.proto",
  "queryable.v1.JournalRecord": "queryable/v1/index.proto",
};

/** The protoc executable: $QUERYABLE_PROTOC, else `protoc` on PATH. */
export const protocCommand = process.env.QUERYABLE_PROTOC ?? "protoc";

let protocProbe: boolean | undefined;

/** True when protoc runs; tests that need it skip otherwise. */
export function isProtocAvailable(): boolean {
  if (protocProbe === undefined) {
    const probe = spawnSync(protocCommand, ["--version"], { encoding: "utf8" });
    protocProbe = probe.status === 0;
  }
  return protocProbe;
}

/** Why protoc tests skip, for the skip note. */
export const protocMissingNote = `protoc (${protocCommand}) is missing: install protobuf-compiler or set QUERYABLE_PROTOC`;

/** Decodes binary `bytes` as `type` into protobuf text format. Throws with protoc's message on failure. */
export function protocDecode(type: ProtocMessage, bytes: Uint8Array): string {
  const run = spawnSync(protocCommand, [`-I${schemaRoot}`, `--decode=${type}`, protoFileOf[type]], {
    input: bytes,
    maxBuffer: 1 << 30,
  });
  if (run.error) throw new Error(`could not start ${protocCommand}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`protoc --decode=${type} failed on ${bytes.length} bytes: ${run.stderr.toString().trim()}`);
  return run.stdout.toString("utf8");
}

/** Encodes protobuf text format `text` as binary `type`. Throws with protoc's message on failure. */
export function protocEncode(type: ProtocMessage, text: string): Uint8Array {
  const run = spawnSync(protocCommand, [`-I${schemaRoot}`, `--encode=${type}`, protoFileOf[type]], {
    input: text,
    maxBuffer: 1 << 30,
  });
  if (run.error) throw new Error(`could not start ${protocCommand}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`protoc --encode=${type} failed: ${run.stderr.toString().trim()}`);
  return new Uint8Array(run.stdout.buffer, run.stdout.byteOffset, run.stdout.byteLength);
}
