import type { BaseStore } from "@langchain/langgraph";
import { ToolforgeError } from "../errors.js";
import { Toolset } from "./toolset.js";
import type { ToolsetFile } from "./toolset-file.js";

/**
 * Where a stored toolset came from: free-form JSON, by convention the
 * training run (`runId`), the `step` that accepted it and its losses.
 *
 * @example
 * const p: ToolsetProvenance = { runId: "thread-1", step: 3, trainLoss: 0.2, source: "agent_training" };
 */
export interface ToolsetProvenance {
  runId?: string;
  step?: number;
  trainLoss?: number;
  validationLoss?: number;
  source?: string;
  [key: string]: unknown;
}

/**
 * One version of a named toolset in a {@link ToolsetStore}.
 *
 * @example
 * const { toolset, version, provenance } = (await store.latest("gsm8k"))!;
 */
export interface StoredToolset {
  name: string;
  version: number;
  toolset: Toolset;
  hash: string;
  provenance: ToolsetProvenance;
  createdAt: string;
}

/**
 * A store operation failed: a bad name, or stored data that is not a toolset
 * (`E_TOOLSET_STORE`); `context` names the namespace and key.
 *
 * @example
 * try { await store.latest("a.b"); } catch (e) { if (e instanceof ToolsetStoreError) console.log(e.message); }
 */
export class ToolsetStoreError extends ToolforgeError {}

const LATEST = "latest";
const versionKey = (version: number) => `v${String(version).padStart(6, "0")}`;

/**
 * Versioned toolsets in a LangGraph `BaseStore` (`InMemoryStore`, the
 * LangGraph server's store, Postgres…), so trained functions can be shared
 * across apps. Each name is a namespace `[...prefix, name]` holding one item
 * per version (`v000001`, …) and a `latest` pointer; `save` of a toolset
 * identical to the latest version returns that version instead of adding one
 * (a resumed run saves nothing twice). Everything read back is validated like
 * a toolset file.
 *
 * @example
 * import { InMemoryStore } from "@langchain/langgraph";
 * import { Toolset, ToolsetStore } from "toolforge";
 * const store = new ToolsetStore(new InMemoryStore());
 * await store.save("gsm8k", await Toolset.load("runs/demo/best.toolset.json"), { runId: "demo", step: 3 });
 * const latest = await store.latest("gsm8k"); // { version: 1, toolset, provenance: { runId: "demo", step: 3 }, … }
 */
export class ToolsetStore {
  readonly store: BaseStore;
  readonly prefix: readonly string[];

  constructor(store: BaseStore, options: { namespace?: readonly string[] } = {}) {
    this.store = store;
    this.prefix = options.namespace ?? ["toolforge", "toolsets"];
  }

  /**
   * Adds `toolset` as the next version of `name` (unless it equals the latest).
   *
   * @example
   * const { version } = await store.save("gsm8k", result.toolset, { runId: result.threadId });
   */
  async save(name: string, toolset: Toolset | ToolsetFile, provenance: ToolsetProvenance = {}): Promise<StoredToolset> {
    const set = toolset instanceof Toolset ? toolset : Toolset.fromJSON(toolset, { source: `toolset for store name "${name}"` });
    const latest = await this.latest(name);
    if (latest && latest.hash === set.hash) return latest;
    const version = (latest?.version ?? 0) + 1;
    const createdAt = new Date().toISOString();
    const namespace = this.namespace(name);
    await this.store.put(namespace, versionKey(version), { version, toolset: set.toJSON(), hash: set.hash, provenance, createdAt });
    await this.store.put(namespace, LATEST, { version });
    return { name, version, toolset: set, hash: set.hash, provenance, createdAt };
  }

  /**
   * The newest version of `name`, or `undefined` when there is none.
   *
   * @example
   * const agentTools = (await store.latest("gsm8k"))?.toolset.toTools({ sandbox });
   */
  async latest(name: string): Promise<StoredToolset | undefined> {
    const pointer = await this.store.get(this.namespace(name), LATEST);
    if (!pointer) return undefined;
    const version = pointer.value.version;
    if (!Number.isInteger(version) || version < 1) throw this.corrupt(name, LATEST, "the latest pointer has no version number");
    return this.get(name, version);
  }

  /**
   * One version of `name`, or `undefined`.
   *
   * @example
   * const first = await store.get("gsm8k", 1);
   */
  async get(name: string, version: number): Promise<StoredToolset | undefined> {
    const key = versionKey(version);
    const item = await this.store.get(this.namespace(name), key);
    if (!item) return undefined;
    const value = item.value as { version?: unknown; toolset?: unknown; provenance?: unknown; createdAt?: unknown };
    let toolset: Toolset;
    try {
      toolset = Toolset.fromJSON(value.toolset, { source: `store ${this.namespace(name).join("/")}/${key}` });
    } catch (error) {
      throw this.corrupt(name, key, (error as Error).message, error);
    }
    return { name, version, toolset, hash: toolset.hash, ...storedFacts(value) };
  }

  /**
   * Every version of `name`, oldest first (without loading the toolsets).
   *
   * @example
   * for (const v of await store.versions("gsm8k")) console.log(v.version, v.provenance.step);
   */
  async versions(name: string): Promise<Omit<StoredToolset, "toolset">[]> {
    const items = await this.store.search(this.namespace(name), { limit: 10_000 });
    return items
      .filter((item) => item.key !== LATEST)
      .map((item) => ({
        name,
        version: Number(item.value.version),
        hash: typeof item.value.hash === "string" ? item.value.hash : "",
        ...storedFacts(item.value),
      }))
      .sort((a, b) => a.version - b.version);
  }

  private namespace(name: string): string[] {
    // LangGraph namespace labels may not be empty or contain dots.
    if (typeof name !== "string" || name === "" || name.includes(".")) {
      throw new ToolsetStoreError("E_TOOLSET_STORE", `toolset store: name must be a non-empty string without dots, got ${JSON.stringify(name)}`, { name });
    }
    return [...this.prefix, name];
  }

  private corrupt(name: string, key: string, why: string, cause?: unknown): ToolsetStoreError {
    const where = `${[...this.prefix, name].join("/")}/${key}`;
    return new ToolsetStoreError("E_TOOLSET_STORE", `toolset store ${where}: ${why}`, { name, key }, cause === undefined ? undefined : { cause });
  }
}

/** Provenance and time of a stored version; what a foreign writer left out or mistyped reads as empty. */
function storedFacts(value: { provenance?: unknown; createdAt?: unknown }): Pick<StoredToolset, "provenance" | "createdAt"> {
  const { provenance, createdAt } = value;
  return {
    provenance: typeof provenance === "object" && provenance !== null && !Array.isArray(provenance) ? (provenance as ToolsetProvenance) : {},
    createdAt: typeof createdAt === "string" ? createdAt : "",
  };
}
