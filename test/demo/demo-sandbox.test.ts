import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { printerFor } from "../../src/cli/command-context.js";
import { memoryIO } from "../cli/memory-io.js";
import { sandboxesOpened } from "../helpers/count-sandboxes.js";

// Each sandbox is a worker pool that preloads mathjs: the demo should open one.
vi.mock("../../src/sandbox/index.js", async (original) => (await import("../helpers/count-sandboxes.js")).countSandboxes(await original()));

describe("toolforge demo start-up", () => {
  it("opens one sandbox for training and the held-out question", async () => {
    const { runDemo } = await import("../../src/demo/run-demo.js");
    const io = memoryIO();
    const result = await runDemo({ runDir: join(mkdtempSync(join(tmpdir(), "tf-demo-sandbox-")), "run"), printer: printerFor(io, { quiet: true }) });
    expect(result.heldOut?.correct).toBe(true);
    expect(sandboxesOpened.count).toBe(1);
  });
});
