import { ToolforgeError } from "../errors.js";

/**
 * Misuse of a sandbox by the host program (never a problem in guest code,
 * which is reported as a `SandboxResult`): calling after `close()`, invalid
 * options, or workers that cannot start.
 *
 * @example
 * import { createSandbox, SandboxError } from "toolforge";
 * const sandbox = await createSandbox();
 * await sandbox.close();
 * try { await sandbox.run({ code: "function f() {}", entry: "f", args: {} }); }
 * catch (e) { if (e instanceof SandboxError) console.log(e.code); } // "E_SANDBOX_CLOSED"
 */
export class SandboxError extends ToolforgeError {}
