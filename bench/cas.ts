/**
 * Chooses the computer-algebra library for the sandbox by measurement:
 * nerdamer vs algebrite, each loaded into a fresh QuickJS runtime (the
 * sandbox's engine) from its browser bundle. Prints load time, wasm memory
 * after load, and correctness on equation-solving and simplification cases
 * taken from the kind of sympy calls the paper's MATH functions make
 * (solve, sympify/simplify, Poly/factor, binomial). Results are checked
 * numerically with mathjs, so equivalent forms count as correct.
 *
 * Then, for the chosen library in the real sandbox: a worker's preload
 * (libraries + hardening) and wasm memory with mathjs alone and with
 * mathjs + nerdamer, median of 3 interleaved rounds.
 *
 *   npx tsx bench/cas.ts        (algebrite is a devDependency, for this comparison only)
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import releaseSync from "@jitl/quickjs-wasmfile-release-sync";
import { evaluate } from "mathjs";
import { newQuickJSWASMModuleFromVariant, type QuickJSSyncVariant } from "quickjs-emscripten-core";
import { GuestRuntime } from "../src/sandbox/guest-runtime.js";

const require = createRequire(import.meta.url);
const imported = releaseSync as unknown as QuickJSSyncVariant & { default?: QuickJSSyncVariant };
const variant: QuickJSSyncVariant = imported.type === "sync" ? imported : (imported.default as QuickJSSyncVariant);

interface Case {
  name: string;
  nerdamer: string;
  algebrite: string;
  /** Checks the library's output string. */
  ok: (out: string) => boolean;
}

const num = (s: string): number => Number(evaluate(s.replace(/\*\*/g, "^")));
const roots = (out: string): number[] => out.replace(/^\[|\]$/g, "").split(",").filter((s) => s.trim() !== "").map((s) => num(s)).sort((a, b) => a - b);
const sameRoots = (want: number[]) => (out: string) => {
  try {
    const got = roots(out);
    return got.length === want.length && got.every((g, i) => Math.abs(g - (want[i] as number)) < 1e-9);
  } catch {
    return false;
  }
};
/** Equal to `want` as a function of x at a few points. */
const sameFn = (want: string) => (out: string) => {
  try {
    return [0.7, 1.9, 3.3, -2.1].every((x) => Math.abs(evaluate(out.replace(/\*\*/g, "^"), { x }) - evaluate(want, { x })) < 1e-6);
  } catch {
    return false;
  }
};

const CASES: Case[] = [
  { name: "solve 2x+3=11", nerdamer: `nerdamer.solve("2*x+3=11","x").toString()`, algebrite: `Algebrite.run("roots(2*x+3-11)")`, ok: sameRoots([4]) },
  { name: "solve x^2-5x+6=0", nerdamer: `nerdamer.solve("x^2-5*x+6=0","x").toString()`, algebrite: `Algebrite.run("roots(x^2-5*x+6)")`, ok: sameRoots([2, 3]) },
  { name: "solve x^3-6x^2+11x-6=0", nerdamer: `nerdamer.solve("x^3-6*x^2+11*x-6=0","x").toString()`, algebrite: `Algebrite.run("roots(x^3-6*x^2+11*x-6)")`, ok: sameRoots([1, 2, 3]) },
  { name: "solve x^2=2 (exact roots)", nerdamer: `nerdamer.solve("x^2=2","x").toString()`, algebrite: `Algebrite.run("roots(x^2-2)")`, ok: (o) => sameRoots([-Math.SQRT2, Math.SQRT2])(o) && /sqrt|\^\(1\/2\)/.test(o) },
  { name: "solve 3x^2+2x-8=0", nerdamer: `nerdamer.solve("3*x^2+2*x-8=0","x").toString()`, algebrite: `Algebrite.run("roots(3*x^2+2*x-8)")`, ok: sameRoots([-2, 4 / 3]) },
  {
    name: "system x+y=10, x-y=2 (x)",
    nerdamer: `String(nerdamer.solveEquations(["x+y=10","x-y=2"]).find(function (p) { return p[0] === "x"; })[1])`,
    algebrite: `Algebrite.run("dot(inv([[1,1],[1,-1]]),[10,2])[1]")`,
    ok: (o) => Math.abs(num(o) - 6) < 1e-9,
  },
  { name: "simplify (x^2-1)/(x-1)", nerdamer: `nerdamer("simplify((x^2-1)/(x-1))").toString()`, algebrite: `Algebrite.run("simplify((x^2-1)/(x-1))")`, ok: (o) => sameFn("x+1")(o) && !o.includes("/") },
  { name: "simplify sin^2+cos^2", nerdamer: `nerdamer("simplify(sin(x)^2+cos(x)^2)").toString()`, algebrite: `Algebrite.run("simplify(sin(x)^2+cos(x)^2)")`, ok: (o) => o.trim() === "1" },
  { name: "expand (x+1)^3", nerdamer: `nerdamer("expand((x+1)^3)").toString()`, algebrite: `Algebrite.run("expand((x+1)^3)")`, ok: (o) => sameFn("(x+1)^3")(o) && !o.includes("(") },
  { name: "factor x^2-5x+6", nerdamer: `nerdamer("factor(x^2-5*x+6)").toString()`, algebrite: `Algebrite.run("factor(x^2-5*x+6)")`, ok: (o) => sameFn("x^2-5x+6")(o) && /\(.*\)\s*\*?\s*\(/.test(o) },
  { name: "binomial(10,3)", nerdamer: `nerdamer("(10)!/((3)!*(7)!)").evaluate().toString()`, algebrite: `Algebrite.run("choose(10,3)")`, ok: (o) => o.trim() === "120" },
  { name: "exact 1/3+1/6", nerdamer: `nerdamer("1/3+1/6").toString()`, algebrite: `Algebrite.run("1/3+1/6")`, ok: (o) => o.replace(/\s/g, "") === "1/2" },
  { name: "sqrt(8) exact", nerdamer: `nerdamer("sqrt(8)").toString()`, algebrite: `Algebrite.run("sqrt(8)")`, ok: (o) => Math.abs(num(o) - Math.sqrt(8)) < 1e-9 && !/^\d+\.\d+$/.test(o.trim()) },
  { name: "derivative of x^3", nerdamer: `nerdamer("diff(x^3,x)").toString()`, algebrite: `Algebrite.run("d(x^3,x)")`, ok: sameFn("3x^2") },
  { name: "integral of x^2", nerdamer: `nerdamer("integrate(x^2,x)").toString()`, algebrite: `Algebrite.run("integral(x^2,x)")`, ok: sameFn("x^3/3") },
  { name: "big integer 2^100", nerdamer: `nerdamer("2^100").toString()`, algebrite: `Algebrite.run("2^100")`, ok: (o) => o.trim() === "1267650600228229401496703205376" },
];

const LIBS = {
  nerdamer: { file: "nerdamer/all.min.js", probe: "typeof nerdamer.solve" },
  algebrite: { file: "algebrite/dist/algebrite.bundle-for-browser.js", probe: "typeof Algebrite.run" },
} as const;

async function measure(lib: keyof typeof LIBS): Promise<void> {
  const source = readFileSync(require.resolve(LIBS[lib].file), "utf8");
  const module = await newQuickJSWASMModuleFromVariant(variant);
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(256 * 1024 * 1024);
  const ctx = runtime.newContext();
  const before = module.getWasmMemory().buffer.byteLength;
  const t0 = performance.now();
  const loaded = ctx.evalCode(`var window = globalThis, self = globalThis;\n${source}`, `${lib}.js`);
  const loadMs = performance.now() - t0;
  if (loaded.error) throw new Error(`${lib}: ${JSON.stringify(ctx.dump(loaded.error))}`);
  loaded.value.dispose();
  const probe = ctx.unwrapResult(ctx.evalCode(LIBS[lib].probe));
  const usage = runtime.computeMemoryUsage();
  const heap = ctx.getNumber(ctx.getProp(usage, "memory_used_size"));
  usage.dispose();
  console.log(`\n${lib}: bundle ${(source.length / 1024).toFixed(0)} KiB, load ${loadMs.toFixed(0)} ms, QuickJS heap after load ${(heap / 1048576).toFixed(1)} MiB, wasm memory ${(before / 1048576).toFixed(0)} → ${(module.getWasmMemory().buffer.byteLength / 1048576).toFixed(0)} MiB, probe ${ctx.dump(probe)}`);
  probe.dispose();
  let correct = 0;
  let totalMs = 0;
  for (const c of CASES) {
    const start = performance.now();
    runtime.setInterruptHandler(() => performance.now() - start > 5_000);
    const r = ctx.evalCode(`(function () { try { return String(${c[lib]}); } catch (e) { return "ERROR " + e; } })()`);
    const ms = performance.now() - start;
    totalMs += ms;
    const handle = r.error ?? r.value;
    const out = r.error ? `ERROR ${JSON.stringify(ctx.dump(r.error))}` : String(ctx.dump(handle));
    handle.dispose();
    let ok = false;
    try {
      ok = !out.startsWith("ERROR") && c.ok(out);
    } catch {
      ok = false;
    }
    if (ok) correct++;
    console.log(`  ${ok ? "✓" : "✗"} ${c.name.padEnd(28)} ${ms.toFixed(1).padStart(7)} ms  ${out.slice(0, 70)}`);
  }
  console.log(`  ${lib}: ${correct}/${CASES.length} correct, ${totalMs.toFixed(0)} ms for all cases`);
  ctx.dispose();
  runtime.dispose();
}

for (const lib of Object.keys(LIBS) as (keyof typeof LIBS)[]) await measure(lib);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const preload: Record<string, { ms: number[]; cpuMs: number[]; mb: number[] }> = {
  mathjs: { ms: [], cpuMs: [], mb: [] },
  "mathjs + nerdamer": { ms: [], cpuMs: [], mb: [] },
};
for (let round = 0; round < 3; round++) {
  for (const [label, packages] of [["mathjs", ["mathjs"]], ["mathjs + nerdamer", ["mathjs", "nerdamer"]]] as const) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const rt = await GuestRuntime.create({ memoryLimitMb: 64, stackLimitKb: 256, maxResultBytes: 65536, maxLogBytes: 8192, recycleAboveMb: 256, packages });
    preload[label]!.ms.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    preload[label]!.cpuMs.push((cpu.user + cpu.system) / 1000);
    preload[label]!.mb.push(rt.wasmBytes / 1048576);
    rt.dispose();
  }
}
console.log(`\nsandbox runtime preload (libraries + hardening), median of 3; load average ${loadavg()[0]?.toFixed(1)}:`);
for (const [label, m] of Object.entries(preload)) console.log(`  ${label.padEnd(18)} ${median(m.ms).toFixed(0)} ms wall, ${median(m.cpuMs).toFixed(0)} ms CPU (load-independent), wasm memory ${median(m.mb).toFixed(0)} MiB`);
