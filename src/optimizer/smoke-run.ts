import { capabilityCall, type CapabilityRuntime } from "../capabilities/index.js";
import type { ExecutionRecord } from "../evaluation/types.js";
import type { FunctionSpec } from "../functions/index.js";
import type { Sandbox, SandboxErrorKind } from "../sandbox/types.js";

/**
 * Sandbox error kinds that mean a call broke the runtime rather than the
 * function reporting a problem. A thrown error is an ordinary outcome (the
 * agent reads it and can recover), so it does not fail a smoke run.
 *
 * @example
 * import { CRASH_KINDS } from "toolforge";
 * console.log(CRASH_KINDS.includes("timeout")); // true
 */
export const CRASH_KINDS: readonly SandboxErrorKind[] = ["timeout", "out_of_memory", "stack_overflow", "internal"];

/**
 * Outcome of {@link smokeRun}: `sampled` says whether a recorded call was replayed.
 *
 * @example
 * import type { SmokeRunResult } from "toolforge";
 * const explain = (r: SmokeRunResult) => (r.ok ? "ok" : r.reason);
 */
export type SmokeRunResult = { ok: true; sampled: boolean } | { ok: false; reason: string };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Arguments of the first recorded call to `name` in the execution records,
 * or `undefined` when the histories never call it with an object argument.
 *
 * @example
 * import { sampleCallArgs } from "toolforge";
 * console.log(sampleCallArgs([], "solve")); // undefined
 */
export function sampleCallArgs(records: readonly ExecutionRecord[], name: string): Record<string, unknown> | undefined {
  for (const record of records) {
    for (const call of record.functionCalls) {
      if (call.name === name && isPlainObject(call.args)) return call.args;
    }
  }
  return undefined;
}

/**
 * Runs a proposed function in the sandbox before it enters the toolset:
 * its definition must evaluate without throwing; when the histories show
 * calls to a function of that name, the first recorded call's arguments are
 * replayed and the call must not crash the runtime ({@link CRASH_KINDS}).
 *
 * @example
 * import { createSandbox, smokeRun } from "toolforge";
 * const sandbox = await createSandbox();
 * const spec = { name: "sq", description: "Square.", parameters: { type: "object" as const, properties: {} },
 *   code: "function sq({ x }) { return x * x; }", packages: [] };
 * console.log(await smokeRun(sandbox, spec, [])); // { ok: true, sampled: false }
 * await sandbox.close();
 */
export async function smokeRun(
  sandbox: Sandbox,
  spec: FunctionSpec,
  records: readonly ExecutionRecord[],
  options: { timeoutMs?: number; capabilities?: CapabilityRuntime; functions?: readonly FunctionSpec[] } = {},
): Promise<SmokeRunResult> {
  // Capability calls of a smoke run never go live: recorded responses or a typed refusal (see CapabilityRuntime.replayOnly).
  const call = capabilityCall(spec, options.functions ?? [spec], options.capabilities, undefined);
  const base = { code: call.spec.code, entry: spec.name, packages: call.spec.packages, timeoutMs: options.timeoutMs, ...(call.handler ? { capabilities: call.handler } : {}) };
  const defined = await sandbox.check(base);
  if (!defined.ok) {
    return {
      ok: false,
      reason: `evaluating the code of "${spec.name}" in the sandbox failed (${defined.error.kind}): ${defined.error.message}`,
    };
  }
  const args = sampleCallArgs(records, spec.name);
  if (args === undefined) return { ok: true, sampled: false };
  const result = await sandbox.run({ ...base, args });
  if (!result.ok && CRASH_KINDS.includes(result.error.kind)) {
    const shown = JSON.stringify(args);
    return {
      ok: false,
      reason:
        `a sample call ${spec.name}(${shown.length > 200 ? `${shown.slice(0, 200)}…` : shown}) taken from the execution ` +
        `histories crashed the sandbox (${result.error.kind}): ${result.error.message}`,
    };
  }
  return { ok: true, sampled: true };
}
