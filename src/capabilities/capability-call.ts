import type { FunctionSpec } from "../functions/function-spec.js";
import type { CapabilityHandler } from "../sandbox/capability-channel.js";
import type { SandboxResult } from "../sandbox/types.js";
import type { CapabilityRuntime, CapabilityUsage } from "./capability-host.js";
import { composeCall } from "./compose-call.js";
import { CapabilityError } from "./errors.js";
import type { TaskAttachments } from "./read-attachment.js";

/**
 * A sandbox result with the capability usage of the call (present when the
 * function declares capabilities).
 *
 * @example
 * const r = (await tool.invoke(toolCall)).artifact as import("toolforge").SandboxResultWithUsage;
 * console.log(r.capabilities?.calls);
 */
export type SandboxResultWithUsage = SandboxResult & { capabilities?: CapabilityUsage };

/**
 * Prepares one call of a learned function: the code to run (composed with
 * its capability bindings and callees), the handler answering its
 * capability requests, and a step that adds the usage to the result. A
 * function without capabilities runs exactly as before. A composition the
 * policy refuses (cycle, depth, ungranted `functions`) becomes a `thrown`
 * result with the typed reason, never an exception.
 *
 * @example
 * import { capabilityCall } from "toolforge";
 * const call = capabilityCall(spec, toolset.functions, capabilities, task.attachments);
 * const result = call.attachUsage(await sandbox.run({ code: call.spec.code, entry: spec.name, args, packages: call.spec.packages, capabilities: call.handler }));
 */
export function capabilityCall(
  spec: FunctionSpec,
  all: readonly FunctionSpec[],
  runtime: CapabilityRuntime | undefined,
  attachments: unknown,
): { spec: Pick<FunctionSpec, "name" | "code" | "packages">; handler?: CapabilityHandler; attachUsage: (r: SandboxResult) => SandboxResultWithUsage } {
  if (!spec.capabilities || spec.capabilities.length === 0) return { spec, attachUsage: (r) => r };
  let composed;
  try {
    composed = composeCall(spec, all, runtime?.policy.granted ?? new Set(), runtime?.policy.maxFunctionDepth ?? 0);
  } catch (e) {
    if (!(e instanceof CapabilityError)) throw e;
    // The function's code never runs; the refusal reads like the guest's own CapabilityError.
    const message = `${e.code} ${e.message}`;
    return { spec: { name: spec.name, code: `function ${spec.name}() { const e = new Error(${JSON.stringify(message)}); e.name = "CapabilityError"; e.code = ${JSON.stringify(e.code)}; throw e; }`, packages: [] }, attachUsage: (r) => r };
  }
  const files = isAttachments(attachments) ? attachments : undefined;
  const { handler, usage } = (runtime ?? refusingRuntime).handlerFor({ declared: composed.declared, ...(files ? { attachments: files } : {}) });
  return { spec: { name: spec.name, code: composed.code, packages: composed.packages }, handler, attachUsage: (r) => ({ ...r, capabilities: usage }) };
}

function isAttachments(v: unknown): v is TaskAttachments {
  const a = v as TaskAttachments | undefined;
  return typeof a === "object" && a !== null && typeof a.dir === "string" && Array.isArray(a.names);
}

/** Without a runtime every request is refused by the host with a readable reason. */
const refusingRuntime = {
  handlerFor: (): { handler: CapabilityHandler; usage: CapabilityUsage } => {
    const usage: CapabilityUsage = { calls: 0, refused: 0, bytes: 0, durationMs: 0, byName: {} };
    return {
      usage,
      handler: async (request) => {
        usage.calls += 1;
        usage.refused += 1;
        const name = (JSON.parse(request) as { name?: string }).name ?? "capability";
        return JSON.stringify({ ok: false, error: { code: "E_CAP_NOT_GRANTED", message: `${name}: no capability policy was given for this run, so nothing but computation is allowed` } });
      },
    };
  },
};
