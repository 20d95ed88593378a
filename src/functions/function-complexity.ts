import type { FunctionSpec } from "./function-spec.js";

/**
 * Cyclomatic complexity (McCabe) of one learned function.
 *
 * @example
 * const c: import("toolforge").FunctionComplexity = { name: "solve", complexity: 3 };
 */
export interface FunctionComplexity {
  name: string;
  /** The highest cyclomatic complexity among the functions its code defines (its entry and any helpers). */
  complexity: number;
}

type Linter = import("eslint").Linter;
let linter: Promise<Linter> | undefined;
const cache = new Map<string, number | null>();

// ESLint's rule message is the only place the number appears ("… has a complexity of 7. …").
const MESSAGE = /has a complexity of (\d+)/;

/**
 * The cyclomatic complexity of a learned function's code, measured by
 * ESLint's `complexity` rule (classic McCabe counting: 1 + one per `if`,
 * loop, `case`, `catch`, `?:`, `&&` / `||` / `??` and default parameter),
 * run in-process on the code alone — the paper's Table 6 measured the same
 * with Lizard for Python. Every function in the code is measured and the
 * highest value is returned, so logic moved into a helper still counts.
 * Code that does not parse gets `null`. ESLint is loaded on first use.
 *
 * @example
 * import { cyclomaticComplexity } from "toolforge";
 * console.log(await cyclomaticComplexity("function f({ x }) { return x > 0 ? x : -x; }")); // 2
 */
export async function cyclomaticComplexity(code: string): Promise<number | null> {
  // A cached null (code that does not parse) is measured again: validated code always parses.
  return cache.get(code) ?? measure(code);
}

async function measure(code: string): Promise<number | null> {
  linter ??= import("eslint").then(({ Linter }) => new Linter());
  const messages = (await linter).verify(code, [
    {
      languageOptions: { ecmaVersion: "latest", sourceType: "script" },
      // The code is LLM-written: an `/* eslint … */` comment in it must not switch the measurement off.
      linterOptions: { noInlineConfig: true },
      rules: { complexity: ["error", { max: 0 }] },
    },
  ]);
  const result = messages.some((m) => m.fatal) ? null : highest(messages.filter((m) => m.ruleId === "complexity").map((m) => Number(MESSAGE.exec(m.message)![1])));
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the bound only limits the cache's memory; every result is the same
  if (cache.size >= 1_000) cache.clear();
  cache.set(code, result);
  return result;
}

// Code without any function (a bare script) counts as one path.
const highest = (values: number[]): number => (values.length > 0 ? Math.max(...values) : 1);

/**
 * {@link cyclomaticComplexity} of every function of a toolset, in order.
 * Functions whose code does not parse (never the case for a validated
 * toolset) are left out.
 *
 * @example
 * import { toolsetComplexity, Toolset } from "toolforge";
 * const t = await Toolset.load("runs/a/best.toolset.json");
 * console.log(await toolsetComplexity(t.functions)); // [{ name: "solve", complexity: 3 }, …]
 */
export async function toolsetComplexity(functions: readonly Pick<FunctionSpec, "name" | "code">[]): Promise<FunctionComplexity[]> {
  const out: FunctionComplexity[] = [];
  for (const f of functions) {
    const complexity = await cyclomaticComplexity(f.code);
    if (complexity !== null) out.push({ name: f.name, complexity });
  }
  return out;
}
