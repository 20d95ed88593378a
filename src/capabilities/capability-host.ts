import { Tool, type StructuredToolInterface } from "@langchain/core/tools";
import { DEFAULTS } from "../defaults.js";
import type { CapabilityHandler } from "../sandbox/capability-channel.js";
import { resolveCapabilityPolicy, type CapabilityPolicy, type ResolvedCapabilityPolicy } from "./capability-policy.js";
import { PARSERS, type ParserInput, type ParserName } from "./document-parsers.js";
import { CapabilityError } from "./errors.js";
import { FetchStore } from "./fetch-store.js";
import { hostMatches } from "./host-pattern.js";
import { readTaskAttachment, type TaskAttachments } from "./read-attachment.js";
import { checkRequest, safeFetch, type FetchRequest, type FetchResponse } from "./safe-fetch.js";

/**
 * What one learned-function call did with its capabilities: the number of
 * calls (and of refused ones), bytes received, time spent on the host, and
 * calls per capability. It goes into the tool's artifact, the execution
 * record and the transcript the optimizer reads.
 *
 * @example
 * const u: import("toolforge").CapabilityUsage = { calls: 2, refused: 0, bytes: 18_230, durationMs: 41, byName: { fetch: 1, "parse.tables": 1 } };
 */
export interface CapabilityUsage {
  calls: number;
  refused: number;
  bytes: number;
  durationMs: number;
  byName: Record<string, number>;
}

/**
 * Options of {@link createCapabilities}.
 *
 * @example
 * const opts: import("toolforge").CapabilityRuntimeOptions = { runDir: "runs/gaia" };
 */
export interface CapabilityRuntimeOptions {
  /** Where `fetch` responses are recorded and replayed from (`<runDir>/capabilities/fetch/`). */
  runDir?: string;
  /** False: `fetch` only replays recorded responses, and search and host tools are not called (optimizer smoke runs). Default true. */
  live?: boolean;
}

/**
 * One call's view: which capabilities its code declared (after composition)
 * and the current task's files.
 *
 * @example
 * const call: import("toolforge").CapabilityCallContext = { declared: ["fetch", "parse"], attachments: { dir: "data/gaia", names: ["a.pdf"] } };
 */
export interface CapabilityCallContext {
  declared: readonly string[];
  attachments?: TaskAttachments;
}

/**
 * The capabilities of one run: a checked policy, the per-run request
 * budget and the record/replay store. Pass it to `toTools`, `evaluate`
 * and `trainAgent`.
 *
 * @example
 * import { createCapabilities } from "toolforge";
 * const capabilities = createCapabilities({ net: { allow: ["en.wikipedia.org"] }, parse: true }, { runDir: "runs/gaia" });
 * const tools = toolset.toTools({ sandbox, capabilities });
 */
export class CapabilityRuntime {
  readonly policy: ResolvedCapabilityPolicy;
  private readonly store: FetchStore | undefined;
  private readonly budget: { used: number };
  private readonly live: boolean;
  private readonly runDir: string | undefined;

  constructor(policy: CapabilityPolicy | ResolvedCapabilityPolicy, opts: CapabilityRuntimeOptions = {}, shared?: { budget: { used: number } }) {
    this.policy = isResolved(policy) ? policy : resolveCapabilityPolicy(policy);
    this.store = opts.runDir ? new FetchStore(opts.runDir) : undefined;
    this.budget = shared?.budget ?? { used: 0 };
    this.live = opts.live ?? true;
    this.runDir = opts.runDir;
  }

  /** Network requests this run has sent (replays excluded). */
  get requestsSent(): number {
    return this.budget.used;
  }

  /** The same policy, store and budget, but never live: for the optimizer's smoke runs. */
  replayOnly(): CapabilityRuntime {
    return new CapabilityRuntime(this.policy, { ...(this.runDir ? { runDir: this.runDir } : {}), live: false }, { budget: this.budget });
  }

  /** A handler for one learned-function call, and the usage it accumulates. */
  handlerFor(call: CapabilityCallContext): { handler: CapabilityHandler; usage: CapabilityUsage } {
    const usage: CapabilityUsage = { calls: 0, refused: 0, bytes: 0, durationMs: 0, byName: {} };
    const handler: CapabilityHandler = async (request, signal) => {
      const started = performance.now();
      let name = "(unknown)";
      try {
        const parsed = JSON.parse(request) as { name?: unknown; args?: unknown };
        name = typeof parsed.name === "string" ? parsed.name : name;
        usage.calls += 1;
        usage.byName[name] = (usage.byName[name] ?? 0) + 1;
        if (usage.calls > this.policy.maxCallsPerInvocation) {
          throw new CapabilityError("E_CAP_BUDGET", name, `more than ${this.policy.maxCallsPerInvocation} capability calls in one function call`);
        }
        const value = await this.dispatch(name, Array.isArray(parsed.args) ? parsed.args : [], call, signal);
        usage.bytes += sizeOf(value);
        return JSON.stringify({ ok: true, value });
      } catch (e) {
        usage.refused += 1;
        const error = e instanceof CapabilityError ? e : new CapabilityError("E_CAP_TOOL", name, (e as Error)?.message ?? String(e));
        return JSON.stringify({ ok: false, error: { code: error.code, message: error.message } });
      } finally {
        usage.durationMs += performance.now() - started;
      }
    };
    return { handler, usage };
  }

  private async dispatch(name: string, args: unknown[], call: CapabilityCallContext, signal: AbortSignal): Promise<unknown> {
    const grant = name.startsWith("parse.") ? "parse" : name;
    if (!this.policy.granted.has(grant)) {
      const granted = [...this.policy.granted].join(", ") || "none";
      throw new CapabilityError("E_CAP_NOT_GRANTED", name, `not granted by this run's capability policy (granted: ${granted})`);
    }
    if (!call.declared.includes(grant)) {
      throw new CapabilityError("E_CAP_NOT_GRANTED", name, `not declared by the function: add "${grant}" to its capabilities`);
    }
    if (name === "fetch") return this.fetch(args, signal);
    if (name === "readAttachment") return readTaskAttachment(args[0], call.attachments, DEFAULTS.capabilities.maxAttachmentBytes);
    if (name.startsWith("parse.")) {
      const parser = PARSERS[name.slice(6) as ParserName];
      if (!parser) throw new CapabilityError("E_CAP_BAD_ARGUMENT", name, `unknown parser; available: ${Object.keys(PARSERS).join(", ")}`);
      return parser(args[0] as ParserInput);
    }
    if (name === "search") {
      if (typeof args[0] !== "string" || args[0].trim() === "") throw new CapabilityError("E_CAP_BAD_ARGUMENT", "search", "expected search(query) with a non-empty string");
      return this.callTool("search", this.policy.search as StructuredToolInterface, args[0], signal);
    }
    if (name.startsWith("tools.")) {
      const tool = this.policy.hostTools.get(name.slice(6));
      if (!tool) throw new CapabilityError("E_CAP_NOT_GRANTED", name, "no such host tool");
      return this.callTool(name, tool, args[0] ?? {}, signal);
    }
    throw new CapabilityError("E_CAP_NOT_GRANTED", name, "unknown capability");
  }

  private async fetch(args: unknown[], signal: AbortSignal): Promise<FetchResponse> {
    const [url, init] = args as [unknown, Partial<FetchRequest> | undefined];
    const req: FetchRequest = { ...(typeof init === "object" && init !== null ? init : {}), url: url as string };
    const checked = checkRequest(req, this.policy.net.methods);
    const key = { method: checked.method, url: checked.url.href, headers: checked.headers, ...(checked.body === undefined ? {} : { body: checked.body }), ...(req.as ? { as: req.as } : {}) };
    const port = Number(checked.url.port || (checked.url.protocol === "https:" ? 443 : 80));
    const allowed = this.policy.net.allow.some((p) => hostMatches(p, checked.url.hostname, port));
    const recorded = allowed ? await this.store?.get(key) : undefined;
    if (recorded) return recorded;
    if (!this.live) throw new CapabilityError("E_CAP_NOT_RECORDED", "fetch", `${key.url} has no recorded response, and this run may not fetch live (smoke run)`);
    const response = await safeFetch(req, {
      net: this.policy.net,
      signal,
      spend: () => {
        if (this.budget.used >= this.policy.net.maxRequests) throw new CapabilityError("E_CAP_BUDGET", "fetch", `the run's request budget (${this.policy.net.maxRequests}) is spent`);
        this.budget.used += 1;
      },
    });
    await this.store?.put(key, response);
    return response;
  }

  private async callTool(name: string, tool: StructuredToolInterface, input: unknown, signal: AbortSignal): Promise<unknown> {
    if (!this.live) throw new CapabilityError("E_CAP_NOT_RECORDED", name, "host tools and search are not called during a smoke run");
    const arg = tool instanceof Tool ? (typeof input === "string" ? input : JSON.stringify(input)) : name === "search" ? { query: input } : input;
    let output: unknown;
    try {
      output = await abortable(tool.invoke(arg as never, { signal }), signal, name);
    } catch (e) {
      if (e instanceof CapabilityError) throw e;
      throw new CapabilityError("E_CAP_TOOL", name, `the tool failed: ${(e as Error)?.message ?? String(e)}`, { cause: e });
    }
    const value = plain(output);
    if (sizeOf(value) > DEFAULTS.capabilities.maxToolResultChars) {
      throw new CapabilityError("E_CAP_TOO_LARGE", name, `the tool's result is longer than ${DEFAULTS.capabilities.maxToolResultChars} characters`);
    }
    return value;
  }
}

/**
 * Checks a policy and opens the run's capabilities (request budget,
 * record/replay store under `runDir`).
 *
 * @example
 * import { createCapabilities } from "toolforge";
 * const caps = createCapabilities({ net: { allow: ["127.0.0.1:8080"] }, parse: true });
 * console.log([...caps.policy.granted]); // ["fetch", "parse"]
 */
export function createCapabilities(policy: CapabilityPolicy | ResolvedCapabilityPolicy, opts: CapabilityRuntimeOptions = {}): CapabilityRuntime {
  return new CapabilityRuntime(policy, opts);
}

function isResolved(p: CapabilityPolicy | ResolvedCapabilityPolicy): p is ResolvedCapabilityPolicy {
  return (p as ResolvedCapabilityPolicy).granted instanceof Set;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal, name: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new CapabilityError("E_CAP_TIMEOUT", name, "did not answer within the calling function's time limit"));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Tool outputs as JSON data: a message becomes its content. */
function plain(output: unknown): unknown {
  if (typeof output === "string" || output === null || output === undefined) return output ?? null;
  const content = (output as { content?: unknown }).content;
  if (content !== undefined && typeof (output as { _getType?: unknown })._getType === "function") return plain(content);
  try {
    return JSON.parse(JSON.stringify(output)) as unknown;
  } catch {
    return String(output);
  }
}

function sizeOf(value: unknown): number {
  if (typeof value === "string") return value.length;
  const v = value as { bytes?: unknown } | null;
  if (v && typeof v === "object" && typeof v.bytes === "number") return v.bytes;
  return (JSON.stringify(value) ?? "").length;
}
