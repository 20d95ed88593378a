import { afterAll, beforeAll } from "vitest";
import { createSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";

/** One small sandbox (one worker, no preloaded library) for a test file; call the result inside tests. */
export function testSandbox(): () => Sandbox {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await createSandbox({ workers: 1, packages: [] });
  }, 120_000);
  afterAll(async () => {
    await sandbox?.close();
  });
  return () => sandbox!;
}
