// Formats benchmark rows as one plain-text table per library size, with each
// runtime's times also given as a multiple of Node's in the same run.
import type { BenchRow } from "./bench-row";

const columns: { title: string; value: (row: BenchRow) => number | null; digits: number }[] = [
  { title: "open ms", value: (row) => row.openMs, digits: 1 },
  { title: "sync ms", value: (row) => row.firstSyncMs, digits: 1 },
  { title: "plan ms", value: (row) => row.planMs, digits: 1 },
  { title: "put ms", value: (row) => row.putMs, digits: 1 },
  { title: "snapshot ms", value: (row) => row.snapshotMs, digits: 1 },
  { title: "ms/query", value: (row) => row.msPerQuery, digits: 2 },
];

/** Returns the rows as text tables, one per (assets, dataset), with a note line per failed run. */
export function formatResults(rows: readonly BenchRow[]): string {
  const groups = new Map<string, BenchRow[]>();
  for (const row of rows) {
    const key = `${row.assets} assets, ${row.dimension}-d ${row.dataset} vectors, ${row.queries} queries`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups].map(([title, group]) => formatGroup(title, group)).join("\n\n");
}

function formatGroup(title: string, rows: readonly BenchRow[]): string {
  const header = ["runtime", "kernel", "policy", ...columns.map((column) => column.title), "query x node", "recall@10"];
  const body = rows.map((row) => {
    const node = rows.find((other) => other.runtime === "node" && other.policy === row.policy && other.kernel === row.kernel);
    return [
      row.runtime,
      row.kernel || "-",
      row.policy || "-",
      ...columns.map((column) => formatNumber(column.value(row), column.digits)),
      ratio(row.msPerQuery, node?.msPerQuery ?? null),
      formatNumber(row.recallAt10, 3),
    ];
  });

  const widths = header.map((cell, i) => Math.max(cell.length, ...body.map((line) => (line[i] ?? "").length)));
  const render = (cells: readonly string[]) => cells.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  const errors = rows.filter((row) => row.error !== undefined).map((row) => `  ${row.runtime}: ${row.error}`);

  return [title, render(header), ...body.map(render), ...errors].join("\n");
}

function formatNumber(value: number | null, digits: number): string {
  return value === null ? "n/a" : value.toFixed(digits);
}

function ratio(value: number | null, base: number | null): string {
  if (value === null || base === null || base === 0) return "n/a";
  return `${(value / base).toFixed(1)}x`;
}
