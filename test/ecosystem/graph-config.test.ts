import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { trainedAgentSettings } from "../../graphs/trained-agent.js";
import { resolveTrainingRequest } from "../../graphs/training-request.js";
import { REPO_ROOT } from "./helpers/langgraph-dev.js";

const agent = { kind: "tool-calling", model: "openai:gpt-4o-mini" };
const optimizer = { model: { baseURL: "http://127.0.0.1:1/v1", model: "m" }, maxActions: 2 };

describe("agent_training input", () => {
  it("merges the run input over config.configurable and ignores LangGraph's own keys", () => {
    const request = resolveTrainingRequest(
      { dataset: "gsm8k:train", maxSteps: 3 },
      { agent, optimizer, maxSteps: 9, patience: 2, thread_id: "t", checkpoint_ns: "" },
    );
    // `patience` from the configuration becomes earlyStopPatience (in the state, `patience` is the loop's counter).
    expect(request).toEqual({ dataset: "gsm8k:train", agent, optimizer, maxSteps: 3, earlyStopPatience: 2 });
    expect(resolveTrainingRequest({ dataset: "d", agent, optimizer, patience: 0 } as never).earlyStopPatience).toBeUndefined();
  });

  it("names the field that is missing or wrong", () => {
    expect(() => resolveTrainingRequest({}, { agent, optimizer })).toThrow(/dataset is required/);
    expect(() => resolveTrainingRequest({ dataset: "x.jsonl", agent: { kind: "planner", model: "openai:x" }, optimizer })).toThrow(/agent must be/);
    expect(() => resolveTrainingRequest({ dataset: "x.jsonl", agent: { kind: "react", model: "gpt-4o" }, optimizer })).toThrow(/agent\.model/);
    expect(() => resolveTrainingRequest({ dataset: "x.jsonl", agent, optimizer, maxSteps: -1 })).toThrow(/maxSteps must be a non-negative integer/);
    expect(() => resolveTrainingRequest({ dataset: "x.jsonl", agent, optimizer, taskIds: [1] })).toThrow(/taskIds/);
    expect(() => resolveTrainingRequest({ dataset: "x.jsonl", agent, optimizer, review: "yes" })).toThrow(/review must be true or false/);
  });
});

describe("trained_agent settings", () => {
  it("reads the context first, then TOOLFORGE_TOOLSET / TOOLFORGE_MODEL, resolving paths from the working directory", () => {
    expect(trainedAgentSettings({ toolset: "notebooks/toolsets/gsm8k-demo.toolset.json", model: "openai:gpt-4o-mini" }, {})).toEqual({
      toolset: join(REPO_ROOT, "notebooks/toolsets/gsm8k-demo.toolset.json"),
      model: "openai:gpt-4o-mini",
    });
    const fromEnv = trainedAgentSettings({}, { TOOLFORGE_TOOLSET: "/abs/t.json", TOOLFORGE_MODEL: '{"baseURL":"http://h/v1","model":"m"}' });
    expect(fromEnv).toEqual({ toolset: "/abs/t.json", model: { baseURL: "http://h/v1", model: "m" } });
    // No environment: the bundled demo toolset; a run still needs a model.
    expect(() => trainedAgentSettings({}, {})).toThrow(/no model.*TOOLFORGE_MODEL/);
    expect(trainedAgentSettings({ model: "openai:gpt-4o-mini" }, {}).toolset).toBe(join(REPO_ROOT, "notebooks/toolsets/gsm8k-demo.toolset.json"));
    expect(() => trainedAgentSettings({ toolset: 42, model: "openai:x" }, {})).toThrow(/trained_agent: toolset/);
  });
});

describe("capabilities in the served graphs", () => {
  it("passes a capability policy through agent_training and trained_agent, and refuses a malformed one", () => {
    const capabilities = { allowNet: ["en.wikipedia.org"], parse: true };
    expect(resolveTrainingRequest({ dataset: "gsm8k:train", capabilities }, { agent, optimizer }).capabilities).toEqual(capabilities);
    expect(() => resolveTrainingRequest({ dataset: "x.jsonl", agent, optimizer, capabilities: ["fetch"] })).toThrow(/capabilities must be an object/);
    expect(trainedAgentSettings({ toolset: "/t.json", model: "openai:m", capabilities }, {}).capabilities).toEqual(capabilities);
    expect(() => trainedAgentSettings({ toolset: "/t.json", model: "openai:m", capabilities: "all" }, {})).toThrow(/trained_agent: capabilities:/);
  });
});
