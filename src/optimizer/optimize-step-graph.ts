import type { CapabilityRuntime } from "../capabilities/index.js";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { Annotation, END, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { DEFAULTS } from "../defaults.js";
import { addUsage, messageUsage } from "../evaluation/records.js";
import type { ExecutionRecord, TokenUsage } from "../evaluation/types.js";
import { Toolset, type ToolsetFile } from "../functions/index.js";
import type { Sandbox } from "../sandbox/types.js";
import type { TrainingEvent } from "../training/events.js";
import { ONE_STEP_TOOLS } from "./action-tools.js";
import type { TeamRole } from "../teams/types.js";
import { teamActionTools } from "./team-actions.js";
import { applyAction, type ProposedCall } from "./apply-action.js";
import { compactRejectedCalls } from "./compact-rejected-calls.js";
import { OptimizerError } from "./errors.js";
import { conversationTokens } from "./conversation-tokens.js";
import { buildOptimizerPrompt, type OptimizerPromptOptions } from "./optimizer-prompt.js";
import type { PromptMode } from "./prompt-text.js";
import { readToolCalls } from "./read-tool-calls.js";
import type { AppliedAction, FailedUpdate, OptimizeStepInput, RejectedAction, StopReason } from "./types.js";

/**
 * Options of {@link createOptimizeStepGraph} (and of `AgentOptimizer`).
 *
 * @example
 * import type { OptimizeStepGraphOptions } from "toolforge";
 * const opts: Partial<OptimizeStepGraphOptions> = { maxActions: 3, maxTurns: 6 };
 */
export interface OptimizeStepGraphOptions {
  /** The optimizer LLM; must support `bindTools`. */
  model: BaseChatModel;
  /** Where proposed functions are smoke-run. */
  sandbox: Sandbox;
  /** Applied actions per step (MAX_NUM of Algorithm 1); default `DEFAULTS.training.maxActions`. */
  maxActions?: number;
  /**
   * Model turns per step, whatever they contain; default `maxActions + DEFAULTS.optimizer.extraTurns`.
   * Guarantees the loop ends even if every call is rejected.
   */
  maxTurns?: number;
  /** Token budget of each optimizer request (tools, prompt and the step's conversation so far); default `DEFAULTS.training.promptTokenBudget`. */
  promptTokenBudget?: number;
  /**
   * `"progressive"` (Algorithm 1: up to `maxActions` add / revise / remove actions, default) or
   * `"one-step"` (the paper's "w/o progressive function update" baseline: one reply that writes the whole new set).
   */
  mode?: PromptMode;
  /** Time limit of one smoke run; default `DEFAULTS.optimizer.smokeTimeoutMs`. */
  smokeTimeoutMs?: number;
  /** The roles of a multi-agent team: shown in the prompt, and the `roles` argument of add / revise is checked against them. */
  team?: readonly TeamRole[];
  /** Further prompt options (tool-output truncation, sandbox guide…). */
  prompt?: Omit<OptimizerPromptOptions, "tokenBudget">;
  /** The run's capabilities: listed in the prompt, required of proposed functions, replayed in smoke runs. */
  capabilities?: CapabilityRuntime;
}

const ZERO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedTokens: 0 };

const replace = <T>(initial: () => T) => Annotation<T>({ reducer: (_old, next) => next, default: initial });

// Input/output channels carry exactly the OptimizeStepInput/Output types, so a
// parent graph with those keys can add the compiled graph as a node directly.
const OptimizeStepInputState = Annotation.Root({
  step: Annotation<number>(),
  best: Annotation<ToolsetFile>(),
  bestScore: Annotation<number>(),
  records: Annotation<ExecutionRecord[]>(),
  failures: Annotation<FailedUpdate[]>(),
  previousScores: Annotation<Record<string, number> | undefined>(),
});

const OptimizeStepOutputState = Annotation.Root({
  /** List B: the incumbent toolset, as JSON. */
  candidate: Annotation<ToolsetFile>(),
  actions: Annotation<AppliedAction[]>(),
  rejected: Annotation<RejectedAction[]>(),
  stopReason: Annotation<StopReason>(),
  /** Billed (and cached) tokens of this step's model calls; in the state so a resumed step keeps them. */
  usage: Annotation<TokenUsage>({ reducer: (_old, next) => next, default: () => ({ ...ZERO_USAGE }) }),
});

/** Channels of the optimize-step subgraph. Everything is JSON-safe except LangChain messages, which LangGraph serialises. */
const OptimizeStepState = Annotation.Root({
  ...OptimizeStepInputState.spec,
  ...OptimizeStepOutputState.spec,
  /** The optimizer conversation (replaced wholesale by each node, so a re-run starts clean). */
  messages: replace<BaseMessage[]>(() => []),
  /** Calls of the last reply, waiting for `apply`. */
  pending: replace<ProposedCall[]>(() => []),
  /** Text of the last reply when it had no tool call. */
  replyText: replace<string>(() => ""),
  actionsUsed: replace<number>(() => 0),
  turns: replace<number>(() => 0),
  /** Routing flag: null while the loop goes on (the public `stopReason` is written once, at the end). */
  stop: replace<StopReason | null>(() => null),
});

type State = typeof OptimizeStepState.State;

const emit = (config: LangGraphRunnableConfig, event: TrainingEvent) => config.writer?.(event);

const nameOf = (call: ProposedCall): string | undefined => {
  const name = (call.args as { name?: unknown } | undefined)?.name;
  return typeof name === "string" ? name : undefined;
};

/**
 * Resolves and checks the optimizer hyper-parameters (shared with
 * `AgentOptimizer`, which exposes them as fields).
 *
 * @example
 * import { resolveOptimizerOptions } from "toolforge";
 * const { maxActions, maxTurns } = resolveOptimizerOptions({ maxActions: 2 }); // 2, 5
 */
export function resolveOptimizerOptions(options: Pick<OptimizeStepGraphOptions, "maxActions" | "maxTurns" | "promptTokenBudget" | "smokeTimeoutMs" | "mode">) {
  const maxActions = options.maxActions ?? DEFAULTS.training.maxActions;
  const maxTurns = options.maxTurns ?? maxActions + DEFAULTS.optimizer.extraTurns;
  const promptTokenBudget = options.promptTokenBudget ?? DEFAULTS.training.promptTokenBudget;
  const smokeTimeoutMs = options.smokeTimeoutMs ?? DEFAULTS.optimizer.smokeTimeoutMs;
  const positiveInt = (name: string, value: number) => {
    if (!Number.isInteger(value) || value < 1) {
      throw new OptimizerError("E_OPTIMIZER_OPTION", `optimizer option "${name}" must be a positive integer, got ${value}`, { option: name, value });
    }
  };
  positiveInt("maxActions", maxActions);
  positiveInt("maxTurns", maxTurns);
  positiveInt("promptTokenBudget", promptTokenBudget);
  positiveInt("smokeTimeoutMs", smokeTimeoutMs);
  const mode = options.mode ?? DEFAULTS.optimizer.mode;
  if (mode !== "progressive" && mode !== "one-step") {
    throw new OptimizerError("E_OPTIMIZER_OPTION", `optimizer option "mode" must be "progressive" or "one-step", got ${JSON.stringify(mode)}`, { option: "mode", value: mode });
  }
  return { maxActions, maxTurns, promptTokenBudget, smokeTimeoutMs, mode };
}

/**
 * The optimize step of Algorithm 1 as a compiled LangGraph subgraph:
 * `prepare` (builds the App. D.1 prompt within the token budget) →
 * `propose` (the optimizer model, bound to the four action tools; from the
 * second turn on the prompt is rebuilt so List B shows the set after the
 * actions applied so far) → `apply` (validates and applies each tool call
 * in order, answering each with a `ToolMessage`) → back to `propose`, or END.
 * With `mode: "one-step"` only `add_function` is bound and the one reply's
 * valid functions form the new set (the paper's Table 3 baseline).
 *
 * Rules: a call is applied only if `Toolset.add` / `revise` / `remove`
 * accept it and, for add/revise, the sandbox smoke run passes; at most
 * `maxActions` calls are applied, later ones are answered "not applied:
 * action limit reached". `terminate` alone (or a "TERMINATE" text reply)
 * ends the step; `terminate` sent with other calls is ambiguous, so none of
 * that reply's calls is applied and the model is asked again. A text reply
 * ends the step; an empty reply ends it with `no_call`, as does running out
 * of `maxTurns` model turns. Progress goes to the `custom` stream as
 * `TrainingEvent`s.
 *
 * Invoke it with an `OptimizeStepInput`; it returns an `OptimizeStepOutput`.
 *
 * @example
 * import { createOptimizeStepGraph, createSandbox, Toolset } from "toolforge";
 * const sandbox = await createSandbox();
 * const graph = createOptimizeStepGraph({ model, sandbox, maxActions: 3 });
 * const out = await graph.invoke({ step: 1, best: Toolset.empty().toJSON(), bestScore: 0.2, records, failures: [] });
 * console.log(out.stopReason, out.actions.length, Toolset.fromJSON(out.candidate).size);
 */
export function createOptimizeStepGraph(options: OptimizeStepGraphOptions) {
  const { maxActions, maxTurns, promptTokenBudget, smokeTimeoutMs, mode } = resolveOptimizerOptions(options);
  const { model, sandbox } = options;
  if (typeof model?.bindTools !== "function") {
    throw new OptimizerError("E_OPTIMIZER_MODEL", "the optimizer model must be a chat model that supports tool calling (bindTools)", {});
  }
  // One-step generation has no roles argument: its whole set is written in one reply.
  const tools = mode === "progressive" ? teamActionTools(options.team) : ONE_STEP_TOOLS;
  const bound = model.bindTools([...tools]);
  const teamRoles = options.team?.map((r) => r.name);

  /**
   * The system and human message for the next turn. List B and the action
   * count are rebuilt from the state each turn (App. D.1 shows "the function
   * set after {actions_num} actions"), and the budget covers the step's
   * conversation so far, which follows them.
   */
  const promptFor = (state: State, best: ToolsetFile, conversation: readonly BaseMessage[]): [SystemMessage, HumanMessage] => {
    const prompt = buildOptimizerPrompt(
      {
        best,
        bestScore: state.bestScore,
        current: state.candidate ?? best,
        actionsUsed: state.actionsUsed ?? 0,
        failures: state.failures,
        records: state.records,
        mode,
        ...(state.previousScores ? { previousScores: state.previousScores } : {}),
      },
      { ...options.prompt, tokenBudget: promptTokenBudget, tools, reservedTokens: conversationTokens(conversation), ...(options.capabilities ? { capabilities: options.capabilities.policy } : {}), ...(options.team ? { team: options.team } : {}) },
    );
    return [new SystemMessage(prompt.system), new HumanMessage(prompt.human)];
  };

  const prepare = (input: State, config: LangGraphRunnableConfig): Partial<State> => {
    const state = withRecordsFromConfig(input, config);
    if (state.best == null) {
      throw new OptimizerError("E_OPTIMIZER_INPUT", "optimize step input has no `best` toolset", {});
    }
    // Re-validates List A, so a corrupted input fails here and not halfway through.
    const best = Toolset.fromJSON(state.best, { source: "optimize-step input `best`" }).toJSON();
    return {
      messages: promptFor({ ...state, candidate: best, actionsUsed: 0 }, best, []),
      candidate: best,
      pending: [],
      replyText: "",
      actions: [],
      rejected: [],
      actionsUsed: 0,
      turns: 0,
      stop: null,
      usage: ZERO_USAGE,
    };
  };

  const propose = async (input: State, config: LangGraphRunnableConfig): Promise<Partial<State>> => {
    const state = withRecordsFromConfig(input, config);
    const turn = state.turns + 1;
    const conversation = state.messages.slice(2);
    // Stryker disable next-line ConditionalExpression: turn 1's prompt is the one prepare built from the same state
    const messages = turn === 1 ? state.messages : [...promptFor(state, state.best, conversation), ...conversation];
    const reply = await bound.invoke(messages, config);
    const { calls, message } = readToolCalls(reply, turn);
    for (const call of calls) emit(config, { type: "action_proposed", step: state.step, action: call.name, ...optionalName(nameOf(call)) });
    const usage = addUsage(state.usage ?? ZERO_USAGE, messageUsage(reply.usage_metadata, reply.response_metadata));
    // The text is only read when the reply has no tool call (apply's stop reason); it is not
    // kept otherwise, since the subgraph checkpoints its state every turn.
    // Stryker disable next-line ConditionalExpression,StringLiteral: apply never reads the text of a reply with tool calls
    return { messages: [...messages, message], pending: calls, replyText: calls.length === 0 ? reply.text : "", turns: turn, usage };
  };

  const apply = async (input: State, config: LangGraphRunnableConfig): Promise<Partial<State>> => {
    const state = withRecordsFromConfig(input, config);
    const finish = (stopReason: StopReason, update: Partial<State> = {}): Partial<State> => {
      emit(config, { type: "optimizer_done", step: state.step, reason: stopReason });
      return { ...update, pending: [], stop: stopReason, stopReason };
    };
    const calls = state.pending;
    if (calls.length === 0) {
      const text = state.replyText.trim();
      return finish(/\bTERMINATE\b/.test(text) ? "terminate" : text !== "" ? "text" : "no_call");
    }

    const messages = [...state.messages];
    const actions = [...state.actions];
    const rejected = [...state.rejected];
    // One-step generation writes a whole new set: its functions are added to an empty one.
    let candidate = mode === "one-step" ? Toolset.empty() : Toolset.fromJSON(state.candidate);
    let actionsUsed = state.actionsUsed;
    const reject = (call: ProposedCall, code: RejectedAction["code"], reason: string, name = nameOf(call)) => {
      rejected.push({ action: call.name, ...optionalName(name), toolCallId: call.id, turn: state.turns, code, reason });
      messages.push(new ToolMessage({ tool_call_id: call.id, name: call.name, content: reason, status: "error" }));
      emit(config, { type: "action_rejected", step: state.step, action: call.name, ...optionalName(name), reason });
    };

    const terminates = calls.filter((c) => c.name === "terminate").length;
    if (terminates > 0 && calls.length > 1) {
      for (const call of calls) {
        reject(
          call,
          "terminate_mixed",
          `${call.name} not applied: terminate must be the only tool call in a reply, but this reply has ${calls.length} calls, ` +
            "so none of them was applied. Send the actions you want first, then terminate alone in a later reply.",
        );
      }
    } else if (terminates === 1) {
      const call = calls[0]!;
      messages.push(new ToolMessage({ tool_call_id: call.id, name: call.name, content: "terminated: the function update of this step is finished." }));
      return finish("terminate", { messages });
    } else {
      for (const call of calls) {
        if (mode === "one-step" && call.name !== "add_function") {
          reject(call, "unknown_action", `${call.name} not applied: in one-step generation the new set is written with add_function calls only.`);
          continue;
        }
        if (mode === "progressive" && actionsUsed >= maxActions) {
          reject(call, "limit_reached", `${call.name} not applied: action limit reached (${maxActions} action(s) per step have been applied).`);
          continue;
        }
        const outcome = await applyAction(candidate, call, { sandbox, records: state.records, smokeTimeoutMs, ...(options.capabilities ? { capabilities: options.capabilities } : {}), ...(teamRoles ? { teamRoles } : {}) });
        if (!outcome.ok) {
          reject(call, outcome.code, outcome.reason, outcome.name ?? nameOf(call));
          continue;
        }
        candidate = outcome.toolset;
        actionsUsed++;
        actions.push({
          action: outcome.action,
          name: outcome.name,
          toolCallId: call.id,
          turn: state.turns,
          ...(outcome.spec ? { spec: structuredClone(outcome.spec) } : {}),
          hashAfter: candidate.hash,
        });
        const verb = outcome.action === "add_function" ? "added" : outcome.action === "revise_function" ? "revised" : "removed";
        const names = candidate.functions.map((f) => f.name);
        messages.push(
          new ToolMessage({
            tool_call_id: call.id,
            name: call.name,
            content:
              `${call.name} applied: "${outcome.name}" ${verb} (action ${actionsUsed}${mode === "progressive" ? ` of ${maxActions}` : ""}). ` +
              `List B now has ${names.length} function(s): ${names.join(", ") || "(none)"}.`,
          }),
        );
        emit(config, { type: "action_applied", step: state.step, action: call.name, name: outcome.name, actionsUsed });
      }
    }

    if (mode === "one-step") {
      // One reply, applied as a whole; if nothing in it was valid, the set is unchanged.
      const next = actionsUsed > 0 ? candidate.toJSON() : state.candidate;
      return finish(actionsUsed > 0 ? "one_step" : "no_call", { messages, actions, rejected, actionsUsed, candidate: next });
    }
    const rejectedNow = new Set(rejected.slice(state.rejected.length).map((r) => r.toolCallId));
    const history = compactRejectedCalls(messages, rejectedNow, DEFAULTS.optimizer.maxRejectedCallChars);
    const update: Partial<State> = { messages: history, actions, rejected, actionsUsed, candidate: candidate.toJSON(), pending: [] };
    if (actionsUsed >= maxActions) return finish("max_actions", update);
    if (state.turns >= maxTurns) return finish("no_call", update);
    return update;
  };

  const graph = new StateGraph({ stateSchema: OptimizeStepState, input: OptimizeStepInputState, output: OptimizeStepOutputState })
    .addNode("prepare", prepare)
    .addNode("propose", propose)
    .addNode("apply", apply)
    .addEdge(START, "prepare")
    .addEdge("prepare", "propose")
    .addEdge("propose", "apply")
    .addConditionalEdges("apply", (state: State) => (state.stop === null ? "propose" : END), ["propose", END])
    .compile({ name: "optimize_step" });
  return Object.assign(graph, { [RECORDS_BY_CONFIG]: true as const });
}

/**
 * Config key (under `configurable`) by which a caller hands the optimize step
 * its records and previous scores instead of in its input, so that the
 * subgraph's checkpoints (one per turn) do not carry every training record:
 * the training graph does this, reading them from its record store on every
 * run and resume. Only graphs made by `createOptimizeStepGraph` read it
 * (see {@link readsRecordsFromConfig}).
 *
 * @example
 * await graph.invoke({ ...input, records: [] }, { configurable: { [OPTIMIZER_RECORDS_KEY]: { records, previousScores } } });
 */
export const OPTIMIZER_RECORDS_KEY = "toolforge_optimizer_records";

const RECORDS_BY_CONFIG = Symbol.for("toolforge.optimizer.recordsByConfig");

/**
 * Whether a runnable is an optimize-step graph that reads its records from
 * {@link OPTIMIZER_RECORDS_KEY}.
 *
 * @example
 * readsRecordsFromConfig(createOptimizeStepGraph({ model, sandbox })); // true
 */
export function readsRecordsFromConfig(runnable: unknown): boolean {
  return typeof runnable === "object" && runnable !== null && (runnable as Record<symbol, unknown>)[RECORDS_BY_CONFIG] === true;
}

function withRecordsFromConfig(state: State, config: LangGraphRunnableConfig): State {
  const given = config.configurable?.[OPTIMIZER_RECORDS_KEY] as Pick<OptimizeStepInput, "records" | "previousScores"> | undefined;
  return given ? { ...state, records: given.records, previousScores: given.previousScores } : state;
}

function optionalName(name: string | undefined): { name?: string } {
  return name === undefined ? {} : { name };
}
