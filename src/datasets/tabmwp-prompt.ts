const OPTION_LETTERS = "ABCDEFGH";

/**
 * The fields of a TabMWP problem that go into its prompt.
 *
 * @example
 * import type { TabMWPProblem } from "toolforge";
 * const p: TabMWPProblem = { question: "How many?", table: "a | b\n1 | 2", unit: "pages" };
 */
export interface TabMWPProblem {
  question: string;
  table: string;
  table_title?: string | null;
  choices?: readonly string[] | null;
  unit?: string | null;
}

/**
 * Renders a TabMWP problem into one prompt, in the layout of the TabMWP
 * authors' prompts: the table (pipe format, as given) under its title, then
 * the question with a unit hint, then the lettered options.
 *
 * @example
 * import { renderTabMWPPrompt } from "toolforge";
 * renderTabMWPPrompt({ question: "Who has more?", table: "Name | Coins\nAl | 3\nBo | 5",
 *   table_title: "Coins", choices: ["Al", "Bo"] });
 * // "Table: Coins\nName | Coins\nAl | 3\nBo | 5\n\nQuestion: Who has more?\nOptions: (A) Al (B) Bo"
 */
export function renderTabMWPPrompt(problem: TabMWPProblem): string {
  const title = problem.table_title?.trim();
  const parts = [`Table: ${title ? title : "(untitled)"}\n${problem.table}`];
  const unit = problem.unit?.trim();
  parts.push(`Question: ${problem.question}${unit ? ` (Unit: ${unit})` : ""}`);
  const choices = problem.choices ?? [];
  if (choices.length > 0) {
    const options = choices.map((choice, i) => `(${OPTION_LETTERS[i] ?? String(i + 1)}) ${choice}`).join(" ");
    parts.push(`Options: ${options}`);
  }
  return parts.join("\n\n").replace(/\n\nOptions:/, "\nOptions:");
}
