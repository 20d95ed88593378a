import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScriptedServer } from "../../src/testing/index.js";
import type { ScriptedServer } from "../../src/testing/types.js";
import { RUN_LOCK_FILE } from "../../src/training/index.js";
import { runTsChild, type ChildResult } from "../helpers/run-ts-child.js";
import { tempDirs } from "../helpers/temp-dirs.js";
import { KILL_KINDS, respondKillRun, type KillKind } from "./fixtures/kill-run.js";

// The kill -9 suite: a training child SIGKILLs itself at a point counted in
// its own execution (Nth model request, checkpoint write, temp-file rename,
// event line...), never at a time; the same command then resumes it, and the
// result must equal an uninterrupted run's.
const CHILD = join(import.meta.dirname, "fixtures", "kill-child.ts");

interface ChildOutput {
  hash: string;
  functions: unknown[];
  steps: unknown[];
  stopReason: string;
  bestTrainLoss: number;
  counts: Record<KillKind, number>;
}

/** A kill point: a kind and where among the clean run's points of that kind (a fraction, or "last"). */
interface KillPoint {
  kind: KillKind;
  at: number | "last";
}

/** Kill points of one scenario: the first kills the first run, the next one kills the resumed run, ... */
const SCENARIOS: KillPoint[][] = [
  [{ kind: "request", at: 0.5 }],
  [{ kind: "response", at: "last" }],
  [{ kind: "put", at: 0 }],
  [{ kind: "put", at: "last" }],
  [{ kind: "writes", at: 0.35 }],
  // Killed after a node finished and its writes were saved, before its checkpoint.
  [{ kind: "fanout", at: 0 }],
  [{ kind: "fanout", at: "last" }],
  [{ kind: "rename", at: 0 }],
  [{ kind: "rename", at: 0.6 }],
  [{ kind: "event", at: 0.5 }],
  // A double kill: the resumed run is killed again before it finishes.
  [{ kind: "writes", at: 0.2 }, { kind: "rename", at: 0.4 }],
];

const label = (points: KillPoint[]) => points.map((p) => `${p.kind}@${p.at}`).join(" then ");

/** Every file under `dir`, relative. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

/** Idempotency keys of every line of events.jsonl, in order, duplicates included. */
function eventKeys(runDir: string): string[] {
  return readFileSync(join(runDir, "events.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => (JSON.parse(l) as { key: string }).key);
}

describe("kill -9 at deterministic points of a training run, then resume", () => {
  let server: ScriptedServer;
  let clean: ChildOutput;
  let cleanKeys: string[];
  const newDir = tempDirs("toolforge-kill-");
  const run = (runDir: string, killAt?: string): Promise<ChildResult> =>
    runTsChild(CHILD, { BASE_URL: server.baseURL, RUN_DIR: runDir, ...(killAt ? { KILL_AT: killAt } : {}) });
  const output = (child: ChildResult): ChildOutput => JSON.parse(child.stdout.trim().split("\n").at(-1)!) as ChildOutput;

  beforeAll(async () => {
    server = await startScriptedServer({ respond: respondKillRun });
  });
  afterAll(async () => {
    await server?.close();
  });

  // The reference: an uninterrupted run, which also counts each kind of kill point.
  beforeAll(async () => {
    const runDir = newDir();
    const child = await run(runDir);
    expect(child.code, child.stderr).toBe(0);
    clean = output(child);
    cleanKeys = eventKeys(runDir);
  });

  it("the uninterrupted run rolls back, accepts after a rejected call, and ends unchanged", () => {
    expect(clean.stopReason).toBe("max_steps");
    const steps = clean.steps as { step: number; accepted: boolean; trainLoss: number; rejected: unknown[]; unchanged?: boolean }[];
    expect(steps.map((s) => [s.step, s.accepted, s.trainLoss])).toEqual([
      [0, true, 1],
      [1, false, 1],
      [2, true, 0],
      [3, false, 0],
    ]);
    expect(steps[2]!.rejected).toHaveLength(1);
    expect(steps[3]!.unchanged).toBe(true);
    expect(new Set(cleanKeys).size).toBe(cleanKeys.length);
    for (const kind of KILL_KINDS) expect(clean.counts[kind], kind).toBeGreaterThan(2);
  });

  it.each(SCENARIOS.map((points) => [label(points), points] as const))(
    "kill at %s: resumes to the same toolset, decisions and losses, no temp files, no duplicate events",
    // Scenarios are independent (own directory, pure server), so they run side by side.
    { timeout: 900_000, concurrent: true },
    async (_name, points) => {
      const runDir = newDir();
      for (const [i, point] of points.entries()) {
        // The first kill is placed among the clean run's points; later ones count in the resumed process.
        const total = i === 0 ? clean.counts[point.kind] : 4;
        const n = point.at === "last" ? total : Math.max(1, Math.round(point.at * total));
        const killed = await run(runDir, `${point.kind}:${n}`);
        expect(killed.signal, `${point.kind}:${n} was not reached\n${killed.stderr}`).toBe("SIGKILL");
      }
      const resumed = await run(runDir);
      expect(resumed.code, resumed.stderr).toBe(0);
      const out = output(resumed);
      expect(out.hash).toBe(clean.hash);
      expect(out.functions).toEqual(clean.functions);
      expect(out.steps).toEqual(clean.steps);
      expect(out.stopReason).toBe(clean.stopReason);
      expect(out.bestTrainLoss).toBe(clean.bestTrainLoss);

      const files = filesUnder(runDir);
      expect(files.filter((f) => f.endsWith(".tmp"))).toEqual([]);
      expect(files).not.toContain(RUN_LOCK_FILE);
      const keys = eventKeys(runDir);
      expect(keys.length - new Set(keys).size, "duplicate event lines").toBe(0);
      expect([...keys].sort()).toEqual([...cleanKeys].sort());
    },
  );
});
