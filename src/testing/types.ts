/**
 * One model request as the scripted server received it (Chat Completions, or Responses translated into chat-style messages).
 *
 * @example
 * import type { ScriptedRequest } from "toolforge/testing";
 * const lastUserText = (req: ScriptedRequest) => req.messages.filter((m) => m.role === "user").at(-1)?.content;
 */
export interface ScriptedRequest {
  /** 0-based arrival order among model requests of either API (retries included). */
  index: number;
  /** Which endpoint received it: `/v1/chat/completions` or `/v1/responses` (whose input is translated into `messages` and `tools`); always set by the server. */
  api?: "chat.completions" | "responses";
  model: string;
  messages: ScriptedMessage[];
  /** Tool definitions in OpenAI format (`{ type: "function", function: { name, description, parameters } }`). */
  tools?: ScriptedToolDefinition[];
  stream: boolean;
  /** The whole parsed JSON body as sent (temperature, seed, tool_choice, stream_options...). */
  body: Record<string, unknown>;
  /** Request headers, lower-cased names. */
  headers: Record<string, string>;
}

/**
 * A message of a {@link ScriptedRequest}, as sent by the client.
 *
 * @example
 * import type { ScriptedMessage } from "toolforge/testing";
 * const isToolResult = (m: ScriptedMessage) => m.role === "tool" && m.tool_call_id !== undefined;
 */
export interface ScriptedMessage {
  role: "system" | "developer" | "user" | "assistant" | "tool" | string;
  content: unknown;
  tool_calls?: { id: string; type: "function"; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
  name?: string;
}

/**
 * A tool definition of a {@link ScriptedRequest}.
 *
 * @example
 * import type { ScriptedToolDefinition } from "toolforge/testing";
 * const names = (tools: ScriptedToolDefinition[] = []) => tools.map((t) => t.function.name);
 */
export interface ScriptedToolDefinition {
  type: string;
  function: { name: string; description?: string; parameters?: unknown };
}

/**
 * What the scripted server answers. A success by default; `status` >= 400
 * makes an OpenAI-style error body (with `content` as its message); the
 * fault fields simulate slow or broken servers.
 *
 * @example
 * import type { ScriptedReply } from "toolforge/testing";
 * const text: ScriptedReply = { content: "42" };
 * const call: ScriptedReply = { toolCalls: [{ name: "add", arguments: { a: 1, b: 2 } }] };
 * const busy: ScriptedReply = { status: 429, headers: { "retry-after": "0" } };
 * const broken: ScriptedReply = { rawBody: "{not json" };
 */
export interface ScriptedReply {
  content?: string;
  /** `arguments` objects are JSON-encoded; strings are sent verbatim (to test malformed arguments). */
  toolCalls?: { name: string; arguments: unknown; id?: string }[];
  /** Defaults to an estimate (about 4 characters per token) from the request and reply sizes. */
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** HTTP status; default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** Wait this long before sending anything (for timeout tests). */
  delayMs?: number;
  /** Send this body verbatim instead of a generated one (for malformed-body tests). */
  rawBody?: string;
  /** Send only the first part of the body, then drop the connection. */
  truncate?: boolean;
  /** `finish_reason`; default "tool_calls" when there are tool calls, else "stop". */
  finishReason?: string;
}

/**
 * Decides the reply to each chat-completions request.
 *
 * @example
 * import type { ScriptedResponder } from "toolforge/testing";
 * const respond: ScriptedResponder = (req) =>
 *   req.messages.at(-1)?.role === "tool" ? { content: "done" } : { toolCalls: [{ name: "add", arguments: { a: 1, b: 2 } }] };
 */
export type ScriptedResponder = (request: ScriptedRequest) => ScriptedReply | Promise<ScriptedReply>;

/**
 * Options of `startScriptedServer`.
 *
 * @example
 * import { startScriptedServer, type ScriptedServerOptions } from "toolforge/testing";
 * const options: ScriptedServerOptions = { respond: () => ({ content: "hi" }), models: ["my-model"] };
 * const server = await startScriptedServer(options);
 */
export interface ScriptedServerOptions {
  respond: ScriptedResponder;
  /** Model ids listed by `GET /v1/models`; default `["scripted"]`. */
  models?: string[];
  /** Port on 127.0.0.1 (default: an ephemeral one), e.g. to bring a "provider" back up where a client expects it. */
  port?: number;
}

/**
 * A running scripted server. `requests` grows as requests arrive; `errors`
 * collects exceptions thrown by `respond` (each was answered with HTTP 400
 * carrying the message, which clients do not retry).
 *
 * @example
 * import { startScriptedServer } from "toolforge/testing";
 * const server = await startScriptedServer({ respond: () => ({ content: "hi" }) });
 * // ... run your agent against server.baseURL ...
 * console.log(server.requests.length, server.errors);
 * await server.close();
 */
export interface ScriptedServer {
  /** `http://127.0.0.1:<port>/v1` */
  baseURL: string;
  requests: ScriptedRequest[];
  errors: Error[];
  close(): Promise<void>;
}
