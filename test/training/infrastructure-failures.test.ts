import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScriptedServer, type ScriptedRequest, type ScriptedServer } from "../../src/testing/index.js";
import { RunDirectory, TrainingError, trainAgent, type TrainAgentOptions, type TrainingEvent, type TrainingResult } from "../../src/training/index.js";
import { respond, scriptedRunOptions, TASKS } from "./fixtures/scripted-run.js";

const text = (content: unknown) => (typeof content === "string" ? content : JSON.stringify(content));
const questionOf = (req: ScriptedRequest) => text(req.messages.find((m) => m.role === "user")?.content);
const hasFunction = (req: ScriptedRequest) => (req.tools ?? []).some((t) => t.function.name === "twice_number");
const decisions = (r: TrainingResult) => r.steps.map((s) => [s.step, s.accepted, s.trainLoss]);

describe("training when the model provider fails (infrastructure failures are never scored)", () => {
  let server: ScriptedServer;
  /** Requests for which the provider answers 500. */
  let down: (req: ScriptedRequest) => boolean = () => false;
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "toolforge-infra-"));
    dirs.push(dir);
    return dir;
  };
  const options = (extra: Partial<TrainAgentOptions> = {}) => scriptedRunOptions(server.baseURL, extra);
  let clean: TrainingResult;

  beforeAll(async () => {
    server = await startScriptedServer({ respond: (req) => (down(req) ? { status: 500, content: "provider down" } : respond(req)) });
    clean = await trainAgent(options());
  });
  afterAll(async () => {
    await server?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("stops before the baseline is scored when its model calls all fail, and resumes to the unfaulted result", async () => {
    const runDir = tempDir();
    down = (req) => req.model === "agent";
    const error = await trainAgent(options({ runDir })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingError);
    expect((error as TrainingError).code).toBe("E_TRAIN_INFRASTRUCTURE");
    expect((error as Error).message).toContain('model "agent"');
    expect((error as Error).message).toContain(server.baseURL);
    expect((error as Error).message).toContain(`toolforge resume ${runDir}`);
    const events = new RunDirectory(runDir).readEvents();
    // Nothing was scored: no baseline loss, no step-0 toolset.
    expect(events.some((e) => e.type === "evaluation_end" || e.type === "loss")).toBe(false);
    expect(existsSync(new RunDirectory(runDir).stepToolset(0))).toBe(false);

    down = () => false;
    const resumed = await trainAgent(options({ runDir }));
    expect(decisions(resumed)).toEqual(decisions(clean));
    expect(resumed.toolset.hash).toBe(clean.toolset.hash);
  });

  it("stops in a candidate evaluation without a decision, keeps finished tasks, and resumes to the unfaulted result", async () => {
    const runDir = tempDir();
    const failing = TASKS[2]!.question;
    down = (req) => req.model === "agent" && hasFunction(req) && questionOf(req) === failing;
    const events: TrainingEvent[] = [];
    const error = await trainAgent(options({ runDir, onEvent: (e) => events.push(e) })).catch((e: unknown) => e);
    expect((error as TrainingError).code).toBe("E_TRAIN_INFRASTRUCTURE");
    expect((error as Error).message).toContain(`task ${TASKS[2]!.id}`);
    // The step's candidate was neither accepted nor rolled back on a partial evaluation.
    expect(events.some((e) => e.type === "accepted" || e.type === "rolled_back")).toBe(false);

    down = () => false;
    const before = server.requests.length;
    const resumed = await trainAgent(options({ runDir }));
    expect(decisions(resumed)).toEqual(decisions(clean));
    expect(resumed.toolset.hash).toBe(clean.toolset.hash);
    // The baseline is not evaluated again: only candidate work (and the optimizer's second step) remains.
    const agentCalls = server.requests.slice(before).filter((r) => r.model === "agent");
    expect(agentCalls.every(hasFunction)).toBe(true);
  });

  it("with infrastructureFailures: \"exclude\", leaves a failing task out of both sides instead of scoring it 0", async () => {
    const failing = TASKS[2]!.question;
    down = (req) => req.model === "agent" && hasFunction(req) && questionOf(req) === failing;
    const result = await trainAgent(options({ infrastructureFailures: "exclude" }));
    down = () => false;
    // Scored as 0, the failing task would make the step-1 loss 1/6, not 0.
    expect(decisions(result)).toEqual(decisions(clean));
  });
});
