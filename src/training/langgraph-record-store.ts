import type { BaseStore } from "@langchain/langgraph";
import type { ExecutionRecord } from "../evaluation/types.js";
import { evaluationKey, type EvaluationRef, type ExecutionRecordStore } from "./record-store.js";

/**
 * Execution records in a LangGraph `BaseStore` (the store a LangGraph server
 * gives every run, or your own `InMemoryStore` / `PostgresStore`), under
 * `["toolforge", "records", <thread>, "<phase>-<step>-<toolset hash>"]`, one
 * item per task keyed by its index. The training graph uses it when it runs
 * with a store, so a served run resumes after a server restart; with a
 * `postgres://` checkpointer, `createCheckpointer` opens one on a
 * `PostgresStore` in the same database, so another machine can resume the run.
 * Characters outside `[A-Za-z0-9-]` in a thread id are written as `~xxxx`
 * (UTF-16 code unit in hex): `PostgresStore` refuses `.`, `_`, `%` and `\` in
 * namespace labels and joins them with `:`.
 *
 * @example
 * import { InMemoryStore } from "@langchain/langgraph";
 * import { LangGraphRecordStore } from "toolforge";
 * const records = new LangGraphRecordStore(new InMemoryStore());
 */
export class LangGraphRecordStore implements ExecutionRecordStore {
  constructor(readonly store: BaseStore) {}

  static namespace(ref: EvaluationRef): string[] {
    return ["toolforge", "records", ref.thread ? safeLabel(ref.thread) : "-", evaluationKey(ref)];
  }

  async put(ref: EvaluationRef, index: number, record: ExecutionRecord): Promise<void> {
    await this.store.put(LangGraphRecordStore.namespace(ref), String(index), { record }, false);
  }

  async get(ref: EvaluationRef): Promise<Map<number, ExecutionRecord>> {
    const namespace = LangGraphRecordStore.namespace(ref);
    const out = new Map<number, ExecutionRecord>();
    // Pages, since a store may cap one search; records of one evaluation only.
    for (let offset = 0; ; ) {
      const items = await this.store.search(namespace, { limit: 1000, offset });
      for (const item of items) {
        if (item.namespace.length === namespace.length) out.set(Number(item.key), (item.value as { record: ExecutionRecord }).record);
      }
      if (items.length < 1000) return out;
      offset += items.length;
    }
  }
}

/** An injective spelling of `text` that every `BaseStore` accepts as a namespace label. */
function safeLabel(text: string): string {
  return text.replace(/[^A-Za-z0-9-]/g, (c) => `~${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
