/**
 * Base class of every error toolforge throws on purpose. `code` is stable and
 * machine-readable; `context` carries the facts a user needs to find the
 * problem (file, line, function, field...). Callers can branch on `code`
 * without parsing messages.
 *
 * @example
 * import { ToolforgeError } from "toolforge";
 * try { throw new ToolforgeError("E_EXAMPLE", "something went wrong", { file: "a.json" }); }
 * catch (e) { if (e instanceof ToolforgeError) console.log(e.code, e.context.file); }
 */
export class ToolforgeError extends Error {
  readonly code: string;
  readonly context: Record<string, unknown>;
  constructor(code: string, message: string, context: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.context = context;
  }
}
