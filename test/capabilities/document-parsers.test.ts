import { describe, expect, it } from "vitest";
import { CapabilityError, PARSERS } from "../../src/capabilities/index.js";
import { CSV_TEXT, makePdf, PDF_LINES, TABLE_PAGE } from "./fixture-web.js";

describe("host parsers", () => {
  it("turns HTML into readable text without scripts or styles, and into Markdown", async () => {
    const text = await PARSERS.html(TABLE_PAGE);
    expect(text).toContain("Moons of the outer planets");
    expect(text).toMatch(/Saturn\s+146/);
    expect(text).not.toContain("var x");
    const md = await PARSERS.markdown({ text: "<h2>Title</h2><p>See <a href='https://x.org'>this</a></p><script>bad()</script>" });
    expect(md).toBe("## Title\n\nSee [this](https://x.org)");
  });

  it("reads HTML tables into rows, with captions, colspans and nested tables kept apart", async () => {
    const tables = await PARSERS.tables(TABLE_PAGE);
    expect(tables).toEqual([{ caption: "Moons", rows: [["Planet", "Moons"], ["Jupiter", "95"], ["Saturn", "146"], ["Uranus", "28"]] }]);
    const nested = await PARSERS.tables("<table><tr><td colspan=2>wide</td></tr><tr><td>a<table><tr><td>inner</td></tr></table></td><td>b</td></tr></table>");
    expect(nested[0]!.rows).toEqual([["wide", "wide"], ["ainner", "b"]]);
    expect(nested[1]!.rows).toEqual([["inner"]]);
  });

  it("extracts PDF text from base64 bytes and refuses non-PDF bytes with a typed error", async () => {
    const text = await PARSERS.pdf({ base64: makePdf(PDF_LINES).toString("base64") });
    expect(text).toContain("Total revenue: 4,210 thousand USD");
    await expect(PARSERS.pdf({ base64: Buffer.from("not a pdf").toString("base64") })).rejects.toThrow(CapabilityError);
    await expect(PARSERS.pdf({} as never)).rejects.toThrow(/expected bytes/);
  });

  it("reads CSV (quoted commas) and XLSX (numbers stay numbers)", async () => {
    expect(await PARSERS.csv(CSV_TEXT)).toEqual([["city", "population"], ["Oslo", "709,037"], ["Bergen", "291940"]]);
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("Sales");
    sheet.addRow(["item", "units"]);
    sheet.addRow(["apples", 12]);
    sheet.addRow(["total", { formula: "B2*2", result: 24 }]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await PARSERS.xlsx({ base64: bytes.toString("base64") })).toEqual([{ sheet: "Sales", rows: [["item", "units"], ["apples", 12], ["total", 24]] }]);
    await expect(PARSERS.xlsx({ base64: "AAAA" })).rejects.toThrow(/not a readable XLSX/);
  });
});
