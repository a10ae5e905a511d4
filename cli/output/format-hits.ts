// Prints search hits for people (aligned text) and for programs (JSON).
import type { SearchOutcome } from "../search/run-search";
import { displayPath } from "./display-path";

/** The JSON document of `search --json` and `similar --json`. */
export interface HitsJson {
  readonly model: string;
  /** True for the colour test model, whose results only prove the wiring. */
  readonly testModel: boolean;
  readonly candidates: number;
  readonly results: readonly { readonly path: string; readonly score: number; readonly created: string | null }[];
}

/** Formats hits as one JSON document with a trailing newline. */
export function formatHitsJson(outcome: SearchOutcome, model: { id: string; testModel: boolean }): string {
  const document: HitsJson = {
    model: model.id,
    testModel: model.testModel,
    candidates: outcome.candidates,
    results: outcome.hits.map((hit) => ({ path: hit.path, score: hit.score, created: hit.createdMs > 0 ? new Date(hit.createdMs).toISOString() : null })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Formats hits as "score  date  path" lines, best first, with a note when
 * nothing matched (naming --threshold when it removed every photo that
 * passed the filters). A path with a control character is quoted (displayPath),
 * so each hit stays on one line.
 */
export function formatHitsText(outcome: SearchOutcome, model: { id: string; testModel: boolean }): string {
  const lines: string[] = [];
  if (model.testModel) lines.push(`Note: "${model.id}" is the colour test model; scores reflect colours only.`);

  if (outcome.hits.length === 0) {
    lines.push(noMatchLine(outcome));
    return `${lines.join("\n")}\n`;
  }

  for (const hit of outcome.hits) {
    const date = hit.createdMs > 0 ? new Date(hit.createdMs).toISOString().slice(0, 10) : "----------";
    lines.push(`${hit.score.toFixed(4)}  ${date}  ${displayPath(hit.path)}`);
  }
  return `${lines.join("\n")}\n`;
}

function noMatchLine(outcome: SearchOutcome): string {
  const count = outcome.candidates;
  if (outcome.threshold === undefined || count === 0) return `No photos matched (${count} passed the filters).`;
  const scored = count === 1 ? "the one photo that passed the filters scored" : `all ${count} photos that passed the filters scored`;
  return `No photos matched: ${scored} below --threshold ${outcome.threshold}; lower --threshold or leave it out.`;
}
