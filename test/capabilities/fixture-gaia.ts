import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CSV_TEXT, makePdf, PDF_LINES } from "./fixture-web.js";

/** A small GAIA-format dataset (metadata.jsonl + attachments) written for the tests. */
export async function writeGaiaFixture(dir: string, extraRows: Record<string, unknown>[] = []): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "report.pdf"), makePdf(PDF_LINES));
  await writeFile(join(dir, "cities.csv"), CSV_TEXT);
  const rows = [
    { task_id: "g-pdf", Question: "What was the total revenue in the attached annual report, in thousand USD?", Level: 1, "Final answer": "4210", file_name: "report.pdf" },
    { task_id: "g-csv", Question: "What is the population of Oslo in the attached file?", Level: 1, "Final answer": "709037", file_name: "cities.csv" },
    { task_id: "g-web", Question: "How many moons does Saturn have according to the moons page?", Level: 2, "Final answer": "146", file_name: "" },
    { task_id: "g-search", Question: "Which planet has 95 moons?", Level: 2, "Final answer": "Jupiter", file_name: "" },
    { task_id: "g-list", Question: "List the first two planets with rings, alphabetically.", Level: 3, "Final answer": "Jupiter, Saturn", file_name: "" },
    ...extraRows,
  ];
  await writeFile(join(dir, "metadata.jsonl"), `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
  return rows.map((r) => String(r.task_id));
}
