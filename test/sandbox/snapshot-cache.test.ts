import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import type { RuntimeSnapshot } from "../../src/sandbox/runtime-snapshot.js";
import { digestOfCode, readCachedSnapshot, snapshotCacheDir, snapshotFingerprint, writeCachedSnapshot } from "../../src/sandbox/snapshot-cache.js";

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
afterEach(() => vi.restoreAllMocks());

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

  it("reads every spelling of 'off' in the option and the variable, and keeps any other value", () => {
    for (const off of ["", " ", "0", "off", " Off ", "false", "FALSE", "no"]) {
      expect(snapshotCacheDir(off, {})).toBeUndefined();
      expect(snapshotCacheDir(undefined, { TOOLFORGE_SANDBOX_CACHE: off, XDG_CACHE_HOME: "/xdg" })).toBeUndefined();
    }
    expect(snapshotCacheDir("/opt", { TOOLFORGE_SANDBOX_CACHE: "off" })).toBe("/opt");
    expect(snapshotCacheDir(undefined, { TOOLFORGE_SANDBOX_CACHE: "/env", XDG_CACHE_HOME: "/xdg" })).toBe("/env");
    // An empty XDG_CACHE_HOME means "unset" (XDG base directory spec).
    expect(snapshotCacheDir(undefined, { XDG_CACHE_HOME: "" })).toMatch(/[/\\]\.cache[/\\]toolforge[/\\]sandbox$/);
  });
});

describe("snapshotFingerprint", () => {
  const limits = { memoryLimitMb: 64, stackLimitKb: 256, maxResultBytes: 65536, maxLogBytes: 8192, recycleAboveMb: 256, packages: ["mathjs"] };
  it("names a runtime by what is built into it: the same settings give the same name, other packages or result limits another", () => {
    const name = snapshotFingerprint(limits);
    expect(name).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshotFingerprint({ ...limits, memoryLimitMb: 256, stackLimitKb: 64 })).toBe(name);
    const others = [{ ...limits, packages: [] }, { ...limits, packages: ["nerdamer"] }, { ...limits, packages: ["mathjs", "nerdamer"] }, { ...limits, maxResultBytes: 1 }, { ...limits, maxLogBytes: 1 }].map(snapshotFingerprint);
    expect(new Set([name, ...others]).size).toBe(6);
    expect(others.every((o) => /^[0-9a-f]{64}$/.test(o))).toBe(true);
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

    // The header alone, cut before its end.
    writeFileSync(fileOf(dir), good.subarray(0, good.indexOf(0x0a, good.indexOf(0x0a) + 1)));
    expect(await readCachedSnapshot(dir, FP)).toBeUndefined();

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
    for (const mode of [0o720, 0o702, 0o770]) {
      chmodSync(dir, mode);
      expect(await readCachedSnapshot(dir, FP)).toBeUndefined();
    }
    // Readable by others is not writable by others.
    chmodSync(dir, 0o755);
    expect(await readCachedSnapshot(dir, FP)).toBeDefined();
    chmodSync(dir, 0o700);
    expect(await readCachedSnapshot(dir, FP)).toBeDefined();
  });

  it("are written only this user can read them, in folders made as deep as needed", async () => {
    const dir = join(folder(), "deeper", "still");
    await writeCachedSnapshot(dir, FP, fakeSnapshot(64, 3));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(fileOf(dir)).mode & 0o777).toBe(0o600);
    expect(await readCachedSnapshot(dir, FP)).toBeDefined();
  });

  it("leave no temporary file when the snapshot cannot be put in place", async () => {
    const dir = folder();
    // A non-empty folder where the file should go: the rename fails.
    mkdirSync(join(fileOf(dir), "x"), { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    await expect(writeCachedSnapshot(dir, FP, fakeSnapshot(64, 1))).resolves.toBeUndefined();
    expect(readdirSync(dir)).toEqual([`${FP}.snapshot`]);
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
    // Not the cache's: never removed, however old.
    const foreign = join(dir, "notes.txt");
    writeFileSync(foreign, "x");
    const hourAgo = Date.now() / 1000 - 2 * 3600;
    utimesSync(stale, hourAgo, hourAgo);
    utimesSync(foreign, hourAgo - 3600, hourAgo - 3600);
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
    expect(existsSync(foreign)).toBe(true);
  });

  it("are not read when their first line is not this format's (another version of it)", async () => {
    const dir = folder();
    await writeCachedSnapshot(dir, FP, fakeSnapshot(4096, 7));
    const good = readFileSync(fileOf(dir));
    const first = good.indexOf(0x0a);
    // Same length, otherwise intact: the header and the body's hash still match.
    const other = Buffer.concat([Buffer.from(good.toString("latin1", 0, first).replace(/\/1$/, "/2"), "latin1"), good.subarray(first)]);
    expect(other.length).toBe(good.length);
    writeFileSync(fileOf(dir), other);
    expect(await readCachedSnapshot(dir, FP)).toBeUndefined();
  });

  it("are not read from a folder another user owns, and are where there are no user ids (Windows)", async () => {
    const dir = folder();
    await writeCachedSnapshot(dir, FP, fakeSnapshot(64, 7));
    const me = statSync(dir).uid;
    vi.spyOn(process, "getuid").mockReturnValue(me + 1);
    expect(await readCachedSnapshot(dir, FP)).toBeUndefined();
    vi.spyOn(process, "getuid").mockReturnValue(undefined as unknown as number);
    expect(await readCachedSnapshot(dir, FP)).toBeDefined();
  });

  it("close every file they open", async () => {
    const open = () => readdirSync("/dev/fd").length;
    const dir = folder();
    await writeCachedSnapshot(dir, FP, fakeSnapshot(64, 1));
    const before = open();
    for (let i = 0; i < 8; i++) await writeCachedSnapshot(dir, FP, fakeSnapshot(64, i));
    // Other work of the process may open a file or two meanwhile, not eight.
    expect(open() - before).toBeLessThan(8);
  });
});

describe("digestOfCode", () => {
  function codeFolder(files: Record<string, string>): string {
    const dir = folder();
    mkdirSync(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }
  const base = { "a.ts": "a", "b.js": "b", "c.mjs": "c", "types.d.ts": "declare", "notes.md": "notes" };

  it("changes with any source file of the sandbox folder, not with declarations or other files", () => {
    const dir = codeFolder(base);
    const digest = digestOfCode(dir, []);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digestOfCode(dir, [])).toBe(digest);
    for (const name of ["a.ts", "b.js", "c.mjs"]) {
      expect(digestOfCode(codeFolder({ ...base, [name]: "edited" }), []), name).not.toBe(digest);
    }
    expect(digestOfCode(codeFolder({ ...base, "x.ts": "" }), []), "a new file").not.toBe(digest);
    expect(digestOfCode(codeFolder({ ...base, "types.d.ts": "edited" }), [])).toBe(digest);
    expect(digestOfCode(codeFolder({ ...base, "notes.md": "edited", "x.json": "{}" }), [])).toBe(digest);
  });

  it("changes with the files the runtime's packages resolve to (the wasm binary, its version)", () => {
    const dir = codeFolder(base);
    const wasm = join(codeFolder({ "quickjs.wasm": "binary" }), "quickjs.wasm");
    const resolved: string[] = [];
    const resolve = (spec: string) => (resolved.push(spec), wasm);
    const digest = digestOfCode(dir, ["the-wasm"], resolve);
    expect(resolved).toEqual(["the-wasm"]);
    expect(digest).not.toBe(digestOfCode(dir, []));
    writeFileSync(wasm, "another binary");
    expect(digestOfCode(dir, ["the-wasm"], resolve)).not.toBe(digest);
  });

  it("by default covers the QuickJS build and the sandbox's own files", () => {
    const resolved: string[] = [];
    const resolve = createRequire(import.meta.url).resolve;
    const digest = digestOfCode(undefined, undefined, (spec) => (resolved.push(spec), resolve(spec)));
    expect(resolved).toEqual(expect.arrayContaining(["@jitl/quickjs-wasmfile-release-sync/wasm", "@jitl/quickjs-wasmfile-release-sync/package.json"]));
    expect(digestOfCode()).toBe(digest);
    expect(digestOfCode(undefined, [])).not.toBe(digest);
  });
});
