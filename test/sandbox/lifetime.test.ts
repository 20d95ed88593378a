import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createSandbox, SandboxError } from "../../src/sandbox/index.js";

const fixture = fileURLToPath(new URL("./fixtures/unclosed-sandbox.ts", import.meta.url));

/** Runs the fixture in a child node; resolves when it exits by itself (the test's own timeout is the only clock). */
function runChild(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", fixture], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("sandbox lifetime", () => {
  it("an idle, unclosed sandbox does not keep its process alive", async () => {
    const { code, stdout, stderr } = await runChild();
    expect(stderr).toBe("");
    expect(stdout.trim()).toBe("[5,10,20,30]");
    expect(code).toBe(0);
  });

  it("closes itself at the end of an await using block", async () => {
    let escaped: Awaited<ReturnType<typeof createSandbox>> | undefined;
    {
      await using sandbox = await createSandbox({ workers: 1, packages: [] });
      escaped = sandbox;
      const r = await sandbox.runScript({ source: "6 * 7" });
      expect(r.ok && r.value).toBe(42);
    }
    await expect(escaped!.runScript({ source: "1" })).rejects.toBeInstanceOf(SandboxError);
  });
});
