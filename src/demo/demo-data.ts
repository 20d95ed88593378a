import { join } from "node:path";
import { loadDataset, packageDataDir, readJsonl, type Dataset } from "../datasets/index.js";
import type { Task } from "../evaluation/types.js";

/**
 * The bundled GSM8K rows the demo trains on (ids of `data/gsm8k/*.jsonl`).
 * They were picked by the shape of their worked solution's last calculation:
 * short sums/differences (the scripted agent gets them right unaided),
 * products/quotients, and sums of three or more numbers.
 *
 * @example
 * import { DEMO_TASK_IDS } from "toolforge";
 * console.log(DEMO_TASK_IDS.train.length); // 8
 */
export const DEMO_TASK_IDS = {
  train: ["train-215", "train-538", "train-307", "train-1571", "train-330", "train-75", "train-1530", "train-2868"],
  validation: ["train-884", "train-681", "train-1636", "train-2953"],
  test: ["test-28", "test-106", "test-249", "test-599"],
  heldOut: "test-721",
} as const;

/**
 * What the scripted agent "knows" about a demo task: its final calculation.
 *
 * @example
 * const plan: DemoPlan = planFromSolution("train-307", "<<11*110=1210>>", "1210"); // kind "product"
 */
export interface DemoPlan {
  taskId: string;
  /** `easy`: one addition/subtraction; `product`: has × or ÷; `sum`: three or more terms added. */
  kind: "easy" | "product" | "sum";
  /** The last calculation of the worked solution, e.g. "11*110". */
  expression: string;
  /** Its terms, for sums (signed). */
  terms: number[];
  /** The gold answer as a number. */
  answer: number;
}

/**
 * The demo's datasets and the scripted agent's plans, keyed by question.
 *
 * @example
 * const { train, plans } = await loadDemoData();
 */
export interface DemoData {
  train: Dataset;
  validation: Dataset;
  test: Dataset;
  heldOut: Task;
  plans: Map<string, DemoPlan>;
}

/**
 * Classifies a GSM8K worked solution by its last `<<expr=result>>`
 * calculator annotation.
 *
 * @example
 * import { planFromSolution } from "toolforge";
 * planFromSolution("t", "… 11*110 = <<11*110=1210>>1210", "1210").kind; // "product"
 */
export function planFromSolution(taskId: string, solution: string, answer: string): DemoPlan {
  const last = [...solution.matchAll(/<<([^=<>]+)=([^<>]+)>>/g)].at(-1);
  const expression = (last?.[1] ?? answer).replace(/\s+/g, "");
  const terms = expression.split(/(?=[+-])/).map(Number);
  const kind = /[*/]/.test(expression) ? "product" : terms.length >= 3 ? "sum" : "easy";
  return { taskId, kind, expression, terms, answer: Number(answer) };
}

function pick(dataset: Dataset, ids: readonly string[], name: string): Dataset {
  const byId = new Map(dataset.tasks.map((t) => [t.id, t]));
  const tasks = ids.map((id) => {
    const t = byId.get(id);
    if (!t) throw new Error(`demo data: task ${id} is missing from ${dataset.source}`);
    return t;
  });
  return { ...dataset, name, tasks };
}

/**
 * Loads the demo subset of the bundled GSM8K data through `loadDataset`
 * (the same path as `--data gsm8k:train`), plus the plans of the scripted
 * agent, read from the rows' worked solutions (which never reach a prompt).
 *
 * @example
 * import { loadDemoData } from "toolforge";
 * const demo = await loadDemoData();
 * console.log(demo.train.tasks.length); // 8
 */
export async function loadDemoData(): Promise<DemoData> {
  const [trainAll, testAll] = await Promise.all([loadDataset("gsm8k:train"), loadDataset("gsm8k:test")]);
  const plans = new Map<string, DemoPlan>();
  const questions = new Map([...trainAll.tasks, ...testAll.tasks].map((t) => [t.id, t.question]));
  for (const split of ["train", "test"]) {
    for (const row of await readJsonl(join(packageDataDir(), "gsm8k", `${split}.jsonl`))) {
      const { id, solution, answer } = row.value as { id: string; solution: string; answer: string };
      const question = questions.get(id);
      if (question !== undefined) plans.set(question, planFromSolution(id, solution, String(answer)));
    }
  }
  const heldOut = testAll.tasks.find((t) => t.id === DEMO_TASK_IDS.heldOut);
  if (!heldOut) throw new Error(`demo data: held-out task ${DEMO_TASK_IDS.heldOut} is missing`);
  return {
    train: pick(trainAll, DEMO_TASK_IDS.train, "gsm8k:train (demo subset)"),
    validation: pick(trainAll, DEMO_TASK_IDS.validation, "gsm8k:train (demo validation subset)"),
    test: pick(testAll, DEMO_TASK_IDS.test, "gsm8k:test (demo subset)"),
    heldOut,
    plans,
  };
}
