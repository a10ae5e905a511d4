import type { HandlerTable } from "./table";
import { imageHandlers } from "./image-handlers";
import { tokenizerHandlers } from "./tokenizer-handlers";
import { indexHandlers } from "./index-handlers";
import { searchHandlers } from "./search-handlers";

/** Every request kind this core build serves. */
export const allHandlers: HandlerTable = {
  ...tokenizerHandlers,
  ...imageHandlers,
  ...indexHandlers,
  ...searchHandlers,
};
