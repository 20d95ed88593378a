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
