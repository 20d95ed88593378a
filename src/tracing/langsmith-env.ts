const TRACING_FLAGS = ["LANGSMITH_TRACING", "LANGSMITH_TRACING_V2", "LANGCHAIN_TRACING_V2", "LANGCHAIN_TRACING"];

/**
 * True when LangSmith tracing is switched on by the environment
 * (`LANGSMITH_TRACING=true` or one of its older aliases) — the same test
 * LangChain applies before attaching its LangSmith tracer to every run.
 *
 * @example
 * import { langsmithTracingEnabled } from "toolforge";
 * if (langsmithTracingEnabled()) console.log("traces go to", process.env.LANGSMITH_PROJECT ?? "default");
 */
export function langsmithTracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return TRACING_FLAGS.some((name) => env[name] === "true");
}
