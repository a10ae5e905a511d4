// Writes one self-contained HTML page of search results: small JPEG
// thumbnails inlined as data URIs, with scores and paths.
import { writeFile } from "node:fs/promises";
import sharp from "sharp";
import { describeThrown, failure, success, type CliResult } from "../errors";
import { decodeImage } from "../image/decode-image";
import type { Logger } from "../logger";
import type { SearchOutcome } from "../search/run-search";
import type { OutputKind } from "./check-output-path";

/** Maximum thumbnail side in pixels. */
const thumbnailSize = 256;

/** The meta element that marks a page as written by writeHtmlPage, so a later run may replace it. */
const pageMarker = '<meta name="generator" content="queryable search results">';

/** Label of the colour test model's pages, in the title and in a note above the results. */
export const testModelNote = "colour test model: results reflect colours only, not CLIP";

/** The --html output kind: a file is an earlier page when its head contains the page marker. */
export const htmlPageOutput: OutputKind = {
  option: "--html",
  description: "an HTML page of results that queryable wrote",
  headerBytes: 512,
  isEarlierOutput: (header) => Buffer.from(header).toString("utf8").includes(pageMarker),
};

/** Title and notes that the page shows besides the hits. */
export interface HtmlPageOptions {
  readonly title: string;
  /** True for the colour test model: the title and a note above the results say so. */
  readonly testModel: boolean;
  /** Receives what decoding libraries print while thumbnails are made. */
  readonly logger?: Logger;
}

/**
 * Writes the page to `path`, replacing any file there, so check the path
 * with checkOutputPath first. A photo that can no longer be decoded gets a
 * placeholder with the reason instead of a thumbnail. Fails with
 * OUTPUT_FAILED when the page cannot be written.
 */
export async function writeHtmlPage(path: string, outcome: SearchOutcome, options: HtmlPageOptions): Promise<CliResult<void>> {
  const cards: string[] = [];
  for (const hit of outcome.hits) {
    const thumbnail = await makeThumbnail(hit.path, options.logger);
    const image = thumbnail.ok
      ? `<img src="${thumbnail.value}" alt="">`
      : `<div class="missing">${escapeHtml(thumbnail.error)}</div>`;
    cards.push(`<figure>${image}<figcaption><b>${hit.score.toFixed(4)}</b><br>${escapeHtml(hit.path)}</figcaption></figure>`);
  }

  const title = options.testModel ? `[colour test model] ${options.title}` : options.title;
  const note = options.testModel ? `<p class="note">${escapeHtml(testModelNote)}</p>\n` : "";
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${pageMarker}
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; background: #fafafa; }
main { display: grid; grid-template-columns: repeat(auto-fill, minmax(${thumbnailSize}px, 1fr)); gap: 1rem; }
figure { margin: 0; background: #fff; padding: 0.5rem; border: 1px solid #ddd; }
img { width: 100%; height: ${thumbnailSize}px; object-fit: contain; background: #eee; }
figcaption { font-size: 0.8rem; word-break: break-all; }
.missing { height: ${thumbnailSize}px; display: flex; align-items: center; justify-content: center; color: #a00; font-size: 0.8rem; }
.note { padding: 0.5rem; background: #fff3cd; border: 1px solid #e0c060; font-weight: bold; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${note}<p>${outcome.hits.length} results, ${outcome.candidates} photos searched.</p>
<main>
${cards.join("\n")}
</main>
</body>
</html>
`;

  try {
    await writeFile(path, page, "utf8");
    return success(undefined);
  } catch (thrown) {
    return failure("OUTPUT_FAILED", `cannot write the HTML page ${path}: ${describeThrown(thrown)}; choose another path for --html`);
  }
}

async function makeThumbnail(path: string, logger: Logger | undefined): Promise<{ ok: true; value: string } | { ok: false; error: string }> {
  const decoded = await decodeImage(path, { maxShortSide: thumbnailSize, logger });
  if (!decoded.ok) return { ok: false, error: decoded.error.message };

  const { pixels, width, height, channels } = decoded.value;
  try {
    const jpeg = await sharp(pixels, { raw: { width, height, channels } })
      .resize({ width: thumbnailSize, height: thumbnailSize, fit: "inside" })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 70 })
      .toBuffer();
    return { ok: true, value: `data:image/jpeg;base64,${jpeg.toString("base64")}` };
  } catch (thrown) {
    return { ok: false, error: `thumbnail failed: ${describeThrown(thrown)}` };
  }
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
