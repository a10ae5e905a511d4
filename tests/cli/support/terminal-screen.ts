// A small terminal screen for tests. It applies the text and control
// sequences that the progress bar and the logger write, and returns the rows
// a person would read. It handles carriage return, newline, cursor save and
// restore, cursor moves, line and screen clears, and line wrapping on and off.
import { Writable } from "node:stream";

/** A writable TTY stream that draws on a screen of `columns` by `rows`. */
export interface TerminalScreen {
  readonly stream: Writable & { isTTY: boolean; columns: number; rows: number };
  /** Returns the visible rows without trailing spaces or empty trailing rows. */
  lines(): string[];
}

export function createTerminalScreen(columns = 100, rows = 30): TerminalScreen {
  let grid: string[][] = [];
  let row = 0;
  let column = 0;
  let saved = { row: 0, column: 0 };
  let autowrap = true;

  const ensureRow = (index: number) => {
    while (grid.length <= index) grid.push([]);
  };
  const lineFeed = () => {
    row += 1;
    if (row >= rows) {
      grid = grid.slice(1);
      row = rows - 1;
    }
    ensureRow(row);
  };
  const putCharacter = (character: string) => {
    if (column >= columns) {
      if (autowrap) {
        column = 0;
        lineFeed();
      } else {
        // Without line wrapping, the text past the width overwrites the last column.
        column = columns - 1;
      }
    }
    ensureRow(row);
    const cells = grid[row]!;
    while (cells.length < column) cells.push(" ");
    cells[column] = character;
    column += 1;
  };
  const clearInLine = (mode: number) => {
    ensureRow(row);
    const cells = grid[row]!;
    if (mode === 2) grid[row] = [];
    else if (mode === 0) cells.length = Math.min(cells.length, column);
    else for (let index = 0; index <= column && index < cells.length; index++) cells[index] = " ";
  };
  const applyControlSequence = (parameters: string, final: string) => {
    const numbers = parameters.replace(/^\?/, "").split(";").map((part) => (part === "" ? undefined : Number(part)));
    const first = numbers[0];
    switch (final) {
      case "A": row = Math.max(0, row - (first ?? 1)); break;
      case "B": row = Math.min(rows - 1, row + (first ?? 1)); ensureRow(row); break;
      case "C": column = Math.min(columns - 1, column + (first ?? 1)); break;
      case "D": column = Math.max(0, column - (first ?? 1)); break;
      case "G": column = Math.max(0, (first ?? 1) - 1); break;
      case "H": row = Math.max(0, (first ?? 1) - 1); column = Math.max(0, (numbers[1] ?? 1) - 1); ensureRow(row); break;
      case "K": clearInLine(first ?? 0); break;
      case "J":
        if ((first ?? 0) === 0) {
          clearInLine(0);
          grid.length = Math.min(grid.length, row + 1);
        } else if (first === 2) {
          grid = [];
        }
        break;
      case "h":
      case "l":
        if (parameters === "?7") autowrap = final === "h";
        break; // Other modes, such as hiding the cursor, change nothing on screen.
      default: break;
    }
  };

  const apply = (text: string) => {
    for (let index = 0; index < text.length; index++) {
      const character = text[index]!;
      if (character === "\r") column = 0;
      else if (character === "\n") { column = 0; lineFeed(); }
      else if (character === "\x1b") {
        const next = text[index + 1];
        if (next === "7") { saved = { row, column }; index += 1; }
        else if (next === "8") { row = saved.row; column = saved.column; index += 1; }
        else if (next === "[") {
          const match = /^\[([?0-9;]*)([@-~])/.exec(text.slice(index + 1));
          if (match === null) continue;
          applyControlSequence(match[1]!, match[2]!);
          index += match[0].length;
        }
      } else putCharacter(character);
    }
  };

  const stream = new Writable({
    decodeStrings: false,
    write(chunk, _encoding, done) {
      apply(String(chunk));
      done();
    },
  }) as Writable & { isTTY: boolean; columns: number; rows: number };
  stream.isTTY = true;
  stream.columns = columns;
  stream.rows = rows;

  return {
    stream,
    lines: () => {
      const text = grid.map((cells) => cells.join("").replace(/\s+$/, ""));
      while (text.length > 0 && text[text.length - 1] === "") text.pop();
      return text;
    },
  };
}
