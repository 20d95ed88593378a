import { createSandbox } from "../src/sandbox/index.js";
import type { Sandbox } from "../src/sandbox/types.js";

let sandbox: Promise<Sandbox> | undefined;

/**
 * The server process's one sandbox, started on first use: every call is
 * isolated inside it, so graphs and runs can share its workers.
 *
 * @example
 * const tools = toolset.toTools({ sandbox: await sharedSandbox() });
 */
export function sharedSandbox(): Promise<Sandbox> {
  sandbox ??= createSandbox();
  sandbox.catch(() => (sandbox = undefined));
  return sandbox;
}
