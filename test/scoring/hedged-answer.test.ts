import { describe, expect, it } from "vitest";
import { offersAlternatives } from "../../src/scoring/index.js";

describe("offersAlternatives", () => {
  it("spots alternatives the gold answer does not have", () => {
    expect(offersAlternatives("18 or 20", "18")).toBe(true);
    expect(offersAlternatives("5\\text{ or }6", "5")).toBe(true);
    expect(offersAlternatives("either 3 of them", "3")).toBe(true);
  });
  it("lets plain answers and matching alternatives through", () => {
    expect(offersAlternatives("18", "18")).toBe(false);
    expect(offersAlternatives("3 or 4", "3 or 4")).toBe(false);
    expect(offersAlternatives("yes or no", "yes")).toBe(false); // no number: options are matched elsewhere
  });
});

describe("offersAlternatives: what counts as \"or\"", () => {
  it("reads or / either in any case, and \\text{or} with or without spaces", () => {
    expect(offersAlternatives("18 OR 20", "18")).toBe(true);
    expect(offersAlternatives("Either 3 or 4", "3")).toBe(true);
    expect(offersAlternatives("5\\text{or}6", "5")).toBe(true);
    expect(offersAlternatives("5 \\text {  or  } 6", "5")).toBe(true);
  });
  it("does not take words that merely contain or / either for alternatives", () => {
    expect(offersAlternatives("18 for each box", "18")).toBe(false);
    expect(offersAlternatives("12 ordered pairs", "12")).toBe(false);
    expect(offersAlternatives("neither 3 is wrong", "3")).toBe(false);
    expect(offersAlternatives("5\\text{ore}", "5")).toBe(false);
  });
  it("lets a gold answer that offers alternatives itself accept them", () => {
    expect(offersAlternatives("2 or -2", "\\pm 2\\text{ or }x")).toBe(false);
  });
});
