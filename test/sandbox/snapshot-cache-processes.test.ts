import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { REALM_FINGERPRINT } from "./realm-fingerprint.js";

// New processes run the built package (dist/, rebuilt by the global setup).
const scratch = mkdtempSync(join(tmpdir(), "toolforge-snapshot-cache-processes-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

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
