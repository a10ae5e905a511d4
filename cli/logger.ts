// The injected logger of the CLI. Modules receive a Logger and never write to
// the console themselves, so tests can capture what they log.

export type LogLevel = "debug" | "info" | "warn" | "error";

/** Structured fields printed after the message as key=value pairs, e.g. ids and counts. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** A sink for log lines. Each method writes one line at its level. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const levelRank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Options of createLogger. */
export interface LoggerOptions {
  /** Writes one finished line, including its newline. */
  readonly write: (line: string) => void;
  /** Lines below this level are dropped. */
  readonly level: LogLevel;
  /** Clock for the timestamps; injected by tests. */
  readonly now?: () => Date;
}

/** Creates a logger that writes "ISO-time LEVEL message key=value ..." lines. */
export function createLogger(options: LoggerOptions): Logger {
  const now = options.now ?? (() => new Date());

  const log = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (levelRank[level] < levelRank[options.level]) return;
    options.write(`${now().toISOString()} ${level.toUpperCase()} ${message}${formatFields(fields)}\n`);
  };

  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

/** A logger that drops everything, for callers that do not care. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

function formatFields(fields: LogFields | undefined): string {
  if (fields === undefined) return "";

  let text = "";
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    text += ` ${key}=${formatValue(value)}`;
  }
  return text;
}

// Quote values with spaces or quotes, so paths stay one readable field.
function formatValue(value: string | number | boolean): string {
  const text = String(value);
  return /[\s"=]/.test(text) || text === "" ? JSON.stringify(text) : text;
}
