import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BaseCache } from "@langchain/core/caches";
import { mapStoredMessageToChatMessage, type BaseMessage, type StoredMessage } from "@langchain/core/messages";
import type { Generation, ChatGeneration } from "@langchain/core/outputs";

interface StoredGenerationEntry {
  text: string;
  generationInfo?: Record<string, unknown>;
  message?: StoredMessage;
}

interface CacheFile {
  format: "toolforge.model-cache";
  version: 1;
  generations: StoredGenerationEntry[];
}

/**
 * Options of {@link createModelCache}.
 *
 * @example
 * import { createModelCache, type ModelCacheOptions } from "toolforge";
 * const options: ModelCacheOptions = { dir: "runs/r1/model-cache" };
 * const cache = createModelCache(options);
 */
export interface ModelCacheOptions {
  /** Directory of JSON files (one per request). Omit for a memory-only cache. */
  dir?: string;
}

function serialize(generations: Generation[]): StoredGenerationEntry[] {
  return generations.map((g) => {
    const message = (g as ChatGeneration).message as BaseMessage | undefined;
    return {
      text: g.text,
      ...(g.generationInfo ? { generationInfo: g.generationInfo } : {}),
      ...(message ? { message: message.toDict() } : {}),
    };
  });
}

function deserialize(entries: StoredGenerationEntry[]): Generation[] {
  return entries.map((e) => ({
    text: e.text,
    ...(e.generationInfo ? { generationInfo: { ...e.generationInfo } } : {}),
    ...(e.message ? { message: mapStoredMessageToChatMessage(e.message) } : {}),
  }));
}

/**
 * A LangChain `BaseCache` of model responses, in memory and optionally on
 * disk (one JSON file per request, named by a SHA-256 of the request). Keys
 * are hashed, so what a key was made from (which may include the model's
 * client settings) is never written out. Lookups return fresh objects:
 * callers may mutate what they get without corrupting the cache.
 *
 * @example
 * import { createModelCache } from "toolforge";
 * const cache = createModelCache({ dir: "runs/r1/model-cache" });
 * await cache.update("prompt", "llm", [{ text: "hi" }]);
 * console.log((await cache.lookup("prompt", "llm"))?.[0].text, cache.stats); // "hi" { hits: 1, ... }
 */
export class ModelCache extends BaseCache<Generation[]> {
  readonly dir?: string;
  readonly stats = { hits: 0, misses: 0, writes: 0 };
  private readonly memory = new Map<string, StoredGenerationEntry[]>();
  private dirReady?: Promise<unknown>;

  constructor(options: ModelCacheOptions = {}) {
    super();
    this.dir = options.dir;
  }

  /** Content address of one (prompt, model settings) pair. */
  static keyOf(prompt: string, llmKey: string): string {
    return createHash("sha256").update(prompt).update("\u0000").update(llmKey).digest("hex");
  }

  async lookup(prompt: string, llmKey: string): Promise<Generation[] | null> {
    const key = ModelCache.keyOf(prompt, llmKey);
    let entries = this.memory.get(key);
    if (!entries && this.dir) {
      entries = await this.readFile(key);
      if (entries) this.memory.set(key, entries);
    }
    if (!entries) {
      this.stats.misses++;
      return null;
    }
    this.stats.hits++;
    return deserialize(entries);
  }

  async update(prompt: string, llmKey: string, value: Generation[]): Promise<void> {
    const key = ModelCache.keyOf(prompt, llmKey);
    // A JSON round trip both validates and detaches the entry from live objects.
    const entries = JSON.parse(JSON.stringify(serialize(value))) as StoredGenerationEntry[];
    this.memory.set(key, entries);
    this.stats.writes++;
    if (this.dir) await this.writeFile(key, entries);
  }

  private async readFile(key: string): Promise<StoredGenerationEntry[] | undefined> {
    let text: string;
    try {
      text = await readFile(join(this.dir!, `${key}.json`), "utf8");
    } catch {
      return undefined;
    }
    try {
      const file = JSON.parse(text) as CacheFile;
      return file.format === "toolforge.model-cache" && Array.isArray(file.generations) ? file.generations : undefined;
    } catch {
      // A torn file (crash mid-write before rename is impossible, but a user
      // may edit files): treat as a miss and let the next update rewrite it.
      return undefined;
    }
  }

  private async writeFile(key: string, generations: StoredGenerationEntry[]): Promise<void> {
    this.dirReady ??= mkdir(this.dir!, { recursive: true });
    await this.dirReady;
    const file: CacheFile = { format: "toolforge.model-cache", version: 1, generations };
    const target = join(this.dir!, `${key}.json`);
    const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, JSON.stringify(file, null, 2));
    await rename(tmp, target);
  }
}

/**
 * Creates a {@link ModelCache}. Pass it as `cache` to `createModel` so that a
 * resumed training run re-issues no model call it already completed: keys
 * cover the model identity (base URL, model, temperature, seed, tools...) and
 * the exact request messages; cached answers keep `tool_calls` and
 * `usage_metadata`.
 *
 * @example
 * import { createModel, createModelCache } from "toolforge";
 * const cache = createModelCache({ dir: "runs/r1/model-cache" });
 * const model = createModel("ollama:llama3.1", { cache });
 */
export function createModelCache(options: ModelCacheOptions = {}): ModelCache {
  return new ModelCache(options);
}
