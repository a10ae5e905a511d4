import type { HandlerTable } from "./table";

/** Every request kind this core build serves. */
export const allHandlers: HandlerTable = {};
