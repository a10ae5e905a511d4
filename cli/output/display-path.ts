const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Returns `path` for one line of text output. A path with a control
 * character (newline, tab, escape, DEL or a C1 control), or one that starts
 * with a double quote, is printed as a JSON string literal, so it never
 * splits or garbles a line and JSON.parse reads it back. Other paths are
 * returned unchanged.
 */
export function displayPath(path: string): string {
  if (!controlCharacter.test(path) && !path.startsWith("\"")) return path;

  // JSON.stringify escapes only U+0000 to U+001F, so DEL and C1 controls are escaped here.
  return JSON.stringify(path).replace(/[\u007f-\u009f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
