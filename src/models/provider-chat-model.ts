import type { BaseCache } from "@langchain/core/caches";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type { BaseChatModelCallOptions, BindToolsInput, LangSmithParams } from "@langchain/core/language_models/chat_models";
import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import type { ChatGenerationChunk, ChatResult } from "@langchain/core/outputs";
import type { Runnable, RunnableBinding } from "@langchain/core/runnables";
import { buildClient, type ClientSettings } from "./build-client.js";
import { attachResponseCache, ensureRunManager } from "./response-cache.js";
import { RetryingCaller, type RetryPolicy } from "./retry-caller.js";
import { providerInfo, type ModelProviderName } from "./providers.js";

/** Everything {@link ProviderChatModel} needs to build its client on first use. */
export interface ProviderChatModelFields {
  settings: ClientSettings;
  retry: Omit<RetryPolicy, "maxRetries">;
  cache?: BaseCache;
}

type CallOptions = BaseChatModelCallOptions & { tools?: BindToolsInput[]; strict?: boolean };

/**
 * The chat model `createModel` returns: a LangChain `BaseChatModel` for one
 * provider whose real client (`ChatOpenAI`, `ChatAnthropic`, `ChatOllama`,
 * …) is imported and built on the first request, so importing toolforge
 * loads no provider SDK. Tools bound with `bindTools` are handed to the real
 * client's own `bindTools` at call time, so each provider formats them its
 * way. Every request goes through toolforge's retry policy and, when given,
 * the response cache.
 *
 * @example
 * import { createModel, ProviderChatModel } from "toolforge";
 * const model = createModel("openai-compatible:qwen@http://localhost:8000/v1");
 * if (model instanceof ProviderChatModel) console.log(model.provider, model.model); // "openai-compatible" "qwen"
 * const client = await (model as ProviderChatModel).client(); // the ChatOpenAICompletions behind it
 */
export class ProviderChatModel extends BaseChatModel<CallOptions> {
  readonly provider: ModelProviderName;
  readonly model: string;
  readonly temperature: number;
  readonly timeoutMs: number;
  private readonly fields: ProviderChatModelFields;
  private built?: Promise<{ client: BaseChatModel; caller?: RetryingCaller }>;

  constructor(fields: ProviderChatModelFields) {
    super({});
    this.fields = fields;
    this.provider = fields.settings.resolved.provider;
    this.model = fields.settings.resolved.model;
    this.temperature = fields.settings.temperature;
    this.timeoutMs = fields.settings.timeoutMs;
    if (fields.cache) ensureRunManager(this);
  }

  static override lc_name(): string {
    return "ProviderChatModel";
  }

  override _llmType(): string {
    return this.provider;
  }

  /** The provider's own LangChain client, built (and its package imported) on first call. */
  async client(): Promise<BaseChatModel> {
    return (await this.build()).client;
  }

  private build(): Promise<{ client: BaseChatModel; caller?: RetryingCaller }> {
    this.built ??= (async () => {
      const { settings, retry, cache } = this.fields;
      const { client, callers, wireMessages } = await buildClient(settings);
      const caller = new RetryingCaller({ ...retry, maxRetries: settings.maxRetries });
      for (const c of callers) c.caller = caller;
      // The endpoint is part of every cache key; OpenAI proper keeps its historical "openai".
      const endpoint = settings.resolved.baseURL ?? (this.provider === "openai" ? undefined : this.provider);
      if (cache) attachResponseCache(client, cache, endpoint, wireMessages);
      // Clients that bypass their AsyncCaller get the same policy around the whole call.
      return { client, caller: providerInfo(this.provider)!.usesCaller ? undefined : caller };
    })();
    // A failed build (missing package, bad key) is not remembered: the next call tries again.
    this.built.catch(() => (this.built = undefined));
    return this.built;
  }

  override bindTools(tools: BindToolsInput[], kwargs?: Partial<CallOptions>): Runnable<any, any, CallOptions> {
    return this.withConfig({ tools, ...kwargs } as Partial<CallOptions>);
  }

  override getLsParams(options: this["ParsedCallOptions"]): LangSmithParams {
    return { ls_provider: this.provider, ls_model_name: this.model, ls_model_type: "chat", ls_temperature: this.temperature, ls_stop: options.stop };
  }

  override invocationParams(): Record<string, unknown> {
    return { provider: this.provider, model: this.model, temperature: this.temperature };
  }

  /** The call options as the real client expects them: tools formatted by its own `bindTools`. */
  private clientOptions(client: BaseChatModel, options: this["ParsedCallOptions"]): this["ParsedCallOptions"] {
    const { tools, strict, ...rest } = options;
    if (!tools?.length) return rest as this["ParsedCallOptions"];
    const bound = client.bindTools!(tools, strict === undefined ? undefined : ({ strict } as Partial<BaseChatModelCallOptions>)) as RunnableBinding<unknown, unknown>;
    return { ...rest, ...bound.kwargs, ...bound.config } as this["ParsedCallOptions"];
  }

  override async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"], runManager?: CallbackManagerForLLMRun): Promise<ChatResult> {
    const { client, caller } = await this.build();
    const call = () => client._generate(messages, this.clientOptions(client, options), runManager);
    return caller ? caller.callWithOptions({ signal: options.signal }, call) : call();
  }

  override async *_streamResponseChunks(messages: BaseMessage[], options: this["ParsedCallOptions"], runManager?: CallbackManagerForLLMRun): AsyncGenerator<ChatGenerationChunk> {
    const { client, caller } = await this.build();
    const stream = () => client._streamResponseChunks(messages, this.clientOptions(client, options), runManager);
    if (!caller) {
      yield* stream();
      return;
    }
    // Without a caller inside the client, only the opening of the stream is
    // retried: once chunks have been handed on, a retry would repeat them.
    let iterator!: AsyncIterator<ChatGenerationChunk>;
    let first!: IteratorResult<ChatGenerationChunk>;
    await caller.callWithOptions({ signal: options.signal }, async () => {
      iterator = stream()[Symbol.asyncIterator]();
      first = await iterator.next();
    });
    if (first.done) return;
    yield first.value;
    yield* { [Symbol.asyncIterator]: () => iterator };
  }
}
