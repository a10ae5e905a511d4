// `queryable status`: the index's counts, failures, model and location.
import type { Command } from "commander";
import type { queryable } from "../../bridge/codec";
import type { CommandContext } from "../command-context";
import { unwrap } from "../errors";
import { readLibraryConfig } from "../index-store/library-config";
import { openForReading } from "../session/open-for-reading";

/** The JSON document of `status --json`. */
export interface StatusJson {
  readonly index: string;
  readonly folders: readonly string[];
  readonly exclude: readonly string[];
  readonly model: { readonly id: string; readonly name: string; readonly dir: string; readonly testModel: boolean };
  readonly assets: number;
  readonly indexed: number;
  readonly failed: number;
  readonly pending: number;
  readonly failures: readonly { readonly path: string; readonly reason: string; readonly attempts: number }[];
}

/** Registers the status command on `program`. */
export function registerStatusCommand(program: Command, context: CommandContext): void {
  program
    .command("status")
    .description("Show how many photos are indexed, failed (with reasons) and pending, the model and the index location.")
    .option("--json", "print the status as JSON")
    .action((options: { json?: boolean }) => {
      const session = unwrap(openForReading(context));
      const stats = unwrap(session.core.call({ getStats: { includeFailures: true } }, "stats")).result;
      const library = unwrap(readLibraryConfig(session.paths.library));

      const status: StatusJson = {
        index: session.paths.dir,
        folders: library.folders,
        exclude: library.exclude,
        model: { id: session.model.manifest.id, name: session.model.manifest.name, dir: session.model.dir, testModel: session.model.manifest.testModel },
        assets: stats.assets ?? 0,
        indexed: stats.indexed ?? 0,
        failed: stats.failed ?? 0,
        pending: stats.pending ?? 0,
        failures: toFailures(stats.failures ?? []),
      };
      context.out(options.json === true ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
    });
}

function toFailures(failures: readonly queryable.v1.IFailure[]): StatusJson["failures"] {
  return failures
    .map((item) => ({ path: item.id ?? "", reason: item.reason ?? "", attempts: item.attempts ?? 0 }))
    .sort((a, b) => comparePaths(a.path, b.path));
}

function comparePaths(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function formatStatus(status: StatusJson): string {
  const lines = [
    `Index:    ${status.index}`,
    `Folders:  ${status.folders.length === 0 ? "(none yet; run queryable index DIR...)" : status.folders.join(", ")}`,
  ];
  if (status.exclude.length > 0) lines.push(`Excluded: ${status.exclude.join(", ")}`);
  lines.push(
    `Model:    ${status.model.name} (${status.model.id}) in ${status.model.dir}${status.model.testModel ? " [colour test model]" : ""}`,
    `Photos:   ${status.assets} known, ${status.indexed} indexed, ${status.failed} failed, ${status.pending} pending`,
  );
  if (status.pending > 0) lines.push("Run \"queryable index\" to embed the pending photos.");

  for (const item of status.failures) {
    lines.push(`  failed (${item.attempts} ${item.attempts === 1 ? "attempt" : "attempts"}): ${item.path}: ${item.reason}`);
  }
  return `${lines.join("\n")}\n`;
}
