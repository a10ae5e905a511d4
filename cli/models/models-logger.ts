// The logger that model download and lookup write to. The CLI entry injects
// its own; any object with these methods fits.

/** Receives starts, stops, retries and caught errors, each with the ids involved. */
export interface ModelsLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A logger that drops everything, for callers that do not log. */
export const silentLogger: ModelsLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
