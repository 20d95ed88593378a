import type { Command } from "commander";
import { DEFAULTS } from "../../defaults.js";
import type { EvaluationResult } from "../../evaluation/types.js";
import type { Toolset as ToolsetValue } from "../../functions/index.js";
import type { ModelSpec } from "../../models/types.js";
import { addCapabilityOptions, capabilitiesFromFlags, capabilityPolicyOf, type CliCapabilities } from "../capability-options.js";
import { printerFor, withOutputOptions, type CommandContext } from "../command-context.js";
import { integerOption, modelSpecOption } from "../parse-options.js";
import { agentOption } from "./train.js";

interface EvalFlags extends CliCapabilities {
  levels?: number[];
  toolset: string;
  data: string;
  baseline?: string;
  limit?: number;
  agent: "tool-calling" | "react";
  model: ModelSpec;
  concurrency: number;
  codeInterpreter: boolean;
  excludeFailedTasks?: boolean;
  json?: boolean;
  quiet?: boolean;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

function line(label: string, r: EvaluationResult): string {
  const excluded = new Set(r.excluded);
  const scored = r.records.filter((x) => !excluded.has(x.taskId));
  const correct = scored.filter((x) => x.score >= 0.5).length;
  const left = excluded.size ? `; ${excluded.size} task(s) left out: their model calls failed` : "";
  return `${label}: accuracy ${pct(r.accuracy)} (${correct}/${scored.length} correct${left}), 95 % Wilson interval [${pct(r.interval.low)}, ${pct(r.interval.high)}]`;
}

/**
 * Registers `toolforge eval`: accuracy of a toolset with a Wilson interval;
 * with `--baseline`, the baseline's too and a paired McNemar test.
 *
 * @example
 * // npx toolforge eval --toolset runs/a/best.toolset.json --data gsm8k:test --baseline none --model openai:gpt-4o
 */
export function registerEvalCommand(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("eval")
    .description("evaluate a toolset on a dataset: accuracy with a Wilson interval; with --baseline, a paired McNemar test")
    .requiredOption("--toolset <file>", "toolset file to evaluate")
    .requiredOption("--data <source>", "tasks: a JSONL file or a preset (gsm8k:test, math:test80, …)")
    .option("--baseline <toolset|none>", 'compare with another toolset file, or "none" for no functions')
    .option("--limit <n>", "use only the first n rows", integerOption(1))
    .addOption(agentOption())
    .requiredOption("--model <spec>", 'agent model: "<provider>:<model>" as in LangChain initChatModel (openai:, anthropic:, google-genai:, ollama:, …), "openai-compatible:<model>@<baseURL>", JSON {"baseURL","model"}, or scripted:demo (offline, scripted)', modelSpecOption)
    .option("--concurrency <n>", "tasks evaluated at once", integerOption(1), DEFAULTS.training.concurrency)
    .option("--no-code-interpreter", "do not give the agent the execute_javascript tool")
    .option("--exclude-failed-tasks", "leave tasks whose model calls keep failing out of the scores (default: stop with an error)");
  addCapabilityOptions(cmd);
  withOutputOptions(cmd).action(async (flags: EvalFlags) => {
    const [{ loadDataset }, { Toolset }, { pairedMcNemar }, { createSandbox }, { evaluateWithEvents }, { validateModelSpecs }, { startScriptedModels }, { checkUniqueTaskIds }] = await Promise.all([
      import("../../datasets/index.js"),
      import("../../functions/index.js"),
      import("../../report/mcnemar.js"),
      import("../../sandbox/index.js"),
      import("../evaluate-with-events.js"),
      import("../validate-models.js"),
      import("../../demo/scripted-models.js"),
      import("../../evaluation/task-ids.js"),
    ]);
    const printer = printerFor(ctx.io, flags);
    printer.evaluationLabel = (step) => (step === 0 ? `toolset ${flags.toolset}` : `baseline ${flags.baseline}`);
    const toolset = await Toolset.load(flags.toolset);
    const baseline = flags.baseline === undefined ? undefined : flags.baseline === "none" ? Toolset.empty() : await Toolset.load(flags.baseline);
    const data = await loadDataset(flags.data, { ...(flags.limit !== undefined && { limit: flags.limit }), ...(flags.levels && { gaia: { levels: flags.levels } }) });
    checkUniqueTaskIds(data.tasks);
    const policy = await capabilityPolicyOf(capabilitiesFromFlags(flags));
    const { assertCapabilitiesGranted, createCapabilities } = await import("../../capabilities/index.js");
    // A toolset that needs more than this run grants is refused before any model call.
    assertCapabilitiesGranted(toolset.functions, policy, flags.toolset);
    const capabilities = policy ? createCapabilities(policy) : undefined;
    validateModelSpecs([flags.model]);
    const scripted = await startScriptedModels([flags.model], (note) => printer.info(note));
    const agent = { kind: flags.agent, model: scripted.resolve(flags.model), codeInterpreter: flags.codeInterpreter } as const;
    const sandbox = await createSandbox();
    try {
      const run = (t: ToolsetValue, step: number) =>
        evaluateWithEvents({ agent, toolset: t, tasks: data.tasks, scorer: data.scorer, sandbox, ...(capabilities && { capabilities }), concurrency: flags.concurrency, signal: ctx.signal, step, phase: "test", onEvent: (e) => printer.event(e),
          ...(flags.excludeFailedTasks && { infrastructureFailures: "exclude" as const }) });
      printer.info(`Evaluating ${flags.toolset} (${toolset.size} functions) on ${data.name} (${data.tasks.length} tasks)…`);
      const main = await run(toolset, 0);
      const summary = (r: EvaluationResult) => ({ accuracy: r.accuracy, loss: r.loss, n: r.records.length - r.excluded.length, excluded: r.excluded, interval: r.interval, usage: r.usage });
      if (!baseline) {
        printer.result({ type: "result", toolset: flags.toolset, data: data.name, ...summary(main) }, line(flags.toolset, main));
        return;
      }
      printer.info(`Evaluating the baseline ${flags.baseline} (${baseline.size} functions)…`);
      const base = await run(baseline, 1);
      // A task left out on either side is left out of the pairing.
      const left = new Set([...main.excluded, ...base.excluded]);
      const paired = main.records.map((r, i) => [r, base.records[i]!] as const).filter(([r]) => !left.has(r.taskId));
      const test = pairedMcNemar(
        paired.map(([r]) => r.score),
        paired.map(([, r]) => r.score),
      );
      const verdict = test.pValue < 0.05 ? "significant at 5 %" : "not significant at 5 %";
      printer.result(
        { type: "result", toolset: flags.toolset, baseline: flags.baseline, data: data.name, toolsetResult: summary(main), baselineResult: summary(base), mcnemar: test },
        [
          line(flags.toolset, main),
          line(`baseline ${flags.baseline}`, base),
          `Paired comparison on ${paired.length} tasks: only the toolset right on ${test.b}, only the baseline right on ${test.c}; ` +
            `McNemar ${test.method === "exact" ? "exact test" : `χ² = ${test.statistic.toFixed(3)}`}, p = ${test.pValue.toPrecision(3)} (${verdict}).`,
        ].join("\n"),
      );
    } finally {
      printer.close();
      await Promise.all([sandbox.close(), scripted.close()]);
    }
  });
}
