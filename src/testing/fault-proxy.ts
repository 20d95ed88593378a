import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { ToolforgeError } from "../errors.js";
import { mulberry32 } from "../seeded-random.js";
import { freeLoopbackPort } from "./free-port.js";

/**
 * A fault the proxy can inject into one request.
 *
 * - `rate_limit` / `rate_limit_retry_after`: HTTP 429 without / with `Retry-After: 1`;
 * - `server_error`: HTTP 500;
 * - `reset`: the connection is reset (RST) after the request is read;
 * - `refused`: a 307 redirect to a closed loopback port, so the client's
 *   connection is genuinely refused (`ECONNREFUSED`);
 * - `hang`: nothing is ever sent; the client's timeout must fire;
 * - `cut_body`: a 200 whose JSON body ends half-way (clean end of a chunked body);
 * - `malformed_tool_args`: the upstream reply with its first tool call's
 *   `arguments` cut so they are not JSON (a reply without tool calls is passed through).
 *
 * @example
 * import type { FaultKind } from "toolforge/testing";
 * const kinds: FaultKind[] = ["reset", "refused", "cut_body"];
 */
export type FaultKind =
  | "rate_limit"
  | "rate_limit_retry_after"
  | "server_error"
  | "reset"
  | "refused"
  | "hang"
  | "cut_body"
  | "malformed_tool_args";

/**
 * Every fault kind, in a fixed order.
 *
 * @example
 * import { FAULT_KINDS, startFaultProxy } from "toolforge/testing";
 * const proxy = await startFaultProxy({ target: server.baseURL, rate: 0.2, kinds: FAULT_KINDS });
 */
export const FAULT_KINDS: readonly FaultKind[] = [
  "rate_limit",
  "rate_limit_retry_after",
  "server_error",
  "reset",
  "refused",
  "hang",
  "cut_body",
  "malformed_tool_args",
];

/**
 * One request as the proxy saw it, and the fault it injected (if any).
 *
 * @example
 * const faulted = proxy.log.filter((e) => e.fault !== undefined).length;
 */
export interface FaultLogEntry {
  index: number;
  /** SHA-256 of the request body: retries of one request share it. */
  bodyHash: string;
  fault?: FaultKind;
}

/**
 * Options of {@link startFaultProxy}.
 *
 * @example
 * import type { FaultProxyOptions } from "toolforge/testing";
 * const options: FaultProxyOptions = { target: "http://127.0.0.1:8000/v1", rate: 0.2, seed: 7 };
 */
export interface FaultProxyOptions {
  /** Upstream base URL (loopback only), e.g. a scripted server's `baseURL`. */
  target: string;
  /** Chooses the fault of each request explicitly; wins over `rate`. */
  fault?: (entry: { index: number; bodyHash: string; body: string }) => FaultKind | undefined;
  /**
   * Faults injected first, in order, one per request, before any random one
   * (a kind that does not fit a request — e.g. `malformed_tool_args` on a
   * reply without tool calls — waits for the next request), so a suite is
   * sure to meet every kind.
   */
  schedule?: readonly FaultKind[];
  /** Share of requests faulted at random (seeded), default 0. */
  rate?: number;
  /** Seed of the random choices (default 1). */
  seed?: number;
  /** Kinds drawn from at random (default all of {@link FAULT_KINDS}). */
  kinds?: readonly FaultKind[];
  /**
   * At most this many faults per distinct request body (default 2), so a
   * client with more retries than that always gets through: the suite then
   * tests recovery, not luck.
   */
  maxFaultsPerRequest?: number;
}

/**
 * A running fault proxy.
 *
 * @example
 * const proxy = await startFaultProxy({ target: server.baseURL, rate: 0.2 });
 * const model = createModel({ baseURL: proxy.baseURL, model: "scripted" });
 * await proxy.close();
 */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>/v1` (same path as the target's). */
  baseURL: string;
  log: FaultLogEntry[];
  close(): Promise<void>;
}


function assertLoopback(target: string): URL {
  const url = new URL(target);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!/^127\.\d+\.\d+\.\d+$/.test(host) && host !== "::1" && host !== "localhost") {
    throw new ToolforgeError("E_FAULT_PROXY_TARGET", `startFaultProxy: target ${target} is not a loopback address`, { target });
  }
  return url;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function errorReply(res: ServerResponse, status: number, headers: Record<string, string> = {}) {
  const body = JSON.stringify({ error: { message: `fault proxy: injected ${status}`, type: status === 429 ? "rate_limit_exceeded" : "server_error", param: null, code: null } });
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

function breakToolArguments(text: string): string | undefined {
  let json: { choices?: { message?: { tool_calls?: { function: { arguments: string } }[] } }[] };
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const call = json.choices?.[0]?.message?.tool_calls?.[0];
  if (!call || typeof call.function?.arguments !== "string") return undefined;
  // Dropping the closing brace leaves arguments that are never valid JSON.
  call.function.arguments = call.function.arguments.replace(/\}\s*$/, "");
  return JSON.stringify(json);
}

/**
 * Starts an HTTP proxy on 127.0.0.1 in front of an OpenAI-compatible server
 * (normally the scripted server) that injects infrastructure faults into a
 * chosen or seeded-random share of requests: 429s with and without
 * `Retry-After`, 500s, reset and refused connections, hung requests, bodies
 * cut short and tool-call arguments that are not JSON. Everything else is
 * forwarded unchanged. Loopback only: the target must be a loopback URL.
 *
 * @example
 * import { startFaultProxy, startScriptedServer } from "toolforge/testing";
 * const server = await startScriptedServer({ respond: () => ({ content: "ok" }) });
 * const proxy = await startFaultProxy({ target: server.baseURL, rate: 0.2, seed: 3 });
 * // point createModel at proxy.baseURL; proxy.log says what was injected
 * await proxy.close(); await server.close();
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = assertLoopback(options.target);
  const random = mulberry32(options.seed ?? 1);
  const kinds = options.kinds ?? FAULT_KINDS;
  const maxFaults = options.maxFaultsPerRequest ?? 2;
  const faultsPerBody = new Map<string, number>();
  const scheduled = [...(options.schedule ?? [])];
  const log: FaultLogEntry[] = [];
  const sockets = new Set<Socket>();
  // Nothing listens there once the probe is closed: connections to it are refused.
  const refusedPort = await freeLoopbackPort();

  const choose = (index: number, bodyHash: string, body: string): FaultKind | undefined => {
    if (options.fault) return options.fault({ index, bodyHash, body });
    if ((faultsPerBody.get(bodyHash) ?? 0) >= maxFaults) return undefined;
    if (scheduled.length) return scheduled[0];
    if (random() >= (options.rate ?? 0)) return undefined;
    return kinds[Math.floor(random() * kinds.length)];
  };

  const forward = async (req: IncomingMessage, body: string) => {
    const headers: Record<string, string> = {};
    for (const name of ["content-type", "authorization", "accept"]) {
      const value = req.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const upstream = await fetch(new URL(req.url ?? "/", target.origin), { method: req.method ?? "GET", headers, ...(body ? { body } : {}) });
    return { status: upstream.status, contentType: upstream.headers.get("content-type") ?? "application/json", text: await upstream.text() };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const entry: FaultLogEntry = { index: log.length, bodyHash: createHash("sha256").update(body).digest("hex") };
    log.push(entry);
    let fault = req.method === "POST" ? choose(entry.index, entry.bodyHash, body) : undefined;
    const count = () => {
      if (scheduled[0] === fault) scheduled.shift();
      entry.fault = fault;
      faultsPerBody.set(entry.bodyHash, (faultsPerBody.get(entry.bodyHash) ?? 0) + 1);
    };
    if (fault === "hang") return count(); // the client's timeout ends it
    if (fault === "reset") return count(), req.socket.resetAndDestroy();
    if (fault === "refused") {
      count();
      res.writeHead(307, { location: `http://127.0.0.1:${refusedPort}${req.url ?? "/"}`, "content-length": "0" });
      return res.end();
    }
    if (fault === "rate_limit") return count(), errorReply(res, 429);
    if (fault === "rate_limit_retry_after") return count(), errorReply(res, 429, { "retry-after": "1" });
    if (fault === "server_error") return count(), errorReply(res, 500);

    const reply = await forward(req, body);
    let text = reply.text;
    if (fault === "malformed_tool_args") {
      const broken = reply.status === 200 ? breakToolArguments(text) : undefined;
      if (broken === undefined) fault = undefined;
      else text = broken;
    }
    if (fault === "cut_body" && (reply.status !== 200 || !reply.contentType.includes("json"))) fault = undefined;
    if (fault) count();
    if (fault === "cut_body") {
      // No content-length: the body ends cleanly, half-way through the JSON.
      res.writeHead(200, { "content-type": reply.contentType });
      return res.end(text.slice(0, Math.floor(text.length / 2)));
    }
    res.writeHead(reply.status, { "content-type": reply.contentType, "content-length": Buffer.byteLength(text) });
    res.end(text);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) errorReply(res, 502);
      else res.destroy(e instanceof Error ? e : undefined);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}${target.pathname.replace(/\/+$/, "")}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
