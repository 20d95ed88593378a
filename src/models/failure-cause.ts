/**
 * Socket-level error codes of a connection that failed or dropped: worth a
 * retry. Name resolution failures (`ENOTFOUND`) are left out: a wrong host
 * name does not heal by waiting.
 */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
]);

const CONNECTION_CLASSES = new Set(["APIConnectionError", "APIConnectionTimeoutError"]);

/** The error and its `cause`s, outermost first (bounded: causes can be cyclic). */
function causeChain(error: unknown): object[] {
  const chain: object[] = [];
  for (let e = error; typeof e === "object" && e !== null && chain.length < 8 && !chain.includes(e); e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

/**
 * HTTP status of a failed request, if the server answered.
 *
 * @example
 * statusOf(Object.assign(new Error("busy"), { status: 503 })); // 503
 */
export function statusOf(error: unknown): number | undefined {
  // `status` (OpenAI, Anthropic, Google SDKs), `statusCode`, `status_code` (ollama-js), `response.status` (fetch wrappers).
  const e = error as { status?: unknown; statusCode?: unknown; status_code?: unknown; response?: { status?: unknown } } | null;
  const s = e?.status ?? e?.statusCode ?? e?.status_code ?? e?.response?.status;
  return typeof s === "number" ? s : undefined;
}

/**
 * True when the error (or one of its causes) is a refused, reset, dropped or
 * timed-out connection. The OpenAI SDK wraps these in an `APIConnectionError`
 * whose `name` is plain `"Error"` and whose message is only "Connection
 * error.", so the class name and the cause chain are what identify them.
 *
 * @example
 * isConnectionFailure(new Error("fetch failed", { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) })); // true
 */
export function isConnectionFailure(error: unknown): boolean {
  return causeChain(error).some((e) => {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && CONNECTION_CODES.has(code)) return true;
    if (CONNECTION_CLASSES.has(e.constructor?.name ?? "")) return true;
    return /ECONNRESET|ECONNREFUSED|socket hang up|other side closed|terminated|timed out/i.test((e as { message?: unknown }).message as string ?? "");
  });
}

/**
 * A short human-readable cause of a failed request: the HTTP status, or the
 * outer message with the innermost cause (e.g. `Connection error. (connect
 * ECONNREFUSED 127.0.0.1:8000)`).
 *
 * @example
 * describeFailure(new Error("Connection error.", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") }));
 * // "Connection error. (connect ECONNREFUSED 127.0.0.1:9)"
 */
export function describeFailure(error: unknown): string {
  const status = statusOf(error);
  const chain = causeChain(error);
  const outer = String((chain[0] as { message?: unknown } | undefined)?.message ?? error).replace(/\.$/, "");
  if (status !== undefined) return `HTTP ${status}${outer && !outer.startsWith(String(status)) ? `: ${outer}` : ""}`;
  const inner = chain.length > 1 ? String((chain[chain.length - 1] as { message?: unknown }).message ?? "") : "";
  return inner && inner !== outer ? `${outer} (${inner})` : outer;
}
