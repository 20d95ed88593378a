/**
 * Figures of a benchmark with targets: median of repeated rounds, A/B
 * interleaving, a figure / target / verdict table, a JSON report and a
 * non-zero exit code on a miss (never in smoke mode, whose sizes are too
 * small to judge).
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

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs every side once per round, in turn, so drift in machine load hits all of them alike; returns each side's per-round values. */
export async function interleaved<T>(rounds: number, sides: ReadonlyArray<() => Promise<T> | T>): Promise<T[][]> {
  const values = sides.map(() => [] as T[]);
  for (let r = 0; r < rounds; r++) {
    for (const [i, side] of sides.entries()) values[i]!.push(await side());
  }
  return values;
}

/** Collects figures, then prints and writes them. */
export class FigureTable {
  readonly figures: Figure[] = [];
  private readonly loadAtStart = loadavg();

  constructor(
    private readonly title: string,
    private readonly smoke: boolean,
    private readonly rounds: number,
  ) {}

  add(name: string, values: number[], unit: string, target?: Figure["target"]): number {
    const value = median(values);
    this.figures.push({ name, value, unit, rounds: values, ...(target ? { target } : {}) });
    // Progress on stderr, so a long run that is stopped still shows what it measured.
    console.error(`${name}: ${value.toPrecision(4)} ${unit} (rounds: ${values.map((v) => v.toPrecision(4)).join(", ")})`);
    return value;
  }

  verdict(f: Figure): string {
    if (!f.target) return "";
    if (this.smoke) return "smoke";
    const ok = (f.target.max === undefined || f.value <= f.target.max) && (f.target.min === undefined || f.value >= f.target.min);
    return ok ? "PASS" : "MISS";
  }

  /** Prints the table, writes the JSON report to `out`, and sets a non-zero exit code when a target was missed. */
  finish(out: string, extra: Record<string, unknown> = {}): void {
    const digits = (f: Figure) => (f.unit === "×" || f.unit === "" ? 3 : f.unit === "B" ? 0 : f.unit === "ms" && f.value < 100 ? 2 : 1);
    const targetText = (f: Figure) =>
      f.target ? `${[f.target.max !== undefined ? `≤ ${f.target.max}` : "", f.target.min !== undefined ? `≥ ${f.target.min}` : ""].join(" ").trim()} ${f.unit}`.trim() : "";
    const rows = this.figures.map((f) => [f.name, `${f.value.toFixed(digits(f))} ${f.unit}`.trim(), targetText(f), this.verdict(f)]);
    const header = ["figure", "value", "target", "verdict"];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
    const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join("  ").trimEnd();
    const machine = { node: process.version, arch: process.arch, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "?", loadavgAtStart: this.loadAtStart, loadavgAtEnd: loadavg() };
    console.log(`${this.title}${this.smoke ? " (smoke: sizes too small for verdicts)" : ""}; median of ${this.rounds} rounds; ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, load average ${machine.loadavgAtStart[0]!.toFixed(1)} → ${machine.loadavgAtEnd[0]!.toFixed(1)}`);
    console.log(line(header));
    for (const r of rows) console.log(line(r));
    mkdirSync(dirname(out), { recursive: true });
    const figures = this.figures.map((f) => ({ ...f, verdict: this.verdict(f) || undefined }));
    writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), smoke: this.smoke, rounds: this.rounds, machine, ...extra, figures }, null, 2)}\n`);
    console.log(`written: ${out}`);
    const missed = this.figures.filter((f) => this.verdict(f) === "MISS");
    if (missed.length) {
      console.error(`targets missed: ${missed.map((f) => f.name).join("; ")}`);
      process.exitCode = 1;
    }
  }
}
