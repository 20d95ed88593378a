/**
 * Sandbox benchmark: prints numbers, asserts nothing.
 *   npx tsx bench/sandbox.ts
 * Reports per-call latency (median, p90) for a trivial function and a mathjs
 * workload through the sandbox and in plain Node in the same run, the
 * speed-up of a 2-worker pool over 1 worker, and the mathjs preload time.
 * The latency loops send calls back to back (as an evaluation run does); a
 * trivial call after an idle pause, when the threads have gone to sleep, is
 * reported separately, since it pays the thread wake-ups those loops avoid.
 */
import * as mathjs from "mathjs";
import { createSandbox, type SandboxCall, type SandboxWithStats } from "../src/sandbox/index.js";

const TRIVIAL = "function add({ a, b }) { return a + b; }";
const MATH = `function solve({ n }) {
  const A = math.matrix([[4, 1, 2], [1, 5, 3], [2, 3, 6]]);
  const x = math.lusolve(A, [n, 2, 3]);
  const d = math.evaluate("det(A) * 2 + sqrt(n)", { A, n });
  return math.round(d + math.sum(x), 6);
}`;
const CPU = "function primes({ n }) { let c = 0; for (let i = 2; i < n; i++) { let p = true; for (let j = 2; j * j <= i; j++) if (i % j === 0) { p = false; break; } if (p) c++; } return c; }";

function stats(samples: number[]): { median: number; p90: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p90: s[Math.floor(s.length * 0.9)] };
}

async function timeSandbox(sb: SandboxWithStats, call: (i: number) => SandboxCall, n: number, warm: number): Promise<number[]> {
  for (let i = 0; i < warm; i++) await sb.run(call(i));
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = await sb.run(call(i));
    out.push((performance.now() - t) * 1000);
    if (!r.ok) throw new Error(`benchmark call failed: ${JSON.stringify(r.error)}`);
  }
  return out;
}

async function timeAfterIdle(sb: SandboxWithStats, n: number, idleMs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    await new Promise((r) => setTimeout(r, idleMs));
    const t = performance.now();
    const r = await sb.run({ code: TRIVIAL, entry: "add", args: { a: i, b: 1 } });
    out.push((performance.now() - t) * 1000);
    if (!r.ok) throw new Error(`benchmark call failed: ${JSON.stringify(r.error)}`);
  }
  return out;
}

function timeNode(fn: (args: { [k: string]: number }) => unknown, n: number, warm: number): number[] {
  for (let i = 0; i < warm; i++) fn({ a: i, b: 1, n: i + 1 });
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn({ a: i, b: 1, n: i + 1 });
    out.push((performance.now() - t) * 1000);
  }
  return out;
}

async function throughput(workers: number, calls: number): Promise<number> {
  const sb = await createSandbox({ workers, timeoutMs: 10_000, packages: [] });
  try {
    await Promise.all(Array.from({ length: workers * 4 }, () => sb.run({ code: CPU, entry: "primes", args: { n: 2000 } })));
    const t = performance.now();
    await Promise.all(Array.from({ length: calls }, () => sb.run({ code: CPU, entry: "primes", args: { n: 20_000 } })));
    return performance.now() - t;
  } finally {
    await sb.close();
  }
}

const fmt = (us: number) => `${us.toFixed(1)} µs`;

const started = performance.now();
const sb = await createSandbox({ workers: 1, timeoutMs: 10_000 });
const startMs = performance.now() - started;
try {
  const trivialSb = stats(await timeSandbox(sb, (i) => ({ code: TRIVIAL, entry: "add", args: { a: i, b: 1 } }), 3000, 300));
  const trivialIdle = stats(await timeAfterIdle(sb, 200, 5));
  const trivialNode = stats(timeNode(new Function(`${TRIVIAL}; return add;`)() as never, 3000, 300));
  const mathSb = stats(await timeSandbox(sb, (i) => ({ code: MATH, entry: "solve", args: { n: i + 1 }, packages: ["mathjs"] }), 500, 50));
  const mathNode = stats(timeNode(new Function("math", `${MATH}; return solve;`)(mathjs) as never, 500, 50));
  const t1 = await throughput(1, 40);
  const t2 = await throughput(2, 40);

  console.log("toolforge sandbox benchmark (QuickJS wasm in worker threads)");
  console.log(`node ${process.version}, ${process.arch}`);
  console.log(`mathjs preload per worker:        ${sb.preloadTimesMs.map((m) => `${m.toFixed(0)} ms`).join(", ")} (createSandbox with 1 worker: ${startMs.toFixed(0)} ms)`);
  console.log(`trivial call   sandbox median/p90: ${fmt(trivialSb.median)} / ${fmt(trivialSb.p90)}   (target median <= 80 µs)`);
  console.log(`trivial call   after 5 ms idle:    ${fmt(trivialIdle.median)} / ${fmt(trivialIdle.p90)}`);
  console.log(`trivial call   plain node:         ${fmt(trivialNode.median)} / ${fmt(trivialNode.p90)}`);
  console.log(`mathjs call    sandbox median/p90: ${fmt(mathSb.median)} / ${fmt(mathSb.p90)}`);
  console.log(`mathjs call    plain node:         ${fmt(mathNode.median)} / ${fmt(mathNode.p90)}`);
  console.log(`mathjs slowdown (median ratio):    ${(mathSb.median / mathNode.median).toFixed(1)}x   (target <= 12x)`);
  console.log(`2-worker pool speed-up (40 CPU-bound calls): ${(t1 / t2).toFixed(2)}x   (1 worker ${t1.toFixed(0)} ms, 2 workers ${t2.toFixed(0)} ms)`);
} finally {
  await sb.close();
}
