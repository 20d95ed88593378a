import { ToolforgeError } from "../errors.js";
import type { SandboxErrorKind, SandboxResult } from "../sandbox/types.js";

/**
 * Which part of a function spec an error is about ("spec" = the whole value).
 * @example
 * if (error instanceof FunctionSpecError && error.field === "code") console.log("fix the code");
 */
export type FunctionSpecField = "spec" | "name" | "description" | "parameters" | "code" | "packages" | "capabilities" | "roles";

/**
 * A function spec is invalid, or a toolset operation does not fit the
 * toolset (adding an existing name, revising/removing a missing one).
 * `function`, `field` and `reason` say exactly what was wrong; `file` is set
 * when the spec came from a toolset file.
 *
 * Codes: `E_SPEC_INVALID` (wrong shape or type of a field), `E_SPEC_NAME`,
 * `E_SPEC_CODE_SYNTAX`, `E_SPEC_CODE_NOT_DEFINED`, `E_SPEC_CODE_TOO_LARGE`,
 * `E_SPEC_SCHEMA`, `E_SPEC_PACKAGE`, `E_FUNCTION_EXISTS`,
 * `E_FUNCTION_MISSING`, `E_FUNCTION_DUPLICATE`.
 *
 * @example
 * import { validateFunctionSpec, FunctionSpecError } from "toolforge";
 * try { validateFunctionSpec({ name: "1bad" }); }
 * catch (e) { if (e instanceof FunctionSpecError) console.log(e.code, e.field, e.reason); }
 */
export class FunctionSpecError extends ToolforgeError {
  /** Name of the function, when known. */
  readonly function: string | undefined;
  readonly field: FunctionSpecField;
  /** Why the field is wrong, without the function/file prefix. */
  readonly reason: string;
  /** Toolset file the spec was read from, when any. */
  readonly file: string | undefined;
  constructor(
    code: string,
    details: { function?: string; field: FunctionSpecField; reason: string; file?: string; index?: number; line?: number; column?: number },
    options?: { cause?: unknown },
  ) {
    const where = [
      details.file ? `${details.file}: ` : "",
      details.function !== undefined ? `function "${details.function}"` : details.index !== undefined ? `function #${details.index}` : "function spec",
      details.field === "spec" ? "" : `, field "${details.field}"`,
      details.line !== undefined ? ` (line ${details.line}${details.column !== undefined ? `, column ${details.column}` : ""})` : "",
    ].join("");
    super(code, `${where}: ${details.reason}`, { ...details }, options);
    this.function = details.function;
    this.field = details.field;
    this.reason = details.reason;
    this.file = details.file;
  }
}

/**
 * A toolset file cannot be read, is not valid JSON, has the wrong format or
 * an unknown version, or cannot be written. `file` names the path.
 *
 * Codes: `E_TOOLSET_READ`, `E_TOOLSET_JSON`, `E_TOOLSET_FORMAT`,
 * `E_TOOLSET_VERSION`, `E_TOOLSET_WRITE`.
 *
 * @example
 * import { Toolset, ToolsetFileError } from "toolforge";
 * try { await Toolset.load("missing.json"); }
 * catch (e) { if (e instanceof ToolsetFileError) console.log(e.code, e.file); }
 */
export class ToolsetFileError extends ToolforgeError {
  readonly file: string | undefined;
  constructor(code: string, file: string | undefined, reason: string, options?: { cause?: unknown }) {
    super(code, `${file ?? "toolset JSON"}: ${reason}`, { file, reason }, options);
    this.file = file;
  }
}

/**
 * Thrown by tools emitted with `throwOnError: true` when a learned function
 * fails in the sandbox. `kind` is the sandbox error kind.
 *
 * @example
 * import { FunctionCallError } from "toolforge";
 * const tools = toolset.toTools({ sandbox, throwOnError: true });
 * try { await tools[0].invoke({ a: 1 }); }
 * catch (e) { if (e instanceof FunctionCallError) console.log(e.kind, e.function); }
 */
export class FunctionCallError extends ToolforgeError {
  readonly function: string;
  readonly kind: SandboxErrorKind;
  /** `console.log` output captured before the failure. */
  readonly logs: readonly string[];
  /** The sandbox result of the failed call (what the `ToolMessage` artifact would have been). */
  readonly artifact: SandboxResult | undefined;
  /** The text the model would have read (`Error (<kind>): …` plus logs). */
  readonly content: string;
  constructor(
    fn: string,
    kind: SandboxErrorKind,
    message: string,
    logs: readonly string[] = [],
    options?: { cause?: unknown; artifact?: SandboxResult; content?: string },
  ) {
    super("E_FUNCTION_CALL", `function "${fn}" failed (${kind}): ${message}`, { function: fn, kind, logs }, options?.cause === undefined ? undefined : { cause: options.cause });
    this.function = fn;
    this.kind = kind;
    this.logs = logs;
    this.artifact = options?.artifact;
    this.content = options?.content ?? `Error (${kind}): ${message}`;
  }
}
