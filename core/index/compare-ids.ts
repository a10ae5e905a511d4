/** Orders asset ids by UTF-16 code units, the same in every JavaScript engine. */
export function compareIds(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
