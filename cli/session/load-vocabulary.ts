// Loads the model's tokenizer vocabulary into core, so core can tokenize queries.
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import type { CoreHost } from "../core-host/core-host";
import { describeThrown, failure, success, type CliResult } from "../errors";
import type { VocabularyFiles } from "../models/find-vocabulary";

/**
 * Reads the vocabulary files and sends them to core, the OpenAI file
 * already unpacked. Fails with MODEL_MISSING when a file cannot be read or
 * is not valid gzip, and CORE_REJECTED
 * (INVALID_VOCABULARY) when core cannot parse it.
 */
export async function loadVocabulary(core: CoreHost, vocabulary: VocabularyFiles): Promise<CliResult<void>> {
  const read = async (path: string): Promise<CliResult<Uint8Array>> => {
    try {
      return success(await readFile(path));
    } catch (thrown) {
      return failure("MODEL_MISSING", `cannot read the tokenizer file ${path}: ${describeThrown(thrown)}; fetch the model with "queryable models fetch"`);
    }
  };

  let request: { bpeTxt: Uint8Array } | { vocabJson: Uint8Array; mergesTxt: Uint8Array };
  if (vocabulary.kind === "bpe-gz") {
    const bpeGz = await read(vocabulary.bpeGz);
    if (!bpeGz.ok) return bpeGz;

    // Node's native gunzip is faster than core's pure-JavaScript one, so the host unpacks the file.
    let bpeTxt: Uint8Array;
    try {
      bpeTxt = gunzipSync(bpeGz.value);
    } catch (thrown) {
      return failure("MODEL_MISSING", `the tokenizer file ${vocabulary.bpeGz} is not valid gzip: ${describeThrown(thrown)}; download it again or point QUERYABLE_CLIP_VOCAB at a good copy`);
    }
    request = { bpeTxt };
  } else {
    const vocabJson = await read(vocabulary.vocabJson);
    if (!vocabJson.ok) return vocabJson;
    const mergesTxt = await read(vocabulary.mergesTxt);
    if (!mergesTxt.ok) return mergesTxt;
    request = { vocabJson: vocabJson.value, mergesTxt: mergesTxt.value };
  }

  const loaded = core.call({ loadVocabulary: request }, "vocabularyLoaded");
  return loaded.ok ? success(undefined) : loaded;
}
