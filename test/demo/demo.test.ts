import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { printerFor } from "../../src/cli/command-context.js";
import { runCli } from "../../src/cli/main.js";
import { runDemo } from "../../src/demo/run-demo.js";
import { DEMO_FUNCTIONS, BAD_REVISION_MARKER } from "../../src/demo/demo-functions.js";
import { loadDemoData, planFromSolution } from "../../src/demo/demo-data.js";
import { createDemoAgentPolicy } from "../../src/demo/scripted-agent.js";
import { createDemoOptimizerPolicy, demoOptimizerMove } from "../../src/demo/scripted-optimizer.js";
import type { ScriptedRequest } from "../../src/testing/index.js";
import { memoryIO } from "../cli/memory-io.js";

const request = (over: Partial<ScriptedRequest>): ScriptedRequest => ({ index: 0, model: "m", messages: [], stream: false, body: {}, headers: {}, ...over });
const tool = (name: string) => ({ type: "function", function: { name } });

describe("demo scripted policies (demo mode)", () => {
  it("plans come from the last calculator annotation of a worked solution", () => {
    expect(planFromSolution("t", "a <<2*3=6>>6 then <<6+4+1=11>>11", "11")).toMatchObject({ kind: "sum", expression: "6+4+1", terms: [6, 4, 1] });
    expect(planFromSolution("t", "<<72-48=24>>", "24")).toMatchObject({ kind: "easy", terms: [72, -48] });
    expect(planFromSolution("t", "<<220*0.95=209>>", "209").kind).toBe("product");
  });

  it("the agent calls a fitting tool only when the request offers it, and slips otherwise", async () => {
    const data = await loadDemoData();
    const policy = createDemoAgentPolicy(data.plans);
    const product = data.train.tasks.find((t) => t.id === "train-307")!; // 11*110 = 1210
    const ask = { role: "user", content: product.question };
    const without = policy(request({ messages: [ask] }));
    expect(without.toolCalls).toBeUndefined();
    expect(without.content).toMatch(/FINAL ANSWER: 1220$/);
    const withTool = policy(request({ messages: [ask], tools: [tool(DEMO_FUNCTIONS.calc.name)] }));
    expect(withTool.toolCalls).toEqual([{ name: "calc_expression", arguments: { expression: "11*110" } }]);
    const answered = policy(request({ messages: [ask, { role: "assistant", content: "" }, { role: "tool", content: "1210", tool_call_id: "c" }], tools: [tool("calc_expression")] }));
    expect(answered.content).toMatch(/FINAL ANSWER: 1210$/);
    // A sum is not helped by calc_expression: the policy needs sum_numbers.
    const sum = data.train.tasks.find((t) => t.id === "train-75")!;
    expect(policy(request({ messages: [{ role: "user", content: sum.question }], tools: [tool("calc_expression")] })).toolCalls).toBeUndefined();
  });

  it("the optimizer's move follows what its prompt shows", () => {
    expect(demoOptimizerMove("List A: (no functions)")).toBe("add_calc");
    expect(demoOptimizerMove("List A: calc_expression …")).toBe("bad_revision");
    expect(demoOptimizerMove(`List A: calc_expression … failed: // ${BAD_REVISION_MARKER}`)).toBe("add_sum");
    expect(demoOptimizerMove("calc_expression sum_numbers")).toBe("terminate");
    const policy = createDemoOptimizerPolicy();
    const tools = ["add_function", "revise_function", "remove_function", "terminate"].map(tool);
    const acted = policy(request({ tools, messages: [{ role: "user", content: "x" }, { role: "assistant", content: "", tool_calls: [{ id: "1", type: "function", function: { name: "add_function", arguments: "{}" } }] }] }));
    expect(acted.toolCalls?.[0]?.name).toBe("terminate");
  });
});

describe("toolforge demo", () => {
  it("shows every milestone of the loop and writes the report", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "tf-demo-")), "run");
    const io = memoryIO();
    const code = await runCli(["demo", "--out", dir], io);
    const out = io.out();
    expect(code, io.err()).toBe(0);
    const milestones = [
      /MODELS ARE SCRIPTED/,
      /\[step 0\] baseline evaluation \(train\): accuracy 25\.0 %/,
      /optimizer: add_function calc_expression — applied/,
      /\[step 1\] ACCEPTED/,
      /optimizer: revise_function calc_expression — applied/,
      /\[step 2\] ROLLED BACK/,
      /optimizer: add_function sum_numbers — applied/,
      /\[step 3\] ACCEPTED: train loss 0\.375 → 0\.000/,
      /Early stop after step 5|Reached the maximum number of steps/,
      /Steps:\nstep +train loss +validation loss +outcome +fn calls ok +complexity +actions/,
      /tool call: sum_numbers\(\{"numbers":\[900,750,400,400\]\}\) → 2450/,
      /gold 2450: correct/,
      new RegExp(`Report written to ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/report\\.html`),
    ];
    let at = 0;
    for (const m of milestones) {
      const found = m.exec(out.slice(at));
      expect(found, `missing (in order): ${m}`).not.toBeNull();
      at += found!.index;
    }
    expect(out).not.toMatch(/\u001b\[/); // not a TTY: no ANSI escapes
    for (const f of ["report.html", "learning-curve.svg", "best.toolset.json", "events.jsonl", "config.json", "checkpoints.sqlite", "toolsets/step-3.json"]) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const best = JSON.parse(readFileSync(join(dir, "best.toolset.json"), "utf8")) as { functions: { name: string }[] };
    expect(best.functions.map((f) => f.name).sort()).toEqual(["calc_expression", "sum_numbers"]);
    expect(readFileSync(join(dir, "report.html"), "utf8")).toContain("rolled back");
    expect(existsSync(join(dir, "toolsets/candidate-2.json")), "the rolled-back revision is kept for the report").toBe(true);

    // A demo run's tasks and scripted models lived only in that process: resume refuses it with advice.
    const resumeIo = memoryIO();
    expect(await runCli(["resume", dir], resumeIo)).toBe(2);
    expect(resumeIo.err()).toMatch(/is a `toolforge demo` run: .* cannot be resumed; run `toolforge demo` again/);
  });
});

describe("an interrupted demo", () => {
  it("stops without the held-out question and says to run the demo again", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "tf-demo-int-")), "run");
    const io = memoryIO();
    const controller = new AbortController();
    // Interrupt as soon as the first optimization step starts, like a Ctrl-C mid-run.
    const write = io.stdout.write.bind(io.stdout) as (chunk: unknown, ...rest: unknown[]) => boolean;
    io.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (String(chunk).includes("── step 1 ──")) controller.abort();
      return write(chunk, ...rest);
    }) as typeof io.stdout.write;
    const result = await runDemo({ runDir: dir, printer: printerFor(io, {}), signal: controller.signal });
    expect(result.run.result.stopReason).toBe("aborted");
    expect(result.heldOut).toBeUndefined();
    expect(io.out()).toMatch(/Interrupted\. A demo run cannot be resumed .* run `toolforge demo` again\./);
    expect(io.out()).not.toMatch(/Held-out question/);
  });
});
