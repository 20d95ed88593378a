import type { StructuredToolInterface } from "@langchain/core/tools";
import { DEFAULTS } from "../defaults.js";
import { CapabilityPolicyError } from "./errors.js";
import { parseHostPattern, type HostPattern } from "./host-pattern.js";

/**
 * One resolved DNS answer, as `dns.promises.lookup(name, { all: true })` gives it.
 *
 * @example
 * const answer: import("toolforge").ResolvedAddress = { address: "93.184.216.34", family: 4 };
 */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/**
 * Network part of a {@link CapabilityPolicy}: what `fetch` may reach.
 *
 * @example
 * const net: import("toolforge").NetPolicy = { allow: ["en.wikipedia.org", "*.wikimedia.org"], maxRequests: 100 };
 */
export interface NetPolicy {
  /** Host patterns (`example.org`, `*.example.org`, `127.0.0.1:8080`, `[::1]:8080`). */
  allow: readonly string[];
  /** HTTP methods allowed; default `DEFAULTS.capabilities.methods` (GET, HEAD). */
  methods?: readonly string[];
  timeoutMs?: number;
  maxResponseBytes?: number;
  maxRedirects?: number;
  /** Network requests per run (replayed responses are free). */
  maxRequests?: number;
  /** DNS resolver (default `dns.promises.lookup` with `all: true`); tests inject one. */
  resolve?: (hostname: string) => Promise<readonly ResolvedAddress[]>;
  /** Called with the checked address just before a connection is opened; tests use it to prove no other address is reached. */
  beforeConnect?: (address: string, port: number) => void;
}

/**
 * What learned functions may do beyond computing, granted per run. Nothing
 * is granted by default: without a policy (or with `{}`) learned code is
 * pure computation, exactly as before capabilities existed.
 *
 * @example
 * import { resolveCapabilityPolicy } from "toolforge";
 * const policy = resolveCapabilityPolicy({ net: { allow: ["en.wikipedia.org"] }, parse: true, attachments: true });
 * console.log([...policy.granted]); // ["fetch", "parse", "readAttachment"]
 */
export interface CapabilityPolicy {
  /** Enables `fetch(url, init)` for the listed hosts. */
  net?: NetPolicy;
  /** Enables the host parsers (`parse.html`, `parse.markdown`, `parse.tables`, `parse.pdf`, `parse.csv`, `parse.xlsx`). */
  parse?: boolean;
  /** Enables `readAttachment(name)`: the files of the current task only. */
  attachments?: boolean;
  /** A LangChain tool that answers `search(query)` (e.g. a Tavily or SerpAPI tool). None is built in. */
  search?: StructuredToolInterface;
  /** The user's own LangChain tools, callable as `tools.<name>(args)`. */
  hostTools?: readonly StructuredToolInterface[];
  /** Enables `functions.<name>(args)`: calling other functions of the same toolset. */
  functions?: boolean;
  /** Capability calls per learned-function call; default `DEFAULTS.capabilities.maxCallsPerInvocation`. */
  maxCallsPerInvocation?: number;
  /** Depth of `functions.*` nesting; default `DEFAULTS.capabilities.maxFunctionDepth`. */
  maxFunctionDepth?: number;
}

/**
 * A checked policy with every default applied. `granted` holds the
 * capability names a function may declare: `fetch`, `parse`,
 * `readAttachment`, `search`, `functions` and `tools.<name>`.
 *
 * @example
 * const p = resolveCapabilityPolicy({ parse: true });
 * p.granted.has("fetch"); // false
 */
export interface ResolvedCapabilityPolicy {
  granted: ReadonlySet<string>;
  net: Required<Omit<NetPolicy, "allow" | "resolve" | "beforeConnect">> & {
    allow: readonly HostPattern[];
    resolve?: NetPolicy["resolve"];
    beforeConnect?: NetPolicy["beforeConnect"];
  };
  search?: StructuredToolInterface;
  hostTools: ReadonlyMap<string, StructuredToolInterface>;
  maxCallsPerInvocation: number;
  maxFunctionDepth: number;
}

/**
 * Capabilities a learned function can declare (`tools.<name>` and
 * `functions.<name>` name one tool or function each).
 *
 * @example
 * import { CAPABILITY_NAMES } from "toolforge";
 * console.log(CAPABILITY_NAMES.join(", ")); // fetch, parse, readAttachment, search, tools, functions
 */
export const CAPABILITY_NAMES = ["fetch", "parse", "readAttachment", "search", "tools", "functions"] as const;

const POLICY_KEYS = new Set(["net", "parse", "attachments", "search", "hostTools", "functions", "maxCallsPerInvocation", "maxFunctionDepth"]);
const NET_KEYS = new Set(["allow", "methods", "timeoutMs", "maxResponseBytes", "maxRedirects", "maxRequests", "resolve", "beforeConnect"]);
const METHOD = /^[A-Z]+$/;
const TOOL_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/**
 * Checks an untrusted policy (from code, a CLI or a served graph's config)
 * and applies defaults. Throws {@link CapabilityPolicyError} naming the
 * option: an unknown key or capability, a malformed host pattern, a bad
 * limit, a tool without a name.
 *
 * @example
 * import { resolveCapabilityPolicy } from "toolforge";
 * const p = resolveCapabilityPolicy({ net: { allow: ["127.0.0.1:8080"], methods: ["GET"] } });
 * console.log(p.net.maxRedirects); // 5
 */
export function resolveCapabilityPolicy(input: CapabilityPolicy | ResolvedCapabilityPolicy | undefined = {}): ResolvedCapabilityPolicy {
  if ((input as ResolvedCapabilityPolicy).granted instanceof Set) return input as ResolvedCapabilityPolicy;
  const d = DEFAULTS.capabilities;
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new CapabilityPolicyError("E_POLICY_VALUE", "(policy)", "must be an object");
  const policy = input as CapabilityPolicy;
  for (const key of Object.keys(policy)) {
    if (!POLICY_KEYS.has(key)) {
      throw new CapabilityPolicyError("E_POLICY_UNKNOWN", key, `unknown capability or option "${key}"; known: ${[...POLICY_KEYS].join(", ")}`);
    }
  }
  const granted = new Set<string>();
  const net = resolveNet(policy.net);
  if (net.allow.length > 0) granted.add("fetch");
  for (const key of ["parse", "attachments", "functions"] as const) {
    const v = policy[key];
    if (v !== undefined && typeof v !== "boolean") throw new CapabilityPolicyError("E_POLICY_VALUE", key, `must be true or false, got ${JSON.stringify(v)}`);
  }
  if (policy.parse) granted.add("parse");
  if (policy.attachments) granted.add("readAttachment");
  if (policy.functions) granted.add("functions");
  if (policy.search !== undefined) {
    checkTool(policy.search, "search");
    granted.add("search");
  }
  const hostTools = new Map<string, StructuredToolInterface>();
  if (policy.hostTools !== undefined) {
    if (!Array.isArray(policy.hostTools)) throw new CapabilityPolicyError("E_POLICY_VALUE", "hostTools", "must be an array of LangChain tools");
    policy.hostTools.forEach((tool, i) => {
      checkTool(tool, `hostTools[${i}]`);
      if (hostTools.has(tool.name)) throw new CapabilityPolicyError("E_POLICY_VALUE", `hostTools[${i}]`, `a tool named "${tool.name}" is listed twice`);
      hostTools.set(tool.name, tool);
      granted.add(`tools.${tool.name}`);
    });
  }
  return {
    granted,
    net,
    ...(policy.search ? { search: policy.search } : {}),
    hostTools,
    maxCallsPerInvocation: positiveInt("maxCallsPerInvocation", policy.maxCallsPerInvocation, d.maxCallsPerInvocation),
    maxFunctionDepth: positiveInt("maxFunctionDepth", policy.maxFunctionDepth, d.maxFunctionDepth),
  };
}

function resolveNet(net: NetPolicy | undefined): ResolvedCapabilityPolicy["net"] {
  const d = DEFAULTS.capabilities;
  if (net !== undefined && (typeof net !== "object" || net === null || Array.isArray(net))) throw new CapabilityPolicyError("E_POLICY_VALUE", "net", "must be an object");
  for (const key of Object.keys(net ?? {})) {
    if (!NET_KEYS.has(key)) throw new CapabilityPolicyError("E_POLICY_UNKNOWN", `net.${key}`, `unknown option; known: ${[...NET_KEYS].join(", ")}`);
  }
  const allowRaw = net?.allow ?? [];
  if (!Array.isArray(allowRaw)) throw new CapabilityPolicyError("E_POLICY_VALUE", "net.allow", "must be an array of host patterns");
  const allow = allowRaw.map((source, i) => {
    const parsed = parseHostPattern(source as string);
    if (typeof parsed === "string") throw new CapabilityPolicyError("E_POLICY_HOST", `net.allow[${i}]`, `${JSON.stringify(source)}: ${parsed}`);
    return parsed;
  });
  const methods = net?.methods ?? d.methods;
  if (!Array.isArray(methods) || !methods.every((m) => typeof m === "string" && METHOD.test(m))) {
    throw new CapabilityPolicyError("E_POLICY_VALUE", "net.methods", `must be upper-case HTTP method names, got ${JSON.stringify(methods)}`);
  }
  for (const key of ["resolve", "beforeConnect"] as const) {
    if (net?.[key] !== undefined && typeof net[key] !== "function") throw new CapabilityPolicyError("E_POLICY_VALUE", `net.${key}`, "must be a function");
  }
  return {
    allow,
    methods: [...methods],
    timeoutMs: positiveInt("net.timeoutMs", net?.timeoutMs, d.fetchTimeoutMs),
    maxResponseBytes: positiveInt("net.maxResponseBytes", net?.maxResponseBytes, d.maxResponseBytes),
    maxRedirects: positiveInt("net.maxRedirects", net?.maxRedirects, d.maxRedirects, 0),
    maxRequests: positiveInt("net.maxRequests", net?.maxRequests, d.maxRequests),
    ...(net?.resolve ? { resolve: net.resolve } : {}),
    ...(net?.beforeConnect ? { beforeConnect: net.beforeConnect } : {}),
  };
}

function checkTool(tool: unknown, option: string): void {
  const t = tool as { name?: unknown; invoke?: unknown } | null;
  if (typeof t !== "object" || t === null || typeof t.invoke !== "function") throw new CapabilityPolicyError("E_POLICY_VALUE", option, "must be a LangChain tool (an object with name and invoke)");
  if (typeof t.name !== "string" || !TOOL_NAME.test(t.name)) throw new CapabilityPolicyError("E_POLICY_VALUE", option, `tool name ${JSON.stringify(t.name)} must match ${TOOL_NAME.source}`);
}

function positiveInt(option: string, value: number | undefined, fallback: number, min = 1): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min) throw new CapabilityPolicyError("E_POLICY_VALUE", option, `must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  return v;
}
