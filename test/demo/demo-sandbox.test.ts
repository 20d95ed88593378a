import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { printerFor } from "../../src/cli/command-context.js";
import { memoryIO } from "../cli/memory-io.js";

// Count the sandboxes the demo opens: each one is a worker pool that preloads mathjs.
const opened = vi.hoisted(() => ({ count: 0 }));
vi.mock("../../src/sandbox/index.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/sandbox/index.js")>();
  return {
    ...original,
    createSandbox: (...args: Parameters<typeof original.createSandbox>) => {
      opened.count++;
      return original.createSandbox(...args);
    },
  };
});

describe("toolforge demo start-up", () => {
  it("opens one sandbox for training and the held-out question", async () => {
    const { runDemo } = await import("../../src/demo/run-demo.js");
    const io = memoryIO();
    const result = await runDemo({ runDir: join(mkdtempSync(join(tmpdir(), "tf-demo-sandbox-")), "run"), printer: printerFor(io, { quiet: true }) });
    expect(result.heldOut?.correct).toBe(true);
    expect(opened.count).toBe(1);
  });
});
