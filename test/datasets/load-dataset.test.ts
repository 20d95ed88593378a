import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DATASET_PRESETS,
  DatasetError,
  detectFormat,
  loadDataset,
  packageDataDir,
  resolvePreset,
  type Dataset,
} from "../../src/datasets/index.js";
import { ToolforgeError } from "../../src/errors.js";
import type { Task } from "../../src/evaluation/types.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "toolforge-datasets-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, lines: string[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, lines.join("\n"));
  return file;
}

async function scoreOf(dataset: Dataset, prediction: string, task: Task): Promise<number> {
  const result = await dataset.scorer(prediction, task);
  return typeof result === "number" ? result : result.score;
}

async function expectDatasetError(promise: Promise<unknown>, code: string, message: RegExp): Promise<DatasetError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetError);
  expect(error).toBeInstanceOf(ToolforgeError);
  expect((error as DatasetError).code).toBe(code);
  expect((error as DatasetError).message).toMatch(message);
  return error as DatasetError;
}

describe("presets", () => {
  const counts: Record<string, number> = {
    "math:train": 560,
    "math:test80": 560,
    "math:train20": 140,
    "math:test": 140,
    "gsm8k:train": 100,
    "gsm8k:test": 100,
    "tabmwp:train": 100,
    "tabmwp:test": 100,
  };
  for (const [preset, count] of Object.entries(counts)) {
    it(`${preset} loads ${count} tasks from the package data/ folder`, async () => {
      const dataset = await loadDataset(preset);
      expect(dataset.name).toBe(preset);
      expect(dataset.source.startsWith(packageDataDir())).toBe(true);
      expect(dataset.tasks).toHaveLength(count);
      expect(new Set(dataset.tasks.map((t) => t.id)).size).toBe(count);
      for (const task of dataset.tasks) {
        expect(task.question.length).toBeGreaterThan(10);
        expect(task.answer.trim()).not.toBe("");
        expect(task.meta?.solution).toBeUndefined();
      }
    });
  }

  it("resolves data/ from the package root", () => {
    expect(packageDataDir()).toMatch(/data$/);
    expect(resolvePreset("gsm8k:test").file).toBe(join(packageDataDir(), "gsm8k", "test.jsonl"));
  });

  it("train and test presets are disjoint", async () => {
    for (const name of ["math", "gsm8k", "tabmwp"]) {
      const train = await loadDataset(`${name}:train`);
      const test = await loadDataset(`${name}:test`);
      const ids = new Set(train.tasks.map((t) => t.id));
      expect(test.tasks.filter((t) => ids.has(t.id))).toEqual([]);
    }
  });

  it("MATH tasks carry the problem text and level/type meta", async () => {
    const { tasks } = await loadDataset("math:test");
    const task = tasks.find((t) => t.id === "test/algebra/1.json") ?? tasks[0]!;
    expect(task.meta).toMatchObject({ level: expect.stringMatching(/^Level \d$/), type: expect.any(String) });
    expect(tasks.filter((t) => t.meta?.type === "Geometry")).toHaveLength(20);
  });

  it("GSM8K answers are plain numbers", async () => {
    const { tasks } = await loadDataset("gsm8k:test");
    for (const task of tasks) expect(task.answer).toMatch(/^-?\d+(\.\d+)?$/);
  });

  it("renders a TabMWP table with its title, choices and options", async () => {
    const { tasks } = await loadDataset("tabmwp:train");
    const task = tasks.find((t) => t.id === "1310")!;
    expect(task.choices).toEqual([
      "Henderson Co.",
      "Brave New Day Corporation",
      "Reardon Corporation",
      "Tad's Coffee Company",
    ]);
    expect(task.question).toBe(
      [
        "Table: Phone calls",
        "Company | Number of phone calls",
        "Henderson Co. | 912",
        "Brave New Day Corporation | 921",
        "Reardon Corporation | 991",
        "Tad's Coffee Company | 929",
        "",
        "Question: Some companies compared how many phone calls they made. Which company made the most phone calls?",
        "Options: (A) Henderson Co. (B) Brave New Day Corporation (C) Reardon Corporation (D) Tad's Coffee Company",
      ].join("\n"),
    );
    expect(task.meta).toMatchObject({ ques_type: "multi_choice", table_title: "Phone calls" });
  });

  it("adds a unit hint to TabMWP questions that have a unit", async () => {
    const { tasks } = await loadDataset("tabmwp:train");
    const task = tasks.find((t) => t.id === "277")!;
    expect(task.question).toContain("What is the age of the oldest person? (Unit: years old)");
    expect(task.question).toContain("Stem | Leaf \n4 | 3, 4");
    expect(task.choices).toBeUndefined();
  });

  it("each preset's scorer accepts every gold answer and rejects a neighbour's", async () => {
    for (const preset of ["math:test", "gsm8k:test", "tabmwp:test"]) {
      const dataset = await loadDataset(preset);
      let accepted = 0;
      let falsePositives = 0;
      for (const [i, task] of dataset.tasks.entries()) {
        accepted += await scoreOf(dataset, `Reasoning...\nFINAL ANSWER: ${task.answer}`, task);
        const other = dataset.tasks[(i + 1) % dataset.tasks.length]!;
        if (other.answer !== task.answer) falsePositives += await scoreOf(dataset, `\\boxed{${other.answer}}`, task);
      }
      expect(accepted).toBe(dataset.tasks.length);
      expect(falsePositives).toBe(0);
    }
  });

  it("TabMWP scorer uses the task's choices (letters work)", async () => {
    const dataset = await loadDataset("tabmwp:train");
    const task = dataset.tasks.find((t) => t.id === "1310")!;
    expect(await scoreOf(dataset, "FINAL ANSWER: C", task)).toBe(1);
    expect(await scoreOf(dataset, "FINAL ANSWER: D", task)).toBe(0);
  });

  it("limit keeps the first rows", async () => {
    const full = await loadDataset("gsm8k:train");
    const limited = await loadDataset("gsm8k:train", { limit: 5 });
    expect(limited.tasks).toEqual(full.tasks.slice(0, 5));
  });

  it("an unknown preset lists the known ones", async () => {
    const error = await expectDatasetError(loadDataset("math:dev"), "E_DATASET_PRESET", /unknown dataset preset "math:dev"/);
    for (const name of Object.keys(DATASET_PRESETS)) expect(error.message).toContain(name);
  });

  it("TOOLFORGE_DATA_DIR overrides the bundled folder", async () => {
    const root = join(dir, "override");
    const { mkdir } = await import("node:fs/promises");
    await mkdir(join(root, "math"), { recursive: true });
    await writeFile(join(root, "math", "test80.jsonl"), JSON.stringify({ id: "t1", problem: "1+1?", answer: "2" }));
    const previous = process.env.TOOLFORGE_DATA_DIR;
    process.env.TOOLFORGE_DATA_DIR = root;
    try {
      const dataset = await loadDataset("math:test80");
      expect(dataset.tasks).toEqual([{ id: "t1", question: "1+1?", answer: "2" }]);
    } finally {
      if (previous === undefined) delete process.env.TOOLFORGE_DATA_DIR;
      else process.env.TOOLFORGE_DATA_DIR = previous;
    }
  });
});

describe("generic JSONL", () => {
  it("maps fields by dotted path and defaults the scorer to exact match", async () => {
    const file = await write("custom.jsonl", [
      JSON.stringify({ key: "a", prompt: "Capital of France?", target: { text: "Paris" }, topic: "geo" }),
      "",
      JSON.stringify({ key: "b", prompt: "2+2?", target: { text: 4 }, topic: "math" }),
    ]);
    const dataset = await loadDataset(file, { mapping: { id: "key", question: "prompt", answer: "target.text" } });
    expect(dataset.name).toBe("custom");
    expect(dataset.tasks).toEqual([
      { id: "a", question: "Capital of France?", answer: "Paris", meta: { target: { text: "Paris" }, topic: "geo" } },
      { id: "b", question: "2+2?", answer: "4", meta: { target: { text: 4 }, topic: "math" } },
    ]);
    expect(await scoreOf(dataset, "FINAL ANSWER: paris", dataset.tasks[0]!)).toBe(1);
    expect(await scoreOf(dataset, "FINAL ANSWER: 4.0", dataset.tasks[1]!)).toBe(1);
    expect(await scoreOf(dataset, "FINAL ANSWER: 5", dataset.tasks[1]!)).toBe(0);
  });

  it("ids default to name:line and choices are read", async () => {
    const file = await write("mc.jsonl", [JSON.stringify({ question: "Pick", answer: "b", choices: ["a", "b"] })]);
    const { tasks } = await loadDataset(file);
    expect(tasks).toEqual([{ id: "mc:1", question: "Pick", answer: "b", choices: ["a", "b"] }]);
  });

  it("detects preset formats from fields", async () => {
    expect(detectFormat({ problem: "p", answer: "1" })).toBe("math");
    expect(detectFormat({ question: "q", table: "a | b", answer: "1" })).toBe("tabmwp");
    expect(detectFormat({ question: "q", answer: "so 3 #### 3" })).toBe("gsm8k");
    expect(detectFormat({ question: "q", answer: "3", solution: "..." })).toBe("gsm8k");
    expect(detectFormat({ question: "q", answer: "3" })).toBe("generic");
    const raw = await write("raw-gsm8k.jsonl", [JSON.stringify({ question: "How many?", answer: "3 + 4 = 7\n#### 1,007" })]);
    const gsm = await loadDataset(raw);
    expect(gsm.tasks[0]!.answer).toBe("1007");
    expect(await scoreOf(gsm, "The answer is 1,007", gsm.tasks[0]!)).toBe(1);
  });

  it("reads raw MATH rows whose answer is only in the solution", async () => {
    const file = await write("raw-math.jsonl", [
      JSON.stringify({ problem: "Half of 1?", solution: "It is $\\boxed{\\frac{1}{2}}$.", level: "Level 1" }),
    ]);
    const dataset = await loadDataset(file);
    expect(dataset.tasks[0]).toMatchObject({ question: "Half of 1?", answer: "\\frac{1}{2}", meta: { level: "Level 1" } });
    expect(await scoreOf(dataset, "\\boxed{0.5}", dataset.tasks[0]!)).toBe(1);
  });

  it("an explicit format and a custom scorer win", async () => {
    const file = await write("fmt.jsonl", [JSON.stringify({ q: "1/2 as decimal?", a: "\\frac{1}{2}" })]);
    const math = await loadDataset(file, { format: "math", mapping: { question: "q", answer: "a" } });
    expect(await scoreOf(math, "\\boxed{0.5}", math.tasks[0]!)).toBe(1);
    const custom = await loadDataset(file, {
      mapping: { question: "q", answer: "a" },
      scorer: (prediction) => (prediction.includes("half") ? 1 : 0),
    });
    expect(await scoreOf(custom, "one half", custom.tasks[0]!)).toBe(1);
  });
});

describe("malformed files", () => {
  it("names file and line for invalid JSON", async () => {
    const file = await write("bad-json.jsonl", [
      JSON.stringify({ question: "a", answer: "1" }),
      "",
      '{"question": "b", "answer": ',
    ]);
    const error = await expectDatasetError(loadDataset(file), "E_DATASET_JSON", /bad-json\.jsonl:3: invalid JSON/);
    expect(error.context).toMatchObject({ file, line: 3 });
  });

  it("names file, line and field for a missing mapped field", async () => {
    const file = await write("missing.jsonl", [
      JSON.stringify({ prompt: "a", target: { text: "1" } }),
      JSON.stringify({ prompt: "b", target: {} }),
    ]);
    const error = await expectDatasetError(
      loadDataset(file, { mapping: { question: "prompt", answer: "target.text" } }),
      "E_DATASET_FIELD",
      /missing\.jsonl:2: field "target\.text" \(task answer\) is missing/,
    );
    expect(error.context).toMatchObject({ file, line: 2, field: "target.text" });
  });

  it("rejects rows that are not objects and malformed choices", async () => {
    const notObject = await write("array.jsonl", [JSON.stringify({ question: "a", answer: "1" }), "[1, 2]"]);
    await expectDatasetError(loadDataset(notObject), "E_DATASET_ROW", /array\.jsonl:2: expected a JSON object, got an array/);
    const badChoices = await write("choices.jsonl", [JSON.stringify({ question: "a", answer: "1", choices: "a,b" })]);
    await expectDatasetError(loadDataset(badChoices), "E_DATASET_FIELD", /choices\.jsonl:1: field "choices"/);
  });

  it("rejects a TabMWP row without a table", async () => {
    const file = await write("tab.jsonl", [
      JSON.stringify({ question: "q", table: "a | b\n1 | 2", answer: "1" }),
      JSON.stringify({ question: "q", answer: "1" }),
    ]);
    await expectDatasetError(loadDataset(file), "E_DATASET_FIELD", /tab\.jsonl:2: field "table" \(task table\) is missing/);
  });

  it("rejects empty and missing files", async () => {
    const empty = await write("empty.jsonl", ["", "  "]);
    await expectDatasetError(loadDataset(empty), "E_DATASET_EMPTY", /empty\.jsonl: dataset file has no rows/);
    await expectDatasetError(loadDataset(join(dir, "nope.jsonl")), "E_DATASET_READ", /nope\.jsonl: cannot read.*ENOENT/);
  });

  it("rejects a gold answer no reply could match", async () => {
    const empty = await write("empty-gold.jsonl", ['{"question":"2+2?","answer":"  "}']);
    await expectDatasetError(loadDataset(empty), "E_DATASET_FIELD", /empty-gold\.jsonl:1: field "answer" \(task answer\) is empty/);
    const noNumber = await write("gsm8k-gold.jsonl", ['{"question":"How many?","answer":"Add them.\\n#### many"}']);
    await expectDatasetError(loadDataset(noNumber), "E_DATASET_FIELD", /gsm8k-gold\.jsonl:1: field "answer" \(task answer\) has no number \("many"\)/);
    const nullGold = await write("null-gold.jsonl", ['{"question":"2+2?","answer":null}']);
    await expectDatasetError(loadDataset(nullGold), "E_DATASET_FIELD", /null-gold\.jsonl:1: field "answer" \(task answer\) is missing/);
  });

  it("rejects a bad limit or format", async () => {
    await expectDatasetError(loadDataset("gsm8k:test", { limit: -1 }), "E_DATASET_OPTIONS", /limit/);
    await expectDatasetError(
      loadDataset("gsm8k:test", { format: "csv" as never }),
      "E_DATASET_OPTIONS",
      /unknown format "csv"/,
    );
  });
});
