import { describe, it, expect } from "vitest";
import { getFieldPath, renderTabMWPPrompt } from "../../src/datasets/index.js";

describe("renderTabMWPPrompt", () => {
  it("renders title, table, question with unit and lettered options", () => {
    expect(
      renderTabMWPPrompt({
        question: "Who has more?",
        table: "Name | Coins\nAl | 3\nBo | 5",
        table_title: "Coins",
        choices: ["Al", "Bo"],
        unit: null,
      }),
    ).toBe("Table: Coins\nName | Coins\nAl | 3\nBo | 5\n\nQuestion: Who has more?\nOptions: (A) Al (B) Bo");
  });
  it("marks a missing title and adds the unit hint", () => {
    const text = renderTabMWPPrompt({ question: "How many?", table: " | x\ny | 1", table_title: null, unit: "pages" });
    expect(text).toBe("Table: (untitled)\n | x\ny | 1\n\nQuestion: How many? (Unit: pages)");
  });
});

describe("getFieldPath", () => {
  it("reads dotted paths, array indices and literal dotted keys", () => {
    expect(getFieldPath({ a: { b: [10, 20] } }, "a.b.1")).toBe(20);
    expect(getFieldPath({ "a.b": 1 }, "a.b")).toBe(1);
    expect(getFieldPath({ a: null }, "a.b")).toBeUndefined();
  });
});
