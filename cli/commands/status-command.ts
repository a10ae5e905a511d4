// `queryable status`: the index's folders, counts, failures, model and
// location. It needs neither the model files nor a sound library.json,
// because its job is to say what is there and what is wrong.
import type { Command } from "commander";
import { resolveIndexPaths, type CommandContext } from "../command-context";
import { failure, unwrap, type CliResult } from "../errors";
import { readStoredIndex, type StoredIndex } from "../index-store/index-files";
import type { IndexPaths } from "../index-store/index-paths";
import { readLibraryConfig } from "../index-store/library-config";
import { isFolder } from "../library/is-folder";
import { readSnapshotModel } from "../index-store/snapshot-header";
import type { FoundModel } from "../models/find-model";
import { findCliModel } from "../session/find-cli-model";
import { readIndexCounts, type IndexCounts } from "../session/index-counts";
import { describeReadProblems, openStoredIndex, type IndexModel } from "../session/open-stored-index";

/** The JSON document of `status --json`. */
export interface StatusJson {
  readonly index: string;
  /** The library folders; null when library.json is invalid (see `problems`). */
  readonly folders: readonly string[] | null;
  /** The exclusion globs; null when library.json is invalid. */
  readonly exclude: readonly string[] | null;
  /** The model the index is built with; null for an index with nothing stored yet. */
  readonly model: { readonly id: string; readonly dimension: number } | null;
  /** The model files that search and index would use; null when none are found. */
  readonly modelFiles: { readonly id: string; readonly name: string; readonly dir: string; readonly testModel: boolean } | null;
  readonly assets: number;
  readonly indexed: number;
  readonly failed: number;
  readonly pending: number;
  readonly failures: IndexCounts["failures"];
  /** One sentence per problem found: damaged or missing files, missing or other model files. */
  readonly problems: readonly string[];
}

const emptyCounts: IndexCounts = { assets: 0, indexed: 0, failed: 0, pending: 0, failures: [] };

/** Registers the status command on `program`. */
export function registerStatusCommand(program: Command, context: CommandContext): void {
  program
    .command("status")
    .description("Show the folders and exclusions, how many photos are indexed, failed (with reasons) and pending, the model and the index location.")
    .option("--json", "print the status as JSON")
    .action((options: { json?: boolean }) => {
      const status = readStatus(context);
      context.out(options.json === true ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
    });
}

function readStatus(context: CommandContext): StatusJson {
  const paths = resolveIndexPaths(context);
  const stored = unwrap(readStoredIndex(paths));
  const found = findCliModel(context.globals().modelDir, context.env);
  const problems: string[] = [];

  const indexModel = chooseModel(paths, stored, found);
  let counts = emptyCounts;
  if (indexModel !== undefined) {
    const core = unwrap(context.loadCore());
    const opened = unwrap(openStoredIndex(core, paths, stored, indexModel));
    problems.push(...describeReadProblems(paths, opened));
    counts = unwrap(readIndexCounts(core));
  }

  if (!found.ok) {
    problems.push(`the model files cannot be used, so "queryable index" and "queryable search" cannot run: ${found.error.message}`);
  } else if (indexModel !== undefined && found.value.manifest.id !== indexModel.id) {
    problems.push(`the index is built with the model "${indexModel.id}", but the model files in ${found.value.dir} are "${found.value.manifest.id}"; pass --model-dir with the index's model, or --index PATH for a separate index of this model`);
  }

  const library = readLibraryConfig(paths.library);
  if (!library.ok) problems.push(library.error.message);
  for (const folder of library.ok ? library.value.folders : []) {
    if (isFolder(folder)) continue;
    problems.push(`the library folder ${folder} does not exist or is not a folder, so "queryable index" stops until it is back; reconnect the drive, or run "queryable index --remove-folder ${folder}" to stop indexing it`);
  }

  return {
    index: paths.dir,
    folders: library.ok ? library.value.folders : null,
    exclude: library.ok ? library.value.exclude : null,
    model: indexModel === undefined ? null : { id: indexModel.id, dimension: indexModel.dimension },
    modelFiles: found.ok ? describeModelFiles(found.value) : null,
    ...counts,
    problems,
  };
}

// The snapshot header names the model the index is built with. Without a
// snapshot, the index is new (an empty journal) or was written by a run
// that died before its first snapshot, and only the model files name the model.
function chooseModel(paths: IndexPaths, stored: StoredIndex, found: CliResult<FoundModel>): IndexModel | undefined {
  const header = readSnapshotModel(stored.snapshot);
  if (header !== undefined) return { id: header.modelId, dimension: header.dimension };
  if (found.ok) return { id: found.value.manifest.id, dimension: found.value.manifest.dimension };
  if (stored.journal.length === 0 && stored.snapshot.length === 0) return undefined;

  const reason = stored.snapshot.length === 0
    ? `${paths.journal} has records but there is no snapshot that names their model`
    : `the header of ${paths.snapshot} cannot be read`;
  return unwrap(failure(found.error.code, `${reason}, so the index can only be opened with the model files: ${found.error.message}`));
}

function describeModelFiles(model: FoundModel): NonNullable<StatusJson["modelFiles"]> {
  return { id: model.manifest.id, name: model.manifest.name, dir: model.dir, testModel: model.manifest.testModel };
}

function formatList(items: readonly string[] | null, empty: string): string {
  if (items === null) return "(unknown: library.json is invalid, see the problem below)";
  return items.length === 0 ? empty : items.join(", ");
}

function formatStatus(status: StatusJson): string {
  const lines = [
    `Index:    ${status.index}`,
    `Folders:  ${formatList(status.folders, "(none yet; run queryable index DIR...)")}`,
    `Excluded: ${formatList(status.exclude, "(nothing)")}`,
    `Model:    ${status.model === null ? "(none yet)" : `${status.model.id}, ${status.model.dimension} dimensions`}`,
  ];
  const files = status.modelFiles;
  if (files !== null) lines.push(`Files:    ${files.name} (${files.id}) in ${files.dir}${files.testModel ? " [colour test model]" : ""}`);
  lines.push(`Photos:   ${status.assets} known, ${status.indexed} indexed, ${status.failed} failed, ${status.pending} pending`);
  if (status.pending > 0) lines.push("Run \"queryable index\" to embed the pending photos.");

  for (const item of status.failures) {
    lines.push(`  failed (${item.attempts} ${item.attempts === 1 ? "attempt" : "attempts"}): ${item.path}: ${item.reason}`);
  }
  for (const problem of status.problems) lines.push(`Problem:  ${problem}`);
  return `${lines.join("\n")}\n`;
}
