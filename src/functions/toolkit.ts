import { BaseToolkit, type StructuredToolInterface } from "@langchain/core/tools";
import { createSandbox } from "../sandbox/create-sandbox.js";
import type { Sandbox, SandboxOptions } from "../sandbox/types.js";
import type { ToToolsOptions } from "./emit-tools.js";
import { Toolset } from "./toolset.js";
import type { ToolsetFile } from "./toolset-file.js";

/**
 * Options of {@link Toolkit.create}: the sandbox limits of the sandbox it
 * creates (or a `sandbox` it then does not own), plus `toTools` options.
 *
 * @example
 * const options: ToolkitOptions = { timeoutMs: 1_000, throwOnError: false };
 */
export interface ToolkitOptions extends SandboxOptions, Omit<ToToolsOptions, "sandbox"> {
  /** Use this sandbox instead of creating one; the caller keeps closing it. */
  sandbox?: Sandbox;
}

/**
 * A trained toolset as a LangChain `BaseToolkit`: `getTools()` gives one tool
 * per learned function, and the toolkit owns the QuickJS sandbox they run in,
 * so disposing the toolkit (`await using`, or `close()`) frees its workers.
 *
 * @example
 * import { createAgent } from "langchain";
 * import { Toolkit } from "toolforge";
 * await using toolkit = await Toolkit.create("runs/demo/best.toolset.json");
 * const agent = createAgent({ model: "openai:gpt-4o", tools: toolkit.getTools() });
 */
export class Toolkit extends BaseToolkit implements AsyncDisposable {
  tools: StructuredToolInterface[];
  readonly toolset: Toolset;
  readonly sandbox: Sandbox;
  readonly #ownsSandbox: boolean;
  #closed: Promise<void> | undefined;

  private constructor(toolset: Toolset, sandbox: Sandbox, ownsSandbox: boolean, options: Omit<ToToolsOptions, "sandbox">) {
    super();
    this.toolset = toolset;
    this.sandbox = sandbox;
    this.#ownsSandbox = ownsSandbox;
    this.tools = toolset.toTools({ ...options, sandbox });
  }

  /**
   * Loads the toolset (a `Toolset`, its file form, or a toolset file path)
   * and, unless `options.sandbox` is given, starts a sandbox for it. The file
   * is read and checked before any worker starts.
   *
   * @example
   * const toolkit = await Toolkit.create(result.toolset, { timeoutMs: 1_000 });
   * try { console.log(toolkit.getTools().map((t) => t.name)); } finally { await toolkit.close(); }
   */
  static async create(source: Toolset | ToolsetFile | string, options: ToolkitOptions = {}): Promise<Toolkit> {
    const toolset = source instanceof Toolset ? source : typeof source === "string" ? await Toolset.load(source) : Toolset.fromJSON(source);
    const { sandbox, throwOnError, timeoutMs, maxErrorLogChars, ...limits } = options;
    // Absent and undefined options mean the same to toTools and createSandbox (their defaults).
    const toolOptions = { throwOnError, timeoutMs, maxErrorLogChars };
    if (sandbox) return new Toolkit(toolset, sandbox, false, toolOptions);
    return new Toolkit(toolset, await createSandbox({ ...limits, timeoutMs }), true, toolOptions);
  }

  /**
   * Closes the sandbox if the toolkit created it; idempotent.
   *
   * @example
   * await toolkit.close();
   */
  close(): Promise<void> {
    this.#closed ??= this.#ownsSandbox ? this.sandbox.close() : Promise.resolve();
    return this.#closed;
  }

  /**
   * `await using toolkit = await Toolkit.create(…)` closes it at scope exit.
   *
   * @example
   * { await using toolkit = await Toolkit.create(toolset); } // sandbox closed here
   */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
