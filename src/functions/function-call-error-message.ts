import { ToolMessage } from "@langchain/core/messages";
import { FunctionCallError } from "./errors.js";

/**
 * Turns a {@link FunctionCallError} (thrown by tools emitted with
 * `throwOnError: true`) back into the `ToolMessage` the tool would have
 * returned: `status: "error"`, the readable error as content and the
 * sandbox result as artifact. Any other error gives `undefined`, which
 * callers should re-throw. Use it in an outer `wrapToolCall` middleware, so
 * a retry layer inside sees the exception while the transcript still gets
 * the artifact.
 *
 * @example
 * import { createAgent, createMiddleware, toolRetryMiddleware } from "langchain";
 * import { handleFunctionCallError } from "toolforge";
 * const keepArtifacts = createMiddleware({
 *   name: "keepFunctionCallArtifacts",
 *   wrapToolCall: async (request, handler) => {
 *     try { return await handler(request); }
 *     catch (error) { const message = handleFunctionCallError(error, request.toolCall); if (message) return message; throw error; }
 *   },
 * });
 * const agent = createAgent({ model, tools: toolset.toTools({ sandbox, throwOnError: true }),
 *   middleware: [keepArtifacts, toolRetryMiddleware({ maxRetries: 2, onFailure: "error" })] });
 */
export function handleFunctionCallError(error: unknown, toolCall: { id?: string; name: string }): ToolMessage | undefined {
  if (!(error instanceof FunctionCallError)) return undefined;
  return new ToolMessage({
    content: error.content,
    artifact: error.artifact,
    status: "error",
    tool_call_id: toolCall.id ?? "",
    name: toolCall.name,
  });
}
