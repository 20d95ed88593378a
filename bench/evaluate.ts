/**
 * Evaluation benchmark with targets, run against the built package (dist/,
 * rebuilt first when src/ is newer).
 *
 *   npx tsx bench/evaluate.ts              full run, writes bench/results/evaluate.json
 *   npx tsx bench/evaluate.ts --smoke      seconds; same code paths, tiny sizes, no verdicts
 *   options: --out <file>  --rounds <n> (default 3)  --skip-large (leave out N = 10,000)
 *            --package <dir> (another build of the package, e.g. an older commit's, for before / after)
 *
 * Every task makes two model calls (a call to a learned function that runs
 * in the sandbox, then the final answer). The scripted server runs in its
 * own process, like a real model server, and waits L ms per call (L is sent
 * as the model name). Figures:
 * - framework CPU per task at L = 0: CPU time of this process (every
 *   thread: event loop, GC, sandbox workers) over the evaluation / N;
 * - evaluation efficiency = floor / wall time, floor = ⌈N/k⌉ × calls per
 *   task × L, at N = 1,000, k = 32, L = 200 ms and N = 10,000, k = 64, L = 500 ms.
 * Each is measured A/B interleaved, round by round, against a plain
 * concurrent fetch loop sending the same requests to the same server (the
 * lower bound of client cost; its "tool" is inline JavaScript), and
 * toolforge's wall time and CPU are reported as ratios to it.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import type * as Toolforge from "../src/index.js";
import type * as Testing from "../src/testing/index.js";
import { FigureTable, interleaved } from "./figures.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

async function loadPackage(): Promise<{ tf: typeof Toolforge; testing: typeof Testing }> {
  const packageDir = option("--package");
  if (!packageDir) {
    const { buildIfStale } = (await import(pathToFileURL(`${root}/scripts/build-if-stale.mjs`).href)) as { buildIfStale: () => boolean };
    buildIfStale();
  }
  const dir = resolve(packageDir ?? root);
  // The package's own entry points (package.json "exports" → dist/).
  const require = createRequire(import.meta.url);
  const pkg = require(`${dir}/package.json`) as { exports: Record<string, { default: string }> };
  const tf = (await import(pathToFileURL(resolve(dir, pkg.exports["."]!.default)).href)) as typeof Toolforge;
  const testing = (await import(pathToFileURL(resolve(dir, pkg.exports["./testing"]!.default)).href)) as typeof Testing;
  return { tf, testing };
}

const ECHO_TOOL = {
  name: "echo_number",
  description: "Returns the number it is given.",
  parameters: { type: "object", properties: { value: { type: "number" } }, required: ["value"] },
} as const;

const valueOf = (text: unknown) => /echo (\d+)/.exec(String(text))?.[1] ?? "0";

/** Server mode: answer like a model that calls `echo_number` once, then answers; the model name is the delay in ms. */
async function serve(): Promise<void> {
  const { testing } = await loadPackage();
  const server = await testing.startScriptedServer({
    respond: (req) => {
      const delayMs = Number(req.model) || 0;
      const value = valueOf(req.messages.find((m) => m.role === "user")?.content);
      return req.messages.some((m) => m.role === "tool")
        ? { delayMs, content: `FINAL ANSWER: ${value}` }
        : { delayMs, toolCalls: [{ name: ECHO_TOOL.name, arguments: { value: Number(value) } }] };
    },
  });
  console.log(JSON.stringify({ baseURL: server.baseURL }));
  process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
}

interface Run {
  wallMs: number;
  cpuMs: number;
  callsPerTask: number;
}

const tasksOf = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const value = String((i * 7919) % 100_003);
    return { id: `t${i}`, question: `Question ${i}: echo ${value}`, answer: value };
  });

async function measure(run: () => Promise<number>): Promise<Run> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const callsPerTask = await run();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, callsPerTask };
}

async function bench(): Promise<void> {
  const smoke = argv.includes("--smoke");
  const out = resolve(option("--out") ?? `${here}/results/evaluate.json`);
  const rounds = Math.max(3, Number(option("--rounds") ?? 3));
  const sizes = smoke
    ? { cpu: { N: 40, k: 8 }, efficiency: [{ N: 48, k: 16, L: 20, min: 0.9 }] }
    : {
        cpu: { N: 1000, k: 8 },
        efficiency: [{ N: 1000, k: 32, L: 200, min: 0.9 }, ...(argv.includes("--skip-large") ? [] : [{ N: 10_000, k: 64, L: 500, min: 0.85 }])],
      };

  const { tf, testing } = await loadPackage();
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--serve", ...argv.filter((_, i) => argv[i - 1] === "--package" || argv[i] === "--package")], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = once(child, "exit");
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  const { baseURL } = JSON.parse(line) as { baseURL: string };
  // One worker is plenty for a trivial function (a call is ~0.1 ms); smoke runs skip the second preload.
  const sandbox = await tf.createSandbox(smoke ? { workers: 1 } : {});
  const toolset = tf.Toolset.empty().add({ ...ECHO_TOOL, parameters: structuredClone(ECHO_TOOL.parameters) as never, code: "function echo_number({ value }) { return value; }", packages: [] });
  const scorer = (prediction: string, task: { answer: string }) => Number(prediction.trim() === task.answer);

  const toolforge = (N: number, k: number, L: number) =>
    measure(async () => {
      const agent = { kind: "tool-calling" as const, model: testing.scriptedModelSpec({ baseURL }, String(L)), codeInterpreter: false };
      const result = await tf.evaluate({ agent, toolset, tasks: tasksOf(N), scorer, sandbox, concurrency: k });
      const calls = result.records.reduce((n, r) => n + r.messages.filter((m) => m.type === "ai").length, 0);
      const failedCalls = result.records.reduce((n, r) => n + r.functionCalls.filter((c) => c.error).length, 0);
      // A benchmark of a broken run measures nothing (a rare sandbox timeout on an overloaded machine is reported, not fatal).
      if (result.accuracy !== 1 || calls !== 2 * N) throw new Error(`toolforge run is wrong: accuracy ${result.accuracy}, ${calls} model calls for ${N} tasks`);
      if (failedCalls > 0) console.error(`note: ${failedCalls} of ${N} learned-function calls failed (N = ${N}, k = ${k}, L = ${L})`);
      return calls / N;
    });

  const fetchLoop = (N: number, k: number, L: number) =>
    measure(async () => {
      const tasks = tasksOf(N);
      const tools = [{ type: "function", function: ECHO_TOOL }];
      const system = { role: "system", content: tf.TOOL_CALLING_SYSTEM_PROMPT };
      const post = async (messages: unknown[]) => {
        const res = await fetch(`${baseURL}/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: "Bearer scripted" },
          body: JSON.stringify({ model: String(L), messages, tools, stream: false }),
        });
        if (!res.ok) throw new Error(`fetch loop: HTTP ${res.status}`);
        return ((await res.json()) as { choices: { message: { content: string | null; tool_calls?: { id: string; function: { arguments: string } }[] } }[] }).choices[0]!.message;
      };
      let next = 0;
      let correct = 0;
      const worker = async () => {
        while (next < tasks.length) {
          const task = tasks[next++]!;
          const messages: unknown[] = [system, { role: "user", content: task.question }];
          const call = await post(messages);
          const toolCall = call.tool_calls![0]!;
          const { value } = JSON.parse(toolCall.function.arguments) as { value: number };
          messages.push({ role: "assistant", content: call.content, tool_calls: call.tool_calls }, { role: "tool", tool_call_id: toolCall.id, content: String(value) });
          const final = await post(messages);
          if (/FINAL ANSWER:\s*(.*)/.exec(final.content ?? "")?.[1]?.trim() === task.answer) correct++;
        }
      };
      await Promise.all(Array.from({ length: Math.min(k, N) }, worker));
      if (correct !== N) throw new Error(`fetch loop is wrong: ${correct} of ${N} correct`);
      return 2;
    });

  const table = new FigureTable("toolforge evaluation benchmark", smoke, rounds);
  try {
    // Warm-up: JIT, sandbox worker, HTTP keep-alive.
    await toolforge(32, 8, 0);
    await fetchLoop(32, 8, 0);

    const { N, k } = sizes.cpu;
    const [tfCpu, fetchCpu] = await interleaved(rounds, [() => toolforge(N, k, 0), () => fetchLoop(N, k, 0)]);
    const at = `N = ${N}, k = ${k}, L = 0`;
    table.add(`framework CPU per task, toolforge (${at})`, tfCpu!.map((r) => r.cpuMs / N), "ms", { max: 5 });
    table.add(`CPU per task, plain fetch loop (${at})`, fetchCpu!.map((r) => r.cpuMs / N), "ms");
    table.add(`CPU, toolforge / fetch loop (${at})`, tfCpu!.map((r, i) => r.cpuMs / fetchCpu![i]!.cpuMs), "×");
    table.add(`wall time, toolforge / fetch loop (${at})`, tfCpu!.map((r, i) => r.wallMs / fetchCpu![i]!.wallMs), "×");

    for (const { N, k, L, min } of sizes.efficiency) {
      const [tfRuns, fetchRuns] = await interleaved(rounds, [() => toolforge(N, k, L), () => fetchLoop(N, k, L)]);
      const floor = (r: Run) => Math.ceil(N / k) * r.callsPerTask * L;
      const at = `N = ${N}, k = ${k}, L = ${L} ms`;
      table.add(`efficiency, toolforge (${at})`, tfRuns!.map((r) => floor(r) / r.wallMs), "", { min });
      table.add(`efficiency, plain fetch loop (${at})`, fetchRuns!.map((r) => floor(r) / r.wallMs), "");
      table.add(`wall time, toolforge / fetch loop (${at})`, tfRuns!.map((r, i) => r.wallMs / fetchRuns![i]!.wallMs), "×");
      table.add(`CPU, toolforge / fetch loop (${at})`, tfRuns!.map((r, i) => r.cpuMs / fetchRuns![i]!.cpuMs), "×");
      table.add(`CPU per task, toolforge (${at})`, tfRuns!.map((r) => r.cpuMs / N), "ms");
    }
  } finally {
    await sandbox.close();
    child.kill("SIGTERM");
    await exited;
  }
  table.finish(out, { agent: "tool-calling", server: "scripted, own process", package: option("--package") ?? "dist (built from src)", sizes });
}

if (argv[0] === "--serve") await serve();
else await bench();
