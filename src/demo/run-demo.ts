import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { runTraining, type RunTrainingResult } from "../cli/run-training.js";
import type { ProgressPrinter } from "../cli/progress.js";
import type { TrainConfig } from "../cli/train-config.js";
import type { Scorer, Task } from "../evaluation/types.js";
import { Toolset } from "../functions/index.js";
import { createModel } from "../models/index.js";
import type { ModelSpec } from "../models/types.js";
import { createSandbox } from "../sandbox/index.js";
import type { Sandbox } from "../sandbox/types.js";
import { DEMO_TASK_IDS, loadDemoData } from "./demo-data.js";
import { demoIntro } from "./demo-intro.js";
import { DEMO_CONFIG_NOTE } from "./demo-note.js";
import { startDemoServer } from "./demo-server.js";


/**
 * Options of {@link runDemo}.
 *
 * @example
 * await runDemo({ runDir: "runs/demo", printer, force: true });
 */
export interface DemoOptions {
  runDir: string;
  printer: ProgressPrinter;
  force?: boolean;
  /** A real agent model instead of the scripted one. */
  model?: ModelSpec;
  /** A real optimizer model instead of the scripted one. */
  optimizerModel?: ModelSpec;
  signal?: AbortSignal;
  /** Print the introduction (default true; the CLI prints it itself before loading the training modules). */
  announce?: boolean;
}

/**
 * What the demo produced.
 *
 * @example
 * const { heldOut } = await runDemo({ runDir: "runs/demo", printer });
 * console.log(heldOut.correct);
 */
export interface DemoResult {
  run: RunTrainingResult;
  /** The held-out answer; absent when the run was interrupted. */
  heldOut?: HeldOutAnswer;
}

/**
 * A held-out question answered by `createAgent` with the trained toolset.
 *
 * @example
 * const { heldOut } = await runDemo({ runDir: "runs/demo", printer });
 * if (heldOut) console.log(heldOut.answer, heldOut.correct);
 */
export interface HeldOutAnswer {
  taskId: string;
  question: string;
  gold: string;
  answer: string;
  correct: boolean;
  toolCalls: { name: string; args: unknown; result: string }[];
}


/**
 * Settings of the demo run: small, so it finishes in seconds; patience 1 shows an early stop.
 *
 * @example
 * demoConfig("openai:gpt-4o", "openai:gpt-4o").maxSteps; // 6
 */
export function demoConfig(agentModel: ModelSpec, optimizerModel: ModelSpec): TrainConfig {
  return {
    format: "toolforge.train-config",
    version: 1,
    data: `gsm8k:train (demo subset: ${DEMO_TASK_IDS.train.join(", ")})`,
    validation: `gsm8k:train (demo validation subset: ${DEMO_TASK_IDS.validation.join(", ")})`,
    test: `gsm8k:test (demo subset: ${DEMO_TASK_IDS.test.join(", ")})`,
    agent: "tool-calling",
    model: agentModel,
    optimizerModel,
    maxSteps: 6,
    patience: 2,
    maxActions: 3,
    concurrency: 4,
    seed: 0,
    codeInterpreter: false,
  };
}

function toolCallsOf(messages: readonly BaseMessage[]): HeldOutAnswer["toolCalls"] {
  const results = new Map(messages.filter((m): m is ToolMessage => m instanceof ToolMessage).map((m) => [m.tool_call_id, String(m.content)]));
  return messages.flatMap((m) => (m instanceof AIMessage ? (m.tool_calls ?? []).map((c) => ({ name: c.name, args: c.args, result: results.get(c.id ?? "") ?? "" })) : []));
}

/**
 * `toolforge demo`: the whole training loop end to end with no API key and
 * no network. DEMO MODE: unless real models are given, the agent and the
 * optimizer are scripted policies ({@link createDemoAgentPolicy},
 * {@link createDemoOptimizerPolicy}) behind the local OpenAI-compatible
 * scripted server, reached through the real `@langchain/openai` client; the
 * tasks are a real GSM8K subset bundled in `data/`. Afterwards the trained
 * toolset is given to a LangChain `createAgent` agent on a held-out question.
 *
 * @example
 * import { runDemo, printerFor, processIO } from "toolforge";
 * await runDemo({ runDir: "runs/demo", printer: printerFor(processIO(), {}) });
 */
export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  const { printer } = o;
  const scripted = !o.model || !o.optimizerModel;
  if (o.announce !== false) printer.info(demoIntro(o));
  // One sandbox for training and the held-out question; it warms up (mathjs preload) while the data loads.
  const [sandbox, data] = await Promise.all([createSandbox(), loadDemoData()]);
  const demo = await startDemoServer(data).catch(async (error: unknown) => {
    await sandbox.close();
    throw error;
  });
  const server = demo.server;
  try {
    const agentModel = o.model ?? demo.agentModel;
    const optimizerModel = o.optimizerModel ?? demo.optimizerModel;
    const config = demoConfig(agentModel, optimizerModel);
    const run = await runTraining({
      config,
      runDir: o.runDir,
      printer,
      force: o.force ?? false,
      datasets: { train: data.train, validation: data.validation, test: data.test },
      ...(o.signal && { signal: o.signal }),
      sandbox,
      configNote: `${DEMO_CONFIG_NOTE}: ${scripted ? "scripted models (demo mode), not real LLMs" : "real models on the demo's task subset"}; run \`toolforge demo\` again rather than resume`,
    });
    if (run.result.stopReason === "aborted") {
      printer.info("Interrupted. A demo run cannot be resumed (its tasks and scripted models live only in this process): run `toolforge demo` again.");
      return { run };
    }
    const heldOut = await runHeldOut(run, agentModel, data.heldOut, data.test.scorer, sandbox);
    printer.info(
      [
        "",
        `Held-out question (${heldOut.taskId}), answered by a LangChain createAgent agent with the trained toolset:`,
        `  Q: ${heldOut.question}`,
        ...heldOut.toolCalls.map((c) => `  tool call: ${c.name}(${JSON.stringify(c.args)}) → ${c.result} (computed in the sandbox)`),
        `  A: ${heldOut.answer}  (gold ${heldOut.gold}: ${heldOut.correct ? "correct" : "wrong"})`,
        "",
        `Report written to ${run.report.html}`,
        `Learning curve: ${run.report.svg}`,
        `Trained toolset: ${run.bestToolsetFile}  (try: npx toolforge inspect ${run.bestToolsetFile})`,
      ].join("\n"),
    );
    printer.json({ type: "demo_held_out", ...heldOut });
    printer.json({ type: "result", runDir: o.runDir, report: run.report.html, learningCurve: run.report.svg, bestToolset: run.bestToolsetFile, stopReason: run.result.stopReason });
    return { run, heldOut };
  } finally {
    await Promise.all([server.close(), sandbox.close()]);
  }
}

async function runHeldOut(
  run: RunTrainingResult,
  agentModel: ModelSpec,
  task: Task,
  scorer: Scorer,
  sandbox: Sandbox,
): Promise<HeldOutAnswer> {
  const toolset = await Toolset.load(run.bestToolsetFile);
  // langchain's createAgent is needed only here, at the end of the demo.
  const { createAgent } = await import("langchain");
  const lcAgent = createAgent({ model: createModel(agentModel), tools: toolset.toTools({ sandbox }) });
  const out = (await lcAgent.invoke({ messages: [new HumanMessage(task.question)] })) as { messages: BaseMessage[] };
  const last = [...out.messages].reverse().find((m) => m instanceof AIMessage && String(m.content).trim() !== "");
  const answer = last ? String(last.content) : "";
  const scored = await scorer(answer, task);
  const score = typeof scored === "number" ? scored : scored.score;
  return { taskId: task.id, question: task.question, gold: task.answer, answer, correct: score >= 0.5, toolCalls: toolCallsOf(out.messages) };
}
