import { createRequire } from "node:module";
import { ModelSpecError } from "./errors.js";

/**
 * One chat-model provider: the LangChain package and class that serve it.
 * The names and packages are those of LangChain's `initChatModel`, so a
 * string such as `"anthropic:claude-sonnet-4-5"` means the same client here
 * as there.
 *
 * @example
 * import { MODEL_PROVIDERS } from "toolforge";
 * MODEL_PROVIDERS.anthropic.package; // "@langchain/anthropic"
 */
export interface ModelProvider {
  /** npm package that provides the client (an optional peer dependency of toolforge, except `@langchain/openai`). */
  package: string;
  /** Its chat-model class. */
  className: string;
  /** Environment variables the client reads its key from (any one will do); checked up front so a missing key fails before any work. */
  keyEnv?: readonly string[];
  /** Whether toolforge knows how to point this client at a `baseURL` of your own. */
  baseURL?: boolean;
  /** True when the client sends its requests through its `AsyncCaller` (then toolforge's retry policy sits there); otherwise it wraps the call. */
  usesCaller: boolean;
}

/**
 * The providers `createModel` accepts as `"<provider>:<model>"`: exactly the
 * prefixes of LangChain's `initChatModel`. `openai`, `anthropic`,
 * `google-genai` and `ollama` are tested against local fake endpoints; the
 * others are built the same generic way `initChatModel` builds them.
 *
 * @example
 * import { MODEL_PROVIDERS } from "toolforge";
 * Object.keys(MODEL_PROVIDERS).includes("ollama"); // true: ChatOllama from @langchain/ollama
 */
export const MODEL_PROVIDERS = {
  openai: { package: "@langchain/openai", className: "ChatOpenAI", keyEnv: ["OPENAI_API_KEY"], baseURL: true, usesCaller: true },
  anthropic: { package: "@langchain/anthropic", className: "ChatAnthropic", keyEnv: ["ANTHROPIC_API_KEY"], baseURL: true, usesCaller: true },
  azure_openai: { package: "@langchain/openai", className: "AzureChatOpenAI", usesCaller: true },
  langsmith: { package: "@langchain/openai", className: "ChatOpenAI", usesCaller: true },
  cohere: { package: "@langchain/cohere", className: "ChatCohere", usesCaller: true },
  google: { package: "@langchain/google", className: "ChatGoogle", usesCaller: true },
  "google-vertexai": { package: "@langchain/google-vertexai", className: "ChatVertexAI", usesCaller: true },
  "google-vertexai-web": { package: "@langchain/google-vertexai-web", className: "ChatVertexAI", usesCaller: true },
  "google-genai": { package: "@langchain/google-genai", className: "ChatGoogleGenerativeAI", keyEnv: ["GOOGLE_API_KEY", "GEMINI_API_KEY"], baseURL: true, usesCaller: true },
  // ChatOllama calls its own HTTP client directly, bypassing the AsyncCaller.
  ollama: { package: "@langchain/ollama", className: "ChatOllama", baseURL: true, usesCaller: false },
  mistralai: { package: "@langchain/mistralai", className: "ChatMistralAI", usesCaller: true },
  mistral: { package: "@langchain/mistralai", className: "ChatMistralAI", usesCaller: true },
  groq: { package: "@langchain/groq", className: "ChatGroq", usesCaller: true },
  bedrock: { package: "@langchain/aws", className: "ChatBedrockConverse", usesCaller: true },
  aws: { package: "@langchain/aws", className: "ChatBedrockConverse", usesCaller: true },
  deepseek: { package: "@langchain/deepseek", className: "ChatDeepSeek", usesCaller: true },
  xai: { package: "@langchain/xai", className: "ChatXAI", usesCaller: true },
  cerebras: { package: "@langchain/cerebras", className: "ChatCerebras", usesCaller: true },
  fireworks: { package: "@langchain/fireworks", className: "ChatFireworks", usesCaller: true },
  together: { package: "@langchain/together-ai", className: "ChatTogetherAI", usesCaller: true },
  perplexity: { package: "@langchain/perplexity", className: "ChatPerplexity", usesCaller: true },
} as const satisfies Record<string, ModelProvider>;

/**
 * A provider prefix of {@link MODEL_PROVIDERS}, or `"openai-compatible"`
 * (any server speaking the OpenAI Chat Completions API at a base URL of your
 * own: vLLM, llama.cpp, LM Studio, Ollama's `/v1`).
 *
 * @example
 * import type { ModelProviderName } from "toolforge";
 * const p: ModelProviderName = "openai-compatible";
 */
export type ModelProviderName = keyof typeof MODEL_PROVIDERS | "openai-compatible";

const OPENAI_COMPATIBLE: ModelProvider = { package: "@langchain/openai", className: "ChatOpenAICompletions", baseURL: true, usesCaller: true };

/** The provider entry of a name; `undefined` when it is not one. */
export function providerInfo(name: string): ModelProvider | undefined {
  if (name === "openai-compatible") return OPENAI_COMPATIBLE;
  return Object.hasOwn(MODEL_PROVIDERS, name) ? MODEL_PROVIDERS[name as keyof typeof MODEL_PROVIDERS] : undefined;
}

const require = createRequire(import.meta.url);

/** Whether `pkg` can be found from toolforge, without loading it. */
function isInstalled(pkg: string): boolean {
  try {
    require.resolve(pkg);
    return true;
  } catch (error) {
    // A package whose exports map has no "require" entry is still installed.
    return (error as { code?: string }).code === "ERR_PACKAGE_PATH_NOT_EXPORTED";
  }
}

/** How the old meaning of `ollama:` (the OpenAI-compatible API on port 11434) is written now. */
const OLD_OLLAMA_HINT =
  'Earlier toolforge versions read "ollama:<model>" as the OpenAI-compatible client at http://localhost:11434/v1; that is now written "openai-compatible:<model>@http://localhost:11434/v1".';

/**
 * The error for a provider whose package is not installed: a
 * `ModelSpecError` with code `E_MODEL_PROVIDER_PACKAGE` naming the package
 * and the command that installs it.
 */
export function missingPackageError(provider: string, spec: string, cause?: unknown): ModelSpecError {
  const info = providerInfo(provider)!;
  const hint = provider === "ollama" ? ` ${OLD_OLLAMA_HINT}` : "";
  return new ModelSpecError(
    "E_MODEL_PROVIDER_PACKAGE",
    `Model "${spec}" needs the package ${info.package} (provider "${provider}", class ${info.className}), which is not installed: run \`npm install ${info.package}\`.${hint}`,
    { spec, provider, package: info.package },
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Throws {@link missingPackageError} unless the provider's package is
 * installed. Checks without importing, so it costs no start-up time.
 */
export function assertProviderInstalled(provider: string, spec: string): void {
  const info = providerInfo(provider);
  if (info && !isInstalled(info.package)) throw missingPackageError(provider, spec);
}

/**
 * Imports a provider's chat-model class on first use (the reason
 * `import("toolforge")` loads no provider SDK). A package that vanished since
 * {@link assertProviderInstalled} gets the same typed error.
 */
export async function importProviderClass<T>(provider: string, spec: string): Promise<T> {
  const info = providerInfo(provider)!;
  let module: Record<string, unknown>;
  try {
    module = (await import(info.package)) as Record<string, unknown>;
  } catch (error) {
    if (String((error as { code?: unknown }).code ?? "").includes("MODULE_NOT_FOUND")) throw missingPackageError(provider, spec, error);
    throw error;
  }
  return module[info.className] as T;
}
