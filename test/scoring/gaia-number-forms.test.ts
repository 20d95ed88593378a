import { describe, expect, it } from "vitest";
import { gaiaQuasiExactMatch, scoreGaia } from "../../src/scoring/index.js";

// The number forms GAIA's official scorer reads with Python's float(), and
// the list and string rules around them (score-gaia.test.ts has the basics).
describe("GAIA quasi-exact match: numbers as Python's float() reads them", () => {
  it.each([
    ["12.0", " 12", true], // float(" 12") ignores the spaces
    ["1_000", "1000", true], // and the digit separators
    ["-5.0", "-5", true],
    ["5", "+5", true],
    ["0.25", ".25", true],
    ["5", "5.", true],
    ["1000", "1e3", true],
    ["1000", "1E3", true],
    ["0.001", "1e-3", true],
    ["10000000000", "1e10", true],
    ["1e3", "1000", true],
    ["Infinity", "inf", true],
    ["-inf", "-inf", true], // a bug before: the sign was read as a number and "inf" as its unit
    ["-Infinity", "-inf", true],
    ["-inf", "inf", false],
    ["inf", "-inf", false],
  ])("%j vs gold %j → %s", (answer, gold, expected) => {
    expect(gaiaQuasiExactMatch(answer, gold)).toBe(expected);
  });

  it("reads a number with a trailing unit, but not a product or a number inside words", () => {
    expect(gaiaQuasiExactMatch("42 km.", "42")).toBe(true);
    expect(gaiaQuasiExactMatch("42km", "42")).toBe(true);
    expect(gaiaQuasiExactMatch("42 km ", "42")).toBe(true);
    expect(gaiaQuasiExactMatch("3 km/h", "3")).toBe(true);
    expect(gaiaQuasiExactMatch("30°", "30")).toBe(true);
    expect(gaiaQuasiExactMatch("10x5", "105")).toBe(false);
    expect(gaiaQuasiExactMatch("2 dozen eggs", "2")).toBe(false);
  });

  it("compares a gold answer that only contains a number as a string", () => {
    expect(gaiaQuasiExactMatch("Room 101", "room 101")).toBe(true);
    expect(gaiaQuasiExactMatch("5 Apples", "5 apples")).toBe(true);
    expect(gaiaQuasiExactMatch("Room 102", "room 101")).toBe(false);
    // Words that end or start like "inf" are words.
    expect(gaiaQuasiExactMatch("beyond infinity", "to infinity")).toBe(false);
    expect(gaiaQuasiExactMatch("data", "information")).toBe(false);
  });
});

describe("GAIA quasi-exact match: lists and strings", () => {
  it("needs every element of a list to match", () => {
    expect(gaiaQuasiExactMatch("apples, plums", "apples, pears")).toBe(false);
    expect(gaiaQuasiExactMatch("7, apples", "7, pears")).toBe(false);
    expect(gaiaQuasiExactMatch("8, pears", "7, pears")).toBe(false);
    expect(gaiaQuasiExactMatch("New York, Paris", "new york;paris")).toBe(true);
    expect(gaiaQuasiExactMatch("42 km , 7", "42, 7")).toBe(true);
    expect(gaiaQuasiExactMatch("St. Louis, Paris", "St. Louis, Paris")).toBe(true); // list items keep their punctuation
  });

  it("lower-cases as Python does: ß is not ss", () => {
    expect(gaiaQuasiExactMatch("Straße", "STRASSE")).toBe(false);
    expect(gaiaQuasiExactMatch("STRASSE", "strasse")).toBe(true);
  });

  it("scores a missing reply 0 with feedback instead of throwing", () => {
    const result = scoreGaia(undefined as unknown as string, "Jupiter");
    expect(result.score).toBe(0);
    expect(result.feedback).toBe("expected Jupiter, got no answer");
  });
});
