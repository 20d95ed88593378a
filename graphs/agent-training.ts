// LangGraph server entry (langgraph.json → "agent_training"): the training
// loop of Algorithm 2 itself, with the request as its input. The server's
// checkpointer stores every superstep in the thread, so a cancelled or failed
// run resumes from its last step and its history can be browsed.
import { type LangGraphRunnableConfig, Send, StateGraph } from "@langchain/langgraph";
import { ToolsetStore } from "../src/functions/toolset-store.js";
import { addTrainingNodes, keepRecursionLimit, recursionLimitFor } from "../src/training/graph.js";
import type { TaskPacket, TrainingStateType } from "../src/training/state.js";
import type { TrainingNodes } from "../src/training/types.js";
import { AgentTrainingStateSchema, TrainingInputSchema, TrainingOutputSchema } from "./training-schemas.js";
import { resolveTrainingRequest, type TrainingRequest } from "./training-request.js";
import { flushExperiments, withExperiments } from "./training-experiments.js";
import { trainingRuntimeFor, withoutKeys } from "./training-runtime.js";

type State = TrainingStateType & Record<string, unknown>;
type Packet = TaskPacket & { request: TrainingRequest };

// Input fields win, then this run's context / configurable, then the request
// the run started with (so a resumed run needs no configuration again).
const requestOf = (state: State, config: LangGraphRunnableConfig) =>
  resolveTrainingRequest(state, {
    ...((state.request as Record<string, unknown> | undefined) ?? {}),
    ...(config.configurable ?? {}),
    ...((config as { context?: Record<string, unknown> }).context ?? {}),
  });

/** The loop's nodes for a request, and the config they run with: with tracing on, their events also become the thread's LangSmith experiments. */
const runtime = async (request: TrainingRequest, config: LangGraphRunnableConfig) => ({
  nodes: (await trainingRuntimeFor(request)).nodes,
  config: await withExperiments(config, request),
});

const setup = async (state: State, config: LangGraphRunnableConfig) => {
  const request = requestOf(state, config);
  const run = await runtime(request, config);
  return { ...(await run.nodes.setup(state, run.config)), request: withoutKeys(request) };
};

/** A node that runs the loop's own node for this run's request. */
const delegate =
  <K extends "evaluate" | "optimizeStep" | "reviewStep">(name: K) =>
  async (state: State, config: LangGraphRunnableConfig) => {
    const run = await runtime(requestOf(state, config), config);
    return run.nodes[name](state, run.config);
  };

// Send payloads carry the request (a task branch sees only its packet); they
// are checkpointed, so without API keys.
const fanOut = async (state: State, config: LangGraphRunnableConfig): Promise<Send[]> => {
  const request = requestOf(state, config);
  const sends = (await trainingRuntimeFor(request)).nodes.fanOut(state);
  return sends.map((send) => new Send(send.node, { ...(send.args as TaskPacket), request: withoutKeys(request) } satisfies Packet));
};

const evaluateTask = async ({ request, ...packet }: Packet, config: LangGraphRunnableConfig) => {
  const run = await runtime(request, config);
  return run.nodes.evaluateTask(packet, run.config);
};

// With a store (the LangGraph server has one), every accepted toolset is
// published under the run's thread id, where `trained_agent` finds the latest.
const compareLoss = async (state: State, config: LangGraphRunnableConfig) => {
  const run = await runtime(requestOf(state, config), config);
  const update = await run.nodes.compareLoss(state, run.config);
  const threadId = config.configurable?.thread_id;
  if (config.store && typeof threadId === "string" && typeof update.bestLoss === "number") {
    const toolset = update.best ?? state.best;
    await new ToolsetStore(config.store).save(threadId, toolset, { runId: threadId, step: state.evaluation!.step, trainLoss: update.bestLoss, source: "agent_training" });
  }
  return update;
};

// The loop's last node, plus the graph's output fields; the run ends once its experiments are sent.
const finish = async (state: State, config: LangGraphRunnableConfig) => {
  const run = await runtime(requestOf(state, config), config);
  await run.nodes.finish(state, run.config);
  await flushExperiments(config);
  return {
    toolset: state.validationBest?.toolset ?? state.best,
    steps: state.history,
    bestTrainLoss: state.bestLoss ?? undefined,
    ...(state.validationBest ? { bestValidationLoss: state.validationBest.loss } : {}),
    stopReason: state.stopReason ?? undefined,
    usage: state.usage,
  };
};

const nodes = {
  setup,
  evaluate: delegate("evaluate"),
  fanOut,
  evaluateTask,
  compareLoss,
  optimizeStep: delegate("optimizeStep"),
  reviewStep: delegate("reviewStep"),
  finish,
  // Routing reads only the state; the review flag is part of the request.
  route: (state: State) => (state.stopReason ? "finish" : state.evaluation ? "evaluate" : "optimize_step"),
  routeAfterOptimize: (state: State, config?: LangGraphRunnableConfig) =>
    requestOf(state, config ?? {}).review && !state.stopReason && state.evaluation?.phase === "candidate"
      ? "review_step"
      : nodes.route(state),
  maxSteps: 1000,
  hasValidation: true,
} as unknown as TrainingNodes;

/**
 * The `agent_training` graph: Algorithm 2 (`setup → evaluate ⇉ evaluate_task
 * → compare_loss → optimize_step [→ review_step] → …`) served as itself.
 * Input: the training request (dataset, agent, optimizer, hyper-parameters,
 * `review`), also accepted from `config.configurable` / the run context;
 * output: `toolset`, `steps`, `bestTrainLoss`, `bestValidationLoss`,
 * `stopReason`, `usage`. Progress `TrainingEvent`s go to the `custom`
 * stream; with `review: true` each optimizer step waits at an `interrupt()`
 * for `Command({ resume: "approve" | "reject" | { action: "edit", toolset } })`.
 * When the server has a store, each accepted toolset is saved to it
 * (`ToolsetStore`, name = the thread id) for `trained_agent` to pick up, and
 * the evaluations' execution records are kept there too (`LangGraphRecordStore`,
 * even with a `runDir`), beside the server's checkpoints. With LangSmith
 * tracing on (`LANGSMITH_TRACING=true`), evaluations of a `langsmith:`
 * dataset are logged as LangSmith experiments on it, as `trainAgent` logs them.
 *
 * @example
 * // With `npm run dev` running:
 * import { Client } from "@langchain/langgraph-sdk";
 * const client = new Client({ apiUrl: "http://127.0.0.1:2024" });
 * const thread = await client.threads.create();
 * for await (const part of client.runs.stream(thread.thread_id, "agent_training", {
 *   input: { dataset: "gsm8k:train", limit: 8, agent: { kind: "tool-calling", model: "openai:gpt-4o-mini" }, optimizer: { model: "openai:gpt-4o" } },
 *   streamMode: ["custom"],
 * })) console.log(part.event, part.data);
 */
export const graph = keepRecursionLimit(
  addTrainingNodes(new StateGraph({ state: AgentTrainingStateSchema, input: TrainingInputSchema, output: TrainingOutputSchema }), nodes)
    .compile({ name: "agent_training" })
    // The loop is bounded by maxSteps; the server's default limit (25) is not.
    .withConfig({ recursionLimit: recursionLimitFor(nodes.maxSteps, true) }),
);
