interface CompletionLike {
  choices?: { message?: { tool_calls?: { function?: { arguments?: unknown } }[] } }[];
}

/**
 * True when a raw Chat Completions response carries a tool call whose
 * `arguments` string is not JSON — what a reply cut or garbled on the way
 * looks like. Streams and other results are never judged malformed.
 *
 * @example
 * malformedToolCall({ choices: [{ message: { tool_calls: [{ function: { arguments: '{"a": 1' } }] } }] }); // true
 */
export function malformedToolCall(result: unknown): boolean {
  const choices = (result as CompletionLike | null)?.choices;
  if (!Array.isArray(choices)) return false;
  for (const choice of choices) {
    for (const call of choice?.message?.tool_calls ?? []) {
      const args = call?.function?.arguments;
      if (typeof args !== "string" || args.trim() === "") continue;
      try {
        JSON.parse(args);
      } catch {
        return true;
      }
    }
  }
  return false;
}
