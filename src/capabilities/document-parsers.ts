import { CapabilityError } from "./errors.js";

/**
 * Input of a parser: a string, or anything carrying `text` or `base64`
 * (what `fetch` and `readAttachment` return), so `parse.pdf(await readAttachment("a.pdf"))` works.
 *
 * @example
 * const input: import("toolforge").ParserInput = { base64: "JVBERi0xLjQK..." };
 */
export type ParserInput = string | { text?: string; base64?: string };

/**
 * One HTML table: its caption (if any) and its rows of cell texts (header rows included).
 *
 * @example
 * const t: import("toolforge").HtmlTable = { caption: "Population", rows: [["City", "People"], ["Oslo", "709,037"]] };
 */
export interface HtmlTable {
  caption?: string;
  rows: string[][];
}

/**
 * The host parsers learned code reaches as `parse.<name>`. Each library is
 * imported on first use, so `import("toolforge")` stays fast.
 *
 * @example
 * import { PARSERS } from "toolforge";
 * console.log(await PARSERS.tables("<table><tr><td>a</td><td>1</td></tr></table>")); // [{ rows: [["a", "1"]] }]
 */
export const PARSERS = {
  /** HTML → readable plain text (scripts, styles and hidden markup dropped; blocks on their own lines). */
  html: async (input: ParserInput): Promise<string> => htmlText(textOf(input, "html")),
  /** HTML → Markdown (turndown). */
  markdown: async (input: ParserInput): Promise<string> => {
    const { default: TurndownService } = await import("turndown");
    const service = new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced" });
    service.remove(["script", "style", "noscript", "iframe"]);
    return service.turndown(textOf(input, "markdown"));
  },
  /** HTML tables → rows of cell texts, one entry per `<table>`. */
  tables: async (input: ParserInput): Promise<HtmlTable[]> => htmlTables(textOf(input, "tables")),
  /** PDF bytes → text, pages separated by blank lines (pdf.js through unpdf). */
  pdf: async (input: ParserInput): Promise<string> => {
    const bytes = bytesOf(input, "pdf");
    const { getDocumentProxy, extractText } = await import("unpdf");
    try {
      const doc = await getDocumentProxy(new Uint8Array(bytes));
      const { text } = await extractText(doc, { mergePages: false });
      return (text as string[]).join("\n\n");
    } catch (e) {
      throw new CapabilityError("E_CAP_PARSE", "parse.pdf", `not a readable PDF: ${(e as Error).message}`, { cause: e });
    }
  },
  /** CSV text → rows of strings (quoted fields, embedded newlines, ragged rows allowed). */
  csv: async (input: ParserInput): Promise<string[][]> => {
    const { parse } = await import("csv-parse/sync");
    try {
      return parse(textOf(input, "csv"), { relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true }) as string[][];
    } catch (e) {
      throw new CapabilityError("E_CAP_PARSE", "parse.csv", (e as Error).message, { cause: e });
    }
  },
  /** XLSX bytes → one entry per sheet with its rows (numbers stay numbers, dates become ISO strings, formulas their results). */
  xlsx: async (input: ParserInput): Promise<{ sheet: string; rows: unknown[][] }[]> => xlsxRows(bytesOf(input, "xlsx")),
} as const;

/**
 * Name of a host parser.
 *
 * @example
 * const name: import("toolforge").ParserName = "pdf";
 */
export type ParserName = keyof typeof PARSERS;

function textOf(input: ParserInput, parser: string): string {
  if (typeof input === "string") return input;
  if (input && typeof input === "object") {
    if (typeof input.text === "string") return input.text;
    if (typeof input.base64 === "string") return Buffer.from(input.base64, "base64").toString("utf8");
  }
  throw new CapabilityError("E_CAP_BAD_ARGUMENT", `parse.${parser}`, "expected a string or an object with text or base64");
}

function bytesOf(input: ParserInput, parser: string): Buffer {
  if (input && typeof input === "object" && typeof input.base64 === "string") return Buffer.from(input.base64, "base64");
  if (typeof input === "string") return Buffer.from(input, "base64");
  throw new CapabilityError("E_CAP_BAD_ARGUMENT", `parse.${parser}`, "expected bytes: a base64 string or an object with base64 (fetch with { as: \"base64\" }, or readAttachment)");
}

const BLOCK = "address,article,aside,blockquote,br,dd,div,dl,dt,figcaption,figure,footer,form,h1,h2,h3,h4,h5,h6,header,hr,li,main,nav,ol,p,pre,section,table,tr,ul";

async function htmlText(html: string): Promise<string> {
  const { load } = await import("cheerio");
  const $ = load(html);
  $("script, style, noscript, template, iframe, svg, head").remove();
  $(BLOCK).each((_, el) => {
    $(el).before("\n").after("\n");
  });
  $("td, th").each((_, el) => {
    $(el).after("\t");
  });
  return $.root()
    .text()
    .replace(/[ \t\u00a0]+\n/g, "\n")
    .replace(/[ \u00a0]{2,}/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

async function htmlTables(html: string): Promise<HtmlTable[]> {
  const { load } = await import("cheerio");
  const $ = load(html);
  $("script, style, sup.reference").remove();
  return $("table")
    .toArray()
    .map((table) => {
      const caption = $(table).children("caption").first().text().trim();
      // Only this table's own rows: a nested table is listed on its own.
      const rows = $(table)
        .find("tr")
        .filter((_, tr) => $(tr).closest("table").get(0) === table)
        .toArray()
        .map((tr) =>
          $(tr)
            .children("td, th")
            .toArray()
            .flatMap((cell) => {
              const text = $(cell).text().replace(/\s+/g, " ").trim();
              const span = Math.min(Number($(cell).attr("colspan") ?? 1) || 1, 50);
              return Array.from({ length: span }, () => text);
            }),
        );
      return caption ? { caption, rows } : { rows };
    });
}

async function xlsxRows(bytes: Buffer): Promise<{ sheet: string; rows: unknown[][] }[]> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new CapabilityError("E_CAP_PARSE", "parse.xlsx", `not a readable XLSX workbook: ${(e as Error).message}`, { cause: e });
  }
  return workbook.worksheets.map((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.push(values.map(cellValue));
    });
    return { sheet: sheet.name, rows };
  });
}

function cellValue(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") {
    const o = v as { result?: unknown; text?: unknown; richText?: { text: string }[]; hyperlink?: string };
    if ("result" in o) return cellValue(o.result);
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join("");
    if (typeof o.text === "string") return o.text;
    return JSON.stringify(v);
  }
  return v;
}
