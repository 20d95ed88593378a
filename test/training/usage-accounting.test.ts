import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScriptedServer, type ScriptedServer } from "../../src/testing/index.js";
import { trainAgent, type TrainAgentOptions } from "../../src/training/index.js";
import { respond, scriptedRunOptions } from "./fixtures/scripted-run.js";

describe("usage accounting across an interrupted optimizer step", () => {
  let server: ScriptedServer;
  let dir: string;
  const options = (extra: Partial<TrainAgentOptions> = {}) => scriptedRunOptions(server.baseURL, extra);
  beforeAll(async () => {
    server = await startScriptedServer({ respond });
    dir = mkdtempSync(join(tmpdir(), "toolforge-usage-"));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("counts the interrupted step's billed optimizer call once, in the checkpointed state, and nothing as cached", async () => {
    const clean = await trainAgent(options());
    const runDir = join(dir, "run");
    const controller = new AbortController();
    const aborted = await trainAgent(
      options({ runDir, signal: controller.signal, onEvent: (e) => e.type === "action_applied" && controller.abort() }),
    );
    expect(aborted.stopReason).toBe("aborted");
    // The optimizer step never finished, so its call is not in the checkpointed usage yet.
    expect(aborted.usage.optimizer.totalTokens).toBe(0);
    const before = server.requests.length;
    const resumed = await trainAgent(options({ runDir }));
    // Its reply came from the cache (no second request for it) and is counted as billed, exactly once.
    expect(server.requests.slice(before).filter((r) => r.model === "optimizer")).toHaveLength(1);
    expect(resumed.usage.optimizer).toEqual(clean.usage.optimizer);
    expect(resumed.usage.agent.totalTokens).toBe(clean.usage.agent.totalTokens);
    expect(resumed.usage.optimizer.cachedTokens).toBe(0);
  });
});
