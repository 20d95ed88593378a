import type { SandboxErrorKind } from "./types.js";

/** Which step of a call produced an error; the same error name means different things per step. */
export type CallPhase = "define" | "call" | "encode";

/** A guest error as read by the `describe` helper: `[name, message]`. */
export interface GuestError {
  name: string;
  message: string;
}

/**
 * Maps a guest error to a typed sandbox error. QuickJS reports its own limits
 * as `InternalError`s with fixed messages; everything else is the guest's.
 *
 * @example
 * import { classifyGuestError } from "./result-codec.js";
 * classifyGuestError({ name: "InternalError", message: "stack overflow" }, "call").kind; // "stack_overflow"
 */
export function classifyGuestError(err: GuestError | null, phase: CallPhase): { kind: SandboxErrorKind; message: string } {
  if (err === null) return { kind: "thrown", message: "the guest threw a value whose name and message could not be read" };
  const { name, message } = err;
  if (name === "InternalError" && message === "interrupted") return { kind: "timeout", message: "time limit exceeded" };
  if (/out of memory/i.test(message) && (name === "InternalError" || name === "RangeError")) {
    return { kind: "out_of_memory", message: "memory limit exceeded" };
  }
  if (name === "InternalError" && message === "string too long") {
    return { kind: "out_of_memory", message: "memory limit exceeded (string too long)" };
  }
  if (/stack overflow|call stack size/i.test(message) && (name === "InternalError" || name === "RangeError")) {
    return phase === "encode"
      ? { kind: "not_serializable", message: "result is nested too deeply to serialise" }
      : { kind: "stack_overflow", message: "stack limit exceeded (unbounded recursion?)" };
  }
  if (name === "PackageNotAllowedError") return { kind: "package_not_allowed", message };
  if (phase === "define" && name === "SyntaxError") return { kind: "syntax", message: `SyntaxError: ${message}` };
  if (phase === "encode") return { kind: "not_serializable", message: `result is not JSON-serialisable: ${name}: ${message}` };
  return { kind: "thrown", message: `${name}: ${message}` };
}

/** Outcome of decoding the guest's `encode` answer. */
export type DecodedResult =
  | { ok: true; value: unknown }
  | { ok: false; error: { kind: SandboxErrorKind; message: string } };

/**
 * Decodes the guest's tagged answer (`J<json>`, `U`, `N<reason>`, `L<length>`)
 * and enforces the byte limit on the UTF-8 size the host will hold.
 *
 * @example
 * import { decodeGuestResult } from "./result-codec.js";
 * decodeGuestResult('J{"a":1}', 1024); // { ok: true, value: { a: 1 } }
 */
export function decodeGuestResult(encoded: string, maxBytes: number): DecodedResult {
  const tag = encoded[0];
  if (tag === "U") return { ok: true, value: null };
  if (tag === "N") return { ok: false, error: { kind: "not_serializable", message: `result is not JSON-serialisable: ${encoded.slice(1)}` } };
  if (tag === "L") return { ok: false, error: { kind: "result_too_large", message: `result is larger than the limit of ${maxBytes} bytes of JSON` } };
  const json = encoded.slice(1);
  const bytes = Buffer.byteLength(json, "utf8");
  if (bytes > maxBytes) return tooLarge(bytes, maxBytes);
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch (e) {
    // V8 can still throw RangeError on pathological nesting.
    return { ok: false, error: { kind: "not_serializable", message: `result could not be decoded: ${(e as Error).message}` } };
  }
}

function tooLarge(size: number, maxBytes: number): DecodedResult {
  return { ok: false, error: { kind: "result_too_large", message: `result is ${size} bytes of JSON; the limit is ${maxBytes}` } };
}

/**
 * Collects `console.log` lines up to a byte budget, then records one marker.
 *
 * @example
 * import { LogBuffer } from "./result-codec.js";
 * const logs = new LogBuffer(10); logs.push("hello"); logs.push("world, again"); logs.lines; // ["hello", "world", "…[logs truncated]"]
 */
export class LogBuffer {
  readonly lines: string[] = [];
  private used = 0;
  private truncated = false;
  constructor(private readonly maxBytes: number) {}
  push(line: string): void {
    if (this.truncated) return;
    const room = this.maxBytes - this.used;
    if (line.length <= room) {
      this.lines.push(line);
      this.used += line.length;
      return;
    }
    if (room > 0) this.lines.push(line.slice(0, room));
    this.lines.push("…[logs truncated]");
    this.truncated = true;
  }
}
