import type { ModelSpec } from "../models/types.js";

// Kept free of heavy imports: `toolforge demo` prints this before it loads the training modules.

/**
 * The demo's opening lines: what it runs and, plainly, whether its models are scripted.
 *
 * @example
 * import { demoIntro } from "toolforge";
 * console.log(demoIntro({})); // "toolforge demo — … THE MODELS ARE SCRIPTED …"
 */
export function demoIntro(o: { model?: ModelSpec; optimizerModel?: ModelSpec }): string {
  const scripted = !o.model || !o.optimizerModel;
  return [
    "toolforge demo — the training loop of arXiv 2402.11359, end to end.",
    scripted
      ? "THE MODELS ARE SCRIPTED: no API key and no network are used. " +
        `${!o.model ? "The agent" : ""}${!o.model && !o.optimizerModel ? " and the " : ""}${!o.optimizerModel ? (o.model ? "The optimizer" : "optimizer") : ""} ` +
        "are fixed scripts (src/demo) served by a local OpenAI-compatible server on 127.0.0.1 and called through the real @langchain/openai client."
      : "Using the real models you passed with --model / --optimizer-model.",
    !o.model
      ? "The scripted agent gets one-step sums right, slips on products and long sums unless it has a fitting function, and then reports what that function computes in the sandbox."
      : "",
    "Tasks: a real GSM8K subset bundled in data/gsm8k (8 train, 4 validation, 4 test, 1 held-out).",
  ]
    .filter(Boolean)
    .join("\n");
}
