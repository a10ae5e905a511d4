// `queryable similar IMAGE`: finds photos that look like an example photo.
import type { Command } from "commander";
import type { CommandContext } from "../command-context";
import { unwrap } from "../errors";
import { encodeImageQuery } from "../search/encode-query";
import { runSearch, type SearchQuery } from "../search/run-search";
import { storedVectorIsCurrent } from "../search/stored-vector";
import { openForReading } from "../session/open-for-reading";
import { checkImageArgument } from "./_internal/image-argument";
import { addResultOptions, checkHtmlOutput, filtersFrom, reportResults, requireIndexedPhotos, type ResultOptions } from "./search-command";

/** Registers the similar command on `program`. */
export function registerSimilarCommand(program: Command, context: CommandContext): void {
  const command = program
    .command("similar")
    .description("Find photos that look like IMAGE. An indexed photo that has not changed since indexing uses its stored vector; any other image is encoded.")
    .argument("<IMAGE>", "path of the example photo");

  addResultOptions(command).action(async (image: string, options: ResultOptions) => {
    const path = unwrap(checkImageArgument(image));
    const filters = filtersFrom(options);
    checkHtmlOutput(options);
    const session = unwrap(openForReading(context));
    requireIndexedPhotos(session);

    let query: SearchQuery["query"];
    if (storedVectorIsCurrent(session.core, session.paths, path, context.logger)) {
      context.logger.debug("using the stored vector of an indexed photo", { path });
      query = { assetId: path };
    } else {
      query = { vector: unwrap(await encodeImageQuery(session.core, session.model, path, context.logger)) };
    }

    // The example photo itself would always rank first, so it is left out.
    const outcome = unwrap(runSearch(session.core, {
      query,
      top: options.top,
      ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
      filters: { ...filters, excludeIds: [path] },
    }));
    await reportResults(context, session, outcome, options, `Photos similar to ${path}`);
  });
}
