import { describe, expect, it } from "vitest";
import { gaiaQuasiExactMatch, scoreGaia } from "../../src/scoring/index.js";

describe("GAIA quasi-exact match", () => {
  it.each([
    ["1234", "1234", true],
    ["$1,234", "1234", true],
    ["17%", "17", true],
    ["42 km", "42", true],
    ["1234.0", "1234", true],
    ["1235", "1234", false],
    ["", "0", false],
    ["about 12", "12", false],
    ["Saint Petersburg", "saint petersburg", true],
    ["St. Petersburg", "Saint Petersburg", false],
    ["right-handed", "Right Handed", true],
    ["apples; Pears", "apples, pears", true],
    ["apples, pears, plums", "apples, pears", false],
    ["3, 15", "3, 1, 5", false],
    ["b, 2.0", "b, 2", true],
    ["a.b, c", "ab, c", false],
  ])("%j vs gold %j → %s", (answer, gold, expected) => {
    expect(gaiaQuasiExactMatch(answer, gold)).toBe(expected);
  });

  it("reads the final answer line and gives feedback on a miss", () => {
    expect(scoreGaia("Reasoning…\nFINAL ANSWER: $4,210", "4210")).toEqual({ score: 1 });
    const miss = scoreGaia("FINAL ANSWER: Mars", "Jupiter");
    expect(miss.score).toBe(0);
    expect(miss.feedback).toMatch(/Jupiter/);
  });
});
