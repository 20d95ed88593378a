import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Sandbox } from "../../src/sandbox/index.js";
import { startScriptedServer, type ScriptedServer } from "../../src/testing/index.js";
import { trainAgent } from "../../src/training/index.js";
import { respond, TASKS } from "./fixtures/scripted-run.js";

// The sandbox trainAgent makes for itself is closed when the run ends (its
// worker threads would otherwise keep the process alive); one it is given
// is not (train-agent-wiring.test.ts).
const made = vi.hoisted(() => [] as { closed: boolean }[]);
vi.mock("../../src/sandbox/index.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/sandbox/index.js")>();
  return {
    ...original,
    createSandbox: async (...args: Parameters<typeof original.createSandbox>): Promise<Sandbox> => {
      const sandbox = await original.createSandbox(...args);
      const entry = { closed: false };
      made.push(entry);
      const close = sandbox.close.bind(sandbox);
      sandbox.close = async () => {
        entry.closed = true;
        await close();
      };
      return sandbox;
    },
  };
});

describe("trainAgent's own sandbox", () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer({ respond });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("is closed when the run ends, and when it fails", async () => {
    const model = (name: string) => ({ baseURL: server.baseURL, model: name, apiKey: "test", maxRetries: 0 });
    const options = {
      agent: { kind: "tool-calling" as const, model: model("agent"), codeInterpreter: false },
      optimizer: { model: model("optimizer"), maxActions: 1 },
      train: TASKS.slice(0, 2),
      scorer: (prediction: string, task: { answer: string }) => (prediction.trim() === task.answer ? 1 : 0),
      maxSteps: 1,
      taskRetries: 0,
    };
    const result = await trainAgent(options);
    expect(result.stopReason).toBe("max_steps");
    expect(made).toEqual([{ closed: true }]);
    const error = await trainAgent({ ...options, onEvent: () => { throw new Error("an observer failed"); } }).catch((e: unknown) => e);
    expect((error as Error).message).toBe("an observer failed");
    expect(made).toEqual([{ closed: true }, { closed: true }]);
  });
});
