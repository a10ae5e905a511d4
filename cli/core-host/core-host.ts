// Runs dist/queryable-core.js the way the iPhone app does: evaluated in a
// fresh context with only the language built-ins (no console, timers,
// TextDecoder or Buffer), and reached only through encoded bridge frames.
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { pb, type queryable } from "../../bridge/codec";
import type { ErrorCode } from "../../core/errors";
import { describeThrown, failure, success, type CliResult } from "../errors";

type Response = InstanceType<typeof pb.Response>;

/** The result kinds of a Response, e.g. "indexOpened". */
export type ResponseKind = Exclude<NonNullable<Response["kind"]>, "error">;

/** A successful core response: its result body and the journal bytes to append (empty when none). */
export interface CoreReply<K extends ResponseKind> {
  readonly result: NonNullable<Response[K]>;
  readonly journalAppend: Uint8Array;
}

/** One loaded core instance with its own session. */
export interface CoreHost {
  /**
   * Sends one request and expects a response of kind `expected`. A core
   * error response becomes a CORE_REJECTED failure with core's code and
   * message; a response of another kind is a CORE_REJECTED failure with code INTERNAL.
   */
  call<K extends ResponseKind>(request: Omit<queryable.v1.IRequest, "requestId">, expected: K): CliResult<CoreReply<K>>;
}

interface CoreGlobal {
  handle(request: Uint8Array): Uint8Array;
}

/** Loads the core bundle at `bundlePath` into a new context. Fails with CORE_LOAD_FAILED when it is missing or broken. */
export function loadCoreHost(bundlePath: string): CliResult<CoreHost> {
  let source: string;
  try {
    source = readFileSync(bundlePath, "utf8");
  } catch (thrown) {
    return failure("CORE_LOAD_FAILED", `cannot read the core bundle ${bundlePath}: ${describeThrown(thrown)}; run "npm run build" first`);
  }

  const context = vm.createContext({});
  try {
    vm.runInContext(source, context, { filename: bundlePath });
  } catch (thrown) {
    return failure("CORE_LOAD_FAILED", `the core bundle ${bundlePath} failed to load: ${describeThrown(thrown)}; rebuild it with "npm run build"`);
  }

  const core = vm.runInContext("typeof QueryableCore === 'object' ? QueryableCore : undefined", context) as CoreGlobal | undefined;
  if (core === undefined || typeof core.handle !== "function") {
    return failure("CORE_LOAD_FAILED", `the core bundle ${bundlePath} defines no QueryableCore.handle; rebuild it with "npm run build"`);
  }

  // Core checks `instanceof Uint8Array` against its own realm's constructor,
  // so request frames are copied into an array made by that realm.
  const ContextUint8Array = vm.runInContext("Uint8Array", context) as Uint8ArrayConstructor;
  return success(createHost(core, ContextUint8Array));
}

function createHost(core: CoreGlobal, ContextUint8Array: Uint8ArrayConstructor): CoreHost {
  let nextRequestId = 1;

  const call = <K extends ResponseKind>(request: Omit<queryable.v1.IRequest, "requestId">, expected: K): CliResult<CoreReply<K>> => {
    const requestId = nextRequestId++;
    const encoded = pb.Request.encode({ ...request, requestId }).finish();
    const frame = new ContextUint8Array(encoded.length);
    frame.set(encoded);

    const replyFrame = core.handle(frame);
    // protobufjs also checks `instanceof Uint8Array`, so view the reply through this realm's constructor.
    const response = pb.Response.decode(new Uint8Array(replyFrame.buffer, replyFrame.byteOffset, replyFrame.byteLength));

    if (response.kind === "error") {
      const error = response.error!;
      const code = (pb.Error.Code[error.code ?? 0] ?? "INTERNAL") as ErrorCode;
      return failure("CORE_REJECTED", error.message ?? "", code);
    }
    if (response.kind !== expected) {
      return failure("CORE_REJECTED", `core answered request ${requestId} with "${String(response.kind)}" instead of "${expected}"; host and core builds differ, rebuild with "npm run build"`, "INTERNAL");
    }
    return success({ result: response[expected] as NonNullable<Response[K]>, journalAppend: response.journalAppend });
  };

  return { call };
}
