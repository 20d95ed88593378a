import type { BaseCache } from "@langchain/core/caches";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, AIMessageChunk, convertToChunk, isAIMessage, type BaseMessage } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatGeneration, type ChatResult } from "@langchain/core/outputs";
import { convertMessagesToCompletionsMessageParams, type BaseChatOpenAI } from "@langchain/openai";

function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Cache key of one request: exactly what goes over the wire (messages as the
 * Chat Completions API sees them, so LangGraph's random message ids do not
 * matter) plus the model identity. The API key is never part of it.
 */
function requestKey(model: BaseChatOpenAI<any>, baseURL: string | undefined, messages: BaseMessage[], options: unknown) {
  const { stream: _s, stream_options: _so, ...params } = model.invocationParams(options as never) as Record<string, unknown>;
  const wire = convertMessagesToCompletionsMessageParams({ messages, model: model.model });
  return { prompt: stableStringify(wire), llmKey: stableStringify({ v: 1, baseURL: baseURL ?? "openai", params }) };
}

function chunkToMessage(chunk: BaseMessage): BaseMessage {
  if (!AIMessageChunk.isInstance(chunk)) return chunk;
  return new AIMessage({
    content: chunk.content,
    tool_calls: chunk.tool_calls,
    invalid_tool_calls: chunk.invalid_tool_calls,
    usage_metadata: chunk.usage_metadata,
    response_metadata: chunk.response_metadata,
    additional_kwargs: chunk.additional_kwargs,
    id: chunk.id,
  });
}

/**
 * Answers identical requests from `cache` instead of the server, for both
 * `invoke` and streaming. Done at the `_generate` / `_streamResponseChunks`
 * level rather than through BaseChatModel's own `cache` field because core
 * keys that by a lossy text rendering of the prompt (tool-call ids and
 * message ids in or out by accident), zeroes `usage_metadata` on hits, and
 * skips the cache entirely when streaming. The native content-block event
 * stream (used by LangGraph's v3 streaming) is routed through the cached
 * chunk stream via core's generic bridge.
 */
export function attachResponseCache(model: BaseChatOpenAI<any>, cache: BaseCache, baseURL: string | undefined): void {
  const generate = model._generate.bind(model);
  const streamChunks = model._streamResponseChunks.bind(model);

  model._generate = async (messages: BaseMessage[], options: any, runManager?: CallbackManagerForLLMRun): Promise<ChatResult> => {
    // With `streaming: true`, _generate consumes _streamResponseChunks, which caches itself.
    if (model.streaming) return generate(messages, options, runManager);
    const { prompt, llmKey } = requestKey(model, baseURL, messages, options);
    const hit = (await cache.lookup(prompt, llmKey)) as ChatGeneration[] | null;
    if (hit?.length) return { generations: hit, llmOutput: { cached: true } };
    const result = await generate(messages, options, runManager);
    await cache.update(prompt, llmKey, result.generations);
    return result;
  };

  // ChatOpenAICompletions streams events natively, straight past
  // _streamResponseChunks; the base implementation derives them from it.
  model._streamChatModelEvents = BaseChatModel.prototype._streamChatModelEvents;

  model._streamResponseChunks = async function* (messages: BaseMessage[], options: any, runManager?: CallbackManagerForLLMRun) {
    const { prompt, llmKey } = requestKey(model, baseURL, messages, options);
    const hit = (await cache.lookup(prompt, llmKey)) as ChatGeneration[] | null;
    if (hit?.length) {
      for (const generation of hit) {
        const chunk = new ChatGenerationChunk({
          text: generation.text,
          message: isAIMessage(generation.message) ? (convertToChunk(generation.message) as AIMessageChunk) : new AIMessageChunk(generation.text),
          generationInfo: generation.generationInfo,
        });
        await runManager?.handleLLMNewToken(generation.text, { prompt: 0, completion: 0 }, undefined, undefined, undefined, { chunk });
        yield chunk;
      }
      return;
    }
    let whole: ChatGenerationChunk | undefined;
    for await (const chunk of streamChunks(messages, options, runManager)) {
      whole = whole ? whole.concat(chunk) : chunk;
      yield chunk;
    }
    // Only a stream that ran to its end is a complete answer worth replaying.
    if (whole && !options?.signal?.aborted) {
      const generation: ChatGeneration = { text: whole.text, message: chunkToMessage(whole.message), generationInfo: whole.generationInfo };
      await cache.update(prompt, llmKey, [generation]);
    }
  };
}
