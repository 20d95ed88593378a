/**
 * Sandbox benchmark with targets, run against the built package (dist/):
 *   npm run bench:sandbox                  builds dist/ if stale, full run (minutes), writes bench/results/sandbox.json
 *   node bench/sandbox.mjs --smoke         seconds; same code paths, tiny sizes, no verdicts (needs a built dist/)
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
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import * as mathjs from "mathjs";
import { createSandbox } from "../dist/src/sandbox/index.js";

const TRIVIAL = "function add({ a, b }) { return a + b; }";
const MATH = `function solve({ n }) {
  const A = math.matrix([[4, 1, 2], [1, 5, 3], [2, 3, 6]]);
  const x = math.lusolve(A, [n, 2, 3]);
  const d = math.evaluate("det(A) * 2 + sqrt(n)", { A, n });
  return math.round(d + math.sum(x), 6);
}`;
const CPU = "function primes({ n }) { let c = 0; for (let i = 2; i < n; i++) { let p = true; for (let j = 2; j * j <= i; j++) if (i % j === 0) { p = false; break; } if (p) c++; } return c; }";

/** @typedef {{ name: string, value: number, unit: string, rounds: number[], target?: { max?: number, min?: number } }} Figure */

const argv = process.argv.slice(2);
const smoke = argv.includes("--smoke");
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(option("--out") ?? `${here}/results/sandbox.json`);
const rounds = Math.max(smoke ? 1 : 3, Number(option("--rounds") ?? 3));
const N = smoke
  ? { calls: 30, spaced: 4, spacedMs: 5, math: 6, pool: 4, poolN: 2000, node: 200 }
  : { calls: 2000, spaced: 60, spacedMs: 50, math: 300, pool: 40, poolN: 20_000, node: 3000 };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function timedCalls(sb, call, n, spacedMs = 0) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    if (spacedMs) await pause(spacedMs);
    const t = performance.now();
    const r = await sb.run(call(i));
    samples.push((performance.now() - t) * 1000);
    if (!r.ok) throw new Error(`benchmark call failed: ${JSON.stringify(r.error)}`);
  }
  return median(samples);
}

function timedNode(fn, n) {
  for (let i = 0; i < Math.min(n, 100); i++) fn({ a: i, b: 1, n: i + 1 });
  const samples = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn({ a: i, b: 1, n: i + 1 });
    samples.push((performance.now() - t) * 1000);
  }
  return median(samples);
}

async function poolMs(workers) {
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
async function underLoad(run) {
  const hogs = Array.from({ length: availableParallelism() }, () =>
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
async function interleaved(a, b) {
  const as = [];
  const bs = [];
  for (let r = 0; r < rounds; r++) {
    as.push(await a());
    bs.push(await b());
  }
  return [as, bs];
}

/** @type {Figure[]} */
const figures = [];
const add = (name, values, unit, target) => {
  figures.push({ name, value: median(values), unit, rounds: values, ...(target ? { target } : {}) });
};

const startedAt = performance.now();
// The start-up cache off: this first sandbox builds its runtime (figures below), whatever is cached.
const sb = await createSandbox({ workers: 1, timeoutMs: 60_000, startupCache: false });
const startMs = performance.now() - startedAt;
try {
  const trivial = (i) => ({ code: TRIVIAL, entry: "add", args: { a: i, b: 1 } });
  const mathCall = (i) => ({ code: MATH, entry: "solve", args: { n: i + 1 }, packages: ["mathjs"] });
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

  const nodeAdd = new Function(`${TRIVIAL}; return add;`)();
  const vmAdd = vm.runInNewContext(`(${TRIVIAL})`);
  const vmScript = new vm.Script(`add(args)`);
  const vmContext = vm.createContext({ args: {} });
  vm.runInContext(TRIVIAL, vmContext);
  add("anchor: trivial call, plain node", [timedNode(nodeAdd, N.node)], "µs");
  add("anchor: trivial call into a node:vm context", [timedNode(vmAdd, N.node)], "µs");
  add("anchor: trivial script run in a node:vm context", [timedNode((args) => { vmContext.args = args; return vmScript.runInContext(vmContext); }, N.node)], "µs");

  const nodeSolve = new Function("math", `${MATH}; return solve;`)(mathjs);
  const [mathSb, mathNode] = await interleaved(
    () => timedCalls(sb, mathCall, N.math),
    () => timedNode(nodeSolve, N.math),
  );
  add("mathjs workload, sandbox", mathSb, "µs");
  add("mathjs workload, plain node", mathNode, "µs");
  add("mathjs workload, sandbox / plain node", mathSb.map((s, i) => s / mathNode[i]), "×", { max: 15 });

  const [one, two] = await interleaved(() => poolMs(1), () => poolMs(2));
  add(`pool: ${N.pool} CPU-bound calls, 1 worker`, one, "ms");
  add(`pool: ${N.pool} CPU-bound calls, 2 workers`, two, "ms");
  add("pool: speed-up of 2 workers over 1", one.map((o, i) => o / two[i]), "×");
} finally {
  await sb.close();
}
// Later sandboxes with the same settings start from the first one's snapshot.
const copies = [];
for (let r = 0; r < rounds; r++) {
  const t = performance.now();
  const copy = await createSandbox({ workers: 1, timeoutMs: 60_000 });
  copies.push({ createMs: performance.now() - t, preloadMs: copy.preloadTimesMs[0], restored: copy.startedFromSnapshot[0] });
  await copy.close();
}
if (!copies.every((c) => c.restored)) throw new Error("a later sandbox did not start from the snapshot");
// A new process's first sandbox with the start-up cache warm (the first child fills it).
const cacheDir = mkdtempSync(join(tmpdir(), "toolforge-bench-cache-"));
const childCreate = () =>
  new Promise((resolveChild, reject) => {
    const script = `import { createSandbox } from ${JSON.stringify(new URL("../dist/src/sandbox/index.js", import.meta.url).href)};
      const t = performance.now(); const s = await createSandbox({ workers: 1, startupCache: ${JSON.stringify(cacheDir)} });
      const createMs = performance.now() - t; await s.close(); console.log(JSON.stringify({ createMs, restored: s.startedFromSnapshot[0] }));`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolveChild(JSON.parse(out.trim().split("\n").at(-1))) : reject(new Error(`start-up cache child exited with ${code}`))));
  });
try {
  if ((await childCreate()).restored) throw new Error("an empty start-up cache gave a snapshot");
  const fromCache = [];
  for (let r = 0; r < rounds; r++) fromCache.push(await childCreate());
  if (!fromCache.every((c) => c.restored)) throw new Error("a new process did not start from the start-up cache");
  add("createSandbox, 1 worker, first in a new process, start-up cache warm", fromCache.map((c) => c.createMs), "ms");
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}
add("preload, first worker in the process (built, mathjs)", [sb.preloadTimesMs[0]], "ms");
add("createSandbox, 1 worker, first in the process", [startMs], "ms");
add("preload, later worker (copied from the snapshot)", copies.map((c) => c.preloadMs), "ms");
add("createSandbox, 1 worker, later in the process", copies.map((c) => c.createMs), "ms");

const verdict = (f) => {
  if (!f.target) return "";
  if (smoke) return "smoke";
  const ok = (f.target.max === undefined || f.value <= f.target.max) && (f.target.min === undefined || f.value >= f.target.min);
  return ok ? "PASS" : "MISS";
};
const targetText = (f) => (f.target ? [f.target.max !== undefined ? `≤ ${f.target.max}` : "", f.target.min !== undefined ? `≥ ${f.target.min}` : ""].join(" ").trim() + ` ${f.unit}` : "");
const rows = figures.map((f) => [f.name, `${f.value.toFixed(f.unit === "×" ? 2 : 1)} ${f.unit}`, targetText(f), verdict(f)]);
const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length), ["figure", "value", "target", "verdict"][c].length));
const line = (r) => r.map((cell, c) => cell.padEnd(widths[c])).join("  ");
const machine = { node: process.version, arch: process.arch, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "?", loadavgAtEnd: loadavg() };
console.log(`toolforge sandbox benchmark${smoke ? " (smoke: sizes too small for verdicts)" : ""}; median of ${rounds} rounds; ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}`);
console.log(line(["figure", "value", "target", "verdict"]));
for (const r of rows) console.log(line(r));

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), smoke, rounds, machine, figures: figures.map((f) => ({ ...f, verdict: verdict(f) || undefined })) }, null, 2)}\n`);
console.log(`written: ${out}`);
const missed = figures.filter((f) => verdict(f) === "MISS");
if (missed.length) {
  console.error(`targets missed: ${missed.map((f) => f.name).join("; ")}`);
  process.exitCode = 1;
}
