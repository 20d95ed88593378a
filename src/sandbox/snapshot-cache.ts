/**
 * The sandbox start-up cache: snapshots of freshly built runtimes
 * (runtime-snapshot.ts) kept on disk, so the first sandbox of a process —
 * every CLI command, script and notebook kernel — copies a runtime in
 * milliseconds instead of building one in ~2.5 s of CPU.
 *
 * A file is only ever a snapshot this machine's toolforge took of a runtime
 * that had served no call. It is named by a fingerprint of everything that
 * shapes the runtime (the QuickJS wasm binary and its wrapper's version, the
 * library bundles, the sandbox's own code, the limits a snapshot depends on),
 * so an upgrade or an edit never restores a stale copy; its content carries
 * a SHA-256 checked on every read, so a truncated or altered file is ignored
 * (and rewritten), never restored. Writes are atomic (a temporary file
 * renamed into place). The cache is an optimisation only: every failure to
 * read or write it falls back to building, silently.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync, unlinkSync } from "node:fs";
import { open, readFile, rename, unlink } from "node:fs/promises";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { librarySourcePath } from "./library-sources.js";
import type { AllowedPackage } from "./libraries.js";
import type { RuntimeLimits } from "./protocol.js";
import { snapshotKey, type RuntimeSnapshot } from "./runtime-snapshot.js";

const MAGIC = "toolforge-sandbox-snapshot/1\n";
/** Files kept in the cache folder; the least recently written go first. */
const MAX_FILES = 6;
/** A temporary file older than this was left by a killed process. */
const STALE_TMP_MS = 60 * 60 * 1000;
const DISABLED = new Set(["", "0", "off", "false", "no"]);

/**
 * The folder of the start-up cache: `option` when given (`false` turns the
 * cache off), else the `TOOLFORGE_SANDBOX_CACHE` environment variable (a
 * folder, or `off`), else `$XDG_CACHE_HOME/toolforge/sandbox` or
 * `~/.cache/toolforge/sandbox`. `undefined` means: no cache.
 *
 * @example
 * import { snapshotCacheDir } from "./snapshot-cache.js";
 * snapshotCacheDir("/tmp/tf-cache"); // "/tmp/tf-cache"
 * snapshotCacheDir(false); // undefined
 */
export function snapshotCacheDir(option?: string | false, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (option === false) return undefined;
  if (typeof option === "string") return DISABLED.has(option.trim().toLowerCase()) ? undefined : option;
  const fromEnv = env.TOOLFORGE_SANDBOX_CACHE;
  if (fromEnv !== undefined) return DISABLED.has(fromEnv.trim().toLowerCase()) ? undefined : fromEnv;
  const base = env.XDG_CACHE_HOME || (homedir() ? join(homedir(), ".cache") : undefined);
  return base ? join(base, "toolforge", "sandbox") : undefined;
}

/** The packages the runtime is built from: the QuickJS wasm binary, its version, the wrapper's code. */
const RUNTIME_MODULES = ["@jitl/quickjs-wasmfile-release-sync/wasm", "@jitl/quickjs-wasmfile-release-sync/package.json", "quickjs-emscripten-core"];
// The sandbox folder (sources under tsx, compiled JavaScript in dist/): the
// bootstrap, the hardening and the build order all live here.
const SANDBOX_FOLDER = dirname(fileURLToPath(import.meta.url));
let codeDigest: string | undefined;

/**
 * Hash of what every runtime is built from: the files `modules` resolve to
 * and the source files (JavaScript or TypeScript, not declarations) of
 * `folder`, each with its name.
 *
 * @example
 * digestOfCode(); // the digest of this installation, 64 hex digits
 */
export function digestOfCode(folder = SANDBOX_FOLDER, modules: readonly string[] = RUNTIME_MODULES, resolve: (spec: string) => string = createRequire(import.meta.url).resolve): string {
  const hash = createHash("sha256").update(MAGIC);
  for (const spec of modules) hash.update(spec).update(readFileSync(resolve(spec)));
  for (const name of readdirSync(folder).filter((n) => /\.(js|ts|mjs)$/.test(n) && !n.endsWith(".d.ts")).sort()) {
    hash.update(name).update(readFileSync(join(folder, name)));
  }
  return hash.digest("hex");
}

/** Per process: the files hashed do not change while it runs. */
const fingerprints = new Map<string, string>();

/**
 * Names the snapshot of a runtime built with `limits`: the same name means
 * the same runtime, byte for byte.
 *
 * @example
 * const name = snapshotFingerprint({ ...limits, packages: ["mathjs"] }); // 64 hex digits
 */
export function snapshotFingerprint(limits: RuntimeLimits): string {
  const key = snapshotKey(limits);
  const known = fingerprints.get(key);
  if (known !== undefined) return known;
  const hash = createHash("sha256").update((codeDigest ??= digestOfCode())).update(key);
  for (const name of limits.packages) hash.update(name).update(readFileSync(librarySourcePath(name as AllowedPackage)));
  const fingerprint = hash.digest("hex");
  fingerprints.set(key, fingerprint);
  return fingerprint;
}

interface Header {
  fingerprint: string;
  bytes: number;
  sha256: string;
  runtimePointer: number;
  contextPointer: number;
  handles: Record<string, number>;
  hostRefIds: number[];
}

const fileOf = (dir: string, fingerprint: string) => join(dir, `${fingerprint}.snapshot`);

/**
 * Reads the snapshot named `fingerprint` from `dir`; `undefined` when there
 * is none or it is not intact (wrong name inside, wrong size, wrong hash).
 *
 * @example
 * const snapshot = await readCachedSnapshot(dir, snapshotFingerprint(limits));
 */
export async function readCachedSnapshot(dir: string, fingerprint: string): Promise<RuntimeSnapshot | undefined> {
  if (!privateFolder(dir)) return undefined;
  let data: Buffer;
  try {
    data = await readFile(fileOf(dir, fingerprint));
  } catch {
    return undefined;
  }
  try {
    if (data.toString("latin1", 0, MAGIC.length) !== MAGIC) return undefined;
    // No end of header (-1): the header read is empty, and JSON.parse throws.
    const headerEnd = data.indexOf(0x0a, MAGIC.length);
    const header = JSON.parse(data.toString("utf8", MAGIC.length, headerEnd)) as Header;
    const body = data.subarray(headerEnd + 1);
    if (header.fingerprint !== fingerprint) return undefined;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a body of another size also fails the SHA-256 check below; this only spares hashing it
    if (body.length !== header.bytes) return undefined;
    if (createHash("sha256").update(body).digest("hex") !== header.sha256) return undefined;
    const memory = new SharedArrayBuffer(body.length);
    new Uint8Array(memory).set(body);
    return { memory, runtimePointer: header.runtimePointer, contextPointer: header.contextPointer, handles: header.handles, hostRefIds: header.hostRefIds };
  } catch {
    // A header that is not JSON: not a snapshot.
  }
  return undefined;
}

/**
 * Stores `snapshot` under `fingerprint` in `dir` (created if missing),
 * atomically, keeping the folder to a few files. Never throws: a cache that
 * cannot be written is only slower.
 *
 * @example
 * await writeCachedSnapshot(dir, snapshotFingerprint(limits), snapshot);
 */
export async function writeCachedSnapshot(dir: string, fingerprint: string, snapshot: RuntimeSnapshot): Promise<void> {
  const target = fileOf(dir, fingerprint);
  const tmp = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const body = new Uint8Array(snapshot.memory);
    const header: Header = {
      fingerprint,
      bytes: body.length,
      sha256: createHash("sha256").update(body).digest("hex"),
      runtimePointer: snapshot.runtimePointer,
      contextPointer: snapshot.contextPointer,
      handles: snapshot.handles,
      hostRefIds: snapshot.hostRefIds,
    };
    const file = await open(tmp, "wx", 0o600);
    try {
      await file.writeFile(`${MAGIC}${JSON.stringify(header)}\n`);
      await file.writeFile(body);
    } finally {
      await file.close();
    }
    await rename(tmp, target);
    prune(dir);
  } catch {
    await unlink(tmp).catch(() => {});
  }
}

/**
 * Only a folder this user owns and nobody else can write to is trusted: a
 * snapshot is restored as a runtime, so whoever can write one controls it.
 */
function privateFolder(dir: string): boolean {
  try {
    const stat = statSync(dir);
    const uid = process.getuid?.();
    return stat.isDirectory() && (uid === undefined || (stat.uid === uid && (stat.mode & 0o022) === 0));
  } catch {
    // Stryker disable next-line BooleanLiteral: a folder that cannot be stat'ed cannot be read from either
    return false;
  }
}

/** Drops the oldest snapshots beyond MAX_FILES and temporary files a killed process left. */
function prune(dir: string): void {
  const now = Date.now();
  const snapshots: { path: string; mtime: number }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    try {
      const { mtimeMs } = statSync(path);
      // Stryker disable next-line EqualityOperator: the age of a file is never exactly STALE_TMP_MS to the millisecond when pruned
      if (name.endsWith(".tmp") && now - mtimeMs > STALE_TMP_MS) unlinkSync(path);
      else if (name.endsWith(".snapshot")) snapshots.push({ path, mtime: mtimeMs });
    } catch {
      // Removed meanwhile by another process.
    }
  }
  snapshots.sort((a, b) => b.mtime - a.mtime);
  for (const { path } of snapshots.slice(MAX_FILES)) {
    try {
      unlinkSync(path);
    } catch {
      // Same.
    }
  }
}
