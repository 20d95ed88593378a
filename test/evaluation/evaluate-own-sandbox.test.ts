import { describe, expect, it, vi } from "vitest";
import { sandboxesOpened } from "../helpers/count-sandboxes.js";
import { evaluate, type Task } from "../../src/evaluation/index.js";
import { stubAgent } from "./stub-agents.js";

vi.mock("../../src/sandbox/index.js", async (original) => (await import("../helpers/count-sandboxes.js")).countSandboxes(await original()));

const tasks: Task[] = [{ id: "t0", question: "1", answer: "2" }];
const exact = (p: string, t: Task) => (p === t.answer ? 1 : 0);
const counts = () => ({ ...sandboxesOpened });

describe("evaluate's own sandbox", () => {
  it("starts none for an agent that is already built", async () => {
    const before = counts();
    await evaluate({ agent: stubAgent((q) => String(Number(q) * 2)), tasks, scorer: exact });
    expect(counts()).toEqual(before);
  });

  it("starts one for an agent it builds, and closes it when done or failed", async () => {
    const before = counts();
    const factory = () => stubAgent((q) => String(Number(q) * 2));
    expect((await evaluate({ agent: factory, tasks, scorer: exact })).accuracy).toBe(1);
    const broken = () => {
      throw new Error("cannot build");
    };
    await expect(evaluate({ agent: broken, tasks, scorer: exact })).rejects.toThrow("cannot build");
    expect(counts()).toEqual({ count: before.count + 2, closed: before.closed + 2 });
  });

  it("names a missing or malformed agent with a typed error", async () => {
    const before = counts();
    const refused = { name: "AgentConfigError", code: "E_AGENT_SPEC" };
    await expect(evaluate({ agent: null as never, tasks, scorer: exact })).rejects.toMatchObject(refused);
    // A model name where a spec belongs, a spec without its kind.
    await expect(evaluate({ agent: "openai:gpt-4o" as never, tasks, scorer: exact })).rejects.toMatchObject(refused);
    await expect(evaluate({ agent: { model: "openai:gpt-4o" } as never, tasks, scorer: exact })).rejects.toMatchObject({ ...refused, message: expect.stringContaining("got kind undefined") });
    // An object with a `kind` is read as a spec, whatever other methods it has.
    const invoke = async () => ({ messages: [] });
    await expect(evaluate({ agent: { kind: "doubler", invoke } as never, tasks, scorer: exact })).rejects.toMatchObject({ ...refused, message: expect.stringContaining('got kind "doubler"') });
    expect(counts()).toEqual({ count: before.count + 4, closed: before.closed + 4 });
  });
});
