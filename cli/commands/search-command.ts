// `queryable search "QUERY"`: finds photos matching a text.
import type { Command } from "commander";
import type { CommandContext } from "../command-context";
import { failure, unwrap } from "../errors";
import { formatHitsJson, formatHitsText } from "../output/format-hits";
import { checkOutputPath } from "../output/check-output-path";
import { htmlPageOutput, writeHtmlPage } from "../output/write-html-page";
import { encodeTextQuery } from "../search/encode-query";
import { runSearch, type SearchFilters, type SearchOutcome } from "../search/run-search";
import { openForReading, type ReadingSession } from "../session/open-for-reading";
import { integerIn, parseDate, parseKilometres, parseLocation, parseThreshold } from "./_internal/option-parsers";

/** Options shared by search and similar. */
export interface ResultOptions {
  top: number;
  threshold?: number;
  json?: boolean;
  html?: string;
  after?: number;
  before?: number;
  near?: { latitude: number; longitude: number };
  radius?: number;
  excludeScreenshots?: boolean;
  force?: boolean;
}

/** Default radius of --near, in kilometres. */
const defaultRadiusKm = 10;

/** Adds the result and filter options shared by search and similar to `command`. */
export function addResultOptions(command: Command): Command {
  return command
    .option("--top <N>", "number of results (1 to 10000)", integerIn(1, 10_000), 20)
    .option("--threshold <T>", "minimum cosine similarity, from -1 to 1", parseThreshold)
    .option("--json", "print results as JSON: model, candidates, and results with path, score and capture date")
    .option("--html <FILE>", "also write a self-contained HTML page of thumbnails with scores and paths to FILE")
    .option("--after <DATE>", "keep photos taken on or after DATE (YYYY-MM-DD local time, or ISO 8601 date-time)", parseDate)
    .option("--before <DATE>", "keep photos taken before DATE (YYYY-MM-DD local time, or ISO 8601 date-time)", parseDate)
    .option("--near <LAT,LON>", "keep photos taken near this place, in decimal degrees (needs GPS data in the photo)", parseLocation)
    .option("--radius <KM>", `radius around --near, in kilometres (default ${defaultRadiusKm})`, parseKilometres)
    .option("--exclude-screenshots", "leave out screenshots (detected by file name or the EXIF comment \"Screenshot\")")
    .option("--force", "let --html overwrite FILE even when it is not a page that queryable wrote");
}

/** Fails before any search work when --html names a file that is not an earlier results page and --force is absent. */
export function checkHtmlOutput(options: ResultOptions): void {
  if (options.html !== undefined) unwrap(checkOutputPath(options.html, htmlPageOutput, options.force === true));
}

/** Turns the filter options into search filters, after checking that they fit together. */
export function filtersFrom(options: ResultOptions): SearchFilters {
  if (options.radius !== undefined && options.near === undefined) {
    unwrap(failure("USAGE", "--radius needs --near LAT,LON to say around which place"));
  }
  if (options.after !== undefined && options.before !== undefined && options.after >= options.before) {
    unwrap(failure("USAGE", `--after (${new Date(options.after).toISOString()}) must be earlier than --before (${new Date(options.before).toISOString()})`));
  }

  return {
    ...(options.after === undefined ? {} : { afterMs: options.after }),
    ...(options.before === undefined ? {} : { beforeMs: options.before }),
    ...(options.near === undefined ? {} : { near: options.near, radiusMetres: (options.radius ?? defaultRadiusKm) * 1000 }),
    ...(options.excludeScreenshots === true ? { excludeScreenshots: true } : {}),
  };
}

/** Prints the outcome as text or JSON and writes the HTML page when asked. */
export async function reportResults(context: CommandContext, session: ReadingSession, outcome: SearchOutcome, options: ResultOptions, title: string): Promise<void> {
  const model = { id: session.model.manifest.id, testModel: session.model.manifest.testModel };
  if (options.html !== undefined) {
    unwrap(await writeHtmlPage(options.html, outcome, { title, testModel: model.testModel, logger: context.logger }));
    context.logger.info("HTML page written", { path: options.html, results: outcome.hits.length });
  }
  context.out(options.json === true ? formatHitsJson(outcome, model) : formatHitsText(outcome, model));
}

/** Fails with a clear message when the index contains no vectors yet. */
export function requireIndexedPhotos(session: ReadingSession): void {
  if ((session.opened.stats?.indexed ?? 0) === 0) {
    unwrap(failure("USAGE", `the index in ${session.paths.dir} contains no photos yet; run "queryable index DIR..." first, or pass --index PATH`));
  }
}

/** Registers the search command on `program`. */
export function registerSearchCommand(program: Command, context: CommandContext): void {
  const command = program
    .command("search")
    .description("Find photos that match a text, best first.")
    .argument("<QUERY>", "what to look for, e.g. \"dog on the beach\"");

  addResultOptions(command).action(async (query: string, options: ResultOptions) => {
    if (query.trim() === "") unwrap(failure("USAGE", "the query is empty; say what to look for, e.g. queryable search \"red car\""));
    const filters = filtersFrom(options);
    checkHtmlOutput(options);

    const session = unwrap(openForReading(context));
    requireIndexedPhotos(session);

    const vector = unwrap(await encodeTextQuery(session.core, session.model, query, context.logger));
    const outcome = unwrap(runSearch(session.core, {
      query: { vector },
      top: options.top,
      ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
      filters,
    }));
    await reportResults(context, session, outcome, options, `Photos matching "${query}"`);
  });
}
