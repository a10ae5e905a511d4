import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { integerIn, parseDate, parseKilometres, parseLocation, parseThreshold } from "../../../../cli/commands/_internal/option-parsers";

describe("integerIn", () => {
  it("accepts the bounds", () => {
    expect(integerIn(1, 10)("1")).toBe(1);
    expect(integerIn(1, 10)("10")).toBe(10);
  });

  it("rejects fractions, signs and out-of-range values", () => {
    for (const value of ["0", "11", "2.5", "-3", "abc", ""]) {
      expect(() => integerIn(1, 10)(value), value).toThrow(InvalidArgumentError);
    }
  });
});

describe("parseThreshold", () => {
  it("accepts -1 to 1", () => {
    expect(parseThreshold("-1")).toBe(-1);
    expect(parseThreshold("0.25")).toBe(0.25);
  });

  it("rejects values outside -1 to 1", () => {
    for (const value of ["1.5", "-2", "NaN", " "]) expect(() => parseThreshold(value), value).toThrow(InvalidArgumentError);
  });
});

describe("parseDate", () => {
  it("reads a day as local midnight", () => {
    expect(parseDate("2023-05-01")).toBe(new Date(2023, 4, 1).getTime());
  });

  it("reads an ISO date-time with zone", () => {
    expect(parseDate("2023-05-01T12:00:00Z")).toBe(Date.UTC(2023, 4, 1, 12));
  });

  it("rejects impossible and vague dates", () => {
    for (const value of ["2023-02-30", "yesterday", "05/01/2023", "2023-13-01"]) expect(() => parseDate(value), value).toThrow(InvalidArgumentError);
  });
});

describe("parseLocation", () => {
  it("reads LAT,LON", () => {
    expect(parseLocation("48.8584, 2.2945")).toEqual({ latitude: 48.8584, longitude: 2.2945 });
  });

  it("rejects out-of-range or partial values", () => {
    for (const value of ["91,0", "0,181", "48.8", "a,b", ",2"]) expect(() => parseLocation(value), value).toThrow(InvalidArgumentError);
  });
});

describe("parseKilometres", () => {
  it("accepts positive distances", () => {
    expect(parseKilometres("2.5")).toBe(2.5);
  });

  it("rejects zero and negatives", () => {
    for (const value of ["0", "-1", "x"]) expect(() => parseKilometres(value), value).toThrow(InvalidArgumentError);
  });
});
