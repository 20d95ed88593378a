import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { createRequire } from "node:module";
import { Tiktoken, type TiktokenBPE } from "js-tiktoken/lite";
import { describe, expect, it } from "vitest";
import { conversationTokens, countTokens } from "../../src/optimizer/index.js";

const cl100k = new Tiktoken(createRequire(import.meta.url)("js-tiktoken/ranks/cl100k_base") as TiktokenBPE);
const exact = (text: string) => cl100k.encode(text).length;

describe("countTokens (cl100k_base, the optimizer's prompt budget)", () => {
  it("counts ordinary text exactly", () => {
    expect(countTokens("hello world")).toBe(2);
    expect(countTokens("")).toBe(0);
    const prose = "The optimizer reads List A, then List B, and proposes at most three actions.\n".repeat(20);
    expect(countTokens(prose)).toBe(exact(prose));
  });

  it("counts text around a very long word, and the word itself at most a few tokens over", () => {
    const run = "ab7Qz".repeat(2_000); // 10 000 characters, no space: 40 slices
    const text = `${"before the run ".repeat(30)}${run}${" after it".repeat(30)}`;
    const counted = countTokens(text);
    expect(counted).toBeGreaterThanOrEqual(exact(text));
    expect(counted).toBeLessThanOrEqual(exact(text) + 45);
    expect(countTokens(run)).toBeGreaterThanOrEqual(exact(run));
    expect(countTokens(run)).toBeLessThanOrEqual(exact(run) + 45);
    expect(countTokens(`${run} ${run}`)).toBeGreaterThanOrEqual(2 * exact(run));
    // Counted in slices of 256 characters, not as one word (BPE on one long word is quadratic).
    const slices = run.match(/[^]{1,256}/g)!;
    expect(countTokens(run)).toBe(slices.reduce((n, s) => n + exact(s), 0));
  });
});

describe("conversationTokens", () => {
  it("counts each message's text, its tool calls and a per-message overhead", () => {
    const plain = [new HumanMessage("hello world")];
    expect(conversationTokens(plain)).toBe(2 + 8);
    const args = { name: "add_function", code: "function f() { return 1; }" };
    const call = new AIMessage({ content: "", tool_calls: [{ id: "c1", name: "add_function", args, type: "tool_call" }] });
    const withCall = conversationTokens([call]);
    expect(withCall).toBe(8 + countTokens(JSON.stringify(call.tool_calls)));
    const conversation = [...plain, call, new ToolMessage({ tool_call_id: "c1", content: "ok" }), new AIMessage("ok")];
    expect(conversationTokens(conversation)).toBe(10 + withCall + (8 + 1) + (8 + 1));
    expect(conversationTokens([])).toBe(0);
  });

  it("counts structured content as its JSON", () => {
    const parts = [{ type: "text" as const, text: "hello world" }];
    expect(conversationTokens([new HumanMessage({ content: parts })])).toBe(8 + countTokens(JSON.stringify(parts)));
  });
});
