import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../src/defaults.js";
import {
  InfrastructureFailureError,
  infrastructureFailure,
  isInfrastructureFailure,
  runWithTaskRetries,
  type ExecutionRecord,
} from "../../src/evaluation/index.js";

const record = (error?: ExecutionRecord["error"]): ExecutionRecord => ({
  taskId: "t1",
  question: "q",
  gold: "1",
  messages: [],
  functionCalls: [],
  finalAnswer: error ? null : "1",
  score: error ? 0 : 1,
  usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedTokens: 0 },
  latencyMs: 1,
  ...(error ? { error } : {}),
});
const modelDown = record({ kind: "model_error", message: 'model "m" at http://127.0.0.1:9/v1: HTTP 503 from the provider.' });

/** A run whose first `failures` attempts fail with `failed`, then succeed; counts its attempts. */
function flaky(failures: number, failed: ExecutionRecord = modelDown) {
  const run = async () => (run.attempts++ < failures ? failed : record());
  run.attempts = 0;
  return run;
}

describe("isInfrastructureFailure", () => {
  it("is true only for a model error", () => {
    expect(isInfrastructureFailure(modelDown)).toBe(true);
    expect(isInfrastructureFailure(record({ kind: "step_limit", message: "too many steps" }))).toBe(false);
    expect(isInfrastructureFailure(record())).toBe(false);
  });
});

describe("runWithTaskRetries", () => {
  it("re-runs a task while its model fails, up to taskRetries times", async () => {
    const recovers = flaky(2);
    expect(await runWithTaskRetries(recovers, 2)).toMatchObject({ score: 1 });
    expect(recovers.attempts).toBe(3);

    const staysDown = flaky(Infinity);
    expect(await runWithTaskRetries(staysDown, 2)).toBe(modelDown);
    expect(staysDown.attempts).toBe(3);
  });

  it("does not re-run a task that succeeded or failed on its own", async () => {
    const fine = flaky(0);
    await runWithTaskRetries(fine, 3);
    expect(fine.attempts).toBe(1);
    const agentFault = flaky(Infinity, record({ kind: "step_limit", message: "too many steps" }));
    expect((await runWithTaskRetries(agentFault, 3)).error?.kind).toBe("step_limit");
    expect(agentFault.attempts).toBe(1);
  });

  it("runs once with no retries, and retries DEFAULTS.evaluation.taskRetries times by default", async () => {
    const once = flaky(Infinity);
    await runWithTaskRetries(once, 0);
    expect(once.attempts).toBe(1);
    const byDefault = flaky(Infinity);
    await runWithTaskRetries(byDefault);
    expect(byDefault.attempts).toBe(1 + DEFAULTS.evaluation.taskRetries);
  });
});

describe("infrastructureFailure", () => {
  it("names what is incomplete, the task, the attempts and the model's error", () => {
    const error = infrastructureFailure(modelDown, 2, "evaluation of the step-3 candidate");
    expect(error).toBeInstanceOf(InfrastructureFailureError);
    expect(error.code).toBe("E_INFRASTRUCTURE");
    // The cause's own full stop is dropped, its inner dots (the URL) are kept.
    expect(error.message).toBe(
      'evaluation of the step-3 candidate is incomplete: task t1 could not be run (2 attempt(s)): model "m" at http://127.0.0.1:9/v1: HTTP 503 from the provider. ' +
        "It was not scored; nothing was counted as a failure of the task.",
    );
    expect(error.context).toEqual({ taskId: "t1", attempts: 2, cause: 'model "m" at http://127.0.0.1:9/v1: HTTP 503 from the provider' });
  });

  it("keeps a cause without a final full stop whole, and names an unknown one", () => {
    expect(infrastructureFailure(record({ kind: "model_error", message: "socket hang up.  " }), 1, "x").context.cause).toBe("socket hang up");
    expect(infrastructureFailure(record({ kind: "model_error", message: "HTTP 429" }), 1, "x").context.cause).toBe("HTTP 429");
    expect(infrastructureFailure(record(), 1, "evaluation").message).toContain("(1 attempt(s)): unknown model error. It was not scored");
  });
});
