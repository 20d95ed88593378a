import { describe, expect, it } from "vitest";
import { extractTabMWPNumber, matchChoice, normalizeTabMWPAnswer, scoreTabMWP } from "../../src/scoring/index.js";

describe("normalizeTabMWPAnswer: edges", () => {
  it("trims before dropping the dollar sign, and only drops a leading one", () => {
    expect(normalizeTabMWPAnswer("  $12  ")).toBe("12");
    expect(normalizeTabMWPAnswer("12$")).toBe("12$");
  });
  it("keeps the thousands comma of a text answer", () => {
    expect(normalizeTabMWPAnswer("Apt 1,000")).toBe("Apt 1,000");
  });
  it("keeps every digit of a big integer", () => {
    expect(normalizeTabMWPAnswer("-12345678901234567891")).toBe("-12345678901234567891");
    expect(normalizeTabMWPAnswer("+12345678901234567891")).toBe("12345678901234567891");
  });
  it("leaves a chain of slashes as written", () => {
    expect(normalizeTabMWPAnswer("1/2/3")).toBe("1/2/3");
  });
  it("prints a value rounding to minus zero as 0", () => {
    expect(normalizeTabMWPAnswer("-0.0001")).toBe("0");
  });
  it("normalises a signed number once its unit is removed", () => {
    expect(normalizeTabMWPAnswer("-1,200 pages", "pages")).toBe("-1200");
  });
});

describe("matchChoice: edges", () => {
  it("prefers an exact option (any case, any padding) to an option letter", () => {
    expect(matchChoice("b", ["B ", "A"])).toBe("B ");
  });
  it("reads letters only in the shapes an option letter is written", () => {
    expect(matchChoice(" (b) ", ["yes", "no"])).toBe("no");
    expect(matchChoice("B. because it is cheaper", ["car", "bus"])).toBe("bus");
    expect(matchChoice("(B) because it is cheaper", ["car", "bus"])).toBe("bus");
    expect(matchChoice("The answer is B because it is cheaper", ["car", "bus"])).toBe("bus");
    expect(matchChoice("maybe (b)", ["yes", "no"])).toBeNull();
    expect(matchChoice("The one with 3 lb. of rice", ["rice", "beans"])).toBe("rice");
  });
  it("ignores a letter beyond the options and reads the text", () => {
    expect(matchChoice("(C) no", ["yes", "no"])).toBe("no");
  });
  it("names options containing punctuation", () => {
    expect(matchChoice("It was Dr. Kim, I think", ["Dr. Lee", "Dr. Kim"])).toBe("Dr. Kim");
    expect(matchChoice("It is St. Louis Corp, surely", ["Reardon Inc.", "St. Louis Corp."])).toBe("St. Louis Corp.");
  });
  it("never picks a blank option", () => {
    expect(matchChoice("maybe, so", [" ", "yes", "no"])).toBeNull();
  });
  it("treats an option starting with no, not one ending in it, as an answer after a negation", () => {
    expect(matchChoice("It is not mono.", ["mono", "stereo"])).toBeNull();
  });
  it("counts an option named twice once", () => {
    expect(matchChoice("Yes, yes, she has enough.", ["yes", "no"])).toBe("yes");
  });
  it("keeps the longest of nested option names", () => {
    expect(matchChoice("It is Brave New Day Corporation.", ["corporation", "Brave New Day Corporation"])).toBe("Brave New Day Corporation");
  });
  it("weighs word overlap by the longer of option and answer", () => {
    const choices = ["big red barn by the mill near the river", "old shed barn"];
    expect(matchChoice("old big barn", choices)).toBe("old shed barn");
  });
  it("counts shared words, not the option's words", () => {
    expect(matchChoice("I think the swing dance one", ["hip hop class", "swing dance class"])).toBe("swing dance class");
  });
  it("keeps the first of equally overlapping options", () => {
    expect(matchChoice("red big", ["red barn", "big shed"])).toBe("red barn");
  });
});

describe("extractTabMWPNumber: edges", () => {
  it("takes everything after The answer is", () => {
    expect(extractTabMWPNumber("The answer is 5 apples and 3 pears")).toBe("5 apples and 3 pears");
    expect(extractTabMWPNumber("The answer is  42")).toBe("42");
  });
  it("takes the number after = before later numbers", () => {
    expect(extractTabMWPNumber("3 * 4 = 12 apples for 5 boxes")).toBe("12");
    expect(extractTabMWPNumber("So x = 12. Then we stop")).toBe("12");
  });
  it("reads a LaTeX fraction with several digits and a Unicode minus", () => {
    expect(extractTabMWPNumber("\\frac{12}{5}")).toBe("12/5");
    expect(extractTabMWPNumber("The temperature is −5")).toBe("-5");
  });
});

describe("scoreTabMWP: edges", () => {
  it("scores a missing prediction 0", () => {
    expect(scoreTabMWP(undefined as unknown as string, "5").score).toBe(0);
  });
  it("treats an empty list of options as no options", () => {
    expect(scoreTabMWP("12", "12", { choices: [] }).score).toBe(1);
  });
  it("accepts an answer equal to a gold answer that mixes words and digits", () => {
    expect(scoreTabMWP("Route 66", "Route 66").score).toBe(1);
    expect(scoreTabMWP("route 66", "Route 66").score).toBe(1);
  });
  it("never accepts an empty answer", () => {
    expect(scoreTabMWP("", "").score).toBe(0);
    expect(scoreTabMWP("$", "$").score).toBe(0);
  });
  it("scores an unmatched option 0", () => {
    expect(scoreTabMWP("maybe", "yes", { choices: ["yes", "no"] }).score).toBe(0);
  });
});
