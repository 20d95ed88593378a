/**
 * Sandbox benchmark with targets.
 *   npx tsx bench/sandbox.ts            full run (minutes), writes bench/results/sandbox.json
 *   npx tsx bench/sandbox.ts --smoke    seconds; same code paths, tiny sizes, no verdicts
 *   options: --out <file>  --rounds <n> (default 3)
 *
 * Every figure is the median of `rounds` repetitions, and figures that are
 * compared (sandbox vs plain Node, 1 vs 2 workers) are measured A/B
 * interleaved, round by round, so drift in machine load hits both sides.
 * Warm-call latency is measured both quiet and while CPU hogs (one busy
 * child process per core) load every core, with calls back to back and
 * spaced like real tool calls. Exits 1 when a target is missed (never in
 * --smoke mode).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import * as mathjs from "mathjs";
import { createSandbox, type SandboxCall, type SandboxWithStats } from "../src/sandbox/index.js";
import { BenchReport, median, option } from "./bench-report.js";

const TRIVIAL = "function add({ a, b }) { return a + b; }";
const MATH = `function solve({ n }) {
  const A = math.matrix([[4, 1, 2], [1, 5, 3], [2, 3, 6]]);
  const x = math.lusolve(A, [n, 2, 3]);
  const d = math.evaluate("det(A) * 2 + sqrt(n)", { A, n });
  return math.round(d + math.sum(x), 6);
}`;
const CPU = "function primes({ n }) { let c = 0; for (let i = 2; i < n; i++) { let p = true; for (let j = 2; j * j <= i; j++) if (i % j === 0) { p = false; break; } if (p) c++; } return c; }";

const smoke = process.argv.includes("--smoke");
const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(option("--out") ?? `${here}/results/sandbox.json`);
const rounds = Math.max(smoke ? 1 : 3, Number(option("--rounds") ?? 3));
const N = smoke
  ? { calls: 30, spaced: 4, spacedMs: 5, math: 6, pool: 4, poolN: 2000, node: 200 }
  : { calls: 2000, spaced: 60, spacedMs: 50, math: 300, pool: 40, poolN: 20_000, node: 3000 };

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function timedCalls(sb: SandboxWithStats, call: (i: number) => SandboxCall, n: number, spacedMs = 0): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    if (spacedMs) await pause(spacedMs);
    const t = performance.now();
    const r = await sb.run(call(i));
    samples.push((performance.now() - t) * 1000);
    if (!r.ok) throw new Error(`benchmark call failed: ${JSON.stringify(r.error)}`);
  }
  return median(samples);
}

function timedNode(fn: (args: Record<string, number>) => unknown, n: number): number {
  for (let i = 0; i < Math.min(n, 100); i++) fn({ a: i, b: 1, n: i + 1 });
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn({ a: i, b: 1, n: i + 1 });
    samples.push((performance.now() - t) * 1000);
  }
  return median(samples);
}

async function poolMs(workers: number): Promise<number> {
  const sb = await createSandbox({ workers, timeoutMs: 60_000, packages: [] });
  try {
    await Promise.all(Array.from({ length: workers * 2 }, () => sb.run({ code: CPU, entry: "primes", args: { n: 500 } })));
    const t = performance.now();
    await Promise.all(Array.from({ length: N.pool }, () => sb.run({ code: CPU, entry: "primes", args: { n: N.poolN } })));
    return performance.now() - t;
  } finally {
    await sb.close();
  }
}

/** One busy child process per core; killed (by pid) when the block ends. */
async function underLoad<T>(run: () => Promise<T>): Promise<T> {
  const hogs: ChildProcess[] = Array.from({ length: availableParallelism() }, () =>
    spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }),
  );
  const stop = () => hogs.forEach((h) => h.kill("SIGKILL"));
  process.once("exit", stop);
  try {
    await pause(200); // let the scheduler see them as CPU-bound
    return await run();
  } finally {
    stop();
    process.removeListener("exit", stop);
  }
}

/** Runs `a` and `b` alternately for every round; returns their per-round values. */
async function interleaved(a: () => Promise<number> | number, b: () => Promise<number> | number): Promise<[number[], number[]]> {
  const as: number[] = [];
  const bs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    as.push(await a());
    bs.push(await b());
  }
  return [as, bs];
}

const bench = new BenchReport(smoke);
const add = bench.add.bind(bench);

const startedAt = performance.now();
const sb = await createSandbox({ workers: 1, timeoutMs: 60_000 });
const startMs = performance.now() - startedAt;
try {
  const trivial = (i: number): SandboxCall => ({ code: TRIVIAL, entry: "add", args: { a: i, b: 1 } });
  const mathCall = (i: number): SandboxCall => ({ code: MATH, entry: "solve", args: { n: i + 1 }, packages: ["mathjs"] });
  await timedCalls(sb, trivial, 200);
  await timedCalls(sb, mathCall, 20);

  const [b2bQuiet, spacedQuiet] = await interleaved(
    () => timedCalls(sb, trivial, N.calls),
    () => timedCalls(sb, trivial, N.spaced, N.spacedMs),
  );
  add("warm trivial call, back to back, quiet", b2bQuiet, "µs");
  add(`warm trivial call, ${N.spacedMs} ms apart, quiet`, spacedQuiet, "µs");
  const [b2bLoaded, spacedLoaded] = await underLoad(() =>
    interleaved(
      () => timedCalls(sb, trivial, N.calls),
      () => timedCalls(sb, trivial, N.spaced, N.spacedMs),
    ),
  );
  add("warm trivial call, back to back, every core loaded", b2bLoaded, "µs", { max: 100 });
  add(`warm trivial call, ${N.spacedMs} ms apart, every core loaded`, spacedLoaded, "µs", { max: 100 });

  const nodeAdd = new Function(`${TRIVIAL}; return add;`)() as (a: Record<string, number>) => unknown;
  const vmAdd = vm.runInNewContext(`(${TRIVIAL})`) as (a: Record<string, number>) => unknown;
  const vmScript = new vm.Script(`add(args)`);
  const vmContext = vm.createContext({ args: {} });
  vm.runInContext(TRIVIAL, vmContext);
  add("anchor: trivial call, plain node", [timedNode(nodeAdd, N.node)], "µs");
  add("anchor: trivial call into a node:vm context", [timedNode(vmAdd, N.node)], "µs");
  add("anchor: trivial script run in a node:vm context", [timedNode((args) => { vmContext.args = args; return vmScript.runInContext(vmContext); }, N.node)], "µs");

  const nodeSolve = new Function("math", `${MATH}; return solve;`)(mathjs) as (a: Record<string, number>) => unknown;
  const [mathSb, mathNode] = await interleaved(
    () => timedCalls(sb, mathCall, N.math),
    () => timedNode(nodeSolve, N.math),
  );
  add("mathjs workload, sandbox", mathSb, "µs");
  add("mathjs workload, plain node", mathNode, "µs");
  add("mathjs workload, sandbox / plain node", mathSb.map((s, i) => s / mathNode[i]!), "×", { max: 15 });

  const [one, two] = await interleaved(() => poolMs(1), () => poolMs(2));
  add(`pool: ${N.pool} CPU-bound calls, 1 worker`, one, "ms");
  add(`pool: ${N.pool} CPU-bound calls, 2 workers`, two, "ms");
  add("pool: speed-up of 2 workers over 1", one.map((o, i) => o / two[i]!), "×");
  add("preload per worker (mathjs)", [...sb.preloadTimesMs], "ms");
  add("createSandbox, 1 worker", [startMs], "ms");
} finally {
  await sb.close();
}

bench.report(`toolforge sandbox benchmark; median of ${rounds} rounds`, out, { rounds });
