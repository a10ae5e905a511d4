/** Orders asset ids by UTF-16 code units, the same in every JavaScript engine. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
