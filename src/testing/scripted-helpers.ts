import { ToolforgeError } from "../errors.js";
import type { ScriptedReply, ScriptedRequest, ScriptedResponder, ScriptedServer } from "./types.js";

/**
 * A responder that answers requests with `replies` in order (one per
 * request, retries included) and throws once they run out, naming how many
 * were scripted and showing the unexpected request's last message. The
 * server turns that throw into an HTTP 400, so the client fails fast.
 *
 * @example
 * import { startScriptedServer, scriptedSequence } from "toolforge/testing";
 * const server = await startScriptedServer({
 *   respond: scriptedSequence([{ toolCalls: [{ name: "add", arguments: { a: 1, b: 2 } }] }, { content: "3" }]),
 * });
 */
export function scriptedSequence(replies: (ScriptedReply | ((request: ScriptedRequest) => ScriptedReply | Promise<ScriptedReply>))[]): ScriptedResponder {
  let next = 0;
  return (request) => {
    if (next >= replies.length) {
      const last = request.messages.at(-1);
      const preview = last ? JSON.stringify(last).slice(0, 200) : "(no messages)";
      throw new ToolforgeError(
        "E_SCRIPT_EXHAUSTED",
        `scriptedSequence: all ${replies.length} scripted replies were used; unexpected request #${request.index} ending with ${preview}`,
        { scripted: replies.length, requestIndex: request.index },
      );
    }
    const reply = replies[next++]!;
    return typeof reply === "function" ? reply(request) : reply;
  };
}

/**
 * The `ModelSpec` that points `createModel` at a scripted server.
 *
 * @example
 * import { startScriptedServer, scriptedModelSpec } from "toolforge/testing";
 * import { createModel } from "toolforge";
 * const server = await startScriptedServer({ respond: () => ({ content: "ok" }) });
 * const model = createModel(scriptedModelSpec(server), { maxRetries: 0 });
 */
export function scriptedModelSpec(server: Pick<ScriptedServer, "baseURL">, model = "scripted"): { baseURL: string; model: string; apiKey: string } {
  return { baseURL: server.baseURL, model, apiKey: "scripted" };
}
