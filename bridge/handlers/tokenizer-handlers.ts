// LoadVocabulary and Tokenize: the CLIP tokenizer behind the bridge.
import { fail, ok, type Result } from "../../core/errors";
import { ClipTokenizer, CLIP_CONTEXT_LENGTH } from "../../core/tokenizer/clip-tokenizer";
import type { ClipVocabulary } from "../../core/tokenizer/clip-vocabulary";
import { loadHuggingFaceVocabulary } from "../../core/tokenizer/load-hugging-face-vocabulary";
import { loadOpenAiVocabulary, loadOpenAiVocabularyText } from "../../core/tokenizer/load-openai-vocabulary";
import type { Handler, HandlerOutput, RequestBody } from "../handler";
import type { HandlerTable } from "./table";

function loadVocabulary(body: RequestBody<"loadVocabulary">): Result<ClipVocabulary> {
  const bpeTxt = body.bpeTxt ?? new Uint8Array(0);
  const bpeGz = body.bpeGz ?? new Uint8Array(0);
  const vocabJson = body.vocabJson ?? new Uint8Array(0);
  const mergesTxt = body.mergesTxt ?? new Uint8Array(0);
  const hasPair = vocabJson.length > 0 || mergesTxt.length > 0;

  const setForms = [bpeTxt.length > 0 ? "bpe_txt" : "", bpeGz.length > 0 ? "bpe_gz" : "", hasPair ? "vocab_json/merges_txt" : ""].filter((name) => name !== "");
  if (setForms.length > 1) {
    return fail("INVALID_VOCABULARY", `LoadVocabulary sets ${setForms.join(" and ")}; send one vocabulary`);
  }
  if (bpeTxt.length > 0) return loadOpenAiVocabularyText(bpeTxt);
  if (bpeGz.length > 0) return loadOpenAiVocabulary(bpeGz);
  if (vocabJson.length > 0 && mergesTxt.length > 0) return loadHuggingFaceVocabulary(vocabJson, mergesTxt);
  if (hasPair) {
    return fail("INVALID_VOCABULARY", `LoadVocabulary has ${vocabJson.length} bytes of vocab_json and ${mergesTxt.length} of merges_txt; send both files of the pair`);
  }
  return fail("INVALID_VOCABULARY", "LoadVocabulary is empty; set bpe_txt, bpe_gz, or vocab_json and merges_txt");
}

/** Replaces the session's tokenizer only when the new vocabulary loads, so a bad file keeps the old one. */
const handleLoadVocabulary: Handler<"loadVocabulary"> = (body, session) => {
  const vocabulary = loadVocabulary(body);
  if (!vocabulary.ok) return vocabulary;

  session.tokenizer = new ClipTokenizer(vocabulary.value);
  const vocabularyLoaded = { vocabularySize: vocabulary.value.tokenIds.size, merges: vocabulary.value.mergeRanks.size };
  return ok<HandlerOutput>({ vocabularyLoaded });
};

/** Tokenizes every text of the batch; a failure on any text fails the whole request. */
const handleTokenize: Handler<"tokenize"> = (body, session) => {
  const tokenizer = session.tokenizer;
  if (tokenizer === null) {
    return fail("VOCABULARY_NOT_LOADED", "Tokenize came before any vocabulary was loaded; send LoadVocabulary with CLIP's bpe_simple_vocab_16e6.txt.gz first");
  }

  const contextLength = body.contextLength || CLIP_CONTEXT_LENGTH;
  const results: { ids: number[]; truncated: boolean }[] = [];
  for (const text of body.texts ?? []) {
    const tokenized = tokenizer.tokenize(text, contextLength);
    if (!tokenized.ok) return tokenized;
    results.push({ ids: Array.from(tokenized.value.ids), truncated: tokenized.value.truncated });
  }
  return ok<HandlerOutput>({ tokenizeResult: { results } });
};

/** Handlers of the tokenizer requests. */
export const tokenizerHandlers: HandlerTable = {
  loadVocabulary: handleLoadVocabulary,
  tokenize: handleTokenize,
};
