import { appendFileSync, readFileSync } from "node:fs";
import type { TrainingEvent } from "./events.js";

/**
 * A line of `events.jsonl`: the event plus when it was written and its
 * idempotency `key` (files written before keys existed have none).
 *
 * @example
 * const line: LoggedEvent = { time: "2026-11-29T00:00:00.000Z", key: "accepted/1#0", type: "max_steps", step: 2 };
 */
export type LoggedEvent = TrainingEvent & { time?: string; key?: string };

/**
 * What makes an event the same fact when a resumed run emits it again:
 * the type, the step and evaluation phase it belongs to, the task index, and
 * for `loss` whether it carries a validation loss. Events that share all of
 * these within one step (an optimizer's actions) are told apart by their
 * order, see {@link EventLog}.
 *
 * @example
 * import { eventIdentity } from "toolforge";
 * eventIdentity({ type: "task_done", step: 1, phase: "candidate", taskId: "t3", index: 3, done: 4, total: 6, score: 1 }); // "task_done/candidate/1/3"
 */
export function eventIdentity(event: TrainingEvent): string {
  const parts: (string | number)[] = [event.type];
  if ("phase" in event) parts.push(event.phase);
  if ("step" in event) parts.push(event.step);
  if (event.type === "task_done") parts.push(event.index);
  if (event.type === "loss") parts.push(event.validationLoss === undefined ? "train" : "validation");
  if (event.type === "run_end") parts.push(event.reason, event.steps);
  return parts.join("/");
}

/**
 * The append-only `events.jsonl` of a run directory, written at most once per
 * event. A resumed run re-runs the graph node that was interrupted, so it
 * emits that node's events again; each event gets the key
 * `identity#seq` (`seq` counts events of the same identity emitted by this
 * log, i.e. by this process's run, which replays an interrupted node from its
 * start in the same order), and an event whose key is already in the file is
 * not written again. Reading skips repeated keys too, and a torn last line
 * (a write cut by `kill -9`).
 *
 * @example
 * import { EventLog } from "toolforge";
 * const log = new EventLog("runs/math/events.jsonl");
 * log.append({ type: "max_steps", step: 3 }); // true: written
 * console.log(log.read().length);
 */
export class EventLog {
  #written: Set<string> | undefined;
  readonly #seq = new Map<string, number>();

  constructor(readonly path: string) {}

  /** Appends `event` unless the file already has it; returns whether it was written. */
  append(event: TrainingEvent): boolean {
    const identity = eventIdentity(event);
    const seq = this.#seq.get(identity) ?? 0;
    this.#seq.set(identity, seq + 1);
    const key = `${identity}#${seq}`;
    let prefix = "";
    if (!this.#written) {
      const text = this.#text();
      // Stryker disable next-line ConditionalExpression: an undefined key in the set matches no event's key.
      this.#written = new Set(parseLines(text).flatMap((e) => (e.key ? [e.key] : [])));
      // A line torn by a kill must not glue itself to the next one.
      if (text.length > 0 && !text.endsWith("\n")) prefix = "\n";
    }
    if (this.#written.has(key)) return false;
    this.#written.add(key);
    appendFileSync(this.path, `${prefix}${JSON.stringify({ time: new Date().toISOString(), key, ...event })}\n`);
    return true;
  }

  /** Every event in the file, once per key, in write order. */
  read(): LoggedEvent[] {
    return uniqueEvents(parseLines(this.#text()));
  }

  #text(): string {
    try {
      return readFileSync(this.path, "utf8");
    } catch {
      return "";
    }
  }
}

/** Parsed lines; unparsable ones (a torn last line) are skipped. */
function parseLines(text: string): LoggedEvent[] {
  return text.split("\n").flatMap((line) => {
    // Stryker disable next-line ConditionalExpression,MethodExpression,StringLiteral: a blank line fails to parse and is skipped below anyway.
    if (line.trim() === "") return [];
    try {
      return [JSON.parse(line) as LoggedEvent];
    } catch {
      return [];
    }
  });
}

/**
 * Drops events whose idempotency key was already seen (keeps the first);
 * events without a key are all kept.
 *
 * @example
 * import { uniqueEvents } from "toolforge";
 * uniqueEvents([{ type: "max_steps", step: 2, key: "max_steps/2#0" }, { type: "max_steps", step: 2, key: "max_steps/2#0" }]).length; // 1
 */
export function uniqueEvents<E extends { key?: string }>(events: E[]): E[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    if (e.key === undefined) return true;
    if (seen.has(e.key)) return false;
    seen.add(e.key);
    return true;
  });
}
