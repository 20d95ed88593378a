/**
 * What every benchmark shares: command-line options, figures as the median
 * of their rounds with an optional target, and the report — a figure /
 * target / verdict table on stdout, a JSON file, exit code 1 when a target is
 * missed (never in smoke mode, whose sizes are too small to judge).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname } from "node:path";

export interface Figure {
  name: string;
  value: number;
  unit: string;
  rounds: number[];
  target?: { max?: number; min?: number };
}

/** The value of `--name value` on the command line, if given. */
export function option(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Collects figures; `report` prints and writes them and sets the exit code. */
export class BenchReport {
  readonly figures: Figure[] = [];

  constructor(readonly smoke: boolean) {}

  add(name: string, values: number[], unit: string, target?: Figure["target"]): void {
    this.figures.push({ name, value: median(values), unit, rounds: values, ...(target ? { target } : {}) });
  }

  verdict(f: Figure): string {
    if (!f.target) return "";
    if (this.smoke) return "smoke";
    const ok = (f.target.max === undefined || f.value <= f.target.max) && (f.target.min === undefined || f.value >= f.target.min);
    return ok ? "PASS" : "MISS";
  }

  /** Prints `title` and the table, writes `{ ...meta, machine, figures }` to `out`, exits 1 on a missed target. */
  report(title: string, out: string, meta: Record<string, unknown>, digits: (f: Figure) => number = (f) => (f.unit === "×" ? 2 : 1)): void {
    const targetText = (f: Figure) => (f.target ? [f.target.max !== undefined ? `≤ ${f.target.max}` : "", f.target.min !== undefined ? `≥ ${f.target.min}` : ""].join(" ").trim() + ` ${f.unit}` : "");
    const rows = this.figures.map((f) => [f.name, `${f.value.toFixed(digits(f))} ${f.unit}`, targetText(f), this.verdict(f)]);
    const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length), ["figure", "value", "target", "verdict"][c]!.length));
    const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join("  ");
    const machine = { node: process.version, arch: process.arch, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "?", loadavgAtEnd: loadavg() };
    console.log(`${title}${this.smoke ? " (smoke: sizes too small for verdicts)" : ""}; ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, load ${machine.loadavgAtEnd[0]!.toFixed(1)}`);
    console.log(line(["figure", "value", "target", "verdict"]));
    for (const r of rows) console.log(line(r));
    mkdirSync(dirname(out), { recursive: true });
    const figures = this.figures.map((f) => ({ ...f, verdict: this.verdict(f) || undefined }));
    writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), smoke: this.smoke, ...meta, machine, figures }, null, 2)}\n`);
    console.log(`written: ${out}`);
    const missed = this.figures.filter((f) => this.verdict(f) === "MISS");
    if (missed.length) {
      console.error(`targets missed: ${missed.map((f) => f.name).join("; ")}`);
      process.exitCode = 1;
    }
  }
}
