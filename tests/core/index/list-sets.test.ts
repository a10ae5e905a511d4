import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ListSets, NO_LISTS } from "../../../core/index/list-sets";

describe("ListSets", () => {
  it("empty pair is NO_LISTS", () => {
    const sets = new ListSets();
    expect(sets.intern([], [])).toBe(NO_LISTS);
    expect(sets.at(NO_LISTS)).toEqual({ subtypes: [], albumIds: [] });
    expect(sets.size).toBe(1);
  });

  it("equal pairs share a number", () => {
    const sets = new ListSets();
    const live = sets.intern([2], []);
    expect(sets.intern(Int32Array.of(2), [])).toBe(live);
    expect(sets.intern([2], ["trip"])).not.toBe(live);
    expect(sets.size).toBe(3);
  });

  it("keeps frozen copies", () => {
    const sets = new ListSets();
    const subtypes = [1, 2];
    const albums = ["x"];
    const pair = sets.at(sets.intern(subtypes, albums));
    subtypes.push(3);
    albums.push("y");

    expect(pair).toEqual({ subtypes: [1, 2], albumIds: ["x"] });
    expect(Object.isFrozen(pair.subtypes)).toBe(true);
    expect(Object.isFrozen(pair.albumIds)).toBe(true);
  });

  it("numbers equal exactly for equal pairs", () => {
    const pair = fc.record({ subtypes: fc.array(fc.integer({ min: -3, max: 12 }), { maxLength: 3 }), albumIds: fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 30 }), (pairs) => {
        const sets = new ListSets();
        const numbers = pairs.map((p) => sets.intern(p.subtypes, p.albumIds));
        pairs.forEach((p, i) => {
          expect(sets.at(numbers[i]!)).toEqual(p);
          pairs.forEach((q, k) => expect(numbers[i] === numbers[k]).toBe(JSON.stringify(p) === JSON.stringify(q)));
        });
      }),
    );
  });

  it("album ids with separators stay apart", () => {
    const sets = new ListSets();
    const numbers = [sets.intern([], ["1:a"]), sets.intern([], ["1", "a"]), sets.intern([], ["1:a1:b"]), sets.intern([], ["a", "b"]), sets.intern([1], []), sets.intern([], [";"])];
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});

describe("ListSets ranges", () => {
  it("range equals its slice", () => {
    const sets = new ListSets();
    const values = Int32Array.of(4, 2, 6, 2);
    expect(sets.intern(values, [], 1, 2)).toBe(sets.intern([2], []));
    expect(sets.intern(values, ["a"], 1, 3)).toBe(sets.intern([2, 6], ["a"]));
    expect(sets.at(sets.intern(values, [], 0, 4)).subtypes).toEqual([4, 2, 6, 2]);
    expect(sets.intern(values, [], 2, 2)).toBe(NO_LISTS);
  });
});
