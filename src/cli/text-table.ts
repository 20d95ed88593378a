/**
 * Formats rows as a plain-text table with padded columns (no box-drawing
 * escapes, so it reads the same in a terminal, a log file or CI output).
 *
 * @example
 * import { textTable } from "toolforge";
 * console.log(textTable(["step", "outcome"], [["1", "accepted"]]));
 */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const fmt = (r: readonly string[]) => r.map((c, i) => (c ?? "").padEnd(widths[i]!)).join("  ").trimEnd();
  return [fmt(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(fmt)].join("\n");
}
