// The benchmark workload that runs inside a runtime (jsc, jsc without JIT,
// Node through tests/support/node-shell.mjs, or any shell with the same
// functions). bench/run.mjs bundles it into one plain script.
//
//   <shell> workload.js -- dist/queryable-core.js WORKLOAD_DIR SETTINGS_JSON
//
// It replays the prepared phases through QueryableCore.handle, times each
// phase with preciseTime(), then reopens the index from its own snapshot in a
// new core, and prints one JSON line (WorkloadReport).
import { pb } from "../../bridge/codec";
import { decodeFrameFile } from "../../tests/support/frame-file";
import { WORKLOAD_FILES, WORKLOAD_PHASES, type WorkloadReport, type WorkloadSettings } from "./workload-protocol";

/** The jsc shell functions the workload needs from its host. */
declare const print: (line: string) => void;
declare const readFile: (path: string, mode: "binary") => Uint8Array;
declare const load: (path: string) => void;
declare const preciseTime: () => number;
declare const QueryableCore: { createCore(): { handle(request: Uint8Array): Uint8Array } };

type Response = InstanceType<typeof pb.Response>;
type Core = ReturnType<typeof QueryableCore.createCore>;

/** A request that came back as an error, carrying the phase for the report. */
class WorkloadFailure extends Error {}

function run(args: readonly string[]): WorkloadReport {
  const [bundlePath, workloadDir, settingsJson] = args;
  if (bundlePath === undefined || workloadDir === undefined || settingsJson === undefined) {
    throw new Error("usage: workload.js -- CORE_BUNDLE WORKLOAD_DIR SETTINGS_JSON");
  }
  load(bundlePath);
  const settings = JSON.parse(settingsJson) as WorkloadSettings;
  const phases = decodeFrameFile(readFile(`${workloadDir}/${WORKLOAD_FILES.frames}`, "binary"));

  const report: WorkloadReport = { phaseMs: {}, searchMs: [], hits: [], policy: "", kernel: "", snapshotBytes: 0 };
  try {
    measure(settings, phases, report);
  } catch (thrown) {
    if (!(thrown instanceof WorkloadFailure)) throw thrown;
    return { ...report, error: thrown.message };
  }
  return report;
}

function measure(settings: WorkloadSettings, phases: Uint8Array[][], report: WorkloadReport): void {
  const core = QueryableCore.createCore();
  let snapshot: Uint8Array = new Uint8Array(0);

  WORKLOAD_PHASES.forEach((phase, index) => {
    const frames = phases[index] ?? [];
    const started = preciseTime();
    const responses = phase === "search" ? timeEach(core, frames, report.searchMs) : frames.map((frame) => core.handle(frame));
    report.phaseMs[phase] = (preciseTime() - started) * 1000;

    // Decoding happens after the clock stops, so only core's work is timed.
    for (const bytes of responses) {
      const response = checked(pb.Response.decode(bytes), phase);
      if (response.searchResult) {
        report.hits.push((response.searchResult.hits ?? []).map((hit) => hit.id ?? ""));
        report.policy = response.searchResult.policy ?? "";
      }
      if (response.snapshotTaken?.snapshot) snapshot = response.snapshotTaken.snapshot;
    }
  });

  reopen(settings, snapshot, report);
}

function timeEach(core: Core, frames: readonly Uint8Array[], times: number[]): Uint8Array[] {
  return frames.map((frame) => {
    const started = preciseTime();
    const response = core.handle(frame);
    times.push((preciseTime() - started) * 1000);
    return response;
  });
}

/** Opens a new core from the snapshot, the work an app does at every launch. */
function reopen(settings: WorkloadSettings, snapshot: Uint8Array, report: WorkloadReport): void {
  const request = pb.Request.encode({
    requestId: 1,
    openIndex: { modelId: settings.modelId, dimension: settings.dimension, snapshot },
  }).finish();
  const core = QueryableCore.createCore();

  const started = preciseTime();
  const bytes = core.handle(request);
  report.phaseMs.open = (preciseTime() - started) * 1000;

  const response = checked(pb.Response.decode(bytes), "open");
  report.kernel = response.indexOpened?.kernel ?? "";
  report.snapshotBytes = snapshot.length;
}

function checked(response: Response, phase: string): Response {
  if (response.kind !== "error") return response;
  const code = pb.Error.Code[response.error?.code ?? 0];
  throw new WorkloadFailure(`${phase}: request ${response.requestId} failed with ${code}: ${response.error?.message}`);
}

// The shell's global `arguments`, read through globalThis because inside the
// bundle's wrapper function `arguments` would name the wrapper's own.
print(JSON.stringify(run((globalThis as unknown as { arguments: string[] }).arguments)));
