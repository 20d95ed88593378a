import type { Sandbox, SandboxCall, SandboxResult } from "../../src/sandbox/types.js";
import type { FunctionSpecInput } from "../../src/functions/index.js";

export const addSpec: FunctionSpecInput = {
  name: "add",
  description: "Add two numbers a and b.",
  parameters: {
    type: "object",
    properties: { a: { type: "number", description: "first" }, b: { type: "number", description: "second" } },
    required: ["a", "b"],
  },
  code: "function add({ a, b }) {\n  return a + b;\n}\n",
  packages: [],
};

export const greetSpec: FunctionSpecInput = {
  name: "greet",
  description: "Greet someone by name.",
  parameters: { type: "object", properties: { who: { type: "string" } }, required: ["who"] },
  code: "const greet = ({ who }) => `hello ${who}`;",
  packages: [],
};

export const explodeSpec: FunctionSpecInput = {
  name: "explode",
  description: "Always fails.",
  parameters: { type: "object", properties: {} },
  code: "function explode() { throw new Error('kaboom'); }",
  packages: [],
};

/**
 * An in-process stand-in for the QuickJS sandbox (test code only — it runs
 * trusted fixtures with `new Function`). Records every call.
 */
export function fakeSandbox(): Sandbox & { calls: SandboxCall[] } {
  const calls: SandboxCall[] = [];
  return {
    calls,
    allowedPackages: ["mathjs"],
    async run(call) {
      calls.push(call);
      const started = performance.now();
      const logs: string[] = [];
      try {
        const fn = new Function("console", `${call.code}\nreturn ${call.entry};`)({ log: (...a: unknown[]) => logs.push(a.join(" ")) });
        const value: unknown = await fn(call.args);
        return { ok: true, value, logs, durationMs: performance.now() - started };
      } catch (e) {
        return { ok: false, error: { kind: "thrown", message: (e as Error).message }, logs, durationMs: performance.now() - started };
      }
    },
    async runScript(): Promise<SandboxResult> {
      throw new Error("not used");
    },
    async check(): Promise<SandboxResult> {
      throw new Error("not used");
    },
    async close() {},
  };
}
