import { createRequire } from "node:module";
import { Tiktoken, type TiktokenBPE } from "js-tiktoken/lite";

// The BPE ranks are a 1 MB module that takes a few hundred milliseconds to
// load, so they are required on first use (not when "toolforge" is imported)
// and the encoder is shared.
const require = createRequire(import.meta.url);
let encoder: Tiktoken | undefined;
const loadEncoder = () => new Tiktoken(require("js-tiktoken/ranks/cl100k_base") as TiktokenBPE);

/**
 * Number of tokens of `text` under OpenAI's `cl100k_base` encoding (the
 * tokenizer of GPT-4 and GPT-3.5, via `js-tiktoken`, whose ranks ship with
 * the package: no network). The optimizer prompt budget is measured with
 * it. Other model families tokenize differently; for the models toolforge
 * targets (GPT-4o's `o200k_base`, Llama 3, Qwen 2.5) `cl100k_base` counts
 * about as many or more tokens for English and code, so a prompt within
 * budget here is within budget there too.
 *
 * @example
 * import { countTokens } from "toolforge";
 * console.log(countTokens("hello world")); // 2
 */
export function countTokens(text: string): number {
  const enc = (encoder ??= loadEncoder());
  // BPE merging is quadratic in the length of one pre-token, and an LLM can
  // write a 20 000-character word; such runs are counted in slices, which
  // can only count a few tokens more (merges across a cut are lost).
  let total = 0;
  let last = 0;
  for (const match of text.matchAll(LONG_RUN)) {
    total += enc.encode(text.slice(last, match.index)).length;
    for (const [piece] of match[0].matchAll(PIECE)) total += enc.encode(piece).length;
    last = match.index + match[0].length;
  }
  return total + enc.encode(text.slice(last)).length;
}

const SLICE = 256;
// A run of exactly SLICE characters is one slice either way.
const LONG_RUN = new RegExp(`\\S{${SLICE},}`, "g");
const PIECE = new RegExp(`[^]{1,${SLICE}}`, "g");
