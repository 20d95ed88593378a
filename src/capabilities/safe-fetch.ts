import { lookup } from "node:dns/promises";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import { forbiddenAddressReason } from "./address-guard.js";
import type { ResolvedCapabilityPolicy, ResolvedAddress } from "./capability-policy.js";
import { CapabilityError } from "./errors.js";
import { hostMatches, type HostPattern } from "./host-pattern.js";

/**
 * What learned code passes to `fetch(url, init)`.
 *
 * @example
 * const req: import("toolforge").FetchRequest = { url: "https://en.wikipedia.org/wiki/Pi", method: "GET", as: "text" };
 */
export interface FetchRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** `text` (UTF-8) or `base64` (bytes, e.g. a PDF); default: text for textual content types, else base64. */
  as?: "text" | "base64";
}

/**
 * What `fetch` returns to learned code: the final URL after redirects, the
 * status, lower-cased headers, and the body as `text` or `base64`.
 *
 * @example
 * const res: import("toolforge").FetchResponse = { url: "https://x.org/", status: 200, headers: { "content-type": "text/html" }, text: "<p>hi</p>", bytes: 9 };
 */
export interface FetchResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  text?: string;
  base64?: string;
  bytes: number;
}

/** Network settings of a resolved policy, and the per-run request budget. */
export interface SafeFetchContext {
  net: ResolvedCapabilityPolicy["net"];
  /** Called once per network request actually sent; throws to refuse (budget). */
  spend: () => void;
  signal?: AbortSignal;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers that would let code steer the connection or smuggle a second request. */
const RESERVED_HEADERS = new Set(["host", "connection", "content-length", "transfer-encoding", "upgrade", "te", "trailer", "keep-alive", "proxy-authorization", "proxy-connection", "expect"]);
const TEXTUAL = /^(text\/|application\/(json|xml|xhtml\+xml|javascript|ld\+json|rss\+xml|atom\+xml)|[^;]*\+(json|xml))/i;

/**
 * Performs one `fetch` for learned code under the policy. Every hop (the
 * first request and each redirect) is checked: scheme http(s), no
 * credentials in the URL, host on the allow-list, method allowed, headers
 * well-formed, and **every address the name resolves to** public (the
 * connection then goes to that checked address, so a DNS answer cannot
 * change between check and use). Bodies beyond `maxResponseBytes` and
 * requests beyond `timeoutMs` (or the caller's `signal`) are cut off.
 * Throws {@link CapabilityError}.
 *
 * @example
 * import { resolveCapabilityPolicy, safeFetch } from "toolforge";
 * const { net } = resolveCapabilityPolicy({ net: { allow: ["example.org"] } });
 * const res = await safeFetch({ url: "https://example.org/" }, { net, spend: () => {} });
 * console.log(res.status, res.text?.slice(0, 40));
 */
export async function safeFetch(req: FetchRequest, ctx: SafeFetchContext): Promise<FetchResponse> {
  const init = checkRequest(req, ctx.net.methods);
  let url = init.url;
  let method = init.method;
  let body = init.body;
  for (let redirects = 0; ; redirects++) {
    const { address } = await checkTarget(url, ctx);
    ctx.spend();
    const res = await send(url, address, method, init.headers, body, ctx, await transport(url));
    const location = res.headers.location;
    if (REDIRECTS.has(res.status) && typeof location === "string") {
      if (redirects >= ctx.net.maxRedirects) throw new CapabilityError("E_CAP_REDIRECTS", "fetch", `more than ${ctx.net.maxRedirects} redirects (last to ${location})`);
      url = parseUrl(new URL(location, url).href);
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
        method = "GET";
        body = undefined;
      }
      continue;
    }
    const as = req.as ?? (TEXTUAL.test(res.headers["content-type"] ?? "") ? "text" : "base64");
    const out: FetchResponse = { url: url.href, status: res.status, headers: res.headers, bytes: res.body.length };
    if (as === "text") out.text = res.body.toString("utf8");
    else out.base64 = res.body.toString("base64");
    return out;
  }
}

/** The normalised form of a request, used by the record/replay store as its key. */
export function checkRequest(req: FetchRequest, methods: readonly string[]): { url: URL; method: string; headers: Record<string, string>; body?: string } {
  if (typeof req !== "object" || req === null || typeof req.url !== "string") throw new CapabilityError("E_CAP_BAD_ARGUMENT", "fetch", "expected fetch(url, { method, headers, body, as })");
  const url = parseUrl(req.url);
  const method = (req.method ?? "GET").toUpperCase();
  if (!methods.includes(method)) throw new CapabilityError("E_CAP_METHOD", "fetch", `method ${method} is not allowed by the policy (allowed: ${methods.join(", ")})`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    if (!TOKEN.test(name)) throw new CapabilityError("E_CAP_HEADER", "fetch", `header name ${JSON.stringify(name)} is not a valid HTTP token`);
    if (typeof value !== "string" || /[\r\n\0]/.test(value)) throw new CapabilityError("E_CAP_HEADER", "fetch", `header ${name}: value must be a string without CR, LF or NUL`);
    if (RESERVED_HEADERS.has(name.toLowerCase())) throw new CapabilityError("E_CAP_HEADER", "fetch", `header ${name} is set by the host and cannot be overridden`);
    headers[name.toLowerCase()] = value;
  }
  if (req.body !== undefined && typeof req.body !== "string") throw new CapabilityError("E_CAP_BAD_ARGUMENT", "fetch", "body must be a string");
  if (req.as !== undefined && req.as !== "text" && req.as !== "base64") throw new CapabilityError("E_CAP_BAD_ARGUMENT", "fetch", `as must be "text" or "base64"`);
  return { url, method, headers, ...(req.body === undefined ? {} : { body: req.body }) };
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CapabilityError("E_CAP_BAD_ARGUMENT", "fetch", `${JSON.stringify(text.slice(0, 200))} is not an absolute URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new CapabilityError("E_CAP_BAD_ARGUMENT", "fetch", `only http and https URLs can be fetched, not ${url.protocol}`);
  if (url.username || url.password) throw new CapabilityError("E_CAP_BAD_ARGUMENT", "fetch", "URLs with credentials are refused");
  url.hash = "";
  return url;
}

/** Checks host and resolved addresses; returns the one address to connect to. */
export async function checkTarget(url: URL, ctx: Pick<SafeFetchContext, "net">): Promise<{ address: string; pattern: HostPattern }> {
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const pattern = ctx.net.allow.find((p) => hostMatches(p, hostname, port));
  if (!pattern) {
    const allowed = ctx.net.allow.map((p) => p.source).join(", ") || "(none)";
    throw new CapabilityError("E_CAP_HOST_NOT_ALLOWED", "fetch", `${url.host} is not on the allow-list (allowed: ${allowed})`);
  }
  const literal = isIP(hostname) !== 0;
  const answers: readonly ResolvedAddress[] = literal ? [{ address: hostname, family: isIP(hostname) }] : await resolveName(hostname, ctx.net.resolve);
  if (answers.length === 0) throw new CapabilityError("E_CAP_NETWORK", "fetch", `${hostname} did not resolve`);
  for (const { address } of answers) {
    // Naming an IP literal on the allow-list is the explicit permission to reach it.
    if (pattern.ip && address === pattern.host) continue;
    const why = forbiddenAddressReason(address);
    if (why) throw new CapabilityError("E_CAP_ADDRESS_FORBIDDEN", "fetch", `${hostname} resolves to ${address}, a ${why} address; only public addresses may be fetched`);
  }
  return { address: (answers[0] as ResolvedAddress).address, pattern };
}

async function resolveName(hostname: string, resolve: ((h: string) => Promise<readonly ResolvedAddress[]>) | undefined): Promise<readonly ResolvedAddress[]> {
  try {
    return resolve ? await resolve(hostname) : await lookup(hostname, { all: true, verbatim: true });
  } catch (e) {
    throw new CapabilityError("E_CAP_NETWORK", "fetch", `cannot resolve ${hostname}: ${(e as Error).message}`, { cause: e });
  }
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** node:http / node:https, loaded at the first fetch so importing toolforge stays cheap. */
async function transport(url: URL): Promise<typeof import("node:http").request> {
  return url.protocol === "https:" ? (await import("node:https")).request : (await import("node:http")).request;
}

function send(url: URL, address: string, method: string, headers: Record<string, string>, body: string | undefined, ctx: SafeFetchContext, request: typeof import("node:http").request): Promise<RawResponse> {
  const { net, signal } = ctx;
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  net.beforeConnect?.(address, port);
  return new Promise<RawResponse>((resolve, reject) => {
    let done = false;
    const finish = (error: CapabilityError | undefined, value?: RawResponse): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(value as RawResponse);
    };
    const timer = setTimeout(() => finish(new CapabilityError("E_CAP_TIMEOUT", "fetch", `${url.href} took longer than ${net.timeoutMs} ms`)), net.timeoutMs);
    const onAbort = (): void => finish(new CapabilityError("E_CAP_TIMEOUT", "fetch", `${url.href} was cut off: the calling function ran out of time`));
    const req = request({
      host: address,
      port,
      method,
      path: `${url.pathname}${url.search}`,
      // The checked address is used as is: no second DNS lookup can swap it.
      lookup: (_h: string, _o: unknown, cb: (e: Error | null, a: string, f: number) => void) => cb(null, address, isIP(address)),
      headers: { ...headers, host: url.host, "accept-encoding": "identity", ...(body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) }) },
      ...(url.protocol === "https:" ? { servername: isIP(url.hostname) ? undefined : url.hostname } : {}),
      agent: false,
    });
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    req.on("error", (e) => finish(new CapabilityError("E_CAP_NETWORK", "fetch", `${url.href}: ${e.message}`, { cause: e })));
    req.on("response", (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > net.maxResponseBytes) return finish(new CapabilityError("E_CAP_TOO_LARGE", "fetch", `${url.href}: the response is larger than ${net.maxResponseBytes} bytes`));
        chunks.push(chunk);
      });
      res.on("error", (e) => finish(new CapabilityError("E_CAP_NETWORK", "fetch", `${url.href}: ${e.message}`, { cause: e })));
      res.on("end", () => {
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
        finish(undefined, { status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks) });
      });
    });
    req.end(body);
  });
}
