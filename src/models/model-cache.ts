import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { BaseCache } from "@langchain/core/caches";
import { mapStoredMessageToChatMessage, type BaseMessage, type StoredMessage } from "@langchain/core/messages";
import type { Generation, ChatGeneration } from "@langchain/core/outputs";
import { openSqliteFile } from "../checkpoint/sqlite-file.js";

interface StoredGenerationEntry {
  text: string;
  generationInfo?: Record<string, unknown>;
  message?: StoredMessage;
}

/** One file of the `model-cache/` folder of earlier versions. */
interface LegacyCacheFile {
  format: "toolforge.model-cache";
  version: 1;
  generations: StoredGenerationEntry[];
}

/**
 * Options of {@link createModelCache}.
 *
 * @example
 * import { createModelCache, type ModelCacheOptions } from "toolforge";
 * const options: ModelCacheOptions = { file: "runs/r1/model-cache.sqlite" };
 * const cache = createModelCache(options);
 */
export interface ModelCacheOptions {
  /** SQLite file holding every response, one row per request. Omit for a memory-only cache. */
  file?: string;
  /**
   * Folder of the one-JSON-file-per-request cache that earlier versions wrote
   * (`runDir/model-cache/`): read, never written, when `file` has no entry;
   * an entry found there is copied into `file`.
   */
  legacyDir?: string;
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
 * A LangChain `BaseCache` of model responses: one SQLite store (`file`) that
 * survives `kill -9` (write-ahead log: an entry is in the file when `update`
 * resolves), or memory only. Keys are hashed, so what a key was made from
 * (which may include the model's client settings) is never written out.
 * Lookups return fresh objects: callers may mutate what they get without
 * corrupting the cache. With a file, entries are not also kept in memory, so
 * a long run's cache costs disk, not RSS.
 *
 * @example
 * import { createModelCache } from "toolforge";
 * const cache = createModelCache({ file: "runs/r1/model-cache.sqlite" });
 * await cache.update("prompt", "llm", [{ text: "hi" }]);
 * console.log((await cache.lookup("prompt", "llm"))?.[0].text, cache.stats); // "hi" { hits: 1, ... }
 * await cache.close();
 */
export class ModelCache extends BaseCache<Generation[]> {
  readonly file?: string;
  readonly legacyDir?: string;
  readonly stats = { hits: 0, misses: 0, writes: 0 };
  private readonly memory = new Map<string, StoredGenerationEntry[]>();
  private store?: Promise<ResponseTable>;

  constructor(options: ModelCacheOptions = {}) {
    super();
    this.file = options.file;
    this.legacyDir = options.legacyDir;
  }

  /** Content address of one (prompt, model settings) pair. */
  static keyOf(prompt: string, llmKey: string): string {
    return createHash("sha256").update(prompt).update("\u0000").update(llmKey).digest("hex");
  }

  async lookup(prompt: string, llmKey: string): Promise<Generation[] | null> {
    const key = ModelCache.keyOf(prompt, llmKey);
    const entries = this.file ? await this.read(key) : this.memory.get(key);
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
    const text = JSON.stringify(serialize(value));
    this.stats.writes++;
    if (this.file) (await this.table()).write(key, text);
    else this.memory.set(key, JSON.parse(text) as StoredGenerationEntry[]);
  }

  /** Closes the SQLite file (a later call opens it again). */
  async close(): Promise<void> {
    const store = this.store;
    this.store = undefined;
    (await store?.catch(() => undefined))?.close();
  }

  private table(): Promise<ResponseTable> {
    return (this.store ??= openResponseTable(this.file!));
  }

  private async read(key: string): Promise<StoredGenerationEntry[] | undefined> {
    const table = await this.table();
    const text = table.read(key);
    if (text !== undefined) return JSON.parse(text) as StoredGenerationEntry[];
    const legacy = this.legacyDir ? await readLegacyEntry(this.legacyDir, key) : undefined;
    if (legacy) table.write(key, JSON.stringify(legacy));
    return legacy;
  }
}

interface ResponseTable {
  read(key: string): string | undefined;
  write(key: string, generations: string): void;
  close(): void;
}

async function openResponseTable(file: string): Promise<ResponseTable> {
  const db = await openSqliteFile(file);
  db.exec("CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, generations TEXT NOT NULL)");
  const select = db.prepare<[string], { generations: string }>("SELECT generations FROM responses WHERE key = ?");
  const insert = db.prepare("INSERT OR REPLACE INTO responses (key, generations) VALUES (?, ?)");
  return {
    read: (key) => select.get(key)?.generations,
    write: (key, generations) => void insert.run(key, generations),
    close: () => db.close(),
  };
}

/** An entry of the one-file-per-request cache of earlier versions, if there. */
async function readLegacyEntry(dir: string, key: string): Promise<StoredGenerationEntry[] | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, `${key}.json`), "utf8");
  } catch {
    return undefined;
  }
  try {
    const file = JSON.parse(text) as LegacyCacheFile;
    return file.format === "toolforge.model-cache" && Array.isArray(file.generations) ? file.generations : undefined;
  } catch {
    // A file a user edited into invalid JSON: a miss.
    return undefined;
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
 * const cache = createModelCache({ file: "runs/r1/model-cache.sqlite" });
 * const model = createModel("ollama:llama3.1", { cache });
 */
export function createModelCache(options: ModelCacheOptions = {}): ModelCache {
  return new ModelCache(options);
}
