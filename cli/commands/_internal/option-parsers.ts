// Parsers for command line values. Each throws commander's
// InvalidArgumentError, which commander reports as a usage error (exit 2)
// naming the option and the value.
import { InvalidArgumentError } from "commander";

/** Parses a whole number from `min` to `max`. */
export function integerIn(min: number, max: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got "${value}".`);
    }
    return parsed;
  };
}

/** Parses a cosine similarity threshold from -1 to 1. */
export function parseThreshold(value: string): number {
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed) || parsed < -1 || parsed > 1) {
    throw new InvalidArgumentError(`expected a cosine similarity from -1 to 1, e.g. 0.25, got "${value}".`);
  }
  return parsed;
}

/**
 * Parses a date as milliseconds since the epoch: "YYYY-MM-DD" is local
 * midnight of that day; any other value must be an ISO 8601 date-time.
 */
export function parseDate(value: string): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day !== null) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const local = new Date(year, month - 1, date);
    if (local.getFullYear() === year && local.getMonth() === month - 1 && local.getDate() === date) return local.getTime();
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const parsed = Date.parse(value);
    if (!Number.isNaN(parsed)) return parsed;
  }
  throw new InvalidArgumentError(`expected a date as YYYY-MM-DD or an ISO 8601 date-time, got "${value}".`);
}

/** Parses "LAT,LON" in decimal degrees. */
export function parseLocation(value: string): { latitude: number; longitude: number } {
  const parts = value.split(",").map((part) => part.trim());
  const [latitude, longitude] = parts.map(Number);
  if (parts.length !== 2 || parts.some((part) => part === "") || latitude === undefined || longitude === undefined
    || !Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
    throw new InvalidArgumentError(`expected LAT,LON in decimal degrees (latitude -90 to 90, longitude -180 to 180), e.g. 48.8584,2.2945, got "${value}".`);
  }
  return { latitude, longitude };
}

/** Parses a positive distance in kilometres. */
export function parseKilometres(value: string): number {
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed) || parsed <= 0 || parsed > 20_100) {
    throw new InvalidArgumentError(`expected a distance in kilometres above 0 and at most 20100 (half the Earth's circumference), got "${value}".`);
  }
  return parsed;
}

/** Collects a repeatable option into an array. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
