import { parse } from "acorn";

// Tool-calling APIs (OpenAI, Anthropic, Ollama) accept only [A-Za-z0-9_-]{1,64};
// a JS identifier within that set is the intersection of both worlds.
const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_NAME_LENGTH = 64;

/**
 * Why `name` cannot be a learned function's name, or `undefined` when it can.
 * Accepted: `[A-Za-z_][A-Za-z0-9_]*`, at most 64 characters, not a reserved
 * word (checked by parsing it as a strict-mode binding).
 */
export function nameProblem(name: string): string | undefined {
  if (name.length === 0) return "name is empty";
  if (name.length > MAX_NAME_LENGTH) return `name is ${name.length} characters long; at most ${MAX_NAME_LENGTH} are allowed`;
  if (!NAME_PATTERN.test(name)) {
    return `"${name}" is not a valid identifier: use letters, digits and "_" only, not starting with a digit`;
  }
  try {
    // A classic script (acorn's default), as the sandbox runs learned code.
    // Stryker disable next-line ObjectLiteral: acorn's defaults (ES2020) reserve the same words; they only add a one-time console warning
    parse(`"use strict"; var ${name};`, { ecmaVersion: "latest" });
  } catch {
    return `"${name}" is a reserved word in JavaScript`;
  }
  return undefined;
}
