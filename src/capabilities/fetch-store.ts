import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../functions/atomic-write.js";
import type { FetchResponse } from "./safe-fetch.js";

/**
 * Recorded `fetch` responses of a run, one JSON file per request under
 * `<runDir>/capabilities/fetch/`, keyed by a hash of method, URL, headers,
 * body and body encoding. A resumed or re-scored run replays them instead of
 * fetching again, so its learned functions see the same web.
 *
 * @example
 * import { FetchStore } from "toolforge";
 * const store = new FetchStore("runs/gaia");
 * const hit = await store.get({ method: "GET", url: "https://x.org/", headers: {} });
 */
export class FetchStore {
  private readonly dir: string;
  constructor(runDir: string) {
    this.dir = join(runDir, "capabilities", "fetch");
  }

  /** The recorded response to this request, if any. */
  async get(key: FetchKey): Promise<FetchResponse | undefined> {
    try {
      const saved = JSON.parse(await readFile(this.file(key), "utf8")) as { response: FetchResponse };
      return saved.response;
    } catch {
      return undefined;
    }
  }

  /** Records a response (atomically: a crash never leaves half a file). */
  async put(key: FetchKey, response: FetchResponse): Promise<void> {
    await writeFileAtomic(this.file(key), JSON.stringify({ request: key, response }));
  }

  private file(key: FetchKey): string {
    return join(this.dir, `${createHash("sha256").update(JSON.stringify([key.method, key.url, sorted(key.headers), key.body ?? null, key.as ?? null])).digest("hex")}.json`);
  }
}

/**
 * What identifies a recorded request.
 *
 * @example
 * const key: import("toolforge").FetchKey = { method: "GET", url: "https://x.org/", headers: {} };
 */
export interface FetchKey {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  as?: string;
}

function sorted(headers: Record<string, string>): [string, string][] {
  return Object.entries(headers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
