import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { RuntimeSnapshot } from "../../src/sandbox/runtime-snapshot.js";
import { readCachedSnapshot, snapshotCacheDir, writeCachedSnapshot } from "../../src/sandbox/snapshot-cache.js";
import { REALM_FINGERPRINT } from "./realm-fingerprint.js";

const scratch = mkdtempSync(join(tmpdir(), "toolforge-snapshot-cache-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let folders = 0;
const folder = () => join(scratch, `f${++folders}`);

function fakeSnapshot(bytes: number, fill: number): RuntimeSnapshot {
  const memory = new SharedArrayBuffer(bytes);
  new Uint8Array(memory).fill(fill);
  return { memory, runtimePointer: 1234, contextPointer: 5678, handles: { call: 42, "package:mathjs": 99 }, hostRefIds: [1, 2] };
}
const FP = "a".repeat(64);
const fileOf = (dir: string, fp = FP) => join(dir, `${fp}.snapshot`);

describe("snapshotCacheDir", () => {
  it("takes the option, else TOOLFORGE_SANDBOX_CACHE, else the XDG or home cache folder; false and 'off' turn it off", () => {
    expect(snapshotCacheDir("/x/cache", {})).toBe("/x/cache");
    expect(snapshotCacheDir(false, { TOOLFORGE_SANDBOX_CACHE: "/env" })).toBeUndefined();
    expect(snapshotCacheDir("off", {})).toBeUndefined();
    expect(snapshotCacheDir(undefined, { TOOLFORGE_SANDBOX_CACHE: "/env" })).toBe("/env");
    expect(snapshotCacheDir(undefined, { TOOLFORGE_SANDBOX_CACHE: "OFF" })).toBeUndefined();
    expect(snapshotCacheDir(undefined, { TOOLFORGE_SANDBOX_CACHE: "0" })).toBeUndefined();
    expect(snapshotCacheDir(undefined, { XDG_CACHE_HOME: "/xdg" })).toBe(join("/xdg", "toolforge", "sandbox"));
    expect(snapshotCacheDir(undefined, {})).toMatch(/[/\\]\.cache[/\\]toolforge[/\\]sandbox$/);
  });
});

describe("the start-up cache's files", () => {
  it("give back what was written: memory, pointers, handles and host function ids", async () => {
    const dir = folder();
    const written = fakeSnapshot(4096, 7);
    await writeCachedSnapshot(dir, FP, written);
    const read = await readCachedSnapshot(dir, FP);
    expect(read).toBeDefined();
    expect(read!.memory).toBeInstanceOf(SharedArrayBuffer);
    expect(Buffer.from(read!.memory)).toEqual(Buffer.from(written.memory));
    expect({ ...read!, memory: undefined }).toEqual({ ...written, memory: undefined });
    // Nothing else is left in the folder (no temporary file).
    expect(readdirSync(dir)).toEqual([`${FP}.snapshot`]);
  });

  it("are ignored when altered, truncated, named for another runtime, or missing", async () => {
    const dir = folder();
    await writeCachedSnapshot(dir, FP, fakeSnapshot(4096, 7));
    const good = readFileSync(fileOf(dir));
    expect(await readCachedSnapshot(dir, "b".repeat(64))).toBeUndefined();

    const altered = Buffer.from(good);
    altered[altered.length - 100] ^= 1;
    writeFileSync(fileOf(dir), altered);
    expect(await readCachedSnapshot(dir, FP)).toBeUndefined();

    writeFileSync(fileOf(dir), good.subarray(0, good.length - 1));
    expect(await readCachedSnapshot(dir, FP)).toBeUndefined();

    // A file renamed to another runtime's name: its header names the runtime it holds.
    writeFileSync(fileOf(dir, "c".repeat(64)), good);
    expect(await readCachedSnapshot(dir, "c".repeat(64))).toBeUndefined();

    writeFileSync(fileOf(dir), "not a snapshot");
    expect(await readCachedSnapshot(dir, FP)).toBeUndefined();
    writeFileSync(fileOf(dir), good);
    expect(await readCachedSnapshot(dir, FP)).toBeDefined();
  });

  it("are not read from a folder others can write to (POSIX permissions)", async () => {
    const dir = folder();
    await writeCachedSnapshot(dir, FP, fakeSnapshot(4096, 7));
    chmodSync(dir, 0o777);
    expect(await readCachedSnapshot(dir, FP)).toBeUndefined();
    chmodSync(dir, 0o700);
    expect(await readCachedSnapshot(dir, FP)).toBeDefined();
  });

  it("never throw when the folder cannot be made, and keep the folder to a few files without stale temporary ones", async () => {
    const blocker = join(scratch, "a-file");
    writeFileSync(blocker, "");
    await expect(writeCachedSnapshot(join(blocker, "cache"), FP, fakeSnapshot(64, 1))).resolves.toBeUndefined();

    const dir = folder();
    mkdirSync(dir, { mode: 0o700 });
    const stale = join(dir, `${FP}.snapshot.1.dead.tmp`);
    const fresh = join(dir, `${FP}.snapshot.2.live.tmp`);
    writeFileSync(stale, "x");
    writeFileSync(fresh, "x");
    const hourAgo = Date.now() / 1000 - 2 * 3600;
    utimesSync(stale, hourAgo, hourAgo);
    const names = Array.from({ length: 10 }, (_, i) => createHash("sha256").update(String(i)).digest("hex"));
    for (const [i, name] of names.entries()) {
      await writeCachedSnapshot(dir, name, fakeSnapshot(64, i));
      const t = Date.now() / 1000 - 100 + i;
      utimesSync(fileOf(dir, name), t, t);
    }
    const left = readdirSync(dir);
    expect(left.filter((n) => n.endsWith(".snapshot")).sort()).toEqual(names.slice(-6).map((n) => `${n}.snapshot`).sort());
    expect(existsSync(stale)).toBe(false);
    // A temporary file of a process that may still be writing stays.
    expect(existsSync(fresh)).toBe(true);
  });
});

const DIST_SANDBOX = pathToFileURL(resolve("dist/src/sandbox/index.js")).href;

/** A new Node process (`node --input-type=module -e`, as a user's one-liner) that starts a sandbox with `cacheDir` and fingerprints its realm. */
function newProcess(cacheDir: string): Promise<{ restored: boolean[]; fingerprint: string; sqrt: unknown }> {
  const script = `
    import { createHash } from "node:crypto";
    import { createSandbox } from ${JSON.stringify(DIST_SANDBOX)};
    const sb = await createSandbox({ workers: 1, memoryLimitMb: 256, maxResultBytes: 64 * 1024 * 1024, startupCache: ${JSON.stringify(cacheDir)} });
    const fp = await sb.runScript({ source: ${JSON.stringify(REALM_FINGERPRINT)}, packages: ["mathjs"], timeoutMs: 120000 });
    const sqrt = await sb.run({ code: "function f({ x }) { return math.sqrt(x); }", entry: "f", args: { x: 81 }, packages: ["mathjs"] });
    await sb.close();
    if (!fp.ok) throw new Error("fingerprint failed: " + JSON.stringify(fp.error));
    console.log(JSON.stringify({ restored: sb.startedFromSnapshot, fingerprint: createHash("sha256").update(fp.value.text).digest("hex"), sqrt: sqrt.ok ? sqrt.value : sqrt.error }));`;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", fail);
    child.on("close", (code) => (code === 0 ? done(JSON.parse(out.trim().split("\n").at(-1)!)) : fail(new Error(`child exited with ${code}: ${err}`))));
  });
}

describe("the start-up cache across processes", () => {
  it("lets a new process copy the runtime a first one built (same realm), and rebuilds over a damaged file", async () => {
    const dir = join(scratch, "processes");
    const first = await newProcess(dir);
    expect(first.restored).toEqual([false]);
    expect(first.sqrt).toBe(9);
    const files = readdirSync(dir).filter((n) => n.endsWith(".snapshot"));
    expect(files).toHaveLength(1);

    const second = await newProcess(dir);
    expect(second.restored).toEqual([true]);
    expect(second.sqrt).toBe(9);
    expect(second.fingerprint).toBe(first.fingerprint);

    // A damaged file is not restored: the runtime is built again and the file replaced by a good one.
    const file = join(dir, files[0]!);
    const damaged = readFileSync(file);
    damaged[damaged.length >> 1] ^= 0xff;
    writeFileSync(file, damaged);
    const third = await newProcess(dir);
    expect(third.restored).toEqual([false]);
    expect(third.fingerprint).toBe(first.fingerprint);
    const fourth = await newProcess(dir);
    expect(fourth.restored).toEqual([true]);
  }, 600_000);
});
