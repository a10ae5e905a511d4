// The schemas loaded by protobufjs's reflection API, independent of the
// generated static classes, to compare messages decoded from different writers.
import protobuf from "protobufjs";
import { join } from "node:path";
import { schemaRoot } from "./repo-paths";

/** Every message and enum of schemas/queryable/v1, resolved. */
export const schema: protobuf.Root = loadSchema();

function loadSchema(): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(schemaRoot, target);
  root.loadSync(["queryable/v1/bridge.proto", "queryable/v1/index.proto"]);
  root.resolveAll();
  return root;
}

/**
 * Decodes `bytes` as `typeName` into a plain object with every default
 * filled in, 64-bit numbers as numbers and bytes as base64, so two encodings
 * of the same message compare equal however each writer chose to encode it.
 */
export function decodeToPlain(typeName: string, bytes: Uint8Array): Record<string, unknown> {
  const type = schema.lookupType(typeName);
  return type.toObject(type.decode(bytes), {
    longs: Number,
    enums: String,
    bytes: String,
    defaults: true,
    arrays: true,
    objects: true,
    oneofs: true,
  });
}
