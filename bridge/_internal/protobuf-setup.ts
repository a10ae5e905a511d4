// Imported before the generated schema code, because that code reads
// util.Long while it loads. Without long.js, protobufjs decodes 64-bit
// fields as plain numbers, in Node and in a bare JSContext alike, so the
// bytes and the values core sees never depend on the host.
import * as protobuf from "protobufjs/minimal";

protobuf.util.Long = null as unknown as typeof protobuf.util.Long;
protobuf.configure();
