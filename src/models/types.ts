/**
 * How to reach a chat model: `"openai:<model>"`, `"ollama:<model>"`, or any
 * OpenAI-compatible server by base URL.
 */
export type ModelSpec =
  | string
  | {
      baseURL: string;
      model: string;
      apiKey?: string;
      temperature?: number;
      seed?: number;
      timeoutMs?: number;
      maxRetries?: number;
    };
