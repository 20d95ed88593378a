import { ToolforgeError } from "../errors.js";

/**
 * A capability policy is malformed: an unknown capability, a bad host
 * pattern, a bad limit. Raised before anything is opened or written.
 *
 * Codes: `E_POLICY_UNKNOWN` (an unknown key or capability name),
 * `E_POLICY_HOST` (a malformed host pattern), `E_POLICY_VALUE` (a limit or
 * option of the wrong type or range).
 *
 * @example
 * import { resolveCapabilityPolicy, CapabilityPolicyError } from "toolforge";
 * try { resolveCapabilityPolicy({ net: { allow: ["http://x"] } }); }
 * catch (e) { if (e instanceof CapabilityPolicyError) console.log(e.code, e.option); } // E_POLICY_HOST net.allow[0]
 */
export class CapabilityPolicyError extends ToolforgeError {
  /** Path of the offending option, e.g. `net.allow[2]`. */
  readonly option: string;
  constructor(code: string, option: string, reason: string) {
    super(code, `capability policy, option ${option}: ${reason}`, { option });
    this.option = option;
  }
}

/**
 * Why a capability call was refused or failed. Stable strings: they reach
 * learned code (as the error's `code`) and the optimizer's transcripts.
 *
 * @example
 * import type { CapabilityErrorCode } from "toolforge";
 * const code: CapabilityErrorCode = "E_CAP_HOST_NOT_ALLOWED";
 */
export type CapabilityErrorCode =
  | "E_CAP_NOT_GRANTED"
  | "E_CAP_BAD_ARGUMENT"
  | "E_CAP_HOST_NOT_ALLOWED"
  | "E_CAP_ADDRESS_FORBIDDEN"
  | "E_CAP_METHOD"
  | "E_CAP_HEADER"
  | "E_CAP_TOO_LARGE"
  | "E_CAP_TIMEOUT"
  | "E_CAP_REDIRECTS"
  | "E_CAP_BUDGET"
  | "E_CAP_NETWORK"
  | "E_CAP_NOT_RECORDED"
  | "E_CAP_ATTACHMENT"
  | "E_CAP_PARSE"
  | "E_CAP_TOOL"
  | "E_CAP_DEPTH"
  | "E_CAP_CYCLE";

/**
 * A capability call (fetch, readAttachment, search, a host tool, a parser)
 * was refused by the policy or failed. Learned code sees it as a thrown
 * `CapabilityError` with the same `code` and message.
 *
 * @example
 * import { CapabilityError } from "toolforge";
 * const e = new CapabilityError("E_CAP_METHOD", "fetch", "method POST is not allowed (allowed: GET, HEAD)");
 * console.log(e.message); // "fetch: method POST is not allowed (allowed: GET, HEAD)"
 */
export class CapabilityError extends ToolforgeError {
  declare readonly code: CapabilityErrorCode;
  /** The capability the call used (`fetch`, `tools.lookup`, …). */
  readonly capability: string;
  constructor(code: CapabilityErrorCode, capability: string, reason: string, options?: { cause?: unknown }) {
    super(code, `${capability}: ${reason}`, { capability }, options);
    this.capability = capability;
  }
}
