// The search workload that runs inside a runtime, after kernel-prelude.js
// and dist/queryable-core.js. bench/run.mjs bundles it into one plain script.
//
//   <shell> kernel-prelude.js queryable-core.js workload.js -- KERNEL WORKLOAD_DIR SETTINGS_JSON build|no-build
//
// Everything goes through QueryableCore.handle: open from the snapshot,
// searches with every policy core lists, the full sync plan, a put of 1,000
// vectors, a snapshot and, when build frames exist, a build from empty. It
// prints one JSON line (WorkloadReport).
import { pb, type queryable } from "../../bridge/codec";
import { decodeFrameFile } from "../../tests/support/frame-file";
import { residentBytes } from "./resident-memory";
import { BUILD_SEQUENCES, STORE_SEQUENCES, WORKLOAD_FILES, type PolicyReport, type WorkloadReport, type WorkloadSettings } from "./workload-protocol";

/** The jsc shell functions the workload needs from its host. */
declare const print: (line: string) => void;
declare const readFile: (path: string, mode: "binary") => Uint8Array;
declare const preciseTime: () => number;
declare const QueryableCore: { createCore(): Core };

interface Core { handle(request: Uint8Array): Uint8Array }
type Response = InstanceType<typeof pb.Response>;

const TOP_K = 10;
/**
 * Opens and full sync plans timed per workload, reported as their median,
 * because a single run on a shared machine sometimes takes twice as long.
 */
const TIMED_RUNS = 3;

/** A request that came back as an error, carrying the step for the report. */
class WorkloadFailure extends Error {}

function run(args: readonly string[]): WorkloadReport {
  const [kernel, directory, settingsJson, buildFlag] = args;
  if (kernel === undefined || directory === undefined || settingsJson === undefined) {
    throw new Error("usage: workload.js -- KERNEL WORKLOAD_DIR SETTINGS_JSON build|no-build");
  }
  const settings = JSON.parse(settingsJson) as WorkloadSettings;
  const report: WorkloadReport = {
    kernel: "", openMs: null, openRunsMs: [], planMs: null, planRunsMs: [], put1000Ms: null, snapshotMs: null, snapshotBytes: null,
    residentBytes: null, memoryMeasure: "", policies: [], firstSyncMs: null, putAllMs: null,
  };

  try {
    measureStore(kernel, directory, settings, report);
    if (buildFlag === "build") measureBuild(directory, report);
  } catch (thrown) {
    if (!(thrown instanceof WorkloadFailure)) throw thrown;
    return { ...report, error: thrown.message };
  }
  return report;
}

function measureStore(kernel: string, directory: string, settings: WorkloadSettings, report: WorkloadReport): void {
  const before = residentBytes();
  report.memoryMeasure = before.measure;

  let open: Uint8Array | null = openFrame(directory, settings);
  const core = QueryableCore.createCore();
  const opened = timed(core, open, "open");
  // Only core's copy of the index may stay alive for the memory reading.
  open = null;
  report.openRunsMs = [opened.ms];
  report.openMs = opened.ms;
  report.kernel = opened.response.indexOpened?.kernel ?? "";
  if (report.kernel !== kernel) throw new WorkloadFailure(`open: kernel ${kernel} is not available in this runtime, core chose ${report.kernel}`);

  const queries = floatsOf(readFile(`${directory}/${WORKLOAD_FILES.queries}`, "binary"));
  const listed = checked(pb.Response.decode(core.handle(pb.Request.encode({ requestId: 2, listPolicies: {} }).finish())), "list policies");
  for (const policy of listed.policyList?.policies ?? []) {
    const name = policy.name ?? "";
    const count = name === "exact" ? settings.exactQueries : settings.queries;
    report.policies.push(searchAll(core, name, policy.isDefault ?? false, queries, settings.dimension, count));
  }

  const after = residentBytes();
  report.residentBytes = before.bytes === null || after.bytes === null ? null : after.bytes - before.bytes;

  const [plan, put1000] = decodeFrameFile(readFile(`${directory}/${WORKLOAD_FILES.store}`, "binary"));
  // An unchanged library plans the same way every time, so each run repeats the work of the first.
  report.planRunsMs = [];
  while (report.planRunsMs.length < TIMED_RUNS) {
    const planned = timedSequence(core, plan ?? [], "plan");
    report.planRunsMs.push(planned.ms);
    const lastPlan = planned.responses[planned.responses.length - 1]?.syncPlan;
    if (lastPlan?.unchanged !== settings.assets) {
      throw new WorkloadFailure(`plan: expected ${settings.assets} unchanged assets after open, core reported ${lastPlan?.unchanged} unchanged and ${lastPlan?.toEmbed?.length} to embed`);
    }
  }
  report.planMs = median(report.planRunsMs);
  report.put1000Ms = timedSequence(core, put1000 ?? [], "put 1,000 vectors").ms;

  const snapshotTaken = timed(core, pb.Request.encode({ requestId: 3, takeSnapshot: {} }).finish(), "snapshot");
  report.snapshotMs = snapshotTaken.ms;
  report.snapshotBytes = snapshotTaken.response.snapshotTaken?.snapshot?.length ?? null;

  // The other timed opens come last, each in a core dropped at once, so they
  // change none of the figures above.
  const frame = openFrame(directory, settings);
  while (report.openRunsMs.length < TIMED_RUNS) report.openRunsMs.push(timed(QueryableCore.createCore(), frame, "open").ms);
  report.openMs = median(report.openRunsMs);
}

function openFrame(directory: string, settings: WorkloadSettings): Uint8Array {
  const snapshot = readFile(`${directory}/${WORKLOAD_FILES.snapshot}`, "binary");
  return pb.Request.encode({ requestId: 1, openIndex: { modelId: settings.modelId, dimension: settings.dimension, snapshot } }).finish();
}

/** Times a first sync and a put of every vector into a new, empty core. */
function measureBuild(directory: string, report: WorkloadReport): void {
  let file: Uint8Array;
  try {
    file = readFile(`${directory}/${WORKLOAD_FILES.build}`, "binary");
  } catch {
    return;
  }
  const sequences = decodeFrameFile(file);
  const core = QueryableCore.createCore();
  BUILD_SEQUENCES.forEach((name, index) => {
    const ms = timedSequence(core, sequences[index] ?? [], name).ms;
    if (name === "firstSync") report.firstSyncMs = ms;
    if (name === "putAll") report.putAllMs = ms;
  });
}

function searchAll(core: Core, policy: string, isDefault: boolean, queries: Float32Array, dimension: number, count: number): PolicyReport {
  const report: PolicyReport = { policy, isDefault, searchMs: [], hits: [] };
  const available = Math.floor(queries.length / dimension);
  for (let q = 0; q < Math.min(count, available); q++) {
    const vector = new Uint8Array(queries.buffer, queries.byteOffset + q * dimension * 4, dimension * 4);
    const search: queryable.v1.ISearch = { queries: [{ vector }], topK: TOP_K, policy };
    const result = timed(core, pb.Request.encode({ requestId: 100 + q, search }).finish(), `search with ${policy}`);
    report.searchMs.push(result.ms);
    report.hits.push((result.response.searchResult?.hits ?? []).map((hit) => hit.id ?? ""));
  }
  return report;
}

function timed(core: Core, frame: Uint8Array, step: string): { ms: number; response: Response } {
  const started = preciseTime();
  const bytes = core.handle(frame);
  const ms = (preciseTime() - started) * 1000;
  // Decoding happens after the clock stops, so only core's work is timed.
  return { ms, response: checked(pb.Response.decode(bytes), step) };
}

function timedSequence(core: Core, frames: readonly Uint8Array[], step: string): { ms: number; responses: Response[] } {
  const started = preciseTime();
  const raw = frames.map((frame) => core.handle(frame));
  const ms = (preciseTime() - started) * 1000;
  return { ms, responses: raw.map((bytes) => checked(pb.Response.decode(bytes), step)) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function floatsOf(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

function checked(response: Response, step: string): Response {
  if (response.kind !== "error") return response;
  const code = pb.Error.Code[response.error?.code ?? 0];
  throw new WorkloadFailure(`${step}: request ${response.requestId} failed with ${code}: ${response.error?.message}`);
}

// The shell's global `arguments`, read through globalThis because inside the
// bundle's wrapper function `arguments` would name the wrapper's own.
print(JSON.stringify(run((globalThis as unknown as { arguments: string[] }).arguments)));
