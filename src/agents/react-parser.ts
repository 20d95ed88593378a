/**
 * One model turn of the ReAct protocol, as understood by {@link parseReActOutput}.
 *
 * @example
 * import { parseReActOutput, type ReActStep } from "toolforge";
 * const step: ReActStep = parseReActOutput("FINAL ANSWER: 3");
 * if (step.kind === "final") console.log(step.answer);
 */
export type ReActStep =
  | { kind: "final"; answer: string; thought?: string; text: string }
  | { kind: "action"; tool: string; input: string; thought?: string; text: string }
  | { kind: "invalid"; reason: string; text: string };

type Label = "thought" | "action" | "input" | "observation" | "final" | "question";

interface Segment {
  label: Label;
  start: number;
  body: string;
}

// Labels at a line start, tolerating markdown (`**Action 1:**`, `- Thought:`),
// numbering (`Action 2`, `Action #2`, `Action 2 Input`, `Action Input 2`) and
// full-width colons.
const LABEL =
  /^[ \t]*(?:[-*>#]+[ \t]*)?(?:\*\*|__)?[ \t]*(action[ \t]*#?\d*[ \t]*input[ \t]*#?\d*|action[ \t]*#?\d*|observation[ \t]*#?\d*|thought[ \t]*#?\d*|final[ \t_]*answer|question)[ \t]*(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?/gim;

function labelOf(raw: string): Label {
  const s = raw.toLowerCase();
  if (s.startsWith("action")) return /input/.test(s) ? "input" : "action";
  if (s.startsWith("observation")) return "observation";
  if (s.startsWith("thought")) return "thought";
  if (s.startsWith("final")) return "final";
  return "question";
}

function segments(text: string): Segment[] {
  const found = [...text.matchAll(LABEL)];
  return found.map((m, i) => {
    const bodyStart = m.index + m[0].length;
    const end = i + 1 < found.length ? found[i + 1]!.index : text.length;
    return { label: labelOf(m[1]!), start: m.index, body: text.slice(bodyStart, end).replace(/\s*(?:\*\*|__)\s*$/, "").trim() };
  });
}

/**
 * Parses one ReAct turn (App. D.2 template): a `FINAL ANSWER`, or an
 * `Action`/`Action Input` pair, or `invalid` with a reason the model can act
 * on. Anything from the first `Observation` on is dropped (the model
 * must not invent tool results); `text` is what was kept. When an action
 * comes before a final answer, the action wins: the model must wait for its
 * observation. Accepts `tool(args)` on the Action line when no input follows,
 * and `Action: Final Answer` + `Action Input: <answer>` as a final answer.
 *
 * @example
 * import { parseReActOutput } from "toolforge";
 * parseReActOutput("Thought: add\nAction 1: add\nAction 1 Input: {\"a\": 1, \"b\": 2}");
 * // { kind: "action", tool: "add", input: "{\"a\": 1, \"b\": 2}", thought: "add", text: ... }
 * parseReActOutput("Thought: I now know the final answer\nFINAL ANSWER: 3"); // { kind: "final", answer: "3", ... }
 */
export function parseReActOutput(raw: string): ReActStep {
  let segs = segments(raw);
  let text = raw;
  const obs = segs.findIndex((s) => s.label === "observation");
  if (obs >= 0) {
    text = raw.slice(0, segs[obs]!.start).trimEnd();
    segs = segs.slice(0, obs);
  }
  const actionAt = segs.findIndex((s) => s.label === "action");
  const finalAt = segs.findIndex((s) => s.label === "final");
  const thought = segs.find((s) => s.label === "thought")?.body;
  const withThought = <T extends object>(step: T): T & { thought?: string } => (thought ? { ...step, thought } : step);

  if (finalAt >= 0 && (actionAt < 0 || finalAt < actionAt)) {
    const finals = segs.filter((s) => s.label === "final");
    const answer = finals.at(-1)!.body;
    if (answer) return withThought({ kind: "final" as const, answer, text });
  }
  if (actionAt >= 0) {
    const action = segs[actionAt]!;
    const next = segs.slice(actionAt + 1).find((s) => s.label !== "thought");
    const [firstLine = "", ...rest] = action.body.split("\n");
    let tool = cleanToolName(firstLine);
    let input = next?.label === "input" ? next.body : rest.join("\n").trim();
    const call = /^([A-Za-z_$][\w$.-]*)\s*\(([\s\S]*)\)\s*$/.exec(firstLine.trim().replace(/^[`'"]+|[`'"]+$/g, ""));
    if (call && !input) {
      tool = call[1]!;
      input = call[2]!.trim();
    }
    if (!tool) return { kind: "invalid", reason: "the Action line names no tool", text };
    // Some models write the answer as a pseudo-action: "Action: Final Answer".
    if (/^final[ _]?answer$/i.test(tool) && input) return withThought({ kind: "final" as const, answer: unwrapAnswer(input), text });
    return withThought({ kind: "action" as const, tool, input, text });
  }
  if (segs.some((s) => s.label === "input")) {
    return { kind: "invalid", reason: "found an Action Input without an Action line naming the tool", text };
  }
  return {
    kind: "invalid",
    reason: "no Action/Action Input pair and no FINAL ANSWER line",
    text,
  };
}

function cleanToolName(line: string): string {
  return line
    .trim()
    .replace(/^[`'"[\s]+|[`'"\]\s.]+$/g, "")
    .replace(/\(\s*\)$/, "")
    .trim();
}

function unwrapAnswer(input: string): string {
  const t = input.trim();
  try {
    const v: unknown = JSON.parse(t);
    if (typeof v === "string" || typeof v === "number") return String(v);
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const values = Object.values(v);
      if (values.length === 1 && (typeof values[0] === "string" || typeof values[0] === "number")) return String(values[0]);
    }
  } catch {
    // Not JSON: the plain text is the answer.
  }
  return t;
}
